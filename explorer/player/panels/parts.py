"""The context as a sum: the rows α^t_i h_i, one per source token, then their sum a_t below a
line. Drawn on the keys' colour scale, so a weighted row reads against its key."""

from __future__ import annotations

import numpy as np

from attention_core import Trace
from explorer.figures.style import value_limit
from explorer.player.panels.drawing import SourceRows
from explorer.player.panels.panel import Panel


def numbers(trace: Trace, t: int) -> np.ndarray:
    step = trace.steps[t]
    parts = step.weights[:, None].astype(float) * trace.keys.astype(float)  # (S, H)
    return np.vstack([parts, np.asarray(step.context, dtype=float)[None, :]])  # (S + 1, H)


def compact(trace: Trace, t: int) -> dict:
    """Sent as the weights and the context: the browser scales the keys panel's rows."""
    step = trace.steps[t]
    form = {"$op": "scale_rows", "of": "keys", "by": step.weights, "append": step.context}
    return {"data": {0: {"z": form}}}


PANEL = Panel(
    "parts",
    numbers,
    SourceRows(total=("Σ = a<sub>t</sub>", "Σ = a_t")),
    "panel_parts",
    "panel_parts_caption",
    reveals=True,
    limit=lambda trace: value_limit(trace.keys, *(s.context for s in trace.steps)),
    compact=compact,
    compact_from="keys",
    equation=("eq_context",),
)
