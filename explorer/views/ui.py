"""The Streamlit shell: session state, URL parameters, the sidebar, and the inputs and messages
the pages share (the explorer's own widgets: views/explorer.py).

Everything that computes lives in the pure modules (figures, tables, equations, inputs);
this module only lays their results out. No user text ever reaches Markdown, HTML or LaTeX:
it is shown with ``st.text``/``st.code``/``st.dataframe`` or escaped inside Plotly figures.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import streamlit as st

from attention_core import MAX_BEAM, MAX_INPUT_CHARS, InputError, Trace
from explorer.catalog import Entry, available_tasks, discover, find, metrics, test_metrics
from explorer.content.examples import default_sentence, reference_for
from explorer.numbers import inputs
from explorer.strings import (
    METRIC_KEYS,
    TEST_METRIC_KEYS,
    error_message,
    kind_label,
    task_label,
    tr,
)
from explorer.views import models, yours

log = logging.getLogger(__name__)

LANGS = {"en": "English", "ko": "한국어"}
MODES = ("greedy", "beam", "forced")
# No "Share chart…" (it uploads the figure, typed sentence included, to Plotly's cloud).
PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendChartToCloud"],
}
IMAGE_FORMATS = {"png": "PNG", "svg": "SVG"}
_FILE_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]{1,80}$")


@dataclass
class Selection:
    lang: str
    task: str | None = None
    entry: Entry | None = None
    loaded: models.Loaded | None = None
    statuses: dict[str, models.Loaded] = field(default_factory=dict)


def sentence_key(task: str) -> str:
    return f"sentence:{task}"


def reference_key(task: str) -> str:
    return f"reference:{task}"


def safe_name(name: str) -> str:
    """A checkpoint name fit for a Markdown message (they are directory names)."""
    return name if _SAFE_NAME.match(name) else "?"


# ----- state from the URL and the browser ---------------------------------------------------


def _initial_lang() -> str:
    lang = st.query_params.get("lang")
    if lang in LANGS:
        return lang
    locale = st.context.locale  # None under AppTest and when the browser sends none
    return "ko" if isinstance(locale, str) and locale.lower().startswith("ko") else "en"


def init_state() -> None:
    """On a session's first run, take the language, model and inputs from the URL."""
    ss = st.session_state
    if ss.get("_started"):
        return
    ss["_started"] = True
    ss["lang"] = _initial_lang()
    qp = st.query_params
    entry = find(discover(), qp.get("model", ""))
    if entry is not None:
        ss["_task"], ss["_kind"] = entry.task, entry.kind
    elif qp.get("model"):
        ss["_unknown_model_link"] = True  # said once, on the first page (page_start)
    pending = {}
    for name in ("sentence", "ref"):
        if name in qp:
            pending[name] = qp[name]
    if qp.get("mode") in MODES:
        ss["mode"] = qp["mode"]
    beam = inputs.parse_step(qp.get("beam", ""), MAX_BEAM)
    if beam is not None:
        ss["beam"] = beam
    for flag in ("present", "guess"):  # classroom settings (explorer/views/stepper.py)
        ss[flag] = qp.get(flag) == "1"
    if "a" in qp or "b" in qp:  # the compare page's two models (views/compare.choose_models)
        ss["_url_models"] = (qp.get("a"), qp.get("b"))
    # a shared link chose its view: no offer of the lesson over it (views/explorer.offer_lesson)
    ss["_linked"] = any(name in qp for name in ("sentence", "model", "step"))
    if "step" in qp:  # read against the trace's length by the step player (stepper._start)
        ss["_url_step"] = qp["step"]
    ss["_pending"] = pending  # applied once the task is known


def sync_url(values: dict[str, str | None]) -> None:
    """Write the given URL parameters, only where they changed; None or "" removes one."""
    qp = st.query_params
    for name, value in values.items():
        if value in (None, ""):
            if name in qp:
                del qp[name]
        elif qp.get(name) != value:
            qp[name] = value


# ----- the sidebar (app.py) -----------------------------------------------------------------


def _kind_label(kind: str, loaded: models.Loaded, lang: str) -> str:
    label = kind_label(kind, lang)
    if loaded.status == "missing":
        return f"{label} — {tr('unavailable_missing', lang)}"
    if loaded.status == "broken":
        return f"{label} — {tr('unavailable_broken', lang)}"
    return label


