"""The next-token distribution ŷ_t: the most likely tokens with their probabilities, the emitted
one in orange."""

from __future__ import annotations

from attention_core import Trace
from explorer.player.panels.drawing import Ranked
from explorer.player.panels.panel import Panel


def numbers(trace: Trace, t: int):
    step = trace.steps[t]
    return tuple(step.top_k), step.token


PANEL = Panel(
    "topk",
    numbers,
    Ranked(),
    "panel_topk",
    "panel_topk_caption",
    reveals=True,
    equation=("eq_probability",),
)
