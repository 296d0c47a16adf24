"""The playground's arithmetic: attention on a handful of toy vectors. Pure numpy, no Streamlit.

The same four score functions as the models (``attention_core.attention``), written out:
dot e_i = q·k_i; scaled dot e_i = q·k_i / sqrt(d); general e_i = qᵀ W k_i; additive
e_i = v_aᵀ tanh(W_b q + W_c k_i). Then weights α = softmax(e / T) with a temperature T, and the
context a = Σ_i α_i v_i. Also the presets, and the LaTeX that writes the arithmetic out with the
numbers: only numbers formatted here, never text typed by a user.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from explorer.numbers import alignment, latex

KINDS = ("dot", "scaled", "general", "additive")
DIMS = (2, 3, 4)
COUNTS = (3, 4, 5)
LIMIT = 10.0  # editor cells lie in [-LIMIT, LIMIT]
EXAMPLE_KEYS = np.array(
    [
        [1.0, 0.0, 0.5, 0.0],
        [0.5, 1.0, 0.0, -0.5],
        [-1.0, 0.5, 1.0, 0.0],
        [0.0, -1.0, 0.5, 1.0],
        [0.5, 0.5, -0.5, 0.5],
    ]
)


@dataclass
class Result:
    scores: np.ndarray  # (n,) e_i, before the softmax
    weights: np.ndarray  # (n,) α_i = softmax(e / T)
    context: np.ndarray  # (d,) Σ α_i v_i
    parts: dict[str, np.ndarray] = field(default_factory=dict)  # projections, energies


def score(kind: str, query, keys, *, W=None, W_b=None, W_c=None, v=None):
    """(scores, parts) of one query against the keys. ``parts`` holds what the LaTeX shows."""
    q, K = np.asarray(query, dtype=float), np.asarray(keys, dtype=float)
    if kind == "dot":
        return K @ q, {}
    if kind == "scaled":
        return (K @ q) / math.sqrt(len(q)), {"raw": K @ q}
    if kind == "general":
        projected = K @ np.asarray(W, dtype=float).T  # row i: W k_i
        return projected @ q, {"projected": projected}
    if kind == "additive":
        query_proj = np.asarray(W_b, dtype=float) @ q
        keys_proj = K @ np.asarray(W_c, dtype=float).T  # row i: W_c k_i
        energies = np.tanh(query_proj[None, :] + keys_proj)
        parts = {"query_proj": query_proj, "keys_proj": keys_proj, "energies": energies}
        return energies @ np.asarray(v, dtype=float), parts
    raise ValueError(f"unknown score function {kind!r}")


def softmax(scores, temperature: float = 1.0) -> np.ndarray:
    """softmax(e / T), computed stably (the largest e / T is subtracted first)."""
    if not temperature > 0:
        raise ValueError("the temperature must be positive")
    z = np.asarray(scores, dtype=float) / temperature
    e = np.exp(z - z.max())
    return e / e.sum()


def compute(kind: str, query, keys, values, temperature: float = 1.0, **matrices) -> Result:
    scores, parts = score(kind, query, keys, **matrices)
    weights = softmax(scores, temperature)
    return Result(scores, weights, weights @ np.asarray(values, dtype=float), parts)


# ----- presets ------------------------------------------------------------------------------


def _keys(d: int, n: int, scale: float) -> np.ndarray:
    """n distinct toy keys in d dimensions: ±scale along the axes, then a diagonal."""
    rows = [scale * np.eye(d)[j % d] * (1 if j < d else -1) for j in range(min(n, 2 * d))]
    while len(rows) < n:
        rows.append(np.full(d, scale / 4))
    return np.array(rows[:n])


def preset(name: str, d: int, n: int) -> dict[str, np.ndarray]:
    """Vectors and matrices for a preset: "example", "sharp" (one key takes almost all the
    weight) or "flat" (weights close to uniform)."""
    eye = np.eye(d)
    if name == "sharp":
        query, keys = 3.0 * eye[0], _keys(d, n, 2.0)
        W, W_b, W_c, v = 2.0 * eye, 0.1 * eye, eye, 6.0 * eye[0]
    elif name == "flat":
        query, keys = np.full(d, 0.1), _keys(d, n, 0.5)
        W, W_b, W_c, v = 0.5 * eye, 0.2 * eye, 0.2 * eye, np.full(d, 0.3)
    elif name == "example":
        query = np.array([1.0, 0.4, -0.3, 0.6][:d])
        keys = EXAMPLE_KEYS[:n, :d].copy()
        W = eye + 0.5 * np.eye(d, k=1)
        W_b, W_c, v = eye, np.eye(d)[::-1].copy(), np.ones(d)
    else:
        raise ValueError(f"unknown preset {name!r}")
    return {
        "query": query,
        "keys": keys,
        "values": keys.copy(),
        "W": W,
        "W_b": W_b,
        "W_c": W_c,
        "v": v,
    }


# ----- the arithmetic written out (LaTeX built from numbers only) ---------------------------


def num(x: float, digits: int = 2) -> str:
    """The playground's numbers are typed by hand: fixed decimals, never scientific."""
    return latex.num(x, digits, scientific=False)


