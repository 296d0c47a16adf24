"""Attention what-if: override one step's attention, or force the start of the output, and let
the decoder continue (``decode(..., overrides=...)`` / ``decode(..., prefix=...)``)."""

import streamlit as st

from explorer.figures import whatif as wf
from explorer.figures.style import token_text
from explorer.strings import tr
from explorer.views import sentence as sv
from explorer.views import ui
from explorer.views import whatif as whatif_view

sel = ui.model_page("whatif_title", "whatif_intro")
lang = sel.lang

sentence = sv.sentence_input(sel, "whatif")
original = sv.safe_decode(sel, sentence)
if original is None:
    st.stop()

ss = st.session_state
whatif_view.read_url(sel, original, sentence)  # a shared what-if, on the session's first visit
WAYS = {
    "attend": "whatif_how_attend",
    "weights": "whatif_how_weights",
    "prefix": "whatif_how_prefix",
}
attention = original.attention_matrix is not None
if not attention:
    st.info(tr("whatif_no_attention", lang))
    ss["whatif_how"] = "prefix"
# The labels are translated: another language leaves the browser holding a stale label.
ui.keep_choice(
    "whatif_how", list(WAYS), "attend", *ui.lang_formats(lambda lg: lambda w: tr(WAYS[w], lg))
)
# One row of inputs (what to change | which step | what instead): the player comes next.
how_box, step_box, pick_box = st.columns([1.1, 1, 1])
how = how_box.selectbox(
    tr("whatif_how_label", lang),
    list(WAYS) if attention else ["prefix"],
    key="whatif_how",
    format_func=lambda w: tr(WAYS[w], lang),
    persist_state="session",
)

marks = {}
if how in ("attend", "weights"):
    chosen = whatif_view.override_inputs(sel, original, sentence, how, (step_box, pick_box))
    if chosen is None:
        st.stop()
    t, weights = chosen
    whatif = sv.safe_decode(sel, sentence, advise=False, override_step=t, weights=weights)
    marks["step"] = t
    change = (t, tuple(float(w) for w in weights))
else:
    prefix = step_box.text_input(
        tr("whatif_prefix_label", lang),
        key=f"whatif_prefix:{sel.task}",
        max_chars=200,
        help=tr("whatif_prefix_help", lang),
        persist_state="session",
    )
    problem, fields = wf.prefix_problem(sel.loaded.translator.task, prefix)
    if problem:
        st.info(tr(problem, lang, **fields))
        st.stop()
    whatif = sv.safe_decode(sel, sentence, advise=False, prefix=prefix)
    change = (prefix,)
    if whatif is not None:
        marks["forced"] = len(whatif.prefix_tokens or [])
        unknown = wf.prefix_mismatch(whatif)
        if unknown:
            st.warning(tr("whatif_prefix_unknown", lang))
            st.text("  ".join(f"⟦{token_text(tok)}⟧" for tok in unknown))

if whatif is None:
    st.stop()
whatif_view.write_url(sentence, how, marks.get("step"), ss.get("whatif_pos"), change)
key = (sel.entry.name, sel.entry.version, sentence, how, *change)
whatif_view.compare(original, whatif, lang, key, **marks)
