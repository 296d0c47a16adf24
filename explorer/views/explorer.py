"""The explorer page's own widgets: the example buttons, the decoding options, the decode, and
under the step player the translation, the tokens as the model read them and the downloads.
No user text reaches Markdown: it is shown with ``st.text``, ``st.dataframe`` or inside the
step player's escaped figures."""

from __future__ import annotations

import streamlit as st

from attention_core import MAX_BEAM, Trace
from explorer.content.examples import EXAMPLES, TELLING
from explorer.figures import animation, style, tables
from explorer.strings import MODE_KEYS, tr
from explorer.views import models, yours
from explorer.views.ui import (
    MODES,
    Selection,
    decode_with_advice,
    keep_choice,
    lang_formats,
    reference_key,
    safe_name,
    sentence_key,
)


def offer_lesson(lang: str) -> None:
    """One line for a first-time visitor (a session's first look at the explorer, not through
    a shared link): the guided lesson exists, and where."""
    ss = st.session_state
    if ss.get("_lesson_offered"):
        return
    ss["_lesson_offered"] = True
    if ss.get("_linked"):
        return  # a shared link: its owner chose this view
    text, link = st.columns([4, 1], vertical_alignment="center")
    text.caption(tr("lesson_offer", lang))
    link.page_link("explorer/pages/lesson.py", label=tr("lesson_offer_link", lang), icon="▶")


def _use_example(task: str, sentence: str, reference: str) -> None:
    st.session_state[sentence_key(task)] = sentence
    st.session_state[reference_key(task)] = reference


def example_buttons(task: str, lang: str) -> None:
    telling = TELLING.get(task, [])
    if telling:
        st.caption(tr("examples_telling_label", lang))
    cols = st.columns(2)  # labelled by what they show; the sentence is the button's help
    for n, (label, sentence, reference) in enumerate(telling):
        cols[n % 2].button(
            tr(label, lang),
            key=f"example_telling:{task}:{n}",
            on_click=_use_example,
            args=(task, sentence, reference),
            help=sentence,
            width="stretch",
        )
    st.caption(tr("examples_label", lang))
    cols = st.columns(2)  # two per row: a whole sentence fits its button
    # an uploaded model: the few sentences of the tutorial's kind whose words it knows
    examples = EXAMPLES.get(task) or [(s, "") for s in yours.known_sentences()]
    for n, (sentence, reference) in enumerate(examples):
        cols[n % 2].button(
            sentence.replace("*", "\\*").replace("_", "\\_"),
            key=f"example:{task}:{n}",
            on_click=_use_example,
            args=(task, sentence, reference),
            width="stretch",
        )


def decode_controls(task: str, lang: str) -> tuple[str, int, str]:
    """Mode, beam width and reference widgets; returns their values."""
    left, right = st.columns([2, 3])
    keep_choice("mode", MODES, "greedy", *lang_formats(lambda lg: lambda m: tr(MODE_KEYS[m], lg)))
    mode = left.radio(
        tr("mode_label", lang),
        MODES,
        key="mode",
        format_func=lambda m: tr(MODE_KEYS[m], lang),
        horizontal=True,
        help=tr("mode_help", lang),
        persist_state="session",
    )
    if mode == "beam":
        right.slider(
            tr("beam_label", lang),
            1,
            MAX_BEAM,
            key="beam",
            help=tr("beam_help", lang),
            persist_state="session",
        )
    if mode == "forced":
        right.text_input(
            tr("reference_label", lang),
            key=reference_key(task),
            help=tr("reference_help", lang),
            persist_state="session",
        )
    ss = st.session_state
    return mode, int(ss["beam"]), ss[reference_key(task)] or ""


def run_decode(sel: Selection, sentence: str, mode: str, beam: int, reference: str):
    """The explorer's trace, or None after showing a translated message. Never raises."""
    translator = sel.loaded.translator
    return decode_with_advice(
        sel.lang,
        sentence,
        lambda: models.trace(sel.entry, translator, sentence, mode, beam, reference),
    )


# ----- results ------------------------------------------------------------------------------


def show_translation(trace: Trace, lang: str) -> None:
    st.markdown(f"**{tr('translation_label', lang)}**")
    # st.text, not st.code: st.code makes the browser fetch and parse a 1.5 MB highlighter on
    # the landing page (about 0.4 s of a new session's load here; benchmarks/hosting.py).
    st.text(trace.output_text or "∅")


def show_details(sel: Selection, trace: Trace) -> None:
    """The tokens, unknown words, mode notes and downloads of a decoded sentence."""
    lang = sel.lang
    unknown = [style.token_text(t) for t, o in zip(trace.source_tokens, trace.source_oov) if o]
    if unknown:
        st.caption(tr("oov_caption", lang, count=len(unknown)))
        st.text("  ".join(f"⟦{tok}⟧" for tok in unknown))
    # Tables only once opened: a data frame on the page makes a new session fetch and parse
    # Streamlit's 1.2 MB table code before the step player can start.
    tokens = st.expander(tr("source_tokens_label", lang), key="source_tokens", on_change="rerun")
    if tokens.open:
        tokens.dataframe(tables.source_table(trace, lang), hide_index=True)
    if trace.mode == "beam":
        st.caption(tr("beam_caption", lang, k=trace.beam_size))
        found = st.expander(tr("hypotheses_label", lang), key="hypotheses", on_change="rerun")
        if found.open:
            found.dataframe(tables.hypotheses_table(trace, lang), hide_index=True)
    if trace.mode == "forced":
        st.caption(tr("forced_caption", lang))
    name = safe_name(sel.entry.name)
    left, middle, right = st.columns(3)
    left.download_button(
        tr("download_json", lang),
        data=lambda: trace.to_json(indent=1),
        file_name=f"{name}-trace.json",
        mime="application/json",
        on_click="ignore",
    )
    if trace.attention_matrix is not None:
        middle.download_button(
            tr("download_csv", lang),
            data=lambda: tables.attention_csv(trace),  # written only when asked for
            file_name=f"{name}-attention.csv",
            mime="text/csv",
            on_click="ignore",
        )
        right.download_button(
            tr("download_gif", lang),
            data=lambda: animation.attention_gif(trace),  # drawn only when asked for
            file_name=f"{name}-steps.gif",
            mime="image/gif",
            on_click="ignore",
        )
