"""Streamlit glue for the beam and what-if pages: cached decoding with any decoding options,
and the sentence input (the step views are the step player: explorer/stepper.py).

Decoding is always ``attention_core.decode``; nothing here decodes by itself. Results are cached
per (checkpoint, weights version, sentence, options) in the app's cache bounded by memory.
"""

from __future__ import annotations

import zlib

import numpy as np
import streamlit as st

from attention_core import Trace, decode

from . import figures, memo, stepper, ui, whatif_figures
from .examples import EXAMPLES, default_sentence
from .strings import tr


def cached_decode(sel, sentence: str, **options) -> Trace:
    """``decode`` through the shared cache bounded by memory (``memo.SHARED``); raises what
    ``decode`` raises (``InputError``)."""
    weights = options.get("weights")
    weights = None if weights is None else tuple(float(w) for w in weights)
    mode, beam = options.get("mode", "greedy"), int(options.get("beam", 1))
    alpha, step, prefix = (
        float(options.get("length_penalty", 1.0)),
        options.get("override_step"),
        options.get("prefix"),
    )
    key = (
        "decode",
        str(sel.entry.path),
        sel.entry.version,
        sentence,
        mode,
        beam,
        alpha,
        step,
        weights,
        prefix,
    )

    def run() -> Trace:
        overrides = {step: list(weights)} if weights is not None else None
        return decode(
            sel.loaded.translator,
            sentence,
            mode=mode,
            beam=beam,
            length_penalty=alpha,
            overrides=overrides,
            prefix=prefix,
        )

    return memo.SHARED.get(key, run)


def safe_decode(sel, sentence: str, *, advise: bool = True, **options) -> Trace | None:
    """The trace, or None after a translated message. Never raises (ui.decode_with_advice)."""
    return ui.decode_with_advice(
        sel.lang, sentence, lambda: cached_decode(sel, sentence, **options), advise
    )


def _use_example(key: str, sentence: str) -> None:
    st.session_state[key] = sentence


def sentence_input(sel, page: str, box=None) -> str:
    """A sentence box for this page, starting from the explorer's sentence.

    Each page keeps its own key: a widget key shared by two pages is two widgets (the page is
    part of a widget's id), and their values would overwrite each other.
    """
    task, lang, ss = sel.task, sel.lang, st.session_state
    ui.prepare_inputs(task)  # the explorer's sentence, from the URL on a session's first run
    key = f"{page}_sentence:{task}"
    ss.setdefault(key, ss.get(ui.sentence_key(task)) or default_sentence(task))
    (box or st).text_input(
        tr("sentence_label", lang),
        key=key,
        help=tr("sentence_help_dates" if task == "dates" else "sentence_help_text", lang),
        persist_state="session",
    )
    # The examples fold away, with what the dates models read, and the classroom toggles sit
    # beside them: the first screen is for the step player (issue 13).
    row, toggles = st.columns([3, 2], vertical_alignment="center")
    label = "examples_dates_label" if task == "dates" else "examples_more_label"
    examples = row.expander(tr(label, lang), key=f"{page}_examples")
    if task == "dates":
        examples.caption(tr("dates_supported", lang))
    cols = examples.columns(2)
    stepper.classroom_controls(lang, toggles)
    for n, (sentence, _) in enumerate(EXAMPLES.get(task, [])):
        cols[n % 2].button(
            sentence.replace("*", "\\*").replace("_", "\\_"),  # our examples, as Markdown
            key=f"{page}_example:{task}:{n}",
            on_click=_use_example,
            args=(key, sentence),
            width="stretch",
        )
    return ss[key] or ""


def chart(fig, key: str, **kwargs):
    """A figure drawn by Streamlit (one that does not step), larger in presenter mode."""
    if stepper.presenting():
        fig = figures.presenter(fig)
    config = ui.plotly_config(key)
    return st.plotly_chart(fig, width="stretch", config=config, key=key, **kwargs)


