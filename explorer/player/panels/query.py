"""The query: the decoder state that the scores compare with every key. Luong's scores take
s_t, after this step's RNN update; Bahdanau's take s_{t-1}, before it (the kind's record says
which); the model without attention shows its state s_t. One strip, one cell per hidden unit."""

from __future__ import annotations

from attention_core import Trace
from attention_core.kinds import kind
from explorer.player.panels.drawing import Vectors
from explorer.player.panels.panel import Panel


def numbers(trace: Trace, t: int):
    return ((kind(trace.attention_kind).query_symbol, trace.steps[t].query),)  # (H,)


PANEL = Panel(
    "query",
    numbers,
    Vectors(height=130),
    "kind:query_title",
    "kind:query_caption",
    equation=("eq_state_dot", "eq_state_none", "eq_query_proj"),
)
