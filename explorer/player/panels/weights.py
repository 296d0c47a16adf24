"""The weights α^t = softmax(e^t), one bar per source token, between 0 and 1; they sum to 1."""

from __future__ import annotations

from attention_core import Trace
from explorer.player.panels.drawing import SourceBars
from explorer.player.panels.panel import Panel


def numbers(trace: Trace, t: int):
    return trace.steps[t].weights  # (S,)


PANEL = Panel(
    "weights",
    numbers,
    SourceBars(weights=True),
    "panel_weights",
    "panel_weights_caption",
    reveals=True,
    limit=lambda trace: 1.0,
    equation=("eq_softmax",),
)
