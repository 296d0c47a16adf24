"""Your model: upload the PyTorch tutorial's model (or try the example), see what the files
hold, then step through it on the explorer and every page that steps."""

import streamlit as st

from explorer.strings import tr
from explorer.views import yours
from explorer.views.ui import page_start

lang = page_start().lang
st.title(tr("yours_title", lang))
st.markdown(tr("yours_intro", lang))
with st.expander(tr("yours_how_title", lang)):
    st.markdown(tr("yours_how", lang))
    st.code(yours.SNIPPET.read_text(encoding="utf-8"), language="python")
yours.upload(lang)
st.caption(tr("yours_private", lang))
yours.show_loaded(lang)
with st.expander(tr("yours_shown_title", lang)):
    st.markdown(tr("yours_shown", lang))
