"""The step player in a page: the Streamlit side of explorer/player/js.

The server designs every step once per input (``player_data``), caches the JSON bytes in the
app's memory-bounded cache, and mounts one Components v2 element with them; from then on the
browser steps by itself and no step reaches the server. An unchanged payload on a rerun is
the same bytes, which Streamlit re-sends as a short hash reference. The element's key is a hash
of the payload: a new sentence is a new element, and the JS also stops the old one's timer.

Guess mode: the weights of hidden steps are in the browser, so a student with the developer
tools open could read them. For a class that is acceptable: guessing is a prompt to think, not
an exam; and keeping them on the server would cost a round trip per reveal.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from explorer import memo
from explorer.player import assets, export
from explorer.player import data as player_data
from explorer.strings import kind_label, tr
from explorer.views import yours

_COMPONENT = st.components.v2.component(
    "attention_explorer_player",
    html='<div class="attn-player-root"></div>',
    css=assets.style(),
    js=assets.script(),  # explorer/player/js/*.js joined into one module
    isolate_styles=False,  # KaTeX and plotly.js need the page's styles (field notes)
)


def assets_url() -> str:
    """Where static/vendor is served (``server.baseUrlPath`` included)."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/vendor/" if base else "/app/static/vendor/"


def build(key: tuple, make_views, lang: str, **options) -> bytes:
    """The payload for ``key`` (all inputs that shape it), from the cache or made now.
    ``make_views()`` gives the views and the shared figures (``player_data.shared_panel``)."""

    def make() -> bytes:
        views, shared = make_views()
        extra = {**options, "assets": assets_url()}
        return player_data.payload(views, lang, shared=shared, **extra)

    return memo.SHARED.get(("player", *key, lang, tuple(sorted(options.items()))), make)


# Scrolls the page to the (first) step player: after a choice made far below it (a node of
# beam search's tree), the player showing that choice comes into view at once.
_SCROLL = st.components.v2.component(
    "attention_explorer_scroll_to_player",
    html="<span></span>",
    js="""export default function () {
  const root = document.querySelector(".attn-player-root");
  if (root) root.scrollIntoView({ block: "start", behavior: "smooth" });
}""",
)


def scroll_to_player(times: int) -> None:
    """Bring the player into view; ``times`` counts the requests, so each one runs anew."""
    _SCROLL(key=f"scroll-to-player-{times}")


def offer_file(payload: bytes, lang: str, model: str, traces) -> None:
    """A button that downloads the view as one offline HTML file, made only when clicked (on
    Streamlit's own thread, from the payload already built); its help says how large."""
    size = export.estimated_bytes(payload, lang)
    help_ = tr("export_help", lang, mb=f"{size / 1e6:.1f}")
    if size > export.LIMIT_BYTES:
        help_ = f"{help_} {tr('export_large', lang)}"
    labels = " / ".join(dict.fromkeys(kind_label(t.attention_kind, lang) for t in traces))
    note = tr("export_note", lang, model=labels)
    if any(t.task == "fra-eng" or yours.is_example(t.task) for t in traces):
        note = f"{note} {tr('export_note_tatoeba', lang)}"
    title = tr("export_title", lang, model=labels)
    st.download_button(
        tr("export_button", lang),
        data=lambda: export.offline_html(payload, lang=lang, title=title, note=note),
        file_name=export.file_name(model, traces[0].source_text),
        mime="text/html",
        help=help_,
        icon=":material/download:",
        on_click="ignore",  # no rerun: the view stays as it is
        key=f"export-{hashlib.sha1(payload).hexdigest()[:16]}",
    )


def show(payload: bytes, name: str = "player") -> None:
    """Mount the player with these bytes."""
    digest = hashlib.sha1(payload).hexdigest()[:16]
    _COMPONENT(key=f"{name}-{digest}", data=payload)