def _open_on_a_telling_override(sel, original: Trace, sentence: str) -> None:
    """On a new sentence or model, start the step and the token on an override that changes
    the translation (``whatif_figures.telling_override``)."""
    ss = st.session_state
    tag = (sel.entry.name, sentence)
    if ss.get("_whatif_for") == tag:
        return
    ss["_whatif_for"] = tag

    def run(t: int, weights: list[float]) -> Trace:
        return cached_decode(sel, sentence, override_step=t, weights=weights)

    t, pos = whatif_figures.telling_override(original, run)
    ss["whatif_step"], ss["whatif_pos"] = t + 1, pos


def override_inputs(sel, original: Trace, sentence: str, how: str, boxes=None):
    """The step and the weights to put in place of its softmax: all on one source token
    (``how`` "attend") or typed in a table ("weights"). None after a message when unusable.
    ``boxes``: where the step and the token go (else the page)."""
    lang, ss = sel.lang, st.session_state
    step_box, pick_box = boxes or (st, st)
    n, tokens = len(original.steps), original.source_tokens
    _open_on_a_telling_override(sel, original, sentence)
    ss["whatif_step"] = min(max(int(ss.get("whatif_step", 1)), 1), n)
    if n > 1:
        help_text = tr("whatif_step_help", lang)
        step_box.slider(tr("whatif_step_label", lang), 1, n, key="whatif_step", help=help_text)
    t = ss["whatif_step"] - 1
    step = original.steps[t]
    focus = int(np.argmax(step.weights))
    st.text(  # under the row of inputs, across the page: one line
        tr("whatif_step_now", lang, t=t + 1, chosen=figures.token_text(step.token),
           focus=figures.token_text(tokens[focus]), weight=float(step.weights[focus]))
    )  # fmt: skip
    if how == "attend":
        # The options' labels carry the sentence's tokens: a new sentence leaves a stale label.
        ui.keep_choice("whatif_pos", range(len(tokens)), 0)
        pos = pick_box.selectbox(
            tr("whatif_attend_label", lang), range(len(tokens)), key="whatif_pos",
            format_func=lambda i: f"{i + 1}: {figures.token_text(tokens[i])}",
        )  # fmt: skip
        return t, whatif_figures.one_hot(len(tokens), pos)
    st.caption(tr("whatif_weights_caption", lang))
    table = whatif_figures.weights_frame(original, t, lang)
    tag = zlib.crc32(f"{sel.entry.name}\n{sentence}".encode())  # new sentence: a fresh table
    edited = st.data_editor(
        table, key=f"whatif_weights:{tag}:{t}", hide_index=True, disabled=list(table.columns[:2])
    )
    weights, problem = whatif_figures.normalise(edited[table.columns[2]])
    if problem:
        st.warning(tr(problem, lang))
        return None
    return t, weights


def compare(
    original: Trace, whatif: Trace, lang: str, key: tuple, *, step=None, forced: int = 0
) -> None:
    """Original and what-if side by side on one step player (``key``: everything that made
    them): their matrices with the what-if marks, the weights and the next-token
    probabilities at each step; it opens at the overridden step. Then the tokens as a table."""
    d = whatif_figures.first_divergence(original, whatif)

    def marked(shaded: int):
        return lambda trace, t, lg: whatif_figures.marked_heatmap(
            trace, lg, cursor=t, step=step, diverge=d, forced=shaded
        )

    titles = [tr("whatif_original", lang), tr("whatif_whatif", lang)]
    stepper.player(
        [original, whatif], ("whatif", *key), lang, titles, only=("weights", "topk"),
        heatmaps=[marked(0), marked(forced)], start=step if step is not None else d,
    )  # fmt: skip
    # Under the player: the first screen is for the two matrices.
    if d is None:
        st.info(tr("whatif_same", lang))
    else:
        st.info(tr("whatif_diverge", lang, t=d + 1))
    st.caption(tr("whatif_marks_caption", lang))
    with st.expander(tr("whatif_table_label", lang)):
        st.dataframe(whatif_figures.comparison_table(original, whatif, lang), hide_index=True)
