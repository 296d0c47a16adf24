"""Bahdanau's query projected into the attention space: W_b s_{t-1} (Bahdanau et al. 2015,
A.1.2), one cell per attention unit."""

from __future__ import annotations

from attention_core import Trace
from explorer.player.panels.drawing import Vectors
from explorer.player.panels.panel import Panel


def numbers(trace: Trace, t: int):
    return (("W_b s_{t-1}", trace.steps[t].query_proj),)  # (A,)


PANEL = Panel(
    "query_proj",
    numbers,
    Vectors(col_title="axis_attention_unit", height=130),
    "panel_query_proj",
    "panel_query_proj_caption",
    equation=("eq_query_proj",),
)
