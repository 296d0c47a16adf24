"""The training page's data and figures, from a checkpoint's config.json ``history``: per epoch
the train/valid loss, the validation metrics and the attention of fixed probe sentences.
Pure: no Streamlit. A malformed record is left out, never trusted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from explorer.catalog import number
from explorer.figures.matrix import matrix_figure
from explorer.figures.plain import Fig
from explorer.figures.style import HIGHLIGHT, LEGEND_ON_TOP, layout, token_html, token_text
from explorer.strings import tr

TRAIN, VALID = "#0072B2", "#E69F00"
EOS = "<eos>"


def _tokens(value) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(t, str) for t in value):
        return value
    return None


def _probe(p) -> dict | None:
    """A probe record with its attention as an array (None for the baseline), or None."""
    if not isinstance(p, dict) or not isinstance(p.get("source"), str):
        return None
    src, out = _tokens(p.get("source_tokens")), _tokens(p.get("output_tokens"))
    if src is None or out is None:
        return None
    attention = p.get("attention")
    if attention is not None:
        try:
            attention = np.asarray(attention, dtype=float)
        except (TypeError, ValueError):
            return None
        if attention.ndim != 2 or attention.shape[1] != len(src) or not attention.size:
            return None
    return {
        "source": p["source"],
        "source_tokens": src,
        "output_tokens": out,
        "attention": attention,
    }


def records(config: dict | None) -> list[dict]:
    """The epochs recorded in ``config["history"]``, in order, cleaned."""
    history = (config or {}).get("history")
    found = []
    for r in history if isinstance(history, list) else []:
        if not isinstance(r, dict) or not isinstance(r.get("epoch"), int):
            continue
        valid = r.get("valid") if isinstance(r.get("valid"), dict) else {}
        probes = r.get("probes") if isinstance(r.get("probes"), list) else []
        found.append(
            {
                "epoch": r["epoch"],
                "train_loss": number(r.get("train_loss")),
                "valid_loss": number(r.get("valid_loss")),
                "bleu": number(valid.get("bleu")),
                "exact_match": number(valid.get("exact_match")),
                "probes": [_probe(p) for p in probes],
            }
        )
    return sorted(found, key=lambda r: r["epoch"])


def snapshots(config: dict | None) -> list[dict]:
    """Where the probe attention was recorded, in order: {"epoch": number, "probes": [...]}.

    Newer checkpoints record it before training (epoch 0), at tenths of the first epoch and
    after every epoch (``config["probe_snapshots"]``); older ones after every epoch only.
    """
    raw = (config or {}).get("probe_snapshots")
    if not isinstance(raw, list) or not raw:
        return [{"epoch": r["epoch"], "probes": r["probes"]} for r in records(config)]
    found = []
    for r in raw:
        epoch = r.get("epoch") if isinstance(r, dict) else None
        if isinstance(epoch, (int, float)) and isinstance(r.get("probes"), list):
            found.append({"epoch": float(epoch), "probes": [_probe(p) for p in r["probes"]]})
    return sorted(found, key=lambda r: r["epoch"])


def epoch_label(epoch: float) -> str:
    """0, 0.3, 1, 2 ...: whole epochs without a decimal point."""
    return f"{epoch:g}" if float(epoch).is_integer() else f"{epoch:.1f}"


def history_index(history: list[dict], epoch: float) -> int:
    """The last whole epoch at or before ``epoch`` (0 before the first one ends)."""
    done = [i for i, r in enumerate(history) if r["epoch"] <= epoch]
    return done[-1] if done else 0


def probe_sources(history: list[dict]) -> list[str]:
    """The probe sentences, from the last epoch that has them."""
    for r in reversed(history):
        sources = [p["source"] for p in r["probes"] if p is not None]
        if sources:
            return sources
    return []


def probe_at(history: list[dict], epoch_index: int, source: str) -> dict | None:
    return next((p for p in history[epoch_index]["probes"] if p and p["source"] == source), None)


def output_labels(probe: dict) -> list[str]:
    """One label per attention row: the output tokens, then <eos> for the final step."""
    rows = probe["attention"].shape[0]
    out = probe["output_tokens"][:rows]
    return [token_html(t) for t in out] + [token_html(EOS)] * (rows - len(out))


def probe_figure(probe: dict, lang: str) -> Fig:
    """The probe's attention at one epoch: rows are output steps, columns source tokens."""
    fig = matrix_figure(
        probe["attention"],
        output_labels(probe),
        lang,
        col_labels=[token_html(t) for t in probe["source_tokens"]],
        col_title=tr("axis_source", lang),
        row_title=tr("axis_output", lang),
        scale="weights",
        colorbar=tr("colorbar_weight", lang),
        height=max(240, 90 + 24 * probe["attention"].shape[0]),
    )
    fig.update_xaxes(side="top")
    return fig


def loss_figure(history: list[dict], epoch_index: int, lang: str) -> go.Figure:
    """Train and validation loss per epoch; the chosen epoch marked."""
    fig = go.Figure()
    epochs = [r["epoch"] for r in history]
    for key, colour, dash in (("train_loss", TRAIN, "solid"), ("valid_loss", VALID, "dash")):
        fig.add_trace(
            go.Scatter(
                x=epochs,
                y=[r[key] for r in history],
                mode="lines+markers",
                name=tr(f"training_{key}", lang),
                line=dict(color=colour, dash=dash, width=3),
                hovertemplate=f"{tr('training_epoch', lang)} %{{x}}: %{{y:.4f}}<extra></extra>",
            )
        )
    if history:
        fig.add_vline(x=history[epoch_index]["epoch"], line=dict(color=HIGHLIGHT, width=2))
    fig.update_xaxes(title=dict(text=tr("training_epoch", lang)), dtick=1)
    fig.update_yaxes(title=dict(text=tr("training_loss", lang)), rangemode="tozero")
    return layout(fig, 300, legend=LEGEND_ON_TOP)


def history_table(history: list[dict], lang: str) -> pd.DataFrame:
    """The loss figure's numbers and the validation metric of every epoch."""
    data = {
        tr("training_epoch", lang): [r["epoch"] for r in history],
        tr("training_train_loss", lang): [r["train_loss"] for r in history],
        tr("training_valid_loss", lang): [r["valid_loss"] for r in history],
    }
    if any(r["bleu"] is not None for r in history):
        data[tr("training_valid_bleu", lang)] = [r["bleu"] for r in history]
    if any(r["exact_match"] is not None for r in history):
        data[tr("training_valid_exact", lang)] = [r["exact_match"] for r in history]
    return pd.DataFrame(data)


def output_text(probe: dict, task: str | None = None) -> str:
    """The probe's output as every other page shows it: detokenized by its task."""
    tokens = probe["output_tokens"]
    if task is not None:
        try:
            from attention_core import get_task

            return get_task(task).detokenize_target(list(tokens)) or "∅"
        except (KeyError, ValueError):
            pass
    return " ".join(token_text(t) for t in tokens) or "∅"


def recorded_from_the_start(catalog: dict, kind: str):
    """A model of this attention kind (any task) whose record starts before training (epoch 0),
    or None."""
    for models in catalog.values():
        entry = models.get(kind)
        if entry is not None and entry.present:
            points = snapshots(entry.config)
            if points and points[0]["epoch"] == 0:
                return entry
    return None
