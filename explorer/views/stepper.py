"""Classroom settings and the step player of one or more traces.

Stepping happens in the browser (explorer/player/js): the server designs every step
of a trace once (``player_data``) and the player swaps them in, so previous / next, the
slider, the keys, autoplay and guess-then-reveal never reach the server. What stays here:
presenter mode and guess mode (they change what the server draws), kept in the URL, and the
step the page opens at (from a shared link's ``?step=``).
"""

from __future__ import annotations

import streamlit as st

from attention_core import Trace
from explorer.numbers import inputs
from explorer.player import data as player_data
from explorer.strings import tr
from explorer.views import player as player_view
from explorer.views.ui import safe_name, selection, sync_url

BASE_CSS = """
<style>
/* Our own constant CSS, no user text. KaTeX's italic corrections stick out of a display
   formula by a pixel or two, which makes it a scrollable region that a keyboard cannot reach
   (axe-core: scrollable-region-focusable); the padding gives them room. */
.stApp .katex-display { padding: 0.15em 0.3em; }
/* Less empty space above the title, so a step fits on the first screen. */
.stApp [data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
.stApp h1 { padding-top: 0.25rem; }
/* The lesson's title: a heading, small enough to leave the first screen to the part. */
.stApp .st-key-lesson_head h1 { font-size: 1.6rem !important; padding: 0; }
/* A lesson's answer choices wrap onto more lines instead of scrolling out of sight. */
.stApp .st-key-lesson_check [role="radiogroup"] { flex-wrap: wrap; overflow: visible; }
</style>
"""
PRESENTER_CSS = """
<style>
/* Presenter mode: larger type for a projector (our own constant CSS, no user text). */
.stApp .stMarkdown p, .stApp .stMarkdown li, .stApp .stCaption, .stApp label,
.stApp .stText, .stApp code, .stApp [data-testid="stWidgetLabel"] p,
.stApp [data-testid="stExpander"] summary p, .stApp [data-testid="stAlert"] p
{ font-size: 1.35rem !important; }
.stApp button p, .stApp [role="radiogroup"] p, .stApp input { font-size: 1.2rem !important; }
.stApp h1 { font-size: 3rem !important; }
.stApp h2, .stApp h3 { font-size: 2.1rem !important; }
.stApp .katex { font-size: 1.45em !important; }
/* Tables and editable grids draw their text on a canvas, at the theme's size: zoom (unlike a
   transform, it keeps clicks on the right cell) takes their 14 px type past 18 px. */
.stApp [data-testid="stDataFrame"] { zoom: 1.4; }
</style>
"""


def presenting() -> bool:
    return bool(st.session_state.get("present"))


def apply_presenter_style() -> None:
    """app.py calls this on every run: the base CSS, and the large type in presenter mode."""
    st.markdown(BASE_CSS, unsafe_allow_html=True)
    if presenting():
        st.markdown(PRESENTER_CSS, unsafe_allow_html=True)


def guessing() -> bool:
    return bool(st.session_state.get("guess"))


def classroom_controls(lang: str, where=None) -> None:
    """Presenter mode and guess-then-reveal (autoplay and its speed are in the player)."""
    left, right = (where or st).columns(2)
    left.toggle(tr("present_label", lang), key="present", help=tr("present_help", lang))
    right.toggle(tr("guess_label", lang), key="guess", help=tr("guess_help", lang))
    ss = st.session_state
    sync_url(
        {"present": "1" if ss.get("present") else None, "guess": "1" if ss.get("guess") else None}
    )


def _start(player_id: str, n: int, lang: str, default: int | None = None) -> int:
    """The step (0-based) to open at: a shared link's ``?step=`` for the first trace shown in
    this session, else ``default`` or the first step (the browser keeps the step of a trace
    it has seen). A link's step that is not a number, or past either end, is said, not
    silently replaced."""
    ss = st.session_state
    if "_url_step" in ss:
        raw = str(ss.pop("_url_step")).strip()
        step = inputs.parse_step(raw, n)
        if step is None:
            st.info(tr("notice_link_step_unreadable", lang))
        elif int(raw) != step:  # parse_step read it, so it is a whole number
            st.info(tr("notice_link_step_clamped", lang, asked=int(raw), n=n, step=step))
        ss["_start_for"] = (player_id, (step or 1) - 1)
    held = ss.get("_start_for")
    return held[1] if held and held[0] == player_id else (default or 0)


def player(
    traces: list[Trace],
    key: tuple,
    lang: str,
    titles: list[str] | None = None,
    *,
    only: tuple[str, ...] | None = None,
    shared=None,
    heatmaps=None,
    start: int | None = None,
    main: str | None = None,
    group: bool = True,
    offline: bool = True,
) -> None:
    """The step player of ``traces`` (one view each, on one cursor). ``key`` names everything
    that shapes them (model, sentence, options); the payload is cached under it. ``only``:
    just these panels; ``shared(present)``: figures of all the traces together; ``heatmaps``:
    one attention-matrix builder per trace (``player_data.view``); ``start``: the step a new
    key opens at (else step 1, or a shared link's); ``offline``: offer the view as one HTML
    file that plays without a server (explorer/player/export.py)."""
    present, guess = presenting(), guessing()
    ss = st.session_state
    fmt = ss.get("_img_format", ss.get("img_format", "png"))
    sel = selection()
    name = safe_name(sel.entry.name) if sel.entry is not None else "attention"
    player_id = "|".join(str(part) for part in key)
    titles = titles or [""] * len(traces)

    def views() -> tuple[list[dict], list[dict]]:
        made = [
            player_data.view(
                t,
                lang,
                present=present,
                guess=guess,
                title=title,
                only=only,
                heatmap=heat,
                main=main,
            )
            for t, title, heat in zip(traces, titles, heatmaps or [None] * len(traces))
        ]
        return made, shared(present) if shared else []

    payload = player_view.build(
        (*key, only, main),
        views,
        lang,
        id=player_id,
        start=_start(player_id, max(len(t.steps) for t in traces), lang, start),
        present=present,
        guess=guess,
        name=name,
        image_format=fmt,
        # another model on the same sentence keeps the step (not in a lesson: its parts pin it)
        group=f"{traces[0].task}|{traces[0].source_text}" if group and start is None else "",
    )
    player_view.show(payload)
    if offline:
        player_view.offer_file(payload, lang, name, traces)
