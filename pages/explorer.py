"""The explorer page: one sentence through one model, one decoder step at a time."""

import streamlit as st

from explorer import stepper, ui
from explorer.strings import tr

sel = ui.page_start()
lang = sel.lang
st.title(tr("explorer_title", lang))
st.caption(tr("explorer_intro", lang))

if sel.loaded is None or sel.loaded.translator is None:
    ui.show_unavailable(sel)
    st.stop()

task = sel.task
ui.prepare_inputs(task)
key = ui.sentence_key(task)
st.text_input(
    tr("sentence_label", lang),
    key=key,
    help=tr("sentence_help_dates" if task == "dates" else "sentence_help_text", lang),
    persist_state="session",
)
ui.example_buttons(task, lang)
mode, beam, reference = ui.decode_controls(task, lang)
sentence = st.session_state[key] or ""

ui.sync_url(
    {
        "sentence": sentence if len(sentence) <= 1000 else None,
        "mode": None if mode == "greedy" else mode,
        "beam": str(beam) if mode == "beam" else None,
        "ref": reference if mode == "forced" and len(reference) <= 1000 else None,
    }
)

trace = ui.run_decode(sel, sentence, mode, beam, reference)
if trace is None:
    st.stop()

ui.show_result(sel, trace)
st.divider()
stepper.classroom_controls(lang)
stepper.step_view(sel, sentence, mode, beam, reference)
