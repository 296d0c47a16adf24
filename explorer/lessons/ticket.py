"""The exit ticket: one page a student takes away from a lesson, as Markdown and as a printable
HTML page, in the page's language. Pure: every user text is escaped for where it goes."""

from __future__ import annotations

import html

from explorer.lessons import Lesson
from explorer.strings import tr


def rows(lesson: Lesson, records: dict[int, dict], times: dict[int, float]) -> list[dict]:
    """One row per part with a check: its answer record and the seconds spent on the part."""
    out = []
    for n, part in enumerate(lesson.steps, start=1):
        if part.check is None:
            continue
        record = records.get(n, {})
        out.append(
            {
                "n": n,
                "title": part.title,
                "question": part.check.question,
                "given": record.get("given"),
                "right": record.get("right", ""),
                "why": record.get("why", ""),
                "correct": record.get("correct"),
                "seconds": round(times.get(n, 0.0)),
            }
        )
    return out


def totals(table: list[dict], times: dict[int, float]) -> dict:
    answered = [r for r in table if r["given"] is not None]
    return {
        "answered": len(answered),
        "right": sum(1 for r in answered if r["correct"]),
        "total": len(table),
        "minutes": f"{sum(times.values()) / 60:.1f}",
    }


def _result(row: dict, lang: str) -> str:
    if row["given"] is None:
        return tr("lesson_result_unanswered", lang)
    return tr("lesson_result_right" if row["correct"] else "lesson_result_wrong", lang)


def _md_cell(text) -> str:
    """A table cell: Markdown's table and inline syntax made literal, on one line."""
    text = " ".join(str(text).split())
    return "".join(f"\\{c}" if c in "\\`*_[]<>|$#" else c for c in text)


def markdown(lesson: Lesson, records: dict[int, dict], times: dict[int, float], lang: str) -> str:
    table = rows(lesson, records, times)
    head = [
        tr(f"lesson_ticket_{c}", lang)
        for c in ("part", "question", "given", "right", "why", "result", "time")
    ]
    lines = [
        f"# {_md_cell(tr('lesson_ticket_title', lang, lesson=lesson.title))}",
        "",
        _md_cell(tr("lesson_ticket_total", lang, **totals(table, times))),
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for r in table:
        cells = [f"{r['n']}. {r['title']}", r["question"], r["given"] or "—", r["right"], r["why"]]
        cells += [_result(r, lang), f"{r['seconds']} s"]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def page(lesson: Lesson, records: dict[int, dict], times: dict[int, float], lang: str) -> str:
    table = rows(lesson, records, times)
    e = html.escape
    head = [
        tr(f"lesson_ticket_{c}", lang)
        for c in ("part", "question", "given", "right", "why", "result", "time")
    ]
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{e(str(c))}</td>"
            for c in (
                f"{r['n']}. {r['title']}",
                r["question"],
                r["given"] or "—",
                r["right"],
                r["why"],
                _result(r, lang),
                f"{r['seconds']} s",
            )
        )
        + "</tr>"
        for r in table
    )
    title = e(tr("lesson_ticket_title", lang, lesson=lesson.title))
    return (
        f'<!doctype html><html lang="{e(lang)}"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{title}</title><style>body{{font-family:sans-serif;margin:2em;max-width:60em}}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .5em;"
        "vertical-align:top;text-align:left}@media print{body{margin:0}}</style></head><body>"
        f"<h1>{title}</h1><p>{e(tr('lesson_ticket_total', lang, **totals(table, times)))}</p>"
        "<table><thead><tr>"
        + "".join(f"<th>{e(h)}</th>" for h in head)
        + f"</tr></thead><tbody>{body}</tbody></table></body></html>\n"
    )
