"""A panel of a decoder step: its numbers at step t, the drawing that shows them, its texts, and
whether it gives the answer away in guess mode. Pure: no Streamlit.

The figure of step t, the player's update for step t and the table are all made by the drawing
(drawing.py) from ``numbers(trace, t)``, so a panel is described once, in its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from attention_core import Trace
from attention_core.kinds import kind
from explorer.figures import tables
from explorer.figures.per_trace import once
from explorer.figures.plain import Fig
from explorer.figures.style import value_limit


@dataclass(frozen=True)
class Panel:
    """Titles and captions are string keys, or (``kind:`` + slot) the key that the trace's
    attention kind names for that slot (attention_core/kinds.py), so a new kind brings its own
    texts. ``caption`` may also be a function of the trace giving the key."""

    name: str
    numbers: Callable[[Trace, int], object]  # the panel's numbers at step t
    drawing: object  # drawing.Vectors, SourceRows, SourceBars, Ranked or Own
    title: str
    caption: str | Callable[[Trace], str] = ""
    reveals: bool = False  # shows the step's weights or its answer: hidden until the reveal
    static: bool = False  # the same numbers at every step (the keys): no update
    # the colour limit of the whole sentence; by default the largest magnitude of its numbers
    # at every step, so stepping never rescales the figure
    limit: Callable[[Trace], float] | None = None
    # the update in a compact form the browser computes from panel ``compact_from``'s figure
    # (wire.py explains the forms); used when that panel is shown too
    compact: Callable[[Trace, int], dict] | None = None
    compact_from: str = ""
    # the sentence's measured figures, after the caption (no math in them)
    figures_line: Callable[[Trace, str], str] | None = None
    # string key prefixes: the equation shown under this panel when it is the main one
    equation: tuple[str, ...] = ()

    def figure(self, trace: Trace, t: int, lang: str) -> Fig:
        return self.drawing.figure(trace, self.numbers(trace, t), lang, self.limit_of(trace))

    def update(self, trace: Trace, t: int) -> dict | None:
        """What step t changes in step 1's figure; None for a static panel."""
        if self.static:
            return None
        return self.drawing.update(trace, self.numbers(trace, t))

    def table(self, trace: Trace, t: int, lang: str) -> tables.Columns:
        return self.drawing.table(trace, self.numbers(trace, t), lang)

    def stepped(self, trace: Trace, lang: str) -> list[tuple[dict | None, tables.Columns]]:
        """(update, table) of every step (only step 1's for a static panel), each step's
        numbers computed once for both."""
        if self.static:
            return [(None, self.table(trace, 0, lang))]
        out = []
        for t in range(len(trace.steps)):
            numbers = self.numbers(trace, t)
            update = self.drawing.update(trace, numbers)
            out.append((update, self.drawing.table(trace, numbers, lang)))
        return out

    def limit_of(self, trace: Trace) -> float:
        if self.limit is not None:
            return once(trace, ("limit", self.name), lambda: self.limit(trace))
        steps = range(1 if self.static else len(trace.steps))

        def every_step() -> float:
            return value_limit(
                *(a for k in steps for a in self.drawing.arrays(self.numbers(trace, k)))
            )

        return once(trace, ("limit", self.name), every_step)

    def title_key(self, trace: Trace) -> str:
        return _key(self.title, trace)

    def caption_key(self, trace: Trace) -> str | None:
        spec = self.caption(trace) if callable(self.caption) else self.caption
        return _key(spec, trace) or None


def _key(spec: str, trace: Trace) -> str:
    if spec.startswith("kind:"):
        return kind(trace.attention_kind).text(spec[5:])
    return spec
