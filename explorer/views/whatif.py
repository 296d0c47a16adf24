"""The what-if page's inputs (which step, which weights instead of its softmax) and the
original and what-if decodings side by side on one step player."""

from __future__ import annotations

import zlib

import numpy as np
import streamlit as st

from attention_core import Trace
from explorer.figures import style
from explorer.figures import whatif as whatif_figures
from explorer.numbers import alignment, inputs
from explorer.strings import tr
from explorer.views import stepper, ui
from explorer.views.sentence import cached_decode


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


def read_url(sel, original: Trace, sentence: str) -> None:
    """A shared what-if (``how=attend&at=3&pos=5`` or ``how=prefix&prefix=...``), once per
    session: it replaces the telling override the page would otherwise open on."""
    ss, qp = st.session_state, st.query_params
    if ss.get("_whatif_url_read"):
        return
    ss["_whatif_url_read"] = True
    how = qp.get("how")
    if how not in ("attend", "weights", "prefix"):
        return
    ss["whatif_how"] = how
    ss["_whatif_for"] = (sel.entry.name, sentence)  # the link's choice, not the telling one
    n, tokens = len(original.steps), original.source_tokens
    step = inputs.parse_step(qp.get("at", ""), n)
    if step is not None:
        ss["whatif_step"] = step
    pos = inputs.parse_step(qp.get("pos", ""), len(tokens))
    if pos is not None:
        ss["whatif_pos"] = pos - 1
    if how == "prefix" and qp.get("prefix"):
        ss[f"whatif_prefix:{sel.task}"] = qp["prefix"][:200]


def write_url(sentence: str, how: str, step, pos, change: tuple) -> None:
    """The what-if in the address bar, so that a prepared one can be bookmarked and shared
    (hand-typed weights are not: a link carries the step only)."""
    prefix = change[0] if how == "prefix" else None
    ui.sync_url(
        {
            "sentence": sentence if len(sentence) <= 1000 else None,
            "how": how,
            "at": str(step + 1) if step is not None else None,
            "pos": str(pos + 1) if how == "attend" and pos is not None else None,
            "prefix": prefix if prefix and len(prefix) <= 200 else None,
        }
    )


def override_inputs(sel, original: Trace, sentence: str, how: str, boxes=None):
    """The step and the weights to put in place of its softmax: all on one source token
    (``how`` "attend") or typed in a table ("weights"). None after a message when unusable.
    ``boxes``: where the step and the token go (else the page)."""
    lang, ss = sel.lang, st.session_state
    step_box, pick_box = boxes or (st, st)
    n, tokens = len(original.steps), original.source_tokens
    _open_on_a_telling_override(sel, original, sentence)
    ss["whatif_step"] = inputs.parse_step(ss.get("whatif_step", 1), n) or 1
    if n > 1:
        help_text = tr("whatif_step_help", lang)
        step_box.slider(tr("whatif_step_label", lang), 1, n, key="whatif_step", help=help_text)
    t = ss["whatif_step"] - 1
    step = original.steps[t]
    focus = int(np.argmax(step.weights))
    st.text(  # under the row of inputs, across the page: one line
        tr(
            "whatif_step_now",
            lang,
            t=t + 1,
            chosen=style.token_text(step.token),
            focus=style.token_text(tokens[focus]),
            weight=float(step.weights[focus]),
        )
    )
    if how == "attend":
        # The options' labels carry the sentence's tokens: a new sentence leaves a stale label.
        ui.keep_choice("whatif_pos", range(len(tokens)), 0)
        pos = pick_box.selectbox(
            tr("whatif_attend_label", lang),
            range(len(tokens)),
            key="whatif_pos",
            format_func=lambda i: f"{i + 1}: {style.token_text(tokens[i])}",
        )
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
    d = alignment.first_difference(original, whatif)

    def marked(shaded: int):
        return lambda trace, t, lg: whatif_figures.marked_heatmap(
            trace, lg, cursor=t, step=step, diverge=d, forced=shaded
        )

    titles = [tr("whatif_original", lang), tr("whatif_whatif", lang)]
    stepper.player(
        [original, whatif],
        ("whatif", *key),
        lang,
        titles,
        only=("weights", "topk"),
        heatmaps=[marked(0), marked(forced)],
        start=step if step is not None else d,
    )
    # Under the player: the first screen is for the two matrices.
    if d is None:
        st.info(tr("whatif_same", lang))
    else:
        st.info(tr("whatif_diverge", lang, t=d + 1))
    st.caption(tr("whatif_marks_caption", lang))
    with st.expander(tr("whatif_table_label", lang)):
        st.dataframe(whatif_figures.comparison_table(original, whatif, lang), hide_index=True)
