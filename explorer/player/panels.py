"""The one registry of a step's panels: figure, table, title and caption keys, and whether the
panel gives the answer away in guess mode. Pure: no Streamlit.

Every view that shows a step (the step player on the explorer, compare, beam and what-if pages)
reads this table, so a panel is described in one place. The title and caption depend on the
attention kind ("dot" is the fallback for other kinds); the scores caption also depends on
whether the dot scores are scaled by 1/√H.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from attention_core import Trace
from explorer.figures import geometry as gf
from explorer.figures import lines, sentence, style, tables
from explorer.figures import step as sf
from explorer.strings import tr

# ----- what changes from step to step -------------------------------------------------------
# A panel's figure is built once (at step 1); ``update(trace, t)`` gives what differs at step t
# as {"data": {trace index: {attribute path: value}}, "layout": {path: value}}, in Plotly's own
# attribute paths ("marker.color", "shapes[0].y0"). ``wire.apply`` and the browser apply
# it the same way, and a test checks that the result equals the figure built for step t.


def _z(values) -> dict:
    return {"data": {0: {"z": np.asarray(values, dtype=np.float32)}}}


def _bars(values) -> dict:
    values = np.asarray(values, dtype=float).tolist()
    return {"data": {0: {"y": values, "marker.color": values}}}


def _query(trace: Trace, t: int) -> dict:
    return _z(trace.steps[t].query[None, :])  # (1, H)


def _query_proj(trace: Trace, t: int) -> dict:
    return _z(trace.steps[t].query_proj[None, :])  # (1, A)


def _energies(trace: Trace, t: int) -> dict:
    return _z(trace.steps[t].energies)  # (S, A)


def _parts(trace: Trace, t: int) -> dict:
    parts = sf.weighted_parts(trace, t)  # (S, H)
    return _z(np.vstack([parts, np.asarray(trace.steps[t].context, dtype=float)[None, :]]))


def _output(trace: Trace, t: int) -> dict:
    step = trace.steps[t]
    rows = [step.context, step.state]
    if trace.attention_kind == "bahdanau":
        rows.reverse()
    return _z(np.vstack([np.asarray(v, dtype=float) for v in (*rows, step.output_input)]))


def _topk(trace: Trace, t: int) -> dict:
    step = trace.steps[t]
    labels = [style.token_html(tok) for tok, _ in step.top_k]
    colours = [style.CHOSEN if tok == step.token else style.BAR for tok, _ in step.top_k]
    return {
        "data": {
            0: {
                "x": [float(p) for _, p in step.top_k],
                "marker.color": colours,
                "customdata": labels,
                "y": list(range(len(labels))),
            }
        },
        "layout": {"yaxis.ticktext": labels, "yaxis.tickvals": list(range(len(labels)))},
    }


# Compact forms of two large per-step matrices (player_data explains them): what the browser
# computes them from is already in the payload.
def _parts_derived(trace: Trace, t: int) -> dict:
    step = trace.steps[t]
    form = {"$op": "scale_rows", "of": "keys", "by": step.weights, "append": step.context}
    return {"data": {0: {"z": form}}}


def _energies_derived(trace: Trace, t: int) -> dict:
    return {
        "data": {0: {"z": {"$op": "tanh_add", "of": "keys_proj", "row": trace.steps[t].query_proj}}}
    }


def outline(t: int) -> dict:
    """The attention matrix (or the no-attention model's contexts): step t's row outlined."""
    return {"layout": {"shapes[0].y0": t - 0.5, "shapes[0].y1": t + 0.5}}


def guess_rows(trace: Trace, t: int) -> dict:
    """Guess mode at step t, before the reveal: step t's row and every later one blank (NaN
    cells are gaps, with no hover), their tokens "?"; the outline stays on row t."""
    z = sentence.blank_rows(np.asarray(trace.attention_matrix, dtype=np.float32), t)  # (T+1, S)
    labels = sentence.hidden_labels(style.output_labels(trace), t)
    return {
        "data": {0: {"z": z, "y": list(range(len(z))), "hoverongaps": False}},
        "layout": {"yaxis.ticktext": labels, **outline(t)["layout"]},
    }


@dataclass(frozen=True)
class Panel:
    name: str
    figure: Callable[[Trace, int, str], go.Figure]
    update: Callable[[Trace, int], dict] | None  # None: the same at every step
    titles: dict[str, str]  # attention kind -> string key
    captions: dict[str, str] = field(default_factory=dict)  # attention kind -> string key
    reveals: bool = False  # shows the step's weights or its answer: hidden until the reveal
    # the update in a compact form computed from the panel ``derive_from`` (player_data)
    derive: Callable[[Trace, int], dict] | None = None
    derive_from: str = ""
    # a table of its own (else tables.panel_table), and measured figures after the caption
    own_table: Callable[[Trace, int, str], pd.DataFrame] | None = None
    figures_line: Callable[[Trace, str], str] | None = None

    def title_key(self, trace: Trace) -> str:
        return self.titles.get(trace.attention_kind, self.titles["dot"])

    def caption_key(self, trace: Trace) -> str | None:
        if self.name == "scores" and trace.score_scale != 1.0:
            return "panel_scores_caption_dot_scaled"
        return self.captions.get(trace.attention_kind, self.captions.get("dot"))

    def table(self, trace: Trace, t: int, lang: str) -> pd.DataFrame:
        if self.own_table is not None:
            return self.own_table(trace, t, lang)
        return tables.panel_table(trace, t, self.name, lang)


def _panel(name, update, titles, captions=None, reveals=False, derive=None, of="") -> Panel:
    return Panel(name, sf.BUILDERS[name], update, titles, captions or {}, reveals, derive, of)


REGISTRY: dict[str, Panel] = {
    p.name: p
    for p in (
        _panel(
            "query",
            _query,
            {
                "dot": "panel_query_dot",
                "bahdanau": "panel_query_bahdanau",
                "none": "panel_query_none",
            },
            {"dot": "panel_query_caption", "none": "panel_query_caption_none"},
        ),
        _panel("keys", None, {"dot": "panel_keys"}, {"dot": "panel_keys_caption"}),
        _panel(
            "query_proj",
            _query_proj,
            {"dot": "panel_query_proj"},
            {"dot": "panel_query_proj_caption"},
        ),
        _panel("keys_proj", None, {"dot": "panel_keys_proj"}, {"dot": "panel_keys_proj_caption"}),
        _panel(
            "energies",
            _energies,
            {"dot": "panel_energies"},
            {"dot": "panel_energies_caption"},
            True,
            _energies_derived,
            "keys_proj",
        ),
        _panel(
            "scores",
            lambda tr_, t: _bars(tr_.steps[t].scores),
            {"dot": "panel_scores"},
            {
                "dot": "panel_scores_caption_dot",
                "general": "panel_scores_caption_general",
                "bahdanau": "panel_scores_caption_bahdanau",
            },
            True,
        ),
        _panel(
            "weights",
            lambda tr_, t: _bars(tr_.steps[t].weights),
            {"dot": "panel_weights"},
            {"dot": "panel_weights_caption"},
            True,
        ),
        _panel(
            "parts",
            _parts,
            {"dot": "panel_parts"},
            {"dot": "panel_parts_caption"},
            True,
            _parts_derived,
            "keys",
        ),
        _panel(
            "context", lambda tr_, t: outline(t), {"dot": "none_title"}, {"dot": "none_caption"}
        ),
        _panel(
            "output",
            _output,
            {
                "dot": "panel_output_dot",
                "bahdanau": "panel_output_bahdanau",
                "none": "panel_output_none",
            },
            {"dot": "panel_output_caption", "bahdanau": "panel_output_caption_bahdanau"},
            True,
        ),
        _panel("topk", _topk, {"dot": "panel_topk"}, {"dot": "panel_topk_caption"}, True),
    )
}


def _figures_line(space: str):
    key = "geometry_figures_additive" if space == "additive" else "geometry_figures"
    return lambda trace, lang: tr(key, lang, **gf.geometry_fields(trace, space))


def _geometry_panel(name: str, space: str, titles: dict, captions: dict) -> Panel:
    return Panel(
        name,
        lambda trace, t, lang: gf.geometry_figure(trace, t, lang, space),
        lambda trace, t: gf.geometry_update(trace, t, space),
        titles,
        captions,
        reveals=True,
        own_table=lambda trace, t, lang: gf.geometry_table(trace, t, lang, space),
        figures_line=_figures_line(space),
    )


# The two pictures of issue 18 (explorer/figures/geometry.py), after the weights.
VIEWS = {
    p.name: p
    for p in (
        _geometry_panel(
            "geometry",
            "state",
            {"dot": "panel_geometry"},
            {
                "dot": "panel_geometry_caption",
                "general": "panel_geometry_caption_general",
                "bahdanau": "panel_geometry_caption_bahdanau",
            },
        ),
        _geometry_panel(
            "geometry_additive",
            "additive",
            {"dot": "panel_geometry_additive"},
            {"dot": "panel_geometry_additive_caption"},
        ),
        Panel(
            "lines",
            lines.line_figure,
            lines.line_update,
            {"dot": "panel_lines"},
            {"dot": "panel_lines_caption"},
            reveals=True,
            own_table=lines.line_table,
        ),
    )
}
REGISTRY.update(VIEWS)
_VIEWS_OF = {"bahdanau": ("geometry", "geometry_additive", "lines")}

# The panel beside the attention matrix on the first screen: the step's weights, or (without
# attention) the next-token probabilities.
MAIN_PANEL = {"none": "topk"}


def panels_of(trace: Trace) -> list[Panel]:
    """The panels of a step of this trace, in reading order: the geometry and the line view
    right after the weights, for a model with attention."""
    names = list(sf.panel_names(trace))
    if trace.attention_matrix is not None and "weights" in names:
        at = names.index("weights") + 1
        names[at:at] = _VIEWS_OF.get(trace.attention_kind, ("geometry", "lines"))
    return [REGISTRY[name] for name in names]


def main_panel(trace: Trace) -> str:
    return MAIN_PANEL.get(trace.attention_kind, "weights")
