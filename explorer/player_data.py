"""The step player's data: every step of a trace, designed here, shipped to the browser once.

Pure: no Streamlit. The server builds each panel's Plotly figure for every step with the same
functions as before (``figures``, ``tables``, ``equations``, the ``panels`` registry); the
browser (explorer/player/player.js) only swaps in the current step, so stepping costs no
server round trip. To keep the payload small, a panel ships its figure of step 1 whole and, for
every other step, only what differs from it (per trace attribute, per top-level layout key);
large numeric arrays travel as Plotly's base64 typed arrays (float32, exact), and a table
column that is the same at every step is sent once.

Texts: our own strings (Markdown with $math$) become segments the browser renders with
``textContent`` and KaTeX; user tokens are only ever plain text there, and inside figures they
are escaped by ``figures.token_html`` as everywhere else.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import plotly.graph_objects as go
from _plotly_utils.utils import to_typed_array_spec

from attention_core import Trace

from . import equations, figures, panels, tables
from .strings import tr

# Markdown in our strings: **bold** and $math$ (KaTeX); everything else is text.
_MARKUP = re.compile(r"(\*\*.+?\*\*|\$[^$]+\$)")
# A light template given explicitly: Streamlit's own uses placeholder colours that only its
# chart element replaces (field notes), and the browser draws these figures with plotly.js.
TEMPLATE = go.layout.Template(
    layout=dict(
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        font=dict(color="#14161c"),
        xaxis=dict(gridcolor="#e5e5e5", linecolor="#aaaaaa", automargin=True),
        yaxis=dict(gridcolor="#e5e5e5", linecolor="#aaaaaa", automargin=True),
        colorway=["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"],
    )
).to_plotly_json()


def segments(text: str) -> list[list[str]]:
    """Our Markdown as [kind, text] pairs: "t" text, "b" bold text, "m" inline math."""
    out = []
    for part in _MARKUP.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.append(["b", part[2:-2]])
        elif part.startswith("$") and part.endswith("$") and len(part) > 2:
            out.append(["m", part[1:-1]])
        else:
            out.append(["t", part])
    return out


def plain(value):
    """JSON-ready: numpy to lists, floats as the float32 they are, NaN and ±inf to None."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):  # (Plotly already turns numeric arrays into base64)
        return plain(value.tolist())
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        # the model computes in float32: its shortest decimal keeps every digit it has
        return float(str(np.float32(v))) if math.isfinite(v) else None
    return value


def figure_dict(fig: go.Figure, present: bool) -> dict:
    """The figure as plain data for plotly.js, without its template (the payload has one)."""
    if present:
        fig = figures.presenter(fig)
    spec = plain(fig.to_plotly_json())
    spec["layout"].pop("template", None)
    return {"data": spec.get("data", []), "layout": spec["layout"]}


def encode(value):
    """An update's values as the figure has them: numeric arrays as Plotly's base64 typed
    arrays (float32, exact), everything else plain."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return to_typed_array_spec(np.ascontiguousarray(value, dtype=np.float32))
    return plain(value)


def encoded(update: dict) -> dict:
    out = {}
    if update.get("data"):
        out["data"] = {
            str(i): {path: encode(v) for path, v in attrs.items()}
            for i, attrs in update["data"].items()
        }
    if update.get("layout"):
        out["layout"] = {path: encode(v) for path, v in update["layout"].items()}
    return out


_PART = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def _set(target: dict, path: str, value) -> None:
    """Plotly's attribute path ("marker.color", "shapes[0].y0") set in nested dicts/lists."""
    parts = path.split(".")
    node = target
    for n, part in enumerate(parts):
        name, index = _PART.fullmatch(part).groups()
        last = n == len(parts) - 1
        if index is None:
            if last:
                node[name] = value
            else:
                node = node.setdefault(name, {})
        else:
            items = node[name]
            if last:
                items[int(index)] = value
            else:
                node = items[int(index)]


def apply(base: dict, update: dict) -> dict:
    """``base`` with an encoded ``update`` applied (what the browser does at each step)."""
    fig = json.loads(json.dumps(base))
    for i, attrs in update.get("data", {}).items():
        for path, value in attrs.items():
            _set(fig["data"][int(i)], path, value)
    for path, value in update.get("layout", {}).items():
        _set(fig["layout"], path, value)
    return fig


def table_dict(frame) -> dict:
    """A table by columns: numbers as float32 typed arrays, other cells as text."""
    columns = []
    for name in frame.columns:
        values = frame[name].to_numpy()
        if values.dtype.kind == "f":
            columns.append(encode(values.astype(np.float32)))
        else:
            columns.append(
                [str(v) if not isinstance(v, (int, np.integer)) else int(v) for v in values]
            )
    return {"columns": [str(c) for c in frame.columns], "cells": columns}


def stepped_tables(tables: list[dict]) -> dict:
    """Step 1's table whole, then per step only the columns that differ from it."""
    base = tables[0]
    steps = []
    for table in tables:
        steps.append({str(j): c for j, c in enumerate(table["cells"]) if c != base["cells"][j]})
    return {"base": base, "steps": steps}


