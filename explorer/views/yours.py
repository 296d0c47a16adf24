"""Your own model: files exported at the end of the PyTorch tutorial, checked and loaded into
this browser session only (``st.session_state``), then chosen in the sidebar like our models.

The core reads and checks the files (``attention_core.tutorial_import``: safetensors and JSON,
never a pickle); this module lays out its report and keeps the model for the session. Every
value that comes from the files (file and tensor names, shapes, words) is shown as text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from attention_core import tutorial_import
from explorer.catalog import ROOT, Entry
from explorer.strings import UPLOAD_PROBLEM_KEYS, tr
from explorer.views import models

log = logging.getLogger(__name__)

TASK = KIND = "tutorial"
NAME = "your-model"
SNIPPET = ROOT / "examples" / "pytorch_tutorial" / "export_snippet.py"
EXAMPLE = ROOT / "checkpoints" / "pytorch-tutorial-example"
# A few sentences in the tutorial's own form (its French -> English pairs start like these);
# the first that the model knows every word of is the page's first sentence.
SENTENCES = (
    "je suis fatigue",
    "il est tres grand",
    "nous sommes en retard",
    "elle est plus grande que moi",
    "tu es tres gentil",
    "je ne suis pas content",
)
# The values of a problem that come from the files: shown as text under its message.
DETAIL_FIELDS = ("file", "part", "side", "names", "name", "shape", "expected", "json", "value")


@dataclass(frozen=True)
class Yours:
    entry: Entry
    loaded: models.Loaded
    example: bool


def current() -> Yours | None:
    return st.session_state.get("_yours")


def is_example(task: str) -> bool:
    """Whether ``task`` is this session's model and it is the shipped example (trained on
    Tatoeba, whose credit then goes with it)."""
    yours = current()
    return task == TASK and yours is not None and yours.example


def status(entry: Entry) -> models.Loaded:
    """The sidebar's status of a model: the session's own one, else the checkpoint's."""
    yours = current()
    if yours is not None and entry.task == TASK:
        return yours.loaded
    return models.get(entry)


def with_yours(catalog: dict) -> dict:
    """The catalogue with this session's model as the task "tutorial" (when it has one)."""
    yours = current()
    return {**catalog, TASK: {KIND: yours.entry}} if yours is not None else catalog


def known_sentences() -> list[str]:
    """The page's example sentences that this session's model knows every word of."""
    yours = current()
    if yours is None:
        return []
    known = yours.loaded.translator.task.known
    return [s for s in SENTENCES if all(w in known for w in s.split())]


def _keep(report, example: bool) -> None:
    """Build the model and make it the session's choice in the sidebar."""
    translator = tutorial_import.build(report, "example" if example else NAME)
    path = Path("upload") / report.sha256[:16]  # in cache keys only; nothing is written there
    entry = Entry(NAME, TASK, KIND, path, translator.meta)
    ss = st.session_state
    ss["_yours"] = Yours(entry, models.Loaded(translator, "ok"), example)
    ss["_task"], ss["_kind"] = TASK, KIND
    ss[f"sentence:{TASK}"] = next(iter(known_sentences()), "")
    ss[f"reference:{TASK}"] = ""


def _forget() -> None:
    ss = st.session_state
    for key in ("_yours", "_yours_report", "_task", "_kind", f"sentence:{TASK}"):
        ss.pop(key, None)


def _example_files() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(EXAMPLE.iterdir()) if p.is_file()]


def _detail(values: dict) -> str:
    return " · ".join(str(values[k]) for k in DETAIL_FIELDS if k in values)


def show_problems(report, lang: str) -> None:
    st.error(tr("yours_refused", lang))
    for code, values in report.problems:
        numbers = {k: v for k, v in values.items() if k not in DETAIL_FIELDS}
        st.warning(tr(UPLOAD_PROBLEM_KEYS.get(code, "yours_refused"), lang, **numbers))
        detail = _detail(values)
        if detail:
            st.text(detail)


def show_report(report, lang: str) -> None:
    """The tensors found, with their shapes and what the tutorial's model has there."""
    if not report.tensors:
        return
    rows = [
        {
            tr("yours_report_part", lang): r["part"],
            tr("yours_report_tensor", lang): r["name"],
            tr("yours_report_shape", lang): "×".join(map(str, r["shape"] or ())) or "—",
            tr("yours_report_expected", lang): "×".join(map(str, r["expected"] or ())) or "—",
            tr("yours_report_status", lang): tr(f"yours_status_{r['status']}", lang),
        }
        for r in report.tensors
    ]
    with st.expander(tr("yours_report_title", lang), expanded=not report.ok):
        st.dataframe(rows, hide_index=True, width="stretch")


def upload(lang: str) -> None:
    """The uploader and the example button; a new set of files is checked once."""
    ss = st.session_state
    files = st.file_uploader(
        tr("yours_upload_label", lang),
        # no type filter: a .pt or .pth file gets our message (a pickle is never opened), in
        # the page's language, instead of Streamlit's English refusal
        accept_multiple_files=True,
        help=tr("yours_upload_help", lang),
        key="yours_files",
    )
    left, right = st.columns(2)
    example = left.button(
        tr("yours_example_button", lang), help=tr("yours_example_help", lang), width="stretch"
    )
    if current() is not None:
        right.button(tr("yours_remove", lang), on_click=_forget, width="stretch")
    chosen = _example_files() if example else [(f.name, f.getvalue()) for f in files or []]
    if not chosen:
        return
    signature = tuple((name, len(blob)) for name, blob in chosen)
    if ss.get("_yours_files") == signature and not example:
        return  # the same upload, seen on an earlier run
    ss["_yours_files"] = signature
    try:
        report = tutorial_import.inspect(chosen)
        if report.ok:
            _keep(report, example)
    except Exception:  # a bug must not show a traceback: the files are refused
        log.exception("reading an uploaded model failed")
        report = tutorial_import.Report()
        report.add("bad_safetensors", file=", ".join(n for n, _ in chosen))
    ss["_yours_report"] = report
    if report.ok:
        st.rerun()  # the sidebar, drawn before this page, now lists the model


def show_loaded(lang: str) -> None:
    yours = current()
    report = st.session_state.get("_yours_report")
    if report is not None and not report.ok:
        show_problems(report, lang)
    if report is not None:
        show_report(report, lang)
    if yours is None or (report is not None and not report.ok):
        return  # (a refused upload leaves the session's earlier model as it was)
    c = yours.loaded.translator.model.config
    sizes = dict(hidden=c.hidden, source=c.src_vocab_size - 4, target=c.tgt_vocab_size - 4)
    st.success(tr("yours_loaded", lang, steps=c.max_length, **sizes))
    if yours.example:
        st.caption(tr("yours_example_credit", lang))
    st.page_link(
        "explorer/pages/explorer.py", label=tr("yours_open", lang), icon=":material/search:"
    )
