"""The step view: slider, previous / next, autoplay, the classroom's guess-then-reveal, and
presenter mode (larger figures for a projector).

The step view is a fragment: moving the step reruns only this part of the page, and the trace
comes from the cache, so the model never runs again. While autoplay is on, the fragment reruns
itself every ``speed`` seconds (``st.fragment(run_every=...)``) and moves one step each time.
"""

from __future__ import annotations

import logging

import streamlit as st

from attention_core import Trace

from . import equations, figures, models, tables
from .strings import PANEL_CAPTION_KEYS, PANEL_TITLE_KEYS, tr
from .ui import Selection, plotly_config, sync_url

log = logging.getLogger(__name__)

SPEEDS = (0.5, 1.0, 2.0, 3.0)  # seconds per step when playing
HIDDEN_UNTIL_REVEAL = {"energies", "scores", "weights", "parts", "output", "topk"}  # they tell
BASE_CSS = """
<style>
/* Our own constant CSS, no user text. KaTeX's italic corrections stick out of a display
   formula by a pixel or two, which makes it a scrollable region that a keyboard cannot reach
   (axe-core: scrollable-region-focusable); the padding gives them room. */
.stApp .katex-display { padding: 0.15em 0.3em; }
</style>
"""
PRESENTER_CSS = """
<style>
/* Presenter mode: larger type for a projector (our own constant CSS, no user text). */
.stApp .stMarkdown p, .stApp .stMarkdown li, .stApp .stCaption, .stApp label,
.stApp .stText, .stApp code, .stApp [data-testid="stWidgetLabel"] p
{ font-size: 1.35rem !important; }
.stApp button p, .stApp [role="radiogroup"] p, .stApp input { font-size: 1.2rem !important; }
.stApp h1 { font-size: 3rem !important; }
.stApp h2, .stApp h3 { font-size: 2.1rem !important; }
.stApp .katex { font-size: 1.45em !important; }
</style>
"""


def presenting() -> bool:
    return bool(st.session_state.get("present"))


def apply_presenter_style() -> None:
    """app.py calls this on every run: the base CSS, and the large type in presenter mode."""
    st.markdown(BASE_CSS, unsafe_allow_html=True)
    if presenting():
        st.markdown(PRESENTER_CSS, unsafe_allow_html=True)


def chart(fig, key: str) -> None:
    if presenting():
        fig = figures.presenter(fig)
    name = f"{key.removeprefix('fig-')}-step{st.session_state.get('step', 1)}"
    st.plotly_chart(fig, width="stretch", config=plotly_config(name), key=key)


def classroom_controls(lang: str) -> None:
    """Presenter mode, guess-then-reveal, autoplay and its speed; kept in the URL."""
    ss = st.session_state
    if ss.pop("_stop_playing", False):
        ss["playing"] = False
    left, middle, right, speed = st.columns([1, 1, 1, 1.3])
    left.toggle(tr("present_label", lang), key="present", help=tr("present_help", lang))
    middle.toggle(tr("guess_label", lang), key="guess", help=tr("guess_help", lang))
    right.toggle(tr("play_label", lang), key="playing", help=tr("play_help", lang))
    speed.select_slider(
        tr("speed_label", lang),
        SPEEDS,
        key="speed",
        value=ss.get("speed", 1.0),
        format_func=lambda s: tr("speed_value", lang, s=f"{s:g}"),
    )
    sync_url({"present": "1" if ss.get("present") else None,
              "guess": "1" if ss.get("guess") else None})  # fmt: skip


def step_view(sel: Selection, sentence: str, mode: str, beam: int, reference: str) -> None:
    """Still (reruns on user input) or playing (also reruns itself every ``speed`` seconds)."""
    ss = st.session_state
    if ss.get("playing"):
        st.fragment(_guarded, run_every=float(ss.get("speed", 1.0)))(
            sel, sentence, mode, beam, reference
        )
    else:
        _still(sel, sentence, mode, beam, reference)


@st.fragment
def _still(sel, sentence, mode, beam, reference) -> None:
    _guarded(sel, sentence, mode, beam, reference)


def _guarded(sel: Selection, sentence: str, mode: str, beam: int, reference: str) -> None:
    """A failure in the view is reported in words (and logged), never as a traceback."""
    try:
        _view(sel, sentence, mode, beam, reference)
    except st.errors.StreamlitAPIException:  # a bug of ours: let it show in development
        raise
    except Exception:
        log.exception("the step view failed")
        st.error(tr("err_unexpected", sel.lang))


