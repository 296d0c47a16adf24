"""The equations of a step (explorer/numbers/equations.py): the trace's own numbers, in the order
the model computes them, and never a token."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from attention_core import decode
from explorer.numbers import equations
from support.translators import make_translator

KINDS = ("dot", "bahdanau", "none", "general")
HOSTILE = ["<b>x</b>", "&amp;", "<unk>", " ", '<a href="http://example.com">l</a>', "$x$"]
NUMBER = r"-?\d+\.\d+(?: \\times 10\^\{-?\d+\})?"


@pytest.fixture(scope="module")
def traces():
    """Forced decoding: random models may stop at once; this gives 11 steps each."""
    return {
        kind: decode(
            make_translator(kind), "Tuesday, March 5, 2024", mode="forced", reference="2024-03-05"
        )
        for kind in KINDS
    }


def _value(latex: str) -> float:
    """A number written by ``num`` back as a float."""
    mantissa, _, exponent = latex.partition(r" \times 10^")
    return float(mantissa) * (10 ** int(exponent.strip("{}")) if exponent else 1)


def test_latex_numbers():
    assert equations.num(0.5) == "0.500"
    assert equations.num(-2) == "-2.000"
    assert equations.num(1.5e-7) == r"1.50 \times 10^{-7}"
    assert equations.num(float("inf")) == r"\infty"
    assert equations.num(float("nan")) == r"\mathrm{NaN}"
    assert equations.num(-0.0) == "0.000" and equations.num(-0.0004, 3, scientific=False) == "0.000"
    assert equations.num(-0.0004) == r"-4.00 \times 10^{-4}"  # a tiny weight is not shown as 0


def test_numbers_read_back_within_their_rounding():
    rng = np.random.default_rng(0)
    for x in np.concatenate([rng.normal(0, 3, 200), 10.0 ** rng.uniform(-9, 9, 200)]):
        written = equations.num(float(x))
        assert re.fullmatch(NUMBER, written), written
        assert _value(written) == pytest.approx(x, rel=5e-3, abs=5e-4)


@pytest.mark.parametrize("kind", KINDS)
def test_every_equation_is_numbered_with_its_step_from_one(traces, kind):
    trace = traces[kind]
    for k in range(len(trace.steps)):
        for key, latex in equations.step_equations(trace, k):
            # Bahdanau's query is the state before the step: s_{t-1}
            t = k if key == "eq_query_proj" else k + 1
            assert f"{{{t}}}" in latex, (key, latex)


def test_the_order_follows_when_attention_runs(traces):
    """Luong: the GRU first, then the scores with s_t; Bahdanau: scores with s_{t-1}, then the
    GRU reads the context."""
    dot = [key for key, _ in equations.step_equations(traces["dot"], 2)]
    assert dot.index("eq_state_dot") < dot.index("eq_score_dot") < dot.index("eq_context")
    bahdanau = dict(equations.step_equations(traces["bahdanau"], 2))
    order = list(bahdanau)
    assert order.index("eq_score_bahdanau") < order.index("eq_state_bahdanau")
    assert "s_{2}" in bahdanau["eq_score_bahdanau"] and "s_{3}" not in bahdanau["eq_score_bahdanau"]
    assert r"s_{3}^\top h" in dict(equations.step_equations(traces["dot"], 2))["eq_score_dot"]


@pytest.mark.parametrize("kind", ["dot", "bahdanau", "general"])
def test_the_softmax_fraction_is_the_weight(traces, kind):
    trace = traces[kind]
    for k in range(len(trace.steps)):
        latex = dict(equations.step_equations(trace, k))["eq_softmax"]
        top, total, weight = re.search(
            rf"= \\frac{{({NUMBER})}}{{({NUMBER})}} = ({NUMBER})", latex
        ).groups()
        i = int(np.argmax(trace.steps[k].weights))
        assert _value(weight) == pytest.approx(float(trace.steps[k].weights[i]), abs=1e-4)
        assert _value(top) / _value(total) == pytest.approx(_value(weight), rel=2e-3, abs=1e-3)


@pytest.mark.parametrize("kind", KINDS)
def test_the_probability_is_the_chosen_tokens(traces, kind):
    trace = traces[kind]
    for k, step in enumerate(trace.steps):
        latex = dict(equations.step_equations(trace, k))["eq_probability"]
        p = re.search(rf"= ({NUMBER}), \\qquad \\log p", latex).group(1)
        assert _value(p) == pytest.approx(math.exp(step.log_prob), abs=1e-4)


@pytest.mark.parametrize("kind", KINDS)
def test_equations_never_contain_tokens(traces, kind):
    plain = traces[kind]
    hostile = decode(
        make_translator(kind), "Tuesday, March 5, 2024", mode="forced", reference="2024-03-05"
    )
    hostile.source_tokens = (HOSTILE * 4)[: len(hostile.source_tokens)]
    for step, token in zip(hostile.steps, HOSTILE * 4):
        step.token = token
    for k in range(len(plain.steps)):
        latex = equations.step_equations(hostile, k)
        assert latex == equations.step_equations(plain, k)  # tokens change nothing
        for _, text in latex:
            assert "<" not in text and "&" not in text and "href" not in text


def test_equation_values_are_the_trace_values(traces):
    trace = traces["dot"]
    step = trace.steps[2]
    i = int(np.argmax(step.weights))
    latex = dict(equations.step_equations(trace, 2))
    assert f"e^{{3}}_{{{i + 1}}}" in latex["eq_score_dot"]
    assert latex["eq_score_dot"].endswith(equations.num(float(step.scores[i])))
    assert equations.num(float(step.weights[i]), 4) in latex["eq_softmax"]
    assert latex["eq_context"].endswith(equations.num(float(np.linalg.norm(step.context))))
    none = dict(equations.step_equations(traces["none"], 2))
    assert r"\rvert = 0.000" in none["eq_context_none"]  # the same context at every step
    # the baseline's state is not a query: its caption says so, not the dot model's
    assert "eq_state_none" in none and "eq_state_dot" not in none


def test_scaled_dot_equation_shows_the_division():
    scaled = make_translator("dot", scaled=True)
    trace = decode(scaled, "Tuesday, March 5, 2024", mode="forced", reference="2024-03-05")
    assert trace.score_scale == pytest.approx(24**-0.5)
    step = trace.steps[1]
    i = int(np.argmax(step.weights))
    latex = dict(equations.step_equations(trace, 1))["eq_score_dot"]
    assert r"\sqrt{24}" in latex and latex.endswith(equations.num(float(step.scores[i])))
    raw = float(step.scores[i]) * 24**0.5
    assert equations.num(raw) in latex


@pytest.mark.parametrize("kind", ["dot", "bahdanau", "general"])
def test_a_weight_set_by_hand_is_not_called_a_softmax(kind):
    """Issue 25: what-if showed "α = 0.017/1.235 = 1.0000" at the overridden step."""
    tr = make_translator(kind)
    sentence = "Tuesday, March 5, 2024"
    plain = decode(tr, sentence, prefix="2024-03-05")  # a random model could stop at once
    n = len(plain.source_tokens)
    weights = [0.0] * n
    weights[n - 1] = 1.0  # all the weight on the last token
    trace = decode(tr, sentence, prefix="2024-03-05", overrides={0: weights})
    eqs = dict(equations.step_equations(trace, 0))
    assert "eq_softmax" not in eqs
    latex = eqs["eq_softmax_set"]
    assert latex.startswith(rf"\alpha^{{1}}_{{{n}}} := 1.0000")
    softmax_of = re.escape(rf"\mathrm{{softmax}}(e^{{1}})_{{{n}}} = ")
    top, total, model = re.search(
        rf"{softmax_of}\\frac{{({NUMBER})}}{{({NUMBER})}} = ({NUMBER})", latex
    ).groups()
    scores = np.asarray(trace.steps[0].scores, dtype=float)
    softmax = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
    assert _value(model) == pytest.approx(softmax[n - 1], abs=1e-4)
    assert _value(top) / _value(total) == pytest.approx(softmax[n - 1], rel=2e-3, abs=1e-3)
    # the scores stay the model's own: the override changes the weights, not the scores
    np.testing.assert_allclose(trace.steps[0].scores, plain.steps[0].scores, rtol=1e-5, atol=1e-6)
    # and the other steps keep the real softmax
    assert "eq_softmax" in dict(equations.step_equations(trace, 1))
