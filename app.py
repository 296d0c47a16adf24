"""Seq2seq Attention Explorer: the entry point (``streamlit run app.py``).

The sidebar (language, task, model) lives here so its values hold on every page; the pages are
listed explicitly with ASCII URL paths, so their titles can be translated without moving URLs.
"""

import streamlit as st

from explorer import ui
from explorer.strings import tr

ui.mark_shell_run()
ui.init_state()
st.set_page_config(
    page_title=tr("app_title", st.session_state.get("lang", "en")),
    page_icon="🔎",
    layout="wide",
)
selection = ui.sidebar()
lang = selection.lang
explore, about = tr("page_explorer", lang), tr("page_about", lang)
pages = [
    st.Page("pages/explorer.py", title=explore, url_path="explorer", icon=":material/search:",
            default=True),
    st.Page("pages/about.py", title=about, url_path="about", icon=":material/menu_book:"),
]  # fmt: skip
st.navigation(pages).run()
