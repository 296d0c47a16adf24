"""The explorer page: one sentence through one model, one decoder step at a time.

The sentence box stays on top; examples, decoding options, the tokens and the downloads fold
into an expander, so the first screen holds the step player: its controls, the attention
matrix with the step's row outlined, the step's weights and its main equation.
"""

import streamlit as st

from explorer.strings import tr
from explorer.views import explorer as view
from explorer.views import stepper, ui

sel = ui.model_page("explorer_title", "explorer_intro")
lang = sel.lang
view.offer_lesson(lang)

task = sel.task
ui.prepare_inputs(task)
key = ui.sentence_key(task)
st.text_input(
    tr("sentence_label", lang),
    key=key,
    help=tr("sentence_help_dates" if task == "dates" else "sentence_help_text", lang),
    persist_state="session",
)
if task == "dates":  # what the dates models read, where the date is typed
    st.caption(tr("dates_supported", lang))
# (top-aligned: opening the expander must not move the toggles down the page)
row, toggles = st.columns([3, 2], vertical_alignment="top")
more = row.expander(tr("explorer_more_label", lang), key="explorer_more")
with more:
    view.example_buttons(task, lang)
    mode, beam, reference = view.decode_controls(task, lang)
stepper.classroom_controls(lang, toggles)
sentence = st.session_state[key] or ""

ui.sync_url(
    {
        "sentence": sentence if len(sentence) <= 1000 else None,
        "mode": None if mode == "greedy" else mode,
        "beam": str(beam) if mode == "beam" else None,
        "ref": reference if mode == "forced" and len(reference) <= 1000 else None,
    }
)

trace = view.run_decode(sel, sentence, mode, beam, reference)
if trace is None:
    st.stop()

with more:
    if not stepper.guessing():  # in guess mode the player shows the output word by word
        view.show_translation(trace, lang)
    view.show_details(sel, trace)
used = (beam if mode == "beam" else 1, reference if mode == "forced" else "")
trace_key = (sel.entry.name, sel.entry.version, sentence, mode, *used)
stepper.player([trace], trace_key, lang)