def _figure(trace: Trace, build, update, lang: str, present: bool) -> dict:
    n = len(trace.steps)
    steps = [encoded(update(trace, k)) if update else {} for k in range(n)]
    return {"base": figure_dict(build(trace, 0, lang), present), "steps": steps}


def _panel(trace: Trace, panel: panels.Panel, lang: str, present: bool) -> dict:
    n = len(trace.steps)
    caption = panel.caption_key(trace)
    if panel.update is None:
        table = stepped_tables([table_dict(panel.table(trace, 0, lang))] * n)
    else:
        table = stepped_tables([table_dict(panel.table(trace, k, lang)) for k in range(n)])
    return {
        "name": panel.name,
        "title": segments(tr(panel.title_key(trace), lang)),
        "caption": segments(tr(caption, lang)) if caption else [],
        "reveals": panel.reveals,
        "figure": _figure(trace, panel.figure, panel.update, lang, present),
        "table": table,
    }


def _step_text(trace: Trace, k: int, lang: str, hidden: bool) -> str:
    step = trace.steps[k]
    chosen = "?" if hidden else figures.token_text(step.token)
    return tr(
        "step_tokens",
        lang,
        t=k + 1,
        n=len(trace.steps),
        given=figures.token_text(step.input_token),
        chosen=chosen,
    )


def view(
    trace: Trace, lang: str, *, present: bool = False, guess: bool = False, title: str = ""
) -> dict:
    """Everything the player shows of one trace, for every step."""
    n = len(trace.steps)
    attention = trace.attention_matrix is not None
    heatmap = {
        "title": segments(tr("heatmap_title" if attention else "none_title", lang)),
        "caption": segments(tr("heatmap_caption" if attention else "none_caption", lang)),
        "figure": _figure(
            trace, figures.attention_heatmap, lambda tr_, k: panels.outline(k), lang, present
        ),
        "table": stepped_tables([table_dict(tables.attention_table(trace, lang))]),
    }
    if attention and guess:  # guess mode: the step's row and every later one blank until shown
        heatmap["guess"] = [encoded(panels.guess_rows(trace, k)) for k in range(n)]
    eqs = [equations.step_equations(trace, k) for k in range(n)]
    main_eq = next((i for i, (key, _) in enumerate(eqs[0]) if key == "eq_softmax"), 0)
    return {
        "title": title,
        "kind": trace.attention_kind,
        "n": n,
        "attention": attention,
        "tokens": [figures.token_text(s.token) for s in trace.steps],
        "step_text": [_step_text(trace, k, lang, False) for k in range(n)],
        "step_text_hidden": [_step_text(trace, k, lang, True) for k in range(n)],
        "heatmap": heatmap,
        "timeline": {
            "title": segments(tr("timeline_title", lang)),
            "figure": _figure(trace, figures.timeline_figure, None, lang, present),
        },
        "equations": [[[segments(tr(key, lang)), latex] for key, latex in step] for step in eqs],
        "main_equation": main_eq,
        "main_panel": panels.main_panel(trace),
        "panels": [_panel(trace, p, lang, present) for p in panels.panels_of(trace)],
    }


# Labels with a {t} field that the browser fills with the step number (player.js).
FORMATTED_IN_BROWSER = ("guess_prompt", "equations_title", "panels_title")


def labels(lang: str) -> dict:
    """The player's own words (buttons, headings), in the page's language."""
    keys = (
        "previous", "next", "step_label", "play_label", "pause_label", "speed_label",
        "reveal", "show_table", "equations_title", "panels_title", "translation_so_far",
        "guess_prompt", "player_keys_help", "player_loading", "player_failed",
    )  # fmt: skip
    out = {key: tr(key, lang) for key in keys}
    out["speed_values"] = {f"{s:g}": tr("speed_value", lang, s=f"{s:g}") for s in SPEEDS}
    return out


SPEEDS = (0.5, 1.0, 2.0, 3.0)  # seconds per step when playing


def payload(
    views: list[dict],
    lang: str,
    *,
    id: str,
    assets: str,
    start: int = 0,
    present: bool = False,
    guess: bool = False,
    name: str = "attention",
    image_format: str = "png",
) -> bytes:
    """The player's whole data as UTF-8 JSON (no NaN: ``allow_nan=False`` refuses it).

    ``id`` names what was decoded (model, sentence, options): the browser keeps the current
    step per id, so a rerun for another reason keeps the step and a new sentence starts over.
    """
    n = max(v["n"] for v in views)
    data = {
        "version": 1,
        "id": id,
        "assets": assets,
        "lang": lang,
        "n": n,
        "start": min(max(int(start), 0), n - 1),
        "present": present,
        "guess": guess,
        "name": name,
        "image_format": image_format if image_format in ("png", "svg") else "png",
        "template": plain(TEMPLATE),
        "labels": labels(lang),
        "speeds": list(SPEEDS),
        "views": views,
    }
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
