"""Bahdanau's tanh layer: tanh(W_b s_{t-1} + W_c h_i) for every source token, always between
-1 and 1; the scores are its rows read by W_a (Bahdanau et al. 2015, A.1.2)."""

from __future__ import annotations

from attention_core import Trace
from explorer.player.panels.drawing import SourceRows
from explorer.player.panels.panel import Panel


def numbers(trace: Trace, t: int):
    return trace.steps[t].energies  # (S, A)


def compact(trace: Trace, t: int) -> dict:
    """Sent as its two inputs: the browser adds W_b s_{t-1} to every row of W_c h_i (the
    keys_proj panel's figure) and takes tanh."""
    row = trace.steps[t].query_proj
    return {"data": {0: {"z": {"$op": "tanh_add", "of": "keys_proj", "row": row}}}}


PANEL = Panel(
    "energies",
    numbers,
    SourceRows(col_title="axis_attention_unit", scale="tanh"),
    "panel_energies",
    "panel_energies_caption",
    reveals=True,
    limit=lambda trace: 1.0,  # tanh's range
    compact=compact,
    compact_from="keys_proj",
    equation=("eq_score",),
)
