"""Theory: the course notes in our own words, each section linked to the view that shows it."""

from pathlib import Path

import streamlit as st

from explorer.catalog import discover
from explorer.content import theory
from explorer.strings import tr
from explorer.views import ui

PAGES = Path(__file__).resolve().parent
sel = ui.page_start()
lang = sel.lang
st.title(tr("theory_title", lang))
st.caption(tr("theory_intro", lang))

for section in theory.SECTIONS:
    st.header(tr(section.title_key, lang), divider="gray")
    for kind, value in section.blocks:
        if kind == "latex":
            st.latex(value)
        else:
            st.markdown(tr(value, lang))
    if section.name == "dot" and sel.task is not None:
        dot = discover().get(sel.task, {}).get("dot")  # (an uploaded model's task has none)
        note = theory.scaled_note_key(dot.config if dot else None)
        if note:
            st.info(tr(note, lang))
    links = [(slug, label) for slug, label in section.links if (PAGES / f"{slug}.py").is_file()]
    if links:
        st.caption(tr("theory_live", lang))
        for slug, label in links:
            page = f"explorer/pages/{slug}.py"
            # a link that names a model opens with it (ui.sidebar reads ?use= once)
            kind = theory.LINK_KINDS.get(label)
            use = {"use": f"{sel.task}-{kind}"} if kind and sel.task else None
            st.page_link(page, label=tr(label, lang), icon=theory.ICONS[slug], query_params=use)
