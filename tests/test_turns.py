"""explorer/turns.py: script runs are let in first come, first served, never more at once than
the permits allow, and a run that raises (Streamlit stops a run by raising in it) gives its
turn back."""

from __future__ import annotations

import threading
import time

import pytest

from explorer.turns import DEFAULT, ENV, Turns, permits_from_env


def _crowd(turns: Turns, n: int, hold_s: float = 0.02):
    """n threads asking in a known order (each starts once the previous one waits); the order
    they got in, and the most that held a turn at once."""
    order, inside, most, lock = [], [0], [0], threading.Lock()

    def run(i: int) -> None:
        with turns.turn():
            with lock:
                order.append(i)
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(hold_s)
            with lock:
                inside[0] -= 1

    threads = []
    with turns.turn():  # hold one turn so the others queue up behind it, in order
        for i in range(n):
            thread = threading.Thread(target=run, args=(i,))
            thread.start()
            threads.append(thread)
            deadline = time.monotonic() + 5
            while turns.waiting < i + 1 - max(0, turns.permits - 1) and time.monotonic() < deadline:
                time.sleep(0.001)
    for thread in threads:
        thread.join(10)
    return order, most[0]


def test_one_permit_lets_runs_in_the_order_they_asked():
    order, most = _crowd(Turns(1), 8)
    assert order == list(range(8)) and most == 1


def test_two_permits_never_let_in_three():
    order, most = _crowd(Turns(2), 8)
    assert sorted(order) == list(range(8)) and most <= 2


def test_zero_permits_is_no_limit():
    turns = Turns(0)
    with turns.turn(), turns.turn(), turns.turn():
        assert turns.waiting == 0


def test_a_run_that_raises_gives_its_turn_back():
    turns = Turns(1)
    with pytest.raises(RuntimeError):
        with turns.turn():
            raise RuntimeError("stopped")
    done = threading.Event()
    threading.Thread(target=lambda: (turns.turn().__enter__(), done.set())).start()
    assert done.wait(2)


def test_permits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv(ENV, "3")
    assert permits_from_env() == 3
    monkeypatch.setenv(ENV, "many")
    assert permits_from_env() == DEFAULT
    monkeypatch.delenv(ENV)
    assert permits_from_env() == DEFAULT
