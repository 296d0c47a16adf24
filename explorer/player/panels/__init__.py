"""The panels of a decoder step, one module each (query, keys, scores, ...): a panel's numbers
at step t, the drawing that shows them (drawing.py), its table, title and caption keys, whether
it gives the answer away in guess mode, and the equation under it as the main panel. Pure: no
Streamlit.

Every view that shows a step (the step player on the explorer, compare, beam, what-if and
lesson pages, the offline files) reads ``REGISTRY``. Which panels a step shows, in which order,
and the texts that differ between attention kinds come from the kind's record
(attention_core/kinds.py).

Adding a panel: a module here with its ``PANEL`` (numbers, a drawing, string keys), its name
in ``REGISTRY`` below and in the kinds' ``panels`` that show it, and its texts in both
languages.
"""

from __future__ import annotations

from attention_core import Trace
from attention_core.kinds import kind
from explorer.player.panels import (
    energies,
    geometry,
    keys,
    keys_proj,
    lines,
    output,
    parts,
    query,
    query_proj,
    scores,
    topk,
    weights,
)
from explorer.player.panels.heatmap import guess_rows, outline
from explorer.player.panels.panel import Panel

__all__ = ["REGISTRY", "VIEWS", "Panel", "guess_rows", "main_panel", "outline", "panels_of"]

STEP = (query, keys, query_proj, keys_proj, energies, scores, weights, parts, output, topk)
# The two pictures of issue 18 and the line view: a kind lists them as ``views``.
VIEWS = {p.name: p for p in (geometry.STATE, geometry.ADDITIVE, lines.PANEL)}
REGISTRY: dict[str, Panel] = {**{m.PANEL.name: m.PANEL for m in STEP}, **VIEWS}


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