def keep_choice(key: str, options, default, *formats) -> None:
    """Make ``st.session_state[key]`` one of ``options`` before its radio or selectbox is drawn.

    Streamlit keeps such a widget's value in the browser as its *label* and maps it back
    through the labels of the run that drew it (``SelectboxSerde``/``RadioSerde``). A keyed
    widget keeps its identity when its labels change (a new sentence's tokens, another
    language) and the browser keeps the old label, so on the next rerun the value comes back
    as that label, a ``str`` (the what-if crash). ``formats`` are other ways the labels may
    have been written (one per language): a stale label found among them maps back to its
    option; anything else falls back to ``default``.
    """
    ss = st.session_state
    options = list(options)
    if key not in ss:
        ss[key] = default
        return
    value = ss[key]
    if any(type(value) is type(o) and value == o for o in options):
        return
    if isinstance(value, str):
        for fmt in formats:
            for option in options:
                if fmt(option) == value:
                    ss[key] = option
                    return
    ss[key] = default


def lang_formats(format_for):
    """``format_for(lang)`` -> a label function, for every language: ``keep_choice``'s formats."""
    return [format_for(lang) for lang in LANGS]


def _remember(name: str) -> None:
    st.session_state[f"_{name}"] = st.session_state[name]


def _sidebar_metrics(entry: Entry, lang: str) -> None:
    """The held-out test figures when evaluation.json has them, else the validation ones."""
    tested = test_metrics(entry)
    shown = [(TEST_METRIC_KEYS[k], v) for k, v in tested.items() if k in TEST_METRIC_KEYS]
    if not shown:
        shown = [(METRIC_KEYS[k], v) for k, v in metrics(entry).items() if k in METRIC_KEYS]
    for key, value in shown:
        st.sidebar.caption(tr(key, lang, value=value))
    if tested.get("sentences") and len(shown) and shown[0][0].startswith("metric_test"):
        st.sidebar.caption(tr("metric_test_note", lang, n=int(tested["sentences"])))


def sidebar() -> Selection:
    """Language, task and model; stored in session state for the pages."""
    init_state()
    ss = st.session_state
    bar = st.sidebar
    bar.radio("Language / 언어", list(LANGS), key="lang", format_func=LANGS.get, horizontal=True)
    lang = ss["lang"]
    catalog = yours.with_yours(discover())  # this session's uploaded model, if any
    tasks = available_tasks(catalog)
    selection = Selection(lang)
    if not tasks:
        bar.info(tr("no_models", lang))
    else:
        # A widget's value is reset when Streamlit switches out of its legacy pages mode (see
        # page_start: the widget's id changes with the page), so the choice lives in a plain
        # key too, written by the widget's callback, and is handed back before each drawing.
        used = find(catalog, st.query_params.get("use", ""))
        if used is not None:  # a link inside the app that names its model (Theory)
            ss["_task"], ss["_kind"] = used.task, used.kind
            del st.query_params["use"]
        for name in ("task", "kind"):
            if f"_{name}" in ss:
                ss[name] = ss[f"_{name}"]
        if ss.get("task") not in tasks:
            ss["task"] = tasks[0]
        bar.selectbox(
            tr("task_label", lang),
            tasks,
            key="task",
            format_func=lambda t: task_label(t, lang),
            on_change=_remember,
            args=("task",),
        )
        task = ss["task"]
        statuses = {kind: yours.status(entry) for kind, entry in catalog[task].items()}
        if ss.get("kind") not in statuses:
            ok = [k for k, s in statuses.items() if s.status == "ok"]
            ss["kind"] = ok[0] if ok else next(iter(statuses))
        bar.radio(
            tr("model_label", lang),
            list(statuses),
            key="kind",
            format_func=lambda k: _kind_label(k, statuses[k], lang),
            help=tr("model_help", lang),
            on_change=_remember,
            args=("kind",),
        )
        kind = ss["kind"]
        ss["_task"], ss["_kind"] = task, kind
        entry, loaded = catalog[task][kind], statuses[kind]
        selection = Selection(lang, task, entry, loaded, statuses)
        if loaded.status == "ok":
            _sidebar_metrics(entry, lang)
        if task == "fra-eng" or yours.is_example(task):
            bar.caption(tr("credit_tatoeba", lang))
    ss.setdefault("img_format", ss.get("_img_format", "png"))
    bar.radio(
        tr("img_format_label", lang),
        list(IMAGE_FORMATS),
        key="img_format",
        format_func=IMAGE_FORMATS.get,
        horizontal=True,
        help=tr("img_format_help", lang),
        on_change=_remember,
        args=("img_format",),
    )
    bar.caption(tr("credit_app", lang))
    ss["_selection"] = selection
    # an uploaded model is this session's only: a link cannot name it
    shared = selection.entry is not None and selection.task != yours.TASK
    sync_url({"lang": lang, "model": selection.entry.name if shared else None})
    return selection


def selection() -> Selection:
    return st.session_state.get("_selection") or Selection(st.session_state.get("lang", "en"))


def page_start() -> Selection:
    """Every page calls this first: the sidebar's selection for this run (app.py renders the
    sidebar, then runs the page through ``st.navigation``; the page files live in
    explorer/pages/, where Streamlit does not look for pages of its own)."""
    sel = selection()
    if st.session_state.pop("_unknown_model_link", False):
        st.info(tr("notice_unknown_model_link", sel.lang))
    return sel


