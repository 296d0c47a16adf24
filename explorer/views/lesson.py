"""The guided lesson (explorer/lessons): one part per screen, the live step player pinned to the
part's model, sentence and decoder step with its highlighted panel beside the matrix, and a
check graded from the trace (explorer/lessons/checks.py).

Moving between parts is one rerun (the decoding and the player's payload come from the shared
caches); stepping inside a part happens in the browser, as everywhere.
"""

from __future__ import annotations

import hashlib
import time

import streamlit as st

from explorer import lessons
from explorer.catalog import discover, find
from explorer.figures.style import token_text
from explorer.lessons import LessonError, checks, offline
from explorer.player import export
from explorer.strings import kind_label, tr
from explorer.views import models, stepper, ui
from explorer.views import sentence as sv

_MD_SPECIAL = set("\\`*_{}[]()#+-.!|~$<>&:")


def md_escape(text: str) -> str:
    """User text as literal Markdown: every ASCII punctuation Markdown or KaTeX acts on gets a
    backslash (CommonMark escapes), so a token never becomes markup, a link or a formula."""
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in str(text))


def catalog_tasks() -> dict[str, str]:
    """Checkpoint name -> task, for every model the app can list."""
    return {e.name: e.task for kinds in discover().values() for e in kinds.values()}


def load_lesson(lesson_id: str, lang: str) -> tuple[lessons.Lesson | None, bool]:
    """The lesson in ``lang`` (else English), and whether it fell back; None after a message
    naming the file, the part and the field of a problem."""
    files = lessons.available().get(lesson_id, {})
    path = files.get(lang) or files.get("en")
    if path is None:
        return None, False
    try:
        return lessons.load(path, catalog_tasks()), lang not in files
    except LessonError as exc:
        error(exc, lang)
        return None, False


def error(exc: LessonError, lang: str) -> None:
    problem = tr(f"lesson_problem_{exc.code}", lang, **{k: str(v) for k, v in exc.fields.items()})
    key = "lesson_error" if exc.step is not None else "lesson_error_file"
    st.error(
        tr(
            key,
            lang,
            file=md_escape(exc.file),
            step=exc.step,
            field=md_escape(exc.field),
            problem=md_escape(problem),
        )
    )


def lesson_title(lesson_id: str, lang: str) -> str:
    """A lesson's title in ``lang`` (else English) for the lesson picker; its id if unreadable."""
    files = lessons.available().get(lesson_id, {})
    path = files.get(lang) or files.get("en")
    try:
        return lessons.load(path).title if path else lesson_id
    except LessonError:
        return lesson_id


def selection_for(name: str, lang: str) -> ui.Selection | None:
    entry = find(discover(), name)
    if entry is None:
        return None
    loaded = models.get(entry)
    if loaded.translator is None:
        return None
    return ui.Selection(lang, entry.task, entry, loaded)


# ----- moving through the parts ---------------------------------------------------------------


def go(n: int) -> None:
    st.session_state["lesson_at"] = n


def track_time(lesson_id: str, n: int) -> dict[int, float]:
    """Seconds spent on each part of this lesson in this session (the exit ticket's times)."""
    ss = st.session_state
    times = ss.setdefault(f"lesson_times:{lesson_id}", {})
    now = time.monotonic()
    last = ss.get(f"lesson_here:{lesson_id}")
    if last is not None:
        times[last[0]] = times.get(last[0], 0.0) + now - last[1]
    ss[f"lesson_here:{lesson_id}"] = (n, now)
    return times


