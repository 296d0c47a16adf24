"""The keys: the encoder states h_1..h_N, one row per source token. They are also the values
that the context sums, and the same at every step."""

from __future__ import annotations

from attention_core import Trace
from explorer.player.panels.drawing import SourceRows
from explorer.player.panels.panel import Panel


def numbers(trace: Trace, t: int):
    return trace.keys  # (S, H)


PANEL = Panel("keys", numbers, SourceRows(), "panel_keys", "panel_keys_caption", static=True)