def model_page(title: str, intro: str) -> Selection:
    """The opening of a page about one model: its title (the introduction as the title's help:
    the first screen is for the step) and, when the chosen model cannot decode, why, and the
    page stops there."""
    sel = page_start()
    st.title(tr(title, sel.lang), help=tr(intro, sel.lang))
    if sel.loaded is None or sel.loaded.translator is None:
        show_unavailable(sel)
        st.stop()
    return sel


def show_unavailable(sel: Selection) -> None:
    lang = sel.lang
    if sel.entry is None or sel.loaded is None:
        st.info(tr("no_models", lang))
        return
    name = safe_name(sel.entry.name)
    if sel.loaded.status == "missing":
        st.warning(tr("model_missing", lang, name=name))
    else:
        st.error(tr("model_broken", lang, name=name))
        st.code(sel.loaded.problem or "", language=None, wrap_lines=True)
    if any(s.status == "ok" for s in sel.statuses.values()):
        st.info(tr("model_try_other", lang))


# ----- inputs -------------------------------------------------------------------------------


def prepare_inputs(task: str) -> None:
    """Default sentence and reference for the task; URL values on the first run."""
    ss = st.session_state
    pending = ss.pop("_pending", {})
    if "sentence" in pending:
        ss[sentence_key(task)] = pending["sentence"]
    ss.setdefault(sentence_key(task), default_sentence(task))
    if "ref" in pending:
        ss[reference_key(task)] = pending["ref"]
    ss.setdefault(reference_key(task), reference_for(task, ss[sentence_key(task)]))
    ss.setdefault("mode", "greedy")
    ss.setdefault("beam", 5)


def decode_with_advice(lang: str, sentence: str, run, advise: bool = True) -> Trace | None:
    """``run()``'s trace, or None after a translated message; never raises. ``advise`` adds
    the input advice (no letters, looks like HTML, mostly unknown tokens) and the notices about
    the decoding, in one compact block. Every page decodes through here, so a refusal or a bug
    reads the same everywhere."""
    short = len(sentence) <= MAX_INPUT_CHARS
    if advise and sentence.strip() and short and not inputs.has_content(sentence):
        st.warning(tr("warn_no_content", lang))
        return None
    said: list[tuple[str, str]] = []  # (level, key): shown together once decoding is done
    if advise and short and inputs.looks_like_markup(sentence):
        said.append(("warning", tr("warn_markup", lang)))
    try:
        trace = run()
    except InputError as exc:
        show_notices(said)
        st.warning(error_message(exc, lang))
        if exc.code == "unknown_words":  # the words come from the user: text, not Markdown
            st.text(exc.params.get("words", ""))
        return None
    except Exception:  # a bug must not show a traceback: say so, and log it
        log.exception("decoding failed")
        st.error(tr("err_unexpected", lang))
        return None
    if not advise:
        return trace
    keys = []
    for level, key, fields in inputs.notices(trace, sentence):
        keys.append(key)
        said.append((level, tr(key, lang, **fields)))
    if "notice_not_english" not in keys and inputs.unknown_share(trace) >= inputs.MOSTLY_UNKNOWN:
        said.append(("warning", tr("warn_mostly_unknown", lang)))
    shows_reading = {"notice_added_mark", "notice_normalized"} & set(keys)
    show_notices(said, inputs.read_as(trace) if shows_reading else None)
    return trace


def show_notices(said: list[tuple[str, str]], read_as: str | None = None) -> None:
    """One block for all of a decoding's notices (several stacked alerts pushed the step
    player off the first screen): a warning if any of them is one, else a quiet note. Our own
    strings only; ``read_as``, the sentence as the model read it, is user text: ``st.text``."""
    if not said:
        return
    texts = [text for _, text in said]
    body = texts[0] if len(texts) == 1 else "\n".join(f"- {t}" for t in texts)
    if any(level == "warning" for level, _ in said):
        st.warning(body)
    else:
        st.info(body)
    if read_as:
        st.text(f"→ {read_as}")


def plotly_config(name: str) -> dict:
    """Plotly's toolbar config: its camera button saves the figure as "<model>-<name>.png" (or
    .svg, the sidebar's choice) — a name that says what the file shows."""
    ss = st.session_state
    fmt = ss.get("_img_format", ss.get("img_format", "png"))
    fmt = fmt if fmt in IMAGE_FORMATS else "png"
    sel = ss.get("_selection")
    model = sel.entry.name if sel is not None and sel.entry is not None else "attention"
    filename = _FILE_UNSAFE.sub("-", f"{model}-{name}").strip("-")[:120]
    options = {"format": fmt, "filename": filename, "scale": 2 if fmt == "png" else 1}
    return {**PLOTLY_CONFIG, "toImageButtonOptions": options}
