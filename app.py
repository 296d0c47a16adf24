"""Seq2seq Attention Explorer: the entry point (``streamlit run app.py``).

The sidebar (language, task, model) lives here so its values hold on every page; the pages are
listed explicitly with ASCII URL paths, so their titles can be translated without moving URLs.
"""

from pathlib import Path

import streamlit as st

from explorer import stepper, ui
from explorer.strings import tr

# (file in pages/ and URL path, string-table key of the title, Material icon), in menu order.
# A page joins the menu once its file exists, so pages can land one at a time.
PAGES = [
    ("explorer", "page_explorer", ":material/search:"),
    ("compare", "page_compare", ":material/compare:"),
    ("beam", "page_beam", ":material/account_tree:"),
    ("whatif", "page_whatif", ":material/alt_route:"),
    ("why", "page_why", ":material/trending_down:"),
    ("playground", "page_playground", ":material/tune:"),
    ("theory", "page_theory", ":material/school:"),
    ("training", "page_training", ":material/timeline:"),
    ("about", "page_about", ":material/menu_book:"),
]
HERE = Path(__file__).resolve().parent

ui.mark_shell_run()
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
    st.Page(f"pages/{slug}.py", title=tr(title, lang), icon=icon,
            url_path="home" if slug == "explorer" else slug, default=slug == "explorer")
    for slug, title, icon in PAGES
    if (HERE / "pages" / f"{slug}.py").is_file()
]  # fmt: skip
if (HERE / "pages" / "explorer.py").is_file():
    pages.append(st.Page("pages/explorer.py", title=tr("page_explorer", lang), icon=PAGES[0][2],
                         url_path="explorer", visibility="hidden"))  # fmt: skip
st.navigation(pages).run()
