"""explorer/numbers/alignment.py: entropy, coverage, monotonicity and the difference, as
properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from explorer.numbers import alignment as al


@st.composite
def attention(draw, min_steps=1):
    """A random attention matrix: rows are softmax distributions."""
    steps = draw(st.integers(min_steps, 12))
    n = draw(st.integers(1, 15))
    logits = draw(arrays(float, (steps, n), elements=st.floats(-8, 8, allow_nan=False, width=32)))
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@given(st.integers(1, 30), st.integers(1, 30), st.data())
def test_entropy_of_one_hot_rows_is_zero(steps, n, data):
    cols = data.draw(st.lists(st.integers(0, n - 1), min_size=steps, max_size=steps))
    m = np.zeros((steps, n))
    m[np.arange(steps), cols] = 1.0
    assert np.allclose(al.row_entropy(m), 0.0)


@given(st.integers(1, 30), st.integers(1, 40))
def test_entropy_of_uniform_rows_is_log_s(steps, n):
    m = np.full((steps, n), 1.0 / n)
    assert np.allclose(al.row_entropy(m), math.log(n))
    assert al.max_entropy(n) == pytest.approx(math.log(n))


@settings(max_examples=60)
@given(attention())
def test_entropy_lies_between_zero_and_log_s(m):
    h = al.row_entropy(m)
    assert h.shape == (m.shape[0],)
    assert np.all(h >= -1e-9) and np.all(h <= math.log(m.shape[1]) + 1e-9)


@settings(max_examples=60)
@given(attention())
def test_coverage_sums_to_the_number_of_steps(m):
    cov = al.coverage(m)
    assert cov.shape == (m.shape[1],)
    assert cov.sum() == pytest.approx(m.shape[0])
    assert np.all(cov >= 0)


@given(st.integers(1, 25))
def test_a_diagonal_is_monotonic(n):
    m = np.eye(n)
    assert al.monotonicity(m) == 1.0
    if n > 1:
        assert al.spearman(m) == pytest.approx(1.0)
    else:
        assert al.spearman(m) is None


@given(st.integers(2, 25))
def test_a_reversed_diagonal_is_not(n):
    m = np.eye(n)[::-1]
    assert al.monotonicity(m) == 0.0
    assert al.spearman(m) == pytest.approx(-1.0)


def test_monotonicity_counts_backward_moves():
    m = np.eye(4)[[0, 2, 1, 3]]  # focus 0, 2, 1, 3: one move back out of three
    assert al.monotonicity(m) == pytest.approx(2 / 3)
    assert al.spearman(np.eye(3)[[1, 1, 1]]) is None  # the focus never moves
    assert al.monotonicity(np.eye(3)[[1, 1, 1]]) == 1.0


@settings(max_examples=60)
@given(attention(), st.data())
def test_monotonicity_is_a_share(m, data):
    assert 0.0 <= al.monotonicity(m) <= 1.0
    rho = al.spearman(m)
    assert rho is None or -1 - 1e-9 <= rho <= 1 + 1e-9


@settings(max_examples=60)
@given(attention(), attention())
def test_difference_over_common_steps(a, b):
    b = np.resize(b, (b.shape[0], a.shape[1]))  # same source length
    d = al.difference(a, b)
    k = min(len(a), len(b))
    assert d.shape == (k, a.shape[1]) == (al.common_steps(a, b), a.shape[1])
    assert np.all(np.abs(d) <= 1 + 1e-12)
    assert np.allclose(d, a[:k] - b[:k])
    assert np.allclose(al.difference(a, a), 0.0)


def test_difference_refuses_different_sources():
    with pytest.raises(ValueError):
        al.difference(np.eye(3), np.eye(4))
    with pytest.raises(ValueError):
        al.row_entropy(np.ones(3))


def test_summary():
    m = np.array([[0.9, 0.1, 0.0], [0.1, 0.8, 0.1], [0.0, 0.1, 0.9], [0.0, 0.0, 1.0]])
    s = al.summary(m)
    assert s["steps"] == 4 and s["monotonicity"] == 1.0
    assert s["least_covered"] == 0 and s["most_covered"] == 2
    assert s["max_entropy"] == pytest.approx(math.log(3))
    assert s["mean_entropy"] == pytest.approx(al.row_entropy(m).mean())
