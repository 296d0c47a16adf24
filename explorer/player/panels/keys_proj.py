"""Bahdanau's keys projected into the attention space: W_c h_i for every source token
(Bahdanau et al. 2015, A.1.2), computed once per sentence."""

from __future__ import annotations

from attention_core import Trace
from explorer.player.panels.drawing import SourceRows
from explorer.player.panels.panel import Panel


def numbers(trace: Trace, t: int):
    return trace.keys_proj  # (S, A)


PANEL = Panel(
    "keys_proj",
    numbers,
    SourceRows(col_title="axis_attention_unit"),
    "panel_keys_proj",
    "panel_keys_proj_caption",
    static=True,
)
