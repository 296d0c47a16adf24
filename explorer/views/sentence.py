"""The sentence box of the beam, compare, what-if and why pages, and decoding through the
app's cache (the step views are the step player: explorer/views/stepper.py).

Decoding is always ``attention_core.decode``; nothing here decodes by itself. Results are cached
per (checkpoint, weights version, sentence, options) in the app's cache bounded by memory.
"""

from __future__ import annotations

import streamlit as st

from attention_core import DecodeOptions, Trace, decode
from explorer import memo
from explorer.content.examples import EXAMPLES, TELLING, default_sentence
from explorer.figures import plain, style
from explorer.strings import tr
from explorer.views import stepper, ui


def cached_decode(sel, sentence: str, **options) -> Trace:
    """``decode`` through the shared cache bounded by memory (``memo.SHARED``), keyed by the
    checkpoint, the sentence and the validated ``DecodeOptions``; raises what they raise
    (``InputError``). ``override_step`` and ``weights``: one step's weights instead of its
    softmax."""
    step, weights = options.pop("override_step", None), options.pop("weights", None)
    if weights is not None:
        options["overrides"] = {step: [float(w) for w in weights]}
    chosen = DecodeOptions.of(**options)
    key = ("decode", str(sel.entry.path), sel.entry.version, sentence, chosen)
    return memo.SHARED.get(key, lambda: decode(sel.loaded.translator, sentence, chosen))


def safe_decode(sel, sentence: str, *, advise: bool = True, **options) -> Trace | None:
    """The trace, or None after a translated message. Never raises (ui.decode_with_advice)."""
    return ui.decode_with_advice(
        sel.lang, sentence, lambda: cached_decode(sel, sentence, **options), advise
    )


def _use_example(key: str, sentence: str) -> None:
    st.session_state[key] = sentence


def sentence_input(sel, page: str, box=None) -> str:
    """A sentence box for this page, starting from the explorer's sentence.

    Each page keeps its own key: a widget key shared by two pages is two widgets (the page is
    part of a widget's id), and their values would overwrite each other.
    """
    task, lang, ss = sel.task, sel.lang, st.session_state
    ui.prepare_inputs(task)  # the explorer's sentence, from the URL on a session's first run
    key = f"{page}_sentence:{task}"
    ss.setdefault(key, ss.get(ui.sentence_key(task)) or default_sentence(task))
    (box or st).text_input(
        tr("sentence_label", lang),
        key=key,
        help=tr("sentence_help_dates" if task == "dates" else "sentence_help_text", lang),
        persist_state="session",
    )
    # The examples fold away, with what the dates models read, and the classroom toggles sit
    # beside them: the first screen is for the step player (issue 13).
    row, toggles = st.columns([3, 2], vertical_alignment="top")  # opening keeps the toggles
    label = "examples_dates_label" if task == "dates" else "examples_more_label"
    examples = row.expander(tr(label, lang), key=f"{page}_examples")
    if task == "dates":
        examples.caption(tr("dates_supported", lang))
    cols = examples.columns(2)
    stepper.classroom_controls(lang, toggles)
    for n, (label, sentence, _) in enumerate(TELLING.get(task, [])):
        cols[n % 2].button(
            tr(label, lang),
            key=f"{page}_example_telling:{task}:{n}",
            on_click=_use_example,
            args=(key, sentence),
            help=sentence,
            width="stretch",
        )
    for n, (sentence, _) in enumerate(EXAMPLES.get(task, [])):
        cols[n % 2].button(
            sentence.replace("*", "\\*").replace("_", "\\_"),  # our examples, as Markdown
            key=f"{page}_example:{task}:{n}",
            on_click=_use_example,
            args=(key, sentence),
            width="stretch",
        )
    return ss[key] or ""


def chart(fig, key: str, **kwargs):
    """A figure drawn by Streamlit (one that does not step), larger in presenter mode."""
    fig = plain.as_go(fig)
    if stepper.presenting():
        fig = style.presenter(fig)
    config = ui.plotly_config(key)
    return st.plotly_chart(fig, width="stretch", config=config, key=key, **kwargs)