def navigation(lesson: lessons.Lesson, n: int, answers: dict, lang: str) -> None:
    total = len(lesson.steps)
    done = sum(1 for a in answers.values() if a.get("given") is not None)
    right = sum(1 for a in answers.values() if a.get("correct"))
    left, middle, right_box = st.columns([1, 4, 1], vertical_alignment="center")
    left.button(
        tr("lesson_prev", lang),
        key="lesson_prev",
        on_click=go,
        args=(n - 1,),
        disabled=n <= 1,
        width="stretch",
    )
    # The parts' titles as the options (stable: a changing label would make a new widget);
    # the choice is read back as its position, and a different part is one more rerun.
    titles = [f"{i}. {s.title}" for i, s in enumerate(lesson.steps, 1)]
    chosen = middle.selectbox(
        tr("lesson_jump", lang),
        titles,
        index=n - 1,
        key=f"lesson_jump:{lesson.id}:{n}",
        label_visibility="collapsed",
    )
    if chosen in titles and titles.index(chosen) + 1 != n:
        go(titles.index(chosen) + 1)
        st.rerun()
    text = tr("lesson_progress", lang, n=n, total=total, done=done, right=right)
    middle.progress(n / total, text=text)
    right_box.button(
        tr("lesson_next", lang),
        key="lesson_next",
        on_click=go,
        args=(n + 1,),
        disabled=n >= total,
        type="primary",
        width="stretch",
    )


# ----- one check --------------------------------------------------------------------------------


def _options_label(check: lessons.Check, answer: checks.Answer, trace) -> callable:
    if check.kind == "most_weight":  # a token written twice carries its position
        return lambda i: md_escape(checks.shown(check, i, trace, short=True))
    if check.kind == "next_token":
        return lambda tok: md_escape(token_text(tok))
    labels = dict(check.options)
    return lambda key: labels[key]


def ask(part: lessons.LessonStep, trace, k: int, run, key: str, lang: str, present: bool) -> dict:
    """The part's check: the question, the answer widget, and once answered, right or wrong
    with one sentence of why from the step's numbers. Returns what the exit ticket records."""
    check = part.check
    answer = checks.answer(check, trace, k, run)
    st.markdown(f"**{tr('lesson_check_title', lang)}** {check.question}")
    widget = f"lesson_answer:{key}"
    if check.kind == "number":
        given = st.number_input(
            tr("lesson_number_label", lang), value=None, step=0.01, format="%.3f", key=widget
        )
    elif check.kind == "choice":  # whole sentences: one per line
        given = st.radio(
            tr("lesson_choose_label", lang),
            answer.options,
            index=None,
            format_func=_options_label(check, answer, trace),
            key=widget,
            label_visibility="collapsed",
        )
    else:
        given = st.pills(
            tr("lesson_choose_label", lang),
            answer.options,
            format_func=_options_label(check, answer, trace),
            key=widget,
            label_visibility="collapsed",
        )
    record = {"question": check.question, "given": None, "correct": None}
    record["right"] = checks.shown(check, answer.right, trace)
    fields = {
        k_: (md_escape(v) if k_.startswith("token") else v) for k_, v in answer.fields.items()
    }
    record["why"] = tr(answer.why, lang, **answer.fields)
    why = tr(answer.why, lang, **fields)
    if given is None:
        st.caption(tr("lesson_optional", lang))
        if present and st.button(tr("lesson_reveal_answer", lang), key=f"reveal:{key}"):
            st.info(f"{md_escape(record['right'])}: {why}")
        return record
    record["given"] = checks.shown(check, given, trace)
    record["correct"] = checks.grade(check, answer, given)
    if present and not st.toggle(tr("lesson_reveal_answer", lang), key=f"reveal:{key}"):
        st.caption(tr("lesson_answer_hidden", lang))
    elif record["correct"]:
        st.success(f"{tr('lesson_right', lang)} {why}")
    else:
        st.error(f"{tr('lesson_wrong', lang, right=md_escape(record['right']))} {why}")
    return record


def sentence_key(trace) -> str:
    return hashlib.sha1(trace.source_text.encode()).hexdigest()[:10]


