"""The scores e^t_i before the softmax, one bar per source token, on a colour scale symmetric
around 0 that holds for the whole sentence. How they are computed is the kind's (its record's
score formula and caption)."""

from __future__ import annotations

from attention_core import Trace
from explorer.player.panels.drawing import SourceBars
from explorer.player.panels.panel import Panel


def numbers(trace: Trace, t: int):
    return trace.steps[t].scores  # (S,)


def caption(trace: Trace) -> str:
    """The dot scores scaled by 1/√H have a caption that says so."""
    return "panel_scores_caption_dot_scaled" if trace.score_scale != 1.0 else "kind:scores_caption"


PANEL = Panel(
    "scores",
    numbers,
    SourceBars(weights=False),
    "panel_scores",
    caption,
    reveals=True,
    equation=("eq_score",),
)
