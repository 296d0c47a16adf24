"""The equations of one decoder step with that step's real numbers, as LaTeX. Pure.

Only numbers and fixed symbols ever go into the LaTeX: step numbers, positions, sizes and
values formatted by ``num``. Tokens (which users type) never do; the page shows them as text.
Steps and positions are counted from 1 here, as in the papers.
"""

from __future__ import annotations

import math

import numpy as np

from attention_core import Trace
from attention_core.kinds import kind
from explorer.numbers.latex import num

__all__ = ["num", "step_equations"]


def _norm(v) -> str:
    return num(float(np.linalg.norm(np.asarray(v, dtype=float))))


def _focus(trace: Trace, k: int) -> int:
    """The source position (0-based) with the largest weight at step k."""
    return int(np.argmax(trace.steps[k].weights))


def _signed(x: float) -> str:
    return num(x) if x >= 0 else f"({num(x)})"


def _softmax(trace: Trace, k: int) -> str:
    step, t = trace.steps[k], k + 1
    i = _focus(trace, k)
    scores = np.asarray(step.scores, dtype=float)
    m = float(scores.max())
    top = math.exp(scores[i] - m)
    total = float(np.exp(scores - m).sum())
    n = len(scores)
    if k in trace.overrides:
        # What-if: these weights were set by hand, not computed; the softmax the model would
        # have computed from the same scores is written beside them (it is not the weight).
        return (
            rf"\alpha^{{{t}}}_{{{i + 1}}} := {num(float(step.weights[i]), 4)}, \qquad "
            rf"\mathrm{{softmax}}(e^{{{t}}})_{{{i + 1}}} = "
            rf"\frac{{{num(top)}}}{{{num(total)}}} = {num(top / total, 4)}"
        )
    return (
        rf"\alpha^{{{t}}}_{{{i + 1}}} = "
        rf"\frac{{\exp(e^{{{t}}}_{{{i + 1}}} - m)}}{{\sum_{{j=1}}^{{{n}}} \exp(e^{{{t}}}_j - m)}}"
        rf" = \frac{{{num(top)}}}{{{num(total)}}} = {num(float(step.weights[i]), 4)}"
        rf", \qquad m = \max_j e^{{{t}}}_j = {num(m)}"
    )


def _softmax_key(trace: Trace, k: int) -> str:
    return "eq_softmax_set" if k in trace.overrides else "eq_softmax"


def _context(trace: Trace, k: int) -> str:
    """a_t as a sum, with the first hidden unit written out (two largest terms, then the rest)."""
    step, t = trace.steps[k], k + 1
    weights = np.asarray(step.weights, dtype=float)
    column = np.asarray(trace.keys, dtype=float)[:, 0]
    order = np.argsort(-weights)[:2]
    terms = " + ".join(rf"{num(weights[i])} \cdot {_signed(column[i])}" for i in order)
    rest = r" + \dots" if len(weights) > len(order) else ""
    n = len(weights)
    return (
        rf"a_{{{t}}} = \sum_{{i=1}}^{{{n}}} \alpha^{{{t}}}_i h_i, \qquad "
        rf"a_{{{t},1}} = {terms}{rest} = {num(float(step.context[0]))}, \qquad "
        rf"\lVert a_{{{t}}} \rVert = {_norm(step.context)}"
    )


def _probability(trace: Trace, k: int, record) -> str:
    step, t = trace.steps[k], k + 1
    # the output layer reads s~_t, or (no deep output: the PyTorch tutorial) s_t itself
    reads = rf"\tilde s_{{{t}}}" if record.deep_output else f"s_{{{t}}}"
    return (
        rf"p(y_{{{t}}} \mid y_{{\lt {t}}}, x) = \mathrm{{softmax}}(W_y {reads} + b_y)"
        rf"_{{y_{{{t}}}}} = {num(math.exp(step.log_prob), 4)}, \qquad "
        rf"\log p = {num(step.log_prob, 4)}"
    )


