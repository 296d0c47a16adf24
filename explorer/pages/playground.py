"""Playground: attention on editable toy vectors, no trained model; the arithmetic written out."""

import math

import streamlit as st

from explorer.figures import playground as pf
from explorer.numbers import playground as pg
from explorer.strings import tr
from explorer.views import playground as pv
from explorer.views import sentence as sv
from explorer.views import ui

sel = ui.page_start()
lang = sel.lang
st.title(tr("pg_title", lang))
st.caption(tr("pg_intro", lang))

kind, temperature, d, n = pv.controls(lang)
left, right = st.columns([2, 3], gap="large")
with left:
    data = pv.editors(lang, kind, d, n)
if data is None:
    st.stop()

result = pg.compute(
    kind, data["query"], data["keys"], data["values"], temperature, **pv.matrices(kind, data)
)
with right:
    top = int(result.weights.argmax())
    st.info(
        tr(
            "pg_summary",
            lang,
            top=float(result.weights[top]),
            index=top + 1,
            entropy=pg.entropy(result.weights),
            max=math.log(n),
        )
    )
    st.markdown(f"**{tr('pg_scores_title', lang)}**")
    sv.chart(pf.scores_figure(result, lang), "pg-scores")
    st.markdown(f"**{tr('pg_weights_title', lang)}**")
    sv.chart(pf.weights_figure(result, lang), "pg-weights")
    st.markdown(f"**{tr('pg_context_title', lang)}**")
    sv.chart(pf.parts_figure(result, data["values"], lang), "pg-context")
    st.caption(tr("pg_try", lang))

st.subheader(tr("pg_arithmetic_title", lang))
pv.arithmetic(lang, kind, data, result, temperature)
