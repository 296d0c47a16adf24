"""Compare: one sentence through two models of the task, on one step player (one cursor)."""

import streamlit as st

from explorer.strings import kind_label, tr
from explorer.views import compare as cv
from explorer.views import sentence as sv
from explorer.views import stepper, ui

sel = ui.page_start()
lang = sel.lang
st.title(tr("compare_title", lang), help=tr("compare_intro", lang))
if sel.task is None:
    ui.show_unavailable(sel)
    st.stop()
kinds = cv.usable_kinds(sel)
if len(kinds) < 2:
    st.info(tr("compare_need_two", lang, count=len(kinds)))
    st.stop()

first, second, third = st.columns([1, 1, 2])  # one row: the first screen is for the steps
kind_a, kind_b = cv.choose_models(sel, kinds, (first, second))
sentence = sv.sentence_input(sel, "compare", third)
if kind_a == kind_b:
    st.info(tr("compare_same_model", lang))
ui.sync_url({"a": kind_a, "b": kind_b, "sentence": sentence if len(sentence) <= 1000 else None})
traces = cv.decode_both(sel, sentence, (kind_a, kind_b))
if traces is None:
    st.stop()
a, b = traces
names = [f"A · {kind_label(kind_a, lang)}", f"B · {kind_label(kind_b, lang)}"]
pairs = list(zip(names, traces))

key = ("compare", sel.task, kind_a, kind_b, *(cv.version(sel, k) for k in (kind_a, kind_b)))
stepper.player(
    traces,
    (*key, sentence),
    lang,
    names,
    only=cv.PANELS,
    shared=lambda present: cv.shared_figures(a, b, pairs, lang, present),
)
cv.difference_notes(a, b, lang)

st.subheader(tr("compare_metrics_title", lang))
st.caption(tr("compare_metrics_caption", lang))
st.dataframe(cv.metrics_table(pairs, lang), hide_index=True)
if cv.with_weights(pairs):
    st.markdown(f"**{tr('compare_coverage_title', lang)}**")
    st.caption(tr("compare_coverage_caption", lang))
    sv.chart(cv.coverage_figure(pairs, lang), "compare-coverage")
    with st.expander(tr("show_table", lang)):
        st.dataframe(cv.coverage_frame(pairs, lang), hide_index=True)