def part_view(lesson: lessons.Lesson, n: int, lang: str) -> dict | None:
    """Part ``n``: text, the player, the check. Returns the check's record (or None)."""
    part = lesson.steps[n - 1]
    present = stepper.presenting()
    sel = selection_for(part.model, lang)
    if sel is None:
        st.warning(tr("lesson_unavailable_model", lang, model=md_escape(part.model)))
        return None
    text_box, check_box = st.columns([3, 2], gap="large")
    text_box.markdown(part.text)
    if present and part.teacher:
        text_box.info(f"**{tr('lesson_teacher', lang)}** {part.teacher}")
    sentence = part.sentence
    if part.own_sentence:
        own = text_box.text_input(
            tr("lesson_own_sentence", lang),
            key=f"lesson_own:{lesson.id}:{n}",
            placeholder=part.sentence,
            help=tr("lesson_own_sentence_help", lang),
        )
        sentence = own.strip() or part.sentence
    with text_box:
        trace = ui.decode_with_advice(
            lang,
            sentence,
            lambda: sv.cached_decode(sel, sentence),
            advise=sentence != part.sentence,
        )
    if trace is None:
        return None
    if sentence == part.sentence:
        try:
            lessons.check_decoded(lesson, n, len(trace.steps))
        except LessonError as exc:
            error(exc, lang)
            return None
    k = min(part.step, len(trace.steps)) - 1
    traces, titles = [trace], [""]
    if part.compare:
        other_sel = selection_for(part.compare, lang)
        other = other_sel and ui.decode_with_advice(
            lang, sentence, lambda: sv.cached_decode(other_sel, sentence)
        )
        if other is not None:
            traces.append(other)
            titles = [kind_label(t.attention_kind, lang) for t in traces]
    record = None
    if part.check is not None and not (
        checks.needs_attention(part.check) and trace.attention_matrix is None
    ):

        def run(overrides):
            t_, weights = next(iter(overrides.items()))
            return sv.cached_decode(sel, sentence, override_step=t_, weights=weights)

        with check_box.container(key="lesson_check"):
            record = ask(
                part, trace, k, run, f"{lesson.id}:{n}:{sentence_key(trace)}", lang, present
            )
    text_box.caption(
        tr("lesson_model_line", lang, model=kind_label(trace.attention_kind, lang), t=k + 1)
    )
    panel = None if part.panel == "heatmap" else part.panel
    stepper.player(
        traces,
        ("lesson", lesson.id, n, sel.entry.name, sel.entry.version, sentence, part.compare),
        lang,
        titles,
        only=(panel,) if panel else (),
        start=k,
        main=panel,
        offline=False,  # a part of the lesson is not a view to take away on its own
    )
    return record


# ----- the whole lesson as one offline file -------------------------------------------------


def _decode_part(lesson: lessons.Lesson, lang: str):
    """Part n's traces (its model, and the compared one), its step and its override run, for
    ``offline.lesson_data``: the pinned sentence, decoded through the shared caches."""

    def decode_part(n: int):
        part = lesson.steps[n - 1]
        sel = selection_for(part.model, lang)
        if sel is None:
            raise LookupError(part.model)
        trace = sv.cached_decode(sel, part.sentence)
        traces = [trace]
        other = selection_for(part.compare, lang) if part.compare else None
        if other is not None:
            traces.append(sv.cached_decode(other, part.sentence))

        def run(overrides):
            t_, weights = next(iter(overrides.items()))
            return sv.cached_decode(sel, part.sentence, override_step=t_, weights=weights)

        return traces, min(part.step, len(trace.steps)) - 1, run

    return decode_part


def offer_file(lesson: lessons.Lesson, lang: str) -> None:
    """The whole lesson as one HTML file that plays and grades without a server, made when the
    button is pressed (explorer/lessons/offline.py, explorer/player/export.py)."""

    def make() -> str:
        data = offline.lesson_data(lesson, _decode_part(lesson, lang), lang)
        note = tr("lesson_export_note", lang, lesson=lesson.title)
        return export.lesson_html(data, note=note)

    st.download_button(
        tr("lesson_export_button", lang),
        data=make,
        file_name=f"lesson-{lesson.id}-{lang}.html",
        mime="text/html",
        help=tr("lesson_export_help", lang),
        icon=":material/download:",
        on_click="ignore",
        key=f"lesson_file:{lesson.id}:{lang}",
    )
