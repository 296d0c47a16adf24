"""What the output layer reads, in its kind's order (the context, the state), then s̃_t below a
line: s̃_t = tanh(W_o[a_t; s_t]) (Luong et al. 2015, eq. 5) or Bahdanau's deep output. A kind
without s̃_t (the PyTorch tutorial's) reads s_t itself. The embedding that Bahdanau's deep
output also reads is a table lookup and not recorded."""

from __future__ import annotations

import numpy as np

from attention_core import Trace
from attention_core.kinds import kind
from explorer.player.panels.drawing import Vectors
from explorer.player.panels.panel import Panel


def numbers(trace: Trace, t: int) -> tuple[tuple[str, np.ndarray], ...]:
    step = trace.steps[t]
    record = kind(trace.attention_kind)
    vectors = {"context": (record.context_symbol, step.context), "state": ("s_t", step.state)}
    rows = [vectors[name] for name in record.output_reads if name in vectors]
    if record.deep_output:
        rows.append(("s~_t", step.output_input))
    return tuple((symbol, np.asarray(v, dtype=float)) for symbol, v in rows)  # each (H,)


PANEL = Panel(
    "output",
    numbers,
    Vectors(total="s~_t"),  # without s~_t (the tutorial's kind) no line: s_t is read as it is
    "kind:output_title",
    "kind:output_caption",
    reveals=True,
    equation=("eq_output",),
)
