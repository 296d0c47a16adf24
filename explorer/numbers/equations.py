"""The equations of one decoder step with that step's real numbers, as LaTeX. Pure.

Only numbers and fixed symbols ever go into the LaTeX: step numbers, positions, sizes and
values formatted by ``num``. Tokens (which users type) never do; the page shows them as text.
Steps and positions are counted from 1 here, as in the papers.
"""

from __future__ import annotations

import math

import numpy as np

from attention_core import Trace
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


def _probability(trace: Trace, k: int) -> str:
    step, t = trace.steps[k], k + 1
    return (
        rf"p(y_{{{t}}} \mid y_{{\lt {t}}}, x) = \mathrm{{softmax}}(W_y \tilde s_{{{t}}} + b_y)"
        rf"_{{y_{{{t}}}}} = {num(math.exp(step.log_prob), 4)}, \qquad "
        rf"\log p = {num(step.log_prob, 4)}"
    )


def step_equations(trace: Trace, k: int) -> list[tuple[str, str]]:
    """(string-table key of the explanation, LaTeX) for step k (0-based), in order."""
    step, t = trace.steps[k], k + 1
    kind = trace.attention_kind
    luong_state = (
        rf"s_{{{t}}} = \mathrm{{GRU}}\big([\mathrm{{emb}}(y_{{{t - 1}}});\ "
        rf"\tilde s_{{{t - 1}}}],\ s_{{{t - 1}}}\big), \qquad \lVert s_{{{t}}} \rVert = "
        f"{_norm(step.state)}"
    )
    luong_output = (
        rf"\tilde s_{{{t}}} = \tanh\big(W_o [a_{{{t}}}; s_{{{t}}}]\big), \qquad "
        rf"\lVert \tilde s_{{{t}}} \rVert = {_norm(step.output_input)}"
    )
    if kind == "none":
        first = np.asarray(trace.steps[0].context, dtype=float)
        gap = float(np.max(np.abs(np.asarray(step.context, dtype=float) - first)))
        return [
            ("eq_state_none", luong_state),
            (
                "eq_context_none",
                rf"a_{{{t}}} = c \quad \forall t, \qquad "
                rf"\max_j \lvert a_{{{t},j}} - a_{{1,j}} \rvert = {num(gap)}, \qquad "
                rf"\lVert c \rVert = {_norm(step.context)}",
            ),
            ("eq_output_dot", luong_output.replace(rf"a_{{{t}}}", "c")),
            ("eq_probability", _probability(trace, k)),
        ]
    i = _focus(trace, k) + 1
    score = num(float(step.scores[i - 1]))
    if kind == "bahdanau":
        return [
            (
                "eq_query_proj",
                rf"W_b s_{{{t - 1}}}, \qquad \lVert W_b s_{{{t - 1}}} \rVert = "
                f"{_norm(step.query_proj)}",
            ),
            (
                "eq_score_bahdanau",
                rf"e^{{{t}}}_{{{i}}} = v_a^\top \tanh\big(W_b s_{{{t - 1}}} + W_c h_{{{i}}}\big)"
                f" = {score}",
            ),
            (_softmax_key(trace, k), _softmax(trace, k)),
            ("eq_context", _context(trace, k)),
            (
                "eq_state_bahdanau",
                rf"s_{{{t}}} = \mathrm{{GRU}}\big([\mathrm{{emb}}(y_{{{t - 1}}});\ a_{{{t}}}],\ "
                rf"s_{{{t - 1}}}\big), \qquad \lVert s_{{{t}}} \rVert = {_norm(step.state)}",
            ),
            (
                "eq_output_bahdanau",
                rf"\tilde s_{{{t}}} = \tanh\big(W_o [s_{{{t}}}; a_{{{t}}}; "
                rf"\mathrm{{emb}}(y_{{{t - 1}}})]\big), \qquad \lVert \tilde s_{{{t}}} \rVert = "
                f"{_norm(step.output_input)}",
            ),
            ("eq_probability", _probability(trace, k)),
        ]
    product = (
        rf"s_{{{t}}}^\top W_a h_{{{i}}}" if kind == "general" else rf"s_{{{t}}}^\top h_{{{i}}}"
    )
    if trace.score_scale != 1.0:
        # The scaled dot model divides by sqrt(H); show H and the unscaled product too.
        size = round(trace.score_scale**-2)
        raw = num(float(step.scores[i - 1]) / trace.score_scale)
        product = rf"\frac{{{product}}}{{\sqrt{{{size}}}}} = \frac{{{raw}}}{{{num(size**0.5)}}}"
    return [
        ("eq_state_dot", luong_state),
        ("eq_score_dot", rf"e^{{{t}}}_{{{i}}} = {product} = {score}"),
        (_softmax_key(trace, k), _softmax(trace, k)),
        ("eq_context", _context(trace, k)),
        ("eq_output_dot", luong_output),
        ("eq_probability", _probability(trace, k)),
    ]
