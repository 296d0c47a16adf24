"""Measures of an attention matrix (rows: decoder steps, columns: source tokens). Pure numpy.

- entropy of each row, in nats: 0 when a step looks at one token, log S when it spreads evenly
  over all S tokens;
- coverage: the total weight each source token received over all steps (the columns' sums; they
  add up to the number of steps). A token near 0 was hardly looked at (dropped?), one well above
  1 was looked at again and again (repeated?);
- monotonicity: the share of consecutive steps whose most-attended position does not move
  backwards (1 for a left-to-right alignment), and the Spearman rank correlation between the step
  and that position (undefined when the position never changes).
"""

from __future__ import annotations

import math

import numpy as np


def _matrix(matrix) -> np.ndarray:
    m = np.asarray(matrix, dtype=float)
    if m.ndim != 2:
        raise ValueError("an attention matrix has two dimensions (steps, source tokens)")
    return m


def row_entropy(matrix) -> np.ndarray:
    """H_t = -sum_i a_ti log a_ti for every step t (0 log 0 = 0)."""
    m = _matrix(matrix)
    safe = np.where(m > 0, m, 1.0)
    return -(m * np.log(safe)).sum(axis=1)


def max_entropy(n_source: int) -> float:
    """The entropy of the uniform distribution over ``n_source`` tokens: log S."""
    return math.log(n_source) if n_source > 0 else 0.0


def coverage(matrix) -> np.ndarray:
    """The total weight every source token received, summed over the steps."""
    return _matrix(matrix).sum(axis=0)


def focus(matrix) -> np.ndarray:
    """The most-attended source position of every step."""
    return _matrix(matrix).argmax(axis=1)


def monotonicity(matrix) -> float:
    """Share of steps t >= 2 whose most-attended position is not left of step t-1's (1.0 for
    fewer than two steps)."""
    pos = focus(matrix)
    if len(pos) < 2:
        return 1.0
    return float(np.mean(np.diff(pos) >= 0))


def _ranks(x: np.ndarray) -> np.ndarray:
    """Ranks from 1, ties sharing their average rank."""
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x), dtype=float)
    ranks[order] = np.arange(1, len(x) + 1)
    for value in np.unique(x):
        same = x == value
        ranks[same] = ranks[same].mean()
    return ranks


def spearman(matrix) -> float | None:
    """Rank correlation between the step and its most-attended position; None when undefined
    (fewer than two steps, or the position never changes)."""
    pos = focus(matrix).astype(float)
    if len(pos) < 2 or np.all(pos == pos[0]):
        return None
    steps, ranks = _ranks(np.arange(len(pos), dtype=float)), _ranks(pos)
    return float(np.corrcoef(steps, ranks)[0, 1])


def first_difference(a, b) -> int | None:
    """The first step (0-based) where two outputs differ: a different token, or one output has
    ended; None when they are the same. ``a``, ``b``: traces (anything with ``steps``)."""
    for t, (x, y) in enumerate(zip(a.steps, b.steps)):
        if x.token != y.token:
            return t
    return None if len(a.steps) == len(b.steps) else min(len(a.steps), len(b.steps))


def common_steps(a, b) -> int:
    """How many steps two matrices of the same sentence have in common (the shorter length)."""
    return min(_matrix(a).shape[0], _matrix(b).shape[0])


def difference(a, b) -> np.ndarray:
    """a - b over the common steps: each entry lies in [-1, 1] since weights lie in [0, 1]."""
    a, b = _matrix(a), _matrix(b)
    if a.shape[1] != b.shape[1]:
        raise ValueError("the two matrices cover different source tokens")
    k = common_steps(a, b)
    return a[:k] - b[:k]


def summary(matrix) -> dict:
    """The numbers the compare page shows for one model."""
    m = _matrix(matrix)
    h, cov = row_entropy(m), coverage(m)
    return {
        "steps": m.shape[0],
        "mean_entropy": float(h.mean()) if len(h) else 0.0,
        "max_entropy": max_entropy(m.shape[1]),
        "monotonicity": monotonicity(m),
        "spearman": spearman(m),
        "least_covered": int(cov.argmin()),
        "most_covered": int(cov.argmax()),
    }
