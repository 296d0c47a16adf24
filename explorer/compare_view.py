"""Streamlit glue of the compare page: choosing two models and decoding with each.

Decoding goes through ``whatif_state.safe_decode`` (cached, never raises); the numbers come
from ``alignment`` and the figures from ``compare_figures``.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from . import figures, ui, whatif_state
from .catalog import discover
from .compare_figures import step_rows
from .strings import KIND_KEYS, tr

DEFAULTS = ("dot", "bahdanau")


def usable_kinds(sel: ui.Selection) -> list[str]:
    return [kind for kind, loaded in sel.statuses.items() if loaded.status == "ok"]


def kind_label(kind: str, lang: str) -> str:
    return tr(KIND_KEYS.get(kind, "kind_other"), lang, kind=kind)


def choose_models(sel: ui.Selection, kinds: list[str]) -> tuple[str, str]:
    """Two selectboxes (A, B); defaults dot and Bahdanau, else the first two models."""
    lang = sel.lang
    labels = ui.lang_formats(lambda lg: partial(kind_label, lang=lg))
    picks = [k for k in DEFAULTS if k in kinds] or kinds[:1]
    picks += [k for k in kinds if k not in picks]
    for key, default in (("compare_a", picks[0]), ("compare_b", picks[1])):
        # Translated labels: after a language switch the browser holds the other language's.
        ui.keep_choice(key, kinds, default, *labels)
    left, right = st.columns(2)
    a = left.selectbox(
        tr("compare_model_a", lang), kinds, key="compare_a", help=tr("compare_models_help", lang),
        format_func=lambda k: kind_label(k, lang),
    )  # fmt: skip
    b = right.selectbox(
        tr("compare_model_b", lang), kinds, key="compare_b", help=tr("compare_models_help", lang),
        format_func=lambda k: kind_label(k, lang),
    )  # fmt: skip
    return a, b


def side(sel: ui.Selection, kind: str) -> ui.Selection:
    """The selection of another model of the same task."""
    entry = discover()[sel.task][kind]
    return ui.Selection(sel.lang, sel.task, entry, sel.statuses[kind], sel.statuses)


def decode_both(sel: ui.Selection, sentence: str, kinds: tuple[str, str]):
    """The two traces, or None after a translated message (shown once, not per model)."""
    traces = []
    for n, kind in enumerate(kinds):
        trace = whatif_state.safe_decode(side(sel, kind), sentence, advise=n == 0)
        if trace is None:
            return None
        traces.append(trace)
    return traces


def step_cursor(lang: str, n: int) -> int:
    """The shared step slider (1..n); returns the 0-based step."""
    ss = st.session_state
    ss["compare_step"] = min(max(int(ss.get("compare_step", 1)), 1), n)
    if n > 1:
        st.slider(
            tr("compare_step_label", lang), 1, n, key="compare_step",
            help=tr("compare_step_help", lang),
        )  # fmt: skip
    return ss["compare_step"] - 1


def model_column(name: str, trace, t: int, lang: str, key: str) -> None:
    """One side: its translation, what it wrote at step t, its attention matrix."""
    st.markdown(f"**{name}**")
    st.code(trace.output_text or "∅", language=None, wrap_lines=True)
    (_, token, entropy), n = step_rows([(name, trace)], t)[0], len(trace.steps)
    if token is None:
        st.text(tr("compare_step_done", lang, t=t + 1, n=n))
    elif entropy is None:
        st.text(tr("compare_step_line", lang, t=t + 1, token=token))
    else:
        st.text(tr("compare_step_entropy", lang, t=t + 1, token=token, entropy=entropy))
    if trace.attention_matrix is None:
        st.caption(tr("compare_no_weights", lang))
    whatif_state.chart(figures.attention_heatmap(trace, min(t, n - 1), lang), key)


def first_difference(a, b) -> int | None:
    """The first step whose token differs (or where one output ends), None if identical."""
    ta, tb = [s.token for s in a.steps], [s.token for s in b.steps]
    for t, (x, y) in enumerate(zip(ta, tb)):
        if x != y:
            return t
    return None if len(ta) == len(tb) else min(len(ta), len(tb))