def _move(delta: int, n: int) -> None:
    ss = st.session_state
    ss["step"] = min(max(int(ss.get("step", 1)) + delta, 1), n)


def _advance(n: int) -> None:
    """Autoplay: one step further; at the end, a full rerun switches the toggle off (a widget's
    value can only be set before the widget is drawn, so ``classroom_controls`` does it)."""
    ss = st.session_state
    if ss["step"] >= n:
        ss["_stop_playing"] = True
        st.rerun()
    ss["step"] += 1


def _view(sel: Selection, sentence: str, mode: str, beam: int, reference: str) -> None:
    lang = sel.lang
    try:
        trace = models.trace(sel.entry, sel.loaded.translator, sentence, mode, beam, reference)
    except Exception:
        return  # run_decode has already said why
    ss = st.session_state
    n = len(trace.steps)
    ss["step"] = min(max(int(ss.pop("_url_step", ss.get("step", 1))), 1), n)
    if ss.get("playing"):
        _advance(n)
    attention = trace.attention_matrix is not None
    st.subheader(tr("heatmap_title" if attention else "none_title", lang))
    if n > 1:
        back, slider, forward = st.columns([2, 7, 2], vertical_alignment="bottom")
        back.button(tr("previous", lang), on_click=_move, args=(-1, n), width="stretch",
                    disabled=ss["step"] <= 1, icon=":material/chevron_left:")  # fmt: skip
        slider.slider(tr("step_label", lang), 1, n, key="step", help=tr("step_help", lang))
        forward.button(tr("next", lang), on_click=_move, args=(1, n), width="stretch",
                       disabled=ss["step"] >= n, icon=":material/chevron_right:")  # fmt: skip
    k = ss["step"] - 1
    sync_url({"step": str(k + 1)})
    hidden = _hidden(trace, k, attention)
    step = trace.steps[k]
    st.text(
        tr(
            "step_tokens",
            lang,
            t=k + 1,
            n=n,
            given=figures.token_text(step.input_token),
            chosen="?" if hidden else figures.token_text(step.token),
        )
    )
    st.caption(tr("heatmap_caption" if attention else "none_caption", lang))
    chart(figures.attention_heatmap(trace, k, lang, hide_from=k if hidden else None), "fig-heatmap")
    if hidden:
        st.info(tr("guess_prompt", lang, t=k + 1))
        st.button(tr("reveal", lang), type="primary", on_click=_reveal, args=(trace, k),
                  icon=":material/visibility:")  # fmt: skip
    else:
        with st.expander(tr("show_table", lang)):
            st.dataframe(tables.attention_table(trace, lang), hide_index=True)

    st.subheader(tr("timeline_title", lang))
    chart(figures.timeline_figure(trace, k, lang), "fig-timeline")
    if not hidden:
        st.subheader(tr("equations_title", lang, t=k + 1))
        for key, latex in equations.step_equations(trace, k):
            st.caption(tr(key, lang))
            st.latex(latex)
    _panels(trace, k, lang, hidden)


def _reveal_key(trace: Trace, k: int) -> tuple:
    return (trace.attention_kind, trace.source_text, tuple(trace.output_tokens), k)


def _reveal(trace: Trace, k: int) -> None:
    st.session_state["_revealed"] = _reveal_key(trace, k)


def _hidden(trace: Trace, k: int, attention: bool) -> bool:
    """Guess mode hides the step's weights until the reveal; never while playing."""
    ss = st.session_state
    if not (attention and ss.get("guess")) or ss.get("playing"):
        return False
    return ss.get("_revealed") != _reveal_key(trace, k)


def _panels(trace: Trace, k: int, lang: str, hidden: bool) -> None:
    st.subheader(tr("panels_title", lang, t=k + 1))
    kind = trace.attention_kind
    for name, fig in figures.step_figures(trace, k, lang):
        if hidden and name in HIDDEN_UNTIL_REVEAL:
            continue
        title = PANEL_TITLE_KEYS[name]
        caption = PANEL_CAPTION_KEYS[name].get(kind, PANEL_CAPTION_KEYS[name]["dot"])
        if name == "scores" and trace.score_scale != 1.0:
            caption = "panel_scores_caption_dot_scaled"
        st.markdown(f"**{tr(title.get(kind, title['dot']), lang)}**")
        st.caption(tr(caption, lang))
        chart(fig, f"fig-{name}")
        with st.expander(tr("show_table", lang)):
            st.dataframe(tables.panel_table(trace, k, name, lang), hide_index=True)
