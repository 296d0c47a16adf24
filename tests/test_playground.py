"""explorer/numbers/playground.py: hand computations, the models' own score classes, presets,
LaTeX."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from attention_core.attention import AdditiveScore, DotScore, GeneralScore
from explorer.numbers import playground as pg

Q = np.array([1.0, 2.0])
K = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
V = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])


def test_dot_by_hand():
    r = pg.compute("dot", Q, K, V)
    assert r.scores.tolist() == [1.0, 2.0, 3.0]  # 1*1+2*0, 1*0+2*1, 1+2
    z = math.exp(1) + math.exp(2) + math.exp(3)
    expected = [math.exp(1) / z, math.exp(2) / z, math.exp(3) / z]
    assert r.weights == pytest.approx(expected)
    c = expected[0] * V[0] + expected[1] * V[1] + expected[2] * V[2]
    assert r.context == pytest.approx(c)


def test_scaled_and_temperature_by_hand():
    r = pg.compute("scaled", Q, K, V)
    assert r.scores == pytest.approx([1 / math.sqrt(2), 2 / math.sqrt(2), 3 / math.sqrt(2)])
    # temperature 2: softmax of (1, 2, 3) / 2
    w = pg.softmax([1.0, 2.0, 3.0], 2.0)
    z = math.exp(0.5) + math.exp(1.0) + math.exp(1.5)
    assert w == pytest.approx([math.exp(0.5) / z, math.exp(1.0) / z, math.exp(1.5) / z])
    with pytest.raises(ValueError):
        pg.softmax([1.0], 0.0)


def test_general_by_hand():
    W = np.array([[0.0, 1.0], [2.0, 0.0]])  # W k = (k2, 2 k1)
    r = pg.compute("general", Q, K, V, W=W)
    # q . W k_i: k1 -> (0, 2): 4; k2 -> (1, 0): 1; k3 -> (1, 2): 1 + 4 = 5
    assert r.scores.tolist() == [4.0, 1.0, 5.0]


def test_additive_by_hand():
    W_b, W_c, v = np.eye(2), np.array([[1.0, 0.0], [0.0, -1.0]]), np.array([1.0, -2.0])
    r = pg.compute("additive", Q, K, V, W_b=W_b, W_c=W_c, v=v)
    # W_b q = (1, 2); W_c k_i = (k1, -k2)
    expected = [
        1 * math.tanh(1 + 1) - 2 * math.tanh(2 + 0),
        1 * math.tanh(1 + 0) - 2 * math.tanh(2 - 1),
        1 * math.tanh(1 + 1) - 2 * math.tanh(2 - 1),
    ]
    assert r.scores == pytest.approx(expected)
    assert r.parts["energies"].shape == (3, 2)


@st.composite
def toy(draw):
    d, n = draw(st.sampled_from(pg.DIMS)), draw(st.sampled_from(pg.COUNTS))
    cell = st.floats(-pg.LIMIT, pg.LIMIT, allow_nan=False, width=32)
    return {
        "query": draw(arrays(float, d, elements=cell)),
        "keys": draw(arrays(float, (n, d), elements=cell)),
        "W": draw(arrays(float, (d, d), elements=cell)),
        "W_b": draw(arrays(float, (d, d), elements=cell)),
        "W_c": draw(arrays(float, (d, d), elements=cell)),
        "v": draw(arrays(float, d, elements=cell)),
    }


def _core(score, query, keys):
    q = torch.tensor(query, dtype=torch.float64)[None]
    k = torch.tensor(keys, dtype=torch.float64)[None]
    score = score.double()
    with torch.no_grad():
        return score(q, k, score.prepare(k))[0][0].numpy()


@settings(max_examples=40, deadline=None)
@given(toy())
def test_same_numbers_as_the_models_score_classes(x):
    q, K, d = x["query"], x["keys"], len(x["query"])
    assert pg.score("dot", q, K)[0] == pytest.approx(_core(DotScore(), q, K), abs=1e-9)
    scaled = _core(DotScore(d**-0.5), q, K)
    assert pg.score("scaled", q, K)[0] == pytest.approx(scaled, abs=1e-9)
    general = GeneralScore(d)
    general.W_a.weight.data = torch.tensor(x["W"])
    assert pg.score("general", q, K, W=x["W"])[0] == pytest.approx(
        _core(general, q, K), rel=1e-9, abs=1e-9
    )
    additive = AdditiveScore(d, d)
    additive.W_b.weight.data = torch.tensor(x["W_b"])
    additive.W_c.weight.data = torch.tensor(x["W_c"])
    additive.v_a.weight.data = torch.tensor(x["v"])[None]
    mine = pg.score("additive", q, K, W_b=x["W_b"], W_c=x["W_c"], v=x["v"])[0]
    assert mine == pytest.approx(_core(additive, q, K), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(toy(), st.floats(0.05, 5.0))
def test_weights_are_a_distribution_and_the_context_a_mix(x, temperature):
    r = pg.compute("dot", x["query"], x["keys"], x["keys"], temperature)
    assert r.weights.sum() == pytest.approx(1.0) and np.all(r.weights >= 0)
    assert np.all(r.context <= x["keys"].max(axis=0) + 1e-9)
    assert np.all(r.context >= x["keys"].min(axis=0) - 1e-9)


def _max_weight(kind: str, p: dict) -> float:
    extra = {"general": {"W": p["W"]}, "additive": {k: p[k] for k in ("W_b", "W_c", "v")}}
    return float(
        pg.compute(kind, p["query"], p["keys"], p["values"], **extra.get(kind, {})).weights.max()
    )


@pytest.mark.parametrize("d", pg.DIMS)
@pytest.mark.parametrize("n", pg.COUNTS)
def test_presets_are_sharp_and_flat(d, n):
    sharp, flat, example = (pg.preset(name, d, n) for name in ("sharp", "flat", "example"))
    for p in (sharp, flat, example):
        assert p["query"].shape == (d,) and p["keys"].shape == (n, d) == p["values"].shape
        assert len({tuple(k) for k in p["keys"]}) == n  # distinct keys
    for kind in pg.KINDS:
        assert _max_weight(kind, sharp) > 0.8, kind
        assert _max_weight(kind, flat) < 1 / n + 0.05, kind
    with pytest.raises(ValueError):
        pg.preset("nope", d, n)


def test_latex_holds_the_numbers():
    r = pg.compute("dot", Q, K, V)
    lines = pg.score_lines("dot", Q, K, r)
    assert lines[0] == "e_1 = q^\\top k_1 = 1.00 \\cdot 1.00 + 2.00 \\cdot 0.00 = 1.000"
    assert pg.num(-0.0001) == "0.00" and pg.num(-1.5) == "-1.50" and pg.num(math.inf) == r"\infty"
    assert "(-1.00)" in pg.score_lines("dot", np.array([-1.0, 0.0]), K, r)[0]
    soft = pg.softmax_lines(r, 1.0)
    assert soft[2].endswith(pg.num(r.weights[2], 4)) and len(soft) == 3
    assert pg.context_line(r, V).endswith(pg.vec(r.context, 3))
    for kind in pg.KINDS:
        p = pg.preset("example", 3, 4)
        extra = {"W": p["W"], "W_b": p["W_b"], "W_c": p["W_c"], "v": p["v"]}
        res = pg.compute(kind, p["query"], p["keys"], p["values"], **extra)
        for line in pg.score_lines(kind, p["query"], p["keys"], res, **extra):
            assert line.count("{") == line.count("}")


def test_entropy():
    assert pg.entropy([1.0, 0.0, 0.0]) == 0.0
    assert pg.entropy([0.25] * 4) == pytest.approx(math.log(4))
