"""The app's cache bounded by memory (explorer/memo.py)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import pytest

from explorer import memo


def test_sizeof_counts_array_buffers_once():
    a = np.zeros(1000, dtype=np.float32)
    assert memo.sizeof(a) >= 4000
    assert memo.sizeof([a, a]) < 2 * memo.sizeof(a)  # the same array twice is held once


def test_sizeof_walks_dataclasses():
    @dataclass
    class Box:
        values: list

    big = Box([np.zeros(10_000), "x"])
    assert memo.sizeof(big) > 80_000


def test_least_recently_used_leave_once_over_budget():
    cache = memo.MemoryBoundedCache(max_bytes=50_000)
    for n in range(10):
        cache.get(n, lambda: np.zeros(1000))  # ~8 KB each
    assert cache.bytes <= 50_000
    assert 0 not in cache and 9 in cache
    kept = [n for n in range(10) if n in cache]
    cache.get(kept[0], lambda: pytest.fail("a stored value is not computed again"))
    cache.get("new", lambda: np.zeros(1000))
    assert kept[0] in cache  # just used, so not the one that left


def test_a_value_over_the_whole_budget_is_returned_not_stored():
    cache = memo.MemoryBoundedCache(max_bytes=1000)
    value = cache.get("big", lambda: np.zeros(10_000))
    assert value.shape == (10_000,) and "big" not in cache and cache.bytes == 0


def test_stored_arrays_are_read_only():
    cache = memo.MemoryBoundedCache(max_bytes=10**6)
    value = cache.get("k", lambda: {"w": np.ones(3)})
    with pytest.raises(ValueError):
        value["w"][0] = 2.0


def test_threads_share_one_bounded_store():
    cache = memo.MemoryBoundedCache(max_bytes=200_000)

    def work(offset):
        for n in range(200):
            cache.get((offset, n % 40), lambda: np.zeros(500))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.bytes <= 200_000
    assert cache.bytes == sum(size for _, size in cache._entries.values())


def test_budget_from_the_environment(monkeypatch):
    monkeypatch.setenv(memo.ENV_BUDGET, "12.5")
    assert memo.budget_bytes() == 12_500_000
    monkeypatch.setenv(memo.ENV_BUDGET, "lots")
    assert memo.budget_bytes() == memo.DEFAULT_MB * 1_000_000
