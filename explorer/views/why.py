"""Streamlit glue of the "why attention" page: the evaluation figures and the long sentence.

Always about the English->French task (the one with long sentences), whatever the sidebar
shows; the dates task stands in while the English->French files are missing.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from attention_core.text import count_words
from explorer.catalog import discover, read_evaluation
from explorer.figures import why
from explorer.strings import kind_label, tr
from explorer.views import models, ui
from explorer.views import sentence as sv

PAGES = Path(__file__).resolve().parents[1] / "pages"


def evaluations(task: str) -> tuple[dict[str, dict], list[str]]:
    """kind -> evaluation.json of the task's present checkpoints; the present ones without."""
    found, without = {}, []
    for kind, entry in discover()[task].items():
        if not entry.present:
            continue
        data = read_evaluation(entry)
        if data is None:
            without.append(kind)
        else:
            found[kind] = data
    return found, without


def bleu_section(lang: str) -> bool:
    """The BLEU-by-length figure and its table; False (after a notice) when there is none."""
    found, without = evaluations("fra-eng")
    table = why.by_length(found)
    st.subheader(tr("why_bleu_title", lang))
    if not table:
        st.info(tr("why_no_fra_eng", lang))
        return False
    st.caption(tr("why_bleu_caption", lang))
    sv.chart(why.bleu_figure(table, lang), "why-bleu")
    with st.expander(tr("show_table", lang)):
        st.dataframe(why.bleu_table(table, lang), hide_index=True)
    long = why.long_scores(found)
    if len(long) > 1:
        st.markdown(f"**{tr('why_summary_title', lang)}**")
        first = long[why.ordered(long)[0]]
        st.caption(
            tr("why_summary_caption", lang, words=first["min_words"], sentences=first["sentences"])
        )
        sv.chart(why.summary_figure(found, lang), "why-summary")
    missing = [k for k in discover()["fra-eng"] if k not in table and (k in found or k in without)]
    if missing:
        labels = ", ".join(kind_label(k, lang) for k in why.ordered(missing))
        st.caption(tr("why_bleu_missing", lang, models=labels))
    return True


def dates_section(lang: str) -> None:
    values = why.overall(evaluations("dates")[0], "exact_match")
    if not values:
        return
    st.subheader(tr("why_dates_title", lang))
    st.caption(tr("why_dates_caption", lang))
    fig = why.overall_figure(values, lang, tr("why_metric_exact", lang))
    sv.chart(fig, "why-dates")


def _to_compare(sentence: str) -> None:
    """The compare page opens on the English->French task with this page's sentence."""
    ss = st.session_state
    ss["_task"] = "fra-eng"
    ss["compare_sentence:fra-eng"] = sentence


def _reset() -> None:
    st.session_state["why_sentence"] = why.LONG_SENTENCE[0]


def long_sentence(lang: str) -> None:
    st.subheader(tr("why_long_title", lang))
    usable = []
    for kind in why.ordered(discover()["fra-eng"]):
        entry = discover()["fra-eng"][kind]
        loaded = models.get(entry)
        if loaded.status == "ok":
            usable.append((kind, ui.Selection(lang, "fra-eng", entry, loaded, {})))
    if not usable:
        st.info(tr("why_long_none", lang))
        return
    st.caption(tr("why_long_intro", lang))
    ss = st.session_state
    ss.setdefault("why_sentence", why.LONG_SENTENCE[0])
    st.text_input(tr("why_long_label", lang), key="why_sentence")
    st.button(tr("why_long_reset", lang), key="why_reset", on_click=_reset)
    sentence = ss["why_sentence"] or ""
    reference = why.LONG_SENTENCE[1] if sentence == why.LONG_SENTENCE[0] else None
    if reference:
        st.caption(tr("why_long_reference", lang))
        st.code(reference, language=None, wrap_lines=True)
    traces = []
    for n, (kind, sel) in enumerate(usable):
        trace = sv.safe_decode(sel, sentence, advise=n == 0)
        if trace is None:
            return
        traces.append((kind, trace))
    st.caption(tr("why_long_words", lang, words=count_words(sentence)))
    for col, (kind, trace) in zip(st.columns(len(traces)), traces):
        with col:
            st.markdown(f"**{kind_label(kind, lang)}**")
            st.code(trace.output_text or "∅", language=None, wrap_lines=True)
            if reference:
                chrf = why.sentence_chrf(trace.output_text, reference)
                st.caption(tr("why_long_chrf", lang, chrf=chrf))
    if (PAGES / "compare.py").is_file():
        # A button, not a link: it hands this sentence and the task to the compare page.
        if st.button(
            tr("why_long_compare", lang),
            key="why_to_compare",
            icon=":material/compare:",
            on_click=_to_compare,
            args=(sentence,),
        ):
            st.switch_page("explorer/pages/compare.py")
