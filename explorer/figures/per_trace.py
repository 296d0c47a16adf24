"""Values computed once per trace and kept while the trace lives (a sentence's projection, its
line view): the step player asks for them at every step of the same trace. Pure."""

from __future__ import annotations

import weakref
from collections.abc import Callable

# id(trace) -> (a weak reference to it, {key: value}); the entry goes with the trace
_CACHE: dict[int, tuple[weakref.ref, dict]] = {}


def once(trace, key, compute: Callable[[], object]):
    """``compute()`` the first time ``key`` is asked of this trace, the same value after."""
    ident = id(trace)
    held = _CACHE.get(ident)
    if held is None or held[0]() is not trace:
        held = (weakref.ref(trace, lambda _ref, k=ident: _CACHE.pop(k, None)), {})
        _CACHE[ident] = held
    found = held[1]
    if key not in found:
        found[key] = compute()
    return found[key]
