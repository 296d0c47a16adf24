"""A process-wide cache bounded by memory, least recently used out (no Streamlit here).

``st.cache_data(max_entries=...)`` bounds results by count, and one beam-5 trace weighs twenty
greedy ones (issue 14: 7.3 MB against 0.37 MB pickled), so 256 entries could hold more than a
gigabyte on a 2.7 GB hosting container. This cache counts bytes instead: every entry's size is
measured when it is stored (numpy buffers, strings and bytes, walked through dataclasses and
containers), and the least recently used entries leave once the total passes the budget.

Values are shared by every session, as ``st.cache_resource`` shares models: a stored trace's
arrays are made read-only, so a view that tried to change one would fail loudly instead of
changing another session's picture.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import numpy as np

DEFAULT_MB = 100.0  # every trace and player payload of the process together
ENV_BUDGET = "ATTENTION_EXPLORER_CACHE_MB"


def budget_bytes() -> int:
    """The budget from ``ATTENTION_EXPLORER_CACHE_MB`` (megabytes), else 100 MB."""
    try:
        mb = float(os.environ.get(ENV_BUDGET, DEFAULT_MB))
    except ValueError:
        mb = DEFAULT_MB
    return int(max(mb, 1.0) * 1_000_000)


def sizeof(value, _seen: set[int] | None = None) -> int:
    """Bytes held by ``value``: array buffers plus the Python objects around them (each object
    counted once, also when it is referenced twice)."""
    seen = set() if _seen is None else _seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, np.ndarray):
        return value.nbytes + 112
    if isinstance(value, (str, bytes, bytearray, int, float, bool, type(None))):
        return sys.getsizeof(value)
    if isinstance(value, dict):
        items = value.items()
        return sys.getsizeof(value) + sum(sizeof(k, seen) + sizeof(v, seen) for k, v in items)
    if isinstance(value, (list, tuple, set, frozenset)):
        return sys.getsizeof(value) + sum(sizeof(v, seen) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        inner = (getattr(value, f.name) for f in dataclasses.fields(value))
        return sys.getsizeof(value) + sum(sizeof(v, seen) for v in inner)
    return sys.getsizeof(value)


def freeze(value):
    """Make every numpy array inside ``value`` read-only (in place); returns ``value``."""
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif isinstance(value, dict):
        for v in value.values():
            freeze(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            freeze(v)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            freeze(getattr(value, f.name))
    return value


class MemoryBoundedCache:
    """``get(key, compute)``: the stored value, or ``compute()`` stored under ``key``.

    Thread-safe (every session's script runs in its own thread). ``compute`` runs outside the
    lock, so two sessions asking for the same new key may both compute it; the second result
    replaces the first, which is harmless for pure functions of the key. A value larger than
    the whole budget is returned but not stored.
    """

    def __init__(self, max_bytes: int | None = None, measure: Callable = sizeof):
        self.max_bytes = budget_bytes() if max_bytes is None else int(max_bytes)
        self._measure = measure
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], object]):
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found[0]
            self.misses += 1
        value = freeze(compute())
        size = self._measure(value)
        if size > self.max_bytes:
            return value
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            self._entries[key] = (value, size)
            self.bytes += size
            while self.bytes > self.max_bytes and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped
        return value

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0


# The one cache of the app process: traces of every page and the step player's payloads.
SHARED = MemoryBoundedCache()
