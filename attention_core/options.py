"""How to decode one sentence, as one frozen, validated value.

``DecodeOptions`` is what ``decode`` reads, what the CLI builds from its flags and what the app
caches a trace under: it is hashable, and it keeps only what its mode uses (a beam width does
not split greedy entries, a reference only matters when forced). Invalid combinations raise
``InputError`` with the codes the app translates (``bad_mode``, ``bad_beam``, ``bad_override``).
No torch here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .tasks import MAX_BEAM, InputError

MODES = ("greedy", "beam", "forced")


@dataclass(frozen=True)
class DecodeOptions:
    mode: str = "greedy"  # "greedy", "beam" (width ``beam``) or "forced" (on ``reference``)
    beam: int = 1  # beam width, 1 to MAX_BEAM (beam mode only)
    length_penalty: float = 1.0  # β in score / length^β (beam mode only)
    reference: str = ""  # the target text teacher forcing feeds in (forced mode only)
    prefix: str = ""  # target text the output must start with; greedy continues after it
    # add the final full stop (or "?") an English sentence lacks: the models never saw one
    # without it, and without it they tend to repeat a word to the length limit (tasks.final_mark)
    complete: bool = True
    # step -> the source weights that replace that step's softmax (renormalised); greedy only
    overrides: tuple[tuple[int, tuple[float, ...]], ...] = field(default=())

    def __post_init__(self):
        set_ = object.__setattr__  # frozen: normalise through the back door, once
        if self.mode not in MODES:
            raise InputError("bad_mode", f"unknown decoding mode {self.mode!r}")
        overrides = tuple(
            sorted((int(t), tuple(float(w) for w in ws)) for t, ws in dict(self.overrides).items())
        )
        for t, ws in overrides:
            if t < 0 or not ws or not all(math.isfinite(w) and w >= 0 for w in ws) or sum(ws) <= 0:
                raise InputError("bad_override", "an override needs non-negative weights")
        set_(self, "overrides", overrides)
        if self.mode == "beam":
            if not 1 <= int(self.beam) <= MAX_BEAM:
                raise InputError("bad_beam", f"beam width must be 1 to {MAX_BEAM}", limit=MAX_BEAM)
            if overrides or self.prefix:  # (a reference only counts when forced)
                raise InputError("bad_mode", "a beam search takes no prefix or override")
        if self.mode == "forced" and self.prefix:
            raise InputError("bad_mode", "forced decoding has a reference; a prefix does not add")
        set_(self, "beam", int(self.beam) if self.mode == "beam" else 1)
        set_(self, "length_penalty", float(self.length_penalty) if self.mode == "beam" else 1.0)
        set_(self, "reference", self.reference if self.mode == "forced" else "")

    @classmethod
    def of(cls, **fields) -> DecodeOptions:
        """From keyword arguments as ``decode`` takes them (``overrides`` as a dict, ``None``
        for an unused text)."""
        fields = {k: v for k, v in fields.items() if v is not None}
        if isinstance(fields.get("overrides"), dict):
            fields["overrides"] = tuple(fields["overrides"].items())
        return cls(**fields)

    @property
    def override_map(self) -> dict[int, tuple[float, ...]]:
        return dict(self.overrides)
