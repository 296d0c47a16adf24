"""What one decoder step records: a typed record the decoders return and recording.py turns
into a trace's ``Step``. Tensors keep their leading row axis (B, or the beam's n rows).

Which fields a step must fill is its kind's (``kinds.AttentionKind.step_arrays``): the common
four, the scores and weights with attention, and the score's own ``parts`` (Bahdanau: its
projected query and tanh layer). recording.py refuses a record that does not match its kind, so
a value is never dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from torch import Tensor


@dataclass(frozen=True)
class StepRecord:
    query: Tensor  # (B, H) s_t for Luong's scores, s_{t-1} for Bahdanau's
    context: Tensor  # (B, H) a_t (without attention: the fixed context c)
    state: Tensor  # (B, H) s_t, the state after this step's RNN update
    output_input: Tensor  # (B, H) what the output layer reads (s~_t)
    scores: Tensor | None = None  # (B, S) e^t, before the softmax
    weights: Tensor | None = None  # (B, S) alpha^t, after it
    parts: Mapping[str, Tensor] = field(default_factory=lambda: MappingProxyType({}))

    def arrays(self) -> dict[str, Tensor]:
        """Every recorded value by its name (the trace's vocabulary), absent ones left out."""
        named = {
            "query": self.query,
            "scores": self.scores,
            "weights": self.weights,
            "context": self.context,
            "state": self.state,
            "output_input": self.output_input,
        }
        out = {name: value for name, value in named.items() if value is not None}
        clash = set(out) & set(self.parts)
        if clash:
            raise ValueError(f"a score part may not reuse a step value's name: {sorted(clash)}")
        return {**out, **self.parts}
