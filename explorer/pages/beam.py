"""Beam search: the search tree of one sentence, and any hypothesis in the explorer's views."""

import streamlit as st

from attention_core import MAX_BEAM
from explorer.figures import beam as bf
from explorer.figures import tables
from explorer.numbers import inputs
from explorer.strings import tr
from explorer.views import player as player_view
from explorer.views import sentence as sv
from explorer.views import stepper, ui

sel = ui.model_page("beam_title", "beam_intro")
lang = sel.lang

sentence = sv.sentence_input(sel, "beam")
ss = st.session_state
ALPHAS = [0.0, 0.5, 1.0, 1.5, 2.0]
if not ss.get("_beam_url_read"):  # a shared link's search, on the session's first visit here
    ss["_beam_url_read"] = True
    qp = st.query_params
    width = inputs.parse_step(qp.get("k", ""), MAX_BEAM)
    if width is not None:
        ss["beam_width"] = width
    try:
        if float(qp.get("alpha", "")) in ALPHAS:
            ss["beam_alpha"] = float(qp["alpha"])
    except ValueError:
        pass
    ss["_beam_url_pick"] = qp.get("pick", "")
ss.setdefault("beam_width", 3)
ss.setdefault("beam_alpha", 1.0)
left, right, pick_box = st.columns([1, 1, 2])  # one row: the first screen is for the step
k = left.slider(
    tr("beam_width_label", lang),
    1,
    MAX_BEAM,
    key="beam_width",
    help=tr("beam_width_help", lang),
    persist_state="session",
)
alpha = right.select_slider(
    tr("beam_alpha_label", lang),
    ALPHAS,
    key="beam_alpha",
    help=tr("beam_alpha_help", lang),
    persist_state="session",
)

trace = sv.safe_decode(sel, sentence, mode="beam", beam=k, length_penalty=alpha)
if trace is None:
    st.stop()

counts = bf.status_counts(trace)
labels = bf.hypothesis_labels(trace, lang)
signature = (sentence, sel.entry.name, k, alpha)
if ss.get("_beam_signature") != signature:
    ss["_beam_signature"] = signature
    ss["beam_pick"] = 0  # a new search: start from its best hypothesis
    linked = inputs.parse_step(ss.pop("_beam_url_pick", "") or "", len(labels))
    if linked is not None:
        ss["beam_pick"] = linked - 1  # a link's hypothesis (counted from 1 there)
# The labels carry the outputs and are translated: a stale label maps back or starts over.
ui.keep_choice(
    "beam_pick",
    range(len(labels)),
    0,
    *ui.lang_formats(lambda lg: bf.hypothesis_labels(trace, lg).__getitem__),
)


def _clicked() -> None:
    """A click on a node picks the best hypothesis through it."""
    points = ss["beam_tree"].selection.points
    ids = [p["customdata"][0] for p in points if p.get("customdata")]
    found = bf.hypothesis_for_node(trace, int(ids[0])) if ids else None
    if found is not None:
        ss["beam_pick"] = found
        # the player (far above the tree) shows it now: bring it into view on this run
        ss["_beam_clicks"] = ss.get("_beam_clicks", 0) + 1
        ss["_beam_scroll"] = True


# The chosen hypothesis first, in the step player (the first screen is for the step); the
# search tree, where a click picks another hypothesis, follows.
pick = pick_box.selectbox(
    tr("beam_pick_label", lang),
    range(len(labels)),
    key="beam_pick",
    format_func=labels.__getitem__,
    help=tr("beam_pick_help", lang),
    persist_state="session",
)
chosen = bf.hypothesis_trace(trace, pick)
ui.sync_url(  # the search, bookmarkable: sentence, width, length penalty and the hypothesis
    {
        "sentence": sentence if len(sentence) <= 1000 else None,
        "k": str(k),
        "alpha": f"{alpha:g}",
        "pick": str(pick + 1) if pick else None,
    }
)
stepper.player(
    [chosen], ("beam", sel.entry.name, sel.entry.version, sentence, k, alpha, pick), lang
)
if ss.pop("_beam_scroll", False):
    player_view.scroll_to_player(ss["_beam_clicks"])
st.caption(tr("beam_alpha_caption", lang, alpha=alpha))
st.markdown(f"**{tr('translation_label', lang)}**")  # the best hypothesis (the player: the pick)
st.code(trace.output_text or "∅", language=None, wrap_lines=True)
st.subheader(tr("beam_tree_title", lang))
st.caption(tr("beam_tree_caption", lang))
st.caption(tr("beam_counts", lang, k=k, nodes=len(trace.beam_nodes), **counts))
tree = bf.beam_tree(trace, lang, selected=ss["beam_pick"])
sv.chart(tree, "beam_tree", on_select=_clicked, selection_mode="points")
with st.expander(tr("hypotheses_label", lang)):
    st.dataframe(tables.hypotheses_table(trace, lang), hide_index=True)
