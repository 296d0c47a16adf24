"""Why attention: BLEU by source length for none, dot and Bahdanau, and one long sentence."""

import streamlit as st

from explorer.strings import tr
from explorer.views import ui
from explorer.views import why as why_view

sel = ui.page_start()
lang = sel.lang
st.title(tr("why_title", lang))
st.caption(tr("why_intro", lang))

if not why_view.bleu_section(lang):
    why_view.dates_section(lang)
st.divider()
why_view.long_sentence(lang)
