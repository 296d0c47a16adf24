"""The attention matrix beside the panels (explorer/figures/sentence.py draws it): what changes
at step t, as a panel's update."""

from __future__ import annotations

import numpy as np

from attention_core import Trace
from explorer.figures import sentence, style


def outline(t: int) -> dict:
    """The attention matrix (or the no-attention model's contexts): step t's row outlined."""
    return {"layout": {"shapes[0].y0": t - 0.5, "shapes[0].y1": t + 0.5}}


def guess_rows(trace: Trace, t: int) -> dict:
    """Guess mode at step t, before the reveal: step t's row and every later one blank (NaN
    cells are gaps, with no hover), their tokens "?"; the outline stays on row t."""
    z = sentence.blank_rows(np.asarray(trace.attention_matrix, dtype=np.float32), t)  # (T+1, S)
    labels = sentence.hidden_labels(style.output_labels(trace), t)
    return {
        "data": {0: {"z": z, "y": list(range(len(z))), "hoverongaps": False}},
        "layout": {"yaxis.ticktext": labels, **outline(t)["layout"]},
    }
