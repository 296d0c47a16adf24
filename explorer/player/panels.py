"""The one registry of a step's panels: figure, table, title and caption keys, and whether the
panel gives the answer away in guess mode. Pure: no Streamlit.

Every view that shows a step (the step player on the explorer, compare, beam and what-if pages)
reads this table, so a panel is described in one place. Which panels a step shows, in which
order, and the texts that differ between attention kinds come from the kind's record
(attention_core/kinds.py); the scores caption also depends on whether the dot scores are
scaled by 1/√H.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from attention_core import Trace
from attention_core.kinds import kind
from explorer.figures import geometry as gf
from explorer.figures import lines, sentence, style, tables
from explorer.figures import step as sf
from explorer.figures.plain import Fig
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
    return _z(np.vstack([v for _, v in sf.output_rows(trace, t)]))


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
    """A panel's title and caption are string keys, or (``kind:`` + slot) the key its attention
    kind names for that slot (attention_core/kinds.py), so a new kind brings its own texts."""

    name: str
    figure: Callable[[Trace, int, str], Fig]
    update: Callable[[Trace, int], dict] | None  # None: the same at every step
    title: str
    caption: str = ""
    reveals: bool = False  # shows the step's weights or its answer: hidden until the reveal
    # the update in a compact form computed from the panel ``derive_from`` (player_data)
    derive: Callable[[Trace, int], dict] | None = None
    derive_from: str = ""
    # a table of its own (else tables.panel_table), and measured figures after the caption
    own_table: Callable[[Trace, int, str], dict] | None = None  # (tables.Columns)
    figures_line: Callable[[Trace, str], str] | None = None

    def title_key(self, trace: Trace) -> str:
        return _key(self.title, trace)

    def caption_key(self, trace: Trace) -> str | None:
        if self.name == "scores" and trace.score_scale != 1.0:
            return "panel_scores_caption_dot_scaled"
        return _key(self.caption, trace) or None

    def table(self, trace: Trace, t: int, lang: str) -> dict:
        if self.own_table is not None:
            return self.own_table(trace, t, lang)
        return tables.panel_table(trace, t, self.name, lang)


def _key(spec: str, trace: Trace) -> str:
    if spec.startswith("kind:"):
        return kind(trace.attention_kind).text(spec[5:])
    return spec


def _panel(name, update, title, caption="", reveals=False, derive=None, of="") -> Panel:
    return Panel(name, sf.BUILDERS[name], update, title, caption, reveals, derive, of)


def _bars_of(field_: str):
    return lambda trace, t: _bars(getattr(trace.steps[t], field_))


REGISTRY: dict[str, Panel] = {
    p.name: p
    for p in (
        _panel("query", _query, "kind:query_title", "kind:query_caption"),
        _panel("keys", None, "panel_keys", "panel_keys_caption"),
        _panel("query_proj", _query_proj, "panel_query_proj", "panel_query_proj_caption"),
        _panel("keys_proj", None, "panel_keys_proj", "panel_keys_proj_caption"),
        _panel(
            "energies",
            _energies,
            "panel_energies",
            "panel_energies_caption",
            True,
            _energies_derived,
            "keys_proj",
        ),
        _panel("scores", _bars_of("scores"), "panel_scores", "kind:scores_caption", True),
        _panel("weights", _bars_of("weights"), "panel_weights", "panel_weights_caption", True),
        _panel("parts", _parts, "panel_parts", "panel_parts_caption", True, _parts_derived, "keys"),
        _panel("output", _output, "kind:output_title", "kind:output_caption", True),
        _panel("topk", _topk, "panel_topk", "panel_topk_caption", True),
    )
}


def _figures_line(space: str):
    key = "geometry_figures_additive" if space == "additive" else "geometry_figures"
    return lambda trace, lang: tr(key, lang, **gf.geometry_fields(trace, space))


def _geometry_panel(name: str, space: str, title: str, caption: str) -> Panel:
    return Panel(
        name,
        lambda trace, t, lang: gf.geometry_figure(trace, t, lang, space),
        lambda trace, t: gf.geometry_update(trace, t, space),
        title,
        caption,
        reveals=True,
        own_table=lambda trace, t, lang: gf.geometry_table(trace, t, lang, space),
        figures_line=_figures_line(space),
    )


# The two pictures of issue 18 (explorer/figures/geometry.py), after the weights.
VIEWS = {
    p.name: p
    for p in (
        _geometry_panel("geometry", "state", "panel_geometry", "kind:geometry_caption"),
        _geometry_panel(
            "geometry_additive",
            "additive",
            "panel_geometry_additive",
            "panel_geometry_additive_caption",
        ),
        Panel(
            "lines",
            lines.line_figure,
            lines.line_update,
            "panel_lines",
            "panel_lines_caption",
            reveals=True,
            own_table=lines.line_table,
        ),
    )
}
REGISTRY.update(VIEWS)


def panels_of(trace: Trace) -> list[Panel]:
    """The panels of a step of this trace, in its kind's reading order: the geometry and the
    line view right after the weights, for a model with attention."""
    record = kind(trace.attention_kind)
    names = list(record.panels)
    if record.has_attention and "weights" in names:
        at = names.index("weights") + 1
        names[at:at] = record.views
    return [REGISTRY[name] for name in names]


def main_panel(trace: Trace) -> str:
    """The panel beside the attention matrix on the first screen (its kind says which)."""
    return kind(trace.attention_kind).main_panel
