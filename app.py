"""Seq2seq Attention Explorer: the entry point (``streamlit run app.py``).

The sidebar (language, task, model) lives here so its values hold on every page; the pages are
listed explicitly with ASCII URL paths, so their titles can be translated without moving URLs.
"""

import streamlit as st

from explorer import turns
from explorer.strings import tr
from explorer.views import stepper, ui

# (file in explorer/pages/ and URL path, string-table key of the title, Material icon), in menu
# order. The page files are not in a top-level pages/ folder: Streamlit would also run such a
# folder's files by itself (its older multipage mode), without this sidebar.
PAGE_DIR = "explorer/pages"
PAGES = [
    # the lesson first in the menu; "/" stays the explorer, so older links keep working
    ("lesson", "page_lesson", ":material/cast_for_education:"),
    ("explorer", "page_explorer", ":material/search:"),
    ("compare", "page_compare", ":material/compare:"),
    ("beam", "page_beam", ":material/account_tree:"),
    ("whatif", "page_whatif", ":material/alt_route:"),
    ("why", "page_why", ":material/trending_down:"),
    ("playground", "page_playground", ":material/tune:"),
    ("yours", "page_yours", ":material/upload_file:"),
    ("theory", "page_theory", ":material/school:"),
    ("training", "page_training", ":material/timeline:"),
    ("about", "page_about", ":material/menu_book:"),
]
with turns.RUNS.turn():  # first come, first served (explorer/turns.py)
    ui.init_state()
    st.set_page_config(
        page_title=tr("app_title", st.session_state.get("lang", "en")),
        page_icon="🔎",
        layout="wide",
        initial_sidebar_state="collapsed" if stepper.presenting() else "auto",
    )
    stepper.apply_presenter_style()
    selection = ui.sidebar()
    lang = selection.lang
    pages = [
        # The explorer is the default page, at "/"; Streamlit names a page by its url_path, so the
        # default one takes another, and a hidden copy answers "/explorer" (a visitor who types
        # it would otherwise meet Streamlit's English "Page not found" dialog; issue 14).
        st.Page(
            f"{PAGE_DIR}/{slug}.py",
            title=tr(title, lang),
            icon=icon,
            url_path="home" if slug == "explorer" else slug,
            default=slug == "explorer",
        )
        for slug, title, icon in PAGES
    ]
    explorer_alias = st.Page(
        f"{PAGE_DIR}/explorer.py",
        title=tr("page_explorer", lang),
        icon=PAGES[1][2],
        url_path="explorer",
        visibility="hidden",
    )
    st.navigation([*pages, explorer_alias]).run()