def _paren(x: float) -> str:
    s = num(x)
    return f"({s})" if s.startswith("-") else s


def vec(values, digits: int = 2) -> str:
    return r"\begin{bmatrix}" + r" & ".join(num(x, digits) for x in values) + r"\end{bmatrix}"


def _products(a, b) -> str:
    return " + ".join(f"{_paren(x)} \\cdot {_paren(y)}" for x, y in zip(a, b))


def score_lines(kind: str, query, keys, result: Result, **matrices) -> list[str]:
    """One LaTeX line per key: how its score e_i was computed, with the numbers."""
    q, lines = np.asarray(query, dtype=float), []
    for i, k in enumerate(np.asarray(keys, dtype=float)):
        e = num(result.scores[i], 3)
        if kind == "dot":
            lines.append(f"e_{i + 1} = q^\\top k_{i + 1} = {_products(q, k)} = {e}")
        elif kind == "scaled":
            raw = num(result.parts["raw"][i], 3)
            lines.append(
                f"e_{i + 1} = \\frac{{q^\\top k_{i + 1}}}{{\\sqrt{{{len(q)}}}}} = "
                f"\\frac{{{_products(q, k)}}}{{{num(math.sqrt(len(q)), 3)}}} = "
                f"\\frac{{{raw}}}{{{num(math.sqrt(len(q)), 3)}}} = {e}"
            )
        elif kind == "general":
            wk = result.parts["projected"][i]
            lines.append(
                f"e_{i + 1} = q^\\top W k_{i + 1} = q^\\top {vec(wk)} = {_products(q, wk)} = {e}"
            )
        else:
            energies = result.parts["energies"][i]
            lines.append(
                f"e_{i + 1} = v_a^\\top \\tanh(W_b q + W_c k_{i + 1}) = v_a^\\top\\tanh\\left("
                f"{vec(result.parts['query_proj'])} + {vec(result.parts['keys_proj'][i])}"
                f"\\right) = {_products(matrices['v'], energies)} = {e}"
            )
    return lines


def softmax_lines(result: Result, temperature: float) -> list[str]:
    """α_i = exp(e_i / T) / Σ_j exp(e_j / T), with the numbers."""
    t = num(temperature)
    scaled = [num(e / temperature, 3) for e in result.scores]
    total = " + ".join(f"e^{{{s}}}" for s in scaled)
    return [
        f"\\alpha_{i + 1} = \\frac{{e^{{e_{i + 1}/T}}}}{{\\sum_j e^{{e_j/T}}}} = "
        f"\\frac{{e^{{{num(e, 3)}/{t}}}}}{{{total}}} = {num(result.weights[i], 4)}"
        for i, e in enumerate(result.scores)
    ]


def context_line(result: Result, values) -> str:
    """a = Σ α_i v_i, with the numbers."""
    terms = " + ".join(
        f"{num(a, 3)}{vec(v)}" for a, v in zip(result.weights, np.asarray(values, dtype=float))
    )
    return f"a = \\sum_i \\alpha_i v_i = {terms} = {vec(result.context, 3)}"


def entropy(weights) -> float:
    return float(alignment.row_entropy([weights])[0])
