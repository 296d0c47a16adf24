"""Compare: one sentence through two models of the task, one shared step cursor."""

import streamlit as st

from explorer import compare_figures as cf
from explorer import compare_view as cv
from explorer import ui, whatif_state
from explorer.strings import tr

sel = ui.page_start()
lang = sel.lang
st.title(tr("compare_title", lang))
st.caption(tr("compare_intro", lang))
if sel.task is None:
    ui.show_unavailable(sel)
    st.stop()
kinds = cv.usable_kinds(sel)
if len(kinds) < 2:
    st.info(tr("compare_need_two", lang, count=len(kinds)))
    st.stop()

kind_a, kind_b = cv.choose_models(sel, kinds)
if kind_a == kind_b:
    st.info(tr("compare_same_model", lang))
sentence = whatif_state.sentence_input(sel, "compare")
traces = cv.decode_both(sel, sentence, (kind_a, kind_b))
if traces is None:
    st.stop()
a, b = traces
names = (f"A · {cv.kind_label(kind_a, lang)}", f"B · {cv.kind_label(kind_b, lang)}")
pairs = list(zip(names, traces))

st.divider()
t = cv.step_cursor(lang, max(len(a.steps), len(b.steps)))
for col, (name, trace), key in zip(st.columns(2), pairs, ("compare-a", "compare-b")):
    with col:
        cv.model_column(name, trace, t, lang, key)

st.subheader(tr("compare_diff_title", lang))
if a.attention_matrix is None or b.attention_matrix is None:
    st.info(tr("compare_diff_needs_weights", lang))
else:
    st.caption(tr("compare_diff_caption", lang))
    k = min(len(a.steps), len(b.steps))
    if len(a.steps) != len(b.steps):
        st.info(tr("compare_diff_lengths", lang, a=len(a.steps), b=len(b.steps), k=k))
    d = cv.first_difference(a, b)
    if d is None:
        st.caption(tr("compare_diff_same", lang))
    elif d < k:
        st.caption(tr("compare_diff_tokens", lang, t=d + 1))
    whatif_state.chart(cf.difference_figure(a, b, t, lang), "compare-diff")

st.subheader(tr("compare_metrics_title", lang))
st.caption(tr("compare_metrics_caption", lang))
st.dataframe(cf.metrics_table(pairs, lang), hide_index=True)
if cf.with_weights(pairs):
    st.markdown(f"**{tr('compare_entropy_title', lang)}**")
    whatif_state.chart(cf.entropy_figure(pairs, t, lang), "compare-entropy")
    st.markdown(f"**{tr('compare_coverage_title', lang)}**")
    st.caption(tr("compare_coverage_caption", lang))
    whatif_state.chart(cf.coverage_figure(pairs, lang), "compare-coverage")
    with st.expander(tr("show_table", lang)):
        st.dataframe(cf.coverage_frame(pairs, lang), hide_index=True)
