"""Grading a lesson's checks from the trace, never from a stored answer. Pure.

``answer(check, trace, k)`` computes the right answer of a check at decoder step ``k``
(0-based) of the pinned greedy decoding, with the numbers that explain it; ``grade`` compares
an answer given with it. Change the model or the sentence and the right answer follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from attention_core import Trace
from attention_core.kinds import kind
from explorer.figures.style import token_text
from explorer.lessons import Check


@dataclass(frozen=True)
class Answer:
    right: object  # a source position (int), a token (str), a number (float) or an answer id
    why: str  # the string key of the sentence that explains it
    fields: dict = field(default_factory=dict)  # its numbers; "token*" fields are user text
    options: tuple = ()  # what the student chooses from, in the order shown
    accepted: tuple = ()  # other answers as right (positions whose weight ties the largest)


def _pos(check: Check, weights: np.ndarray) -> int:
    """The source position (0-based) a check is about: its own, or the most-weighted one."""
    if check.position is not None:
        return min(check.position, len(weights)) - 1
    return int(np.argmax(weights))


def _second(values: np.ndarray, first: int) -> int:
    rest = np.array(values, dtype=float)
    rest[first] = -np.inf
    return int(np.argmax(rest)) if len(rest) > 1 else first


def _most_weight(check: Check, trace: Trace, k: int, run) -> Answer:
    weights = np.asarray(trace.steps[k].weights, dtype=float)
    i = int(np.argmax(weights))
    j = _second(weights, i)
    fields = {
        "t": k + 1,
        "token": token_text(trace.source_tokens[i]),
        "weight": f"{weights[i]:.3f}",
        "token_second": token_text(trace.source_tokens[j]),
        "second": f"{weights[j]:.3f}",
    }
    ties = tuple(int(j) for j in np.flatnonzero(weights >= weights[i] - 1e-6))
    return Answer(i, "lesson_why_most_weight", fields, tuple(range(len(weights))), ties)


def _next_token(check: Check, trace: Trace, k: int, run) -> Answer:
    step = trace.steps[k]
    ranked = list(step.top_k)
    chosen = step.token
    p = dict(ranked).get(chosen, float(np.exp(step.log_prob)))
    other = next(((tok, q) for tok, q in ranked if tok != chosen), (chosen, p))
    fields = {
        "t": k + 1,
        "token": token_text(chosen),
        "p": f"{p:.3f}",
        "token_second": token_text(other[0]),
        "second": f"{other[1]:.3f}",
    }
    # Shown in alphabetical order: the model's ranking would give the answer away.
    options = sorted({tok for tok, _ in ranked[:5]} | {chosen})
    return Answer(chosen, "lesson_why_next_token", fields, tuple(options))


def _number(check: Check, trace: Trace, k: int, run) -> Answer:
    step = trace.steps[k]
    if check.quantity == "probability":
        value = float(np.exp(step.log_prob))
        fields = {"t": k + 1, "token": token_text(step.token), "value": f"{value:.3f}"}
        return Answer(value, "lesson_why_probability", fields)
    weights = np.asarray(step.weights, dtype=float)
    i = _pos(check, weights)
    value = float(weights[i] if check.quantity == "weight" else step.scores[i])
    fields = {"t": k + 1, "i": i + 1, "token": token_text(trace.source_tokens[i])}
    fields["value"] = f"{value:.3f}"
    return Answer(value, f"lesson_why_{check.quantity}", fields)


def _choice(check: Check, trace: Trace, k: int, run) -> Answer:
    options = tuple(key for key, _ in check.options)
    if check.fact == "query_state":
        # when the decoder takes its query: after this step's RNN update (Luong) or before it
        right = "s_prev" if kind(trace.attention_kind).query_time == "previous" else "s_t"
        return Answer(right, f"lesson_why_query_{right}", {}, options)  # LaTeX: no fields
    if check.fact == "same_context":
        contexts = np.stack([np.asarray(s.context, dtype=float) for s in trace.steps])
        gap = float(np.max(np.abs(contexts - contexts[0])))
        right = "yes" if gap < 1e-6 else "no"
        fields = {"n": len(trace.steps), "gap": f"{gap:.3g}"}
        return Answer(right, f"lesson_why_context_{right}", fields, options)
    # override_changes: all the weight of step k on one source token, then decode on
    n = len(trace.source_tokens)
    weights = np.asarray(trace.steps[k].weights, dtype=float)
    i = (
        _pos(check, weights)
        if check.position is not None
        else _second(weights, int(weights.argmax()))
    )
    forced = [0.0] * n
    forced[i] = 1.0
    changed = run({k: forced})
    right = "yes" if changed.output_tokens != trace.output_tokens else "no"
    fields = {
        "t": k + 1,
        "token": token_text(trace.source_tokens[i]),
        "token_before": trace.output_text,
        "token_after": changed.output_text,
    }
    return Answer(right, f"lesson_why_override_{right}", fields, options)


ANSWERS: dict[str, Callable[..., Answer]] = {
    "most_weight": _most_weight,
    "next_token": _next_token,
    "number": _number,
    "choice": _choice,
}


def needs_attention(check: Check) -> bool:
    """Whether the check reads attention weights (the baseline has none)."""
    if check.kind == "choice":
        return check.fact in ("query_state", "override_changes")
    return check.kind == "most_weight" or (
        check.kind == "number" and check.quantity in ("weight", "score")
    )


def answer(check: Check, trace: Trace, k: int, run: Callable[[dict], Trace] | None = None):
    """The right answer of ``check`` at decoder step ``k`` (0-based) of ``trace``. ``run``:
    decodes the same sentence with overrides (only the ``override_changes`` fact needs it)."""
    return ANSWERS[check.kind](check, trace, k, run)


def shown(check: Check, value, trace: Trace, short: bool = False) -> str:
    """An answer as plain text: in the feedback and the exit ticket, or (``short``) as the
    option a student picks (a token written twice carries its position)."""
    if value is None:
        return ""
    if check.kind == "most_weight":
        tokens = trace.source_tokens
        text = token_text(tokens[value])
        if short:
            return f"{text} ₍{value + 1}₎" if tokens.count(tokens[value]) > 1 else text
        return f"{text} ({value + 1})"
    if check.kind == "number":
        return f"{float(value):.3f}"
    if check.kind == "choice":
        return dict(check.options).get(value, str(value))
    return token_text(str(value))


def grade(check: Check, right: Answer, given) -> bool:
    """Whether ``given`` is right: the same position (or one with the same weight), token or
    answer id, or a number within the check's tolerance."""
    if given is None:
        return False
    if check.kind == "number":
        try:
            return abs(float(given) - float(right.right)) <= check.tolerance + 1e-9
        except (TypeError, ValueError):
            return False
    return given == right.right or given in right.accepted
