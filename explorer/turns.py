"""Script runs take turns, in the order they arrive. Pure: no Streamlit.

Streamlit runs each session's script in a thread of its own, and Python runs one thread at a
time (the GIL), switching between them every few milliseconds. When a class types at once,
every run then advances together and every run finishes late: the last typed sentence waits
for nearly all the work the server has, the model switches that followed the first ones
included (benchmarks/load_ws.py --together: typing p95 3.4 s for 30 English sentences). Let in
``permits`` runs at a time, first come first served, and the runs that arrived first finish
first; the server does the same work in the same total time.

``ATTENTION_EXPLORER_RUNS_AT_ONCE`` sets the number (default 2: a slow action, a wide beam on a
long sentence, does not hold up everyone; 0 lets every run in at once, as Streamlit alone does).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

ENV = "ATTENTION_EXPLORER_RUNS_AT_ONCE"
DEFAULT = 2


class Turns:
    """At most ``permits`` holders at once, admitted strictly in the order they asked
    (``permits`` 0: no limit)."""

    def __init__(self, permits: int):
        self.permits = max(0, int(permits))
        self._cond = threading.Condition()
        self._queue: deque[object] = deque()
        self._free = self.permits

    @contextmanager
    def turn(self) -> Iterator[None]:
        if self.permits == 0:
            yield
            return
        me = object()
        with self._cond:
            self._queue.append(me)
            while self._queue[0] is not me or self._free == 0:
                self._cond.wait()
            self._queue.popleft()
            self._free -= 1
            self._cond.notify_all()  # the next in line may go too, if a permit is left
        try:
            yield
        finally:  # also when the run is stopped (Streamlit raises inside it)
            with self._cond:
                self._free += 1
                self._cond.notify_all()

    @property
    def waiting(self) -> int:
        with self._cond:
            return len(self._queue)


def permits_from_env() -> int:
    try:
        return max(0, int(os.environ.get(ENV, DEFAULT)))
    except ValueError:
        return DEFAULT


RUNS = Turns(permits_from_env())  # the whole process's script runs
