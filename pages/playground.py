"""Playground: attention on editable toy vectors, no trained model; the arithmetic written out."""

import math

import streamlit as st

from explorer import playground as pg
from explorer import playground_figures as pf
from explorer import playground_view as pv
from explorer import ui, whatif_state
from explorer.strings import tr

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
            "pg_summary", lang, top=float(result.weights[top]), index=top + 1,
            entropy=pg.entropy(result.weights), max=math.log(n),
        )
    )  # fmt: skip
    st.markdown(f"**{tr('pg_scores_title', lang)}**")
    whatif_state.chart(pf.scores_figure(result, lang), "pg-scores")
    st.markdown(f"**{tr('pg_weights_title', lang)}**")
    whatif_state.chart(pf.weights_figure(result, lang), "pg-weights")
    st.markdown(f"**{tr('pg_context_title', lang)}**")
    whatif_state.chart(pf.parts_figure(result, data["values"], lang), "pg-context")
    st.caption(tr("pg_try", lang))

st.subheader(tr("pg_arithmetic_title", lang))
pv.arithmetic(lang, kind, data, result, temperature)