# The output layer's inputs as LaTeX, by the names a kind's record uses (kinds.output_reads).
_READS = {
    "context": lambda record, t: f"a_{{{t}}}" if record.has_attention else "c",
    "state": lambda record, t: f"s_{{{t}}}",
    "embedding": lambda record, t: rf"\mathrm{{emb}}(y_{{{t - 1}}})",
}


def _output(trace: Trace, k: int, record) -> str:
    t = k + 1
    reads = "; ".join(_READS[name](record, t) for name in record.output_reads)
    return (
        rf"\tilde s_{{{t}}} = \tanh\big(W_o [{reads}]\big), \qquad "
        rf"\lVert \tilde s_{{{t}}} \rVert = {_norm(trace.steps[k].output_input)}"
    )


def _state(trace: Trace, k: int, record) -> str:
    """The RNN update: it reads the context (attention before the RNN) or, with input feeding,
    the previous output-layer state s~_{t-1} (attention after it)."""
    t = k + 1
    fed = rf"a_{{{t}}}" if record.query_time == "previous" else rf"\tilde s_{{{t - 1}}}"
    return (
        rf"s_{{{t}}} = \mathrm{{GRU}}\big([\mathrm{{emb}}(y_{{{t - 1}}});\ {fed}],\ "
        rf"s_{{{t - 1}}}\big), \qquad \lVert s_{{{t}}} \rVert = {_norm(trace.steps[k].state)}"
    )


def _score(trace: Trace, k: int, record, i: int) -> str:
    """e^t_i = its kind's formula = the value; a scaled score shows 1/sqrt(H) and the product
    before scaling (H is the query's length, the scale is the trace's own)."""
    t = k + 1
    step = trace.steps[k]
    term = record.score_term(t, i)
    if trace.score_scale != 1.0:
        size = len(step.query)
        raw = num(float(step.scores[i - 1]) / trace.score_scale)
        term = rf"\frac{{{term}}}{{\sqrt{{{size}}}}} = \frac{{{raw}}}{{{num(size**0.5)}}}"
    return rf"e^{{{t}}}_{{{i}}} = {term} = {num(float(step.scores[i - 1]))}"


def step_equations(trace: Trace, k: int) -> list[tuple[str, str]]:
    """(string-table key of the explanation, LaTeX) for step k (0-based), in order: the kind's
    record (attention_core/kinds.py) says what its step computes and in which order."""
    step, t = trace.steps[k], k + 1
    record = kind(trace.attention_kind)
    state = (record.text("eq_state"), _state(trace, k, record))
    output = (record.text("eq_output"), _output(trace, k, record))
    probability = ("eq_probability", _probability(trace, k, record))
    if not record.has_attention:
        first = np.asarray(trace.steps[0].context, dtype=float)
        gap = float(np.max(np.abs(np.asarray(step.context, dtype=float) - first)))
        context = (
            "eq_context_none",
            rf"a_{{{t}}} = c \quad \forall t, \qquad "
            rf"\max_j \lvert a_{{{t},j}} - a_{{1,j}} \rvert = {num(gap)}, \qquad "
            rf"\lVert c \rVert = {_norm(step.context)}",
        )
        return [state, context, output, probability]  # (every kind without attention has W_o)
    i = _focus(trace, k) + 1
    attention = [
        (record.text("eq_score"), _score(trace, k, record, i)),
        (_softmax_key(trace, k), _softmax(trace, k)),
        ("eq_context", _context(trace, k)),
    ]
    if "query_proj" in record.score_parts:  # the query's projection comes first (Bahdanau)
        attention.insert(
            0,
            (
                "eq_query_proj",
                rf"W_b s_{{{t - 1}}}, \qquad \lVert W_b s_{{{t - 1}}} \rVert = "
                f"{_norm(step.query_proj)}",
            ),
        )
    outputs = [output, probability] if record.deep_output else [probability]
    if record.query_time == "previous":  # attention, then the RNN update that reads a_t
        return [*attention, state, *outputs]
    return [state, *attention, *outputs]
