"""A whole lesson as data for one offline file: every part's text, its step player's payload and
its check with the answer computed from the part's decoding. Pure: no Streamlit, no torch.

The app grades a check when the page runs (checks.py); the file cannot decode, so each check's
right answer is computed here, from the very trace the part's player shows, and graded in the
browser by the same rule as ``checks.grade``. Every string is ours, as segments (text, bold,
italic, code, math) that the browser writes as text; a user token only ever fills a text segment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from attention_core import Trace
from explorer.lessons import Lesson, checks
from explorer.player import data as player_data
from explorer.strings import kind_label, tr

_HOLE = re.compile("\x00([a-z_]+)\x00")
LABEL_KEYS = (
    "lesson_prev",
    "lesson_next",
    "lesson_teacher",
    "lesson_check_title",
    "lesson_choose_label",
    "lesson_number_label",
    "lesson_optional",
    "lesson_right",
    "lesson_wrong",
    "lesson_ticket_label",
    "lesson_ticket_md",
    "lesson_ticket_title",
    "lesson_ticket_total",
    "lesson_ticket_part",
    "lesson_ticket_question",
    "lesson_ticket_given",
    "lesson_ticket_right",
    "lesson_ticket_why",
    "lesson_ticket_result",
    "lesson_ticket_time",
    "lesson_result_right",
    "lesson_result_wrong",
    "lesson_result_unanswered",
    "lesson_offline_part",
    "lesson_offline_own",
)


def rich_segments(text: str) -> list[list[str]]:
    """One paragraph of our Markdown as [kind, text]: "t", "b", "i", "c" (code), "m" (math)."""
    return player_data.segments(text, rich=True)


def paragraphs(text: str) -> list[dict]:
    """Folded text (explorer/strings.fold) as paragraphs and list items of segments."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            item = line.startswith("- ")
            out.append({"item": item, "segments": rich_segments(line[2:] if item else line)})
    return out


def filled(key: str, lang: str, fields: dict) -> list[list[str]]:
    """A string with fields, as segments: user tokens ("token*" fields) fill text segments only,
    never math or markup, whatever they hold."""
    holes = {k: (f"\x00{k}\x00" if k.startswith("token") else v) for k, v in fields.items()}
    out = []
    for kind, text in rich_segments(tr(key, lang, **holes)):
        value = _HOLE.sub(lambda m: str(fields[m.group(1)]), text)
        out.append([kind if value == text or kind in ("t", "b", "i") else "t", value])
    return out


def _options(check, answer: checks.Answer, trace: Trace) -> list[list]:
    """[id, segments] per option, in the order the app shows them."""
    if check.kind == "choice":
        labels = dict(check.options)
        return [[key, rich_segments(labels[key])] for key in answer.options]
    return [
        [value, [["t", checks.shown(check, value, trace, short=True)]]] for value in answer.options
    ]


def part_check(part, trace: Trace, k: int, run, lang: str) -> dict | None:
    """The check of a part as the file grades it; None when the part has none (or the model
    cannot answer it: the baseline has no weights)."""
    check = part.check
    if check is None or (checks.needs_attention(check) and trace.attention_matrix is None):
        return None
    answer = checks.answer(check, trace, k, run)
    right = answer.right
    return {
        "kind": check.kind,
        "question": rich_segments(check.question),
        "question_text": check.question,  # for the exit ticket
        "options": _options(check, answer, trace) if check.kind != "number" else [],
        "right": float(right) if check.kind == "number" else right,
        "accepted": list(answer.accepted),
        "tolerance": check.tolerance if check.kind == "number" else None,
        "right_text": checks.shown(check, right, trace),
        "why": filled(answer.why, lang, answer.fields),
        "why_text": tr(answer.why, lang, **answer.fields),  # for the exit ticket
        "shown": {str(value): checks.shown(check, value, trace) for value in answer.options},
    }


def lesson_data(
    lesson: Lesson,
    decode_part: Callable[[int], tuple[list[Trace], int, Callable | None]],
    lang: str,
) -> dict:
    """Everything the file shows. ``decode_part(n)`` gives part n's traces (the pinned sentence
    through the part's model, and the compared model if any), its 0-based step and the
    ``run(overrides)`` that decodes the same sentence with overrides."""
    parts = []
    for n, part in enumerate(lesson.steps, start=1):
        traces, k, run = decode_part(n)
        panel = None if part.panel == "heatmap" else part.panel
        titles = [kind_label(t.attention_kind, lang) for t in traces] if len(traces) > 1 else [""]
        views = [
            player_data.view(t, lang, title=title, only=(panel,) if panel else (), main=panel)
            for t, title in zip(traces, titles)
        ]
        payload = player_data.payload(
            views, lang, id=f"lesson|{lesson.id}|{n}", assets="", start=k, name=part.model
        )
        model = kind_label(traces[0].attention_kind, lang)
        parts.append(
            {
                "title": part.title,
                "text": paragraphs(part.text),
                "teacher": paragraphs(part.teacher) if part.teacher else [],
                "own_sentence": part.own_sentence,
                "model_line": tr("lesson_model_line", lang, model=model, t=k + 1),
                "payload": json.loads(payload),
                "check": part_check(part, traces[0], k, run, lang),
            }
        )
    labels = {key: tr(key, lang) for key in LABEL_KEYS}
    return {"id": lesson.id, "title": lesson.title, "lang": lang, "labels": labels, "parts": parts}
