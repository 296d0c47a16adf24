"""The guided lesson: the course notes, one idea per part, each on a live model with a check
(explorer/lessons: the lessons are data; explorer/views/lesson.py: one part on screen)."""

import streamlit as st

from explorer import lessons
from explorer.lessons import ticket
from explorer.strings import tr
from explorer.views import keys, stepper, ui
from explorer.views import lesson as view

sel = ui.page_start()
lang = sel.lang
ss = st.session_state
found = lessons.available()
ids = list(found)
qp = st.query_params
if "lesson_id" not in ss:  # a shared link's lesson and part, on the session's first visit
    ss["lesson_id"] = qp.get("lesson") if qp.get("lesson") in found else "attention"
    part = qp.get("part", "1")
    ss["lesson_at"] = int(part) if part.isdigit() else 1
lesson, fell_back = view.load_lesson(ss["lesson_id"], lang)
if lesson is None:
    st.title(tr("page_lesson", lang))
    st.stop()
total = len(lesson.steps)
at = ss.get("lesson_at", 1)
n = ss["lesson_at"] = min(max(at if isinstance(at, int) else 1, 1), total)
ui.sync_url({"lesson": lesson.id, "part": str(n)})

# One short row for the lesson and the classroom toggles: the first screen is for the part.
title_box, pick_box, toggles = st.columns([3, 1.2, 2], vertical_alignment="center")
with title_box.container(key="lesson_head"):  # a compact h1 (stepper.BASE_CSS)
    st.title(lesson.title, help=lesson.summary, anchor=False)
if len(ids) > 1:
    pick_box.selectbox(
        tr("lesson_choose", lang),
        ids,
        key="lesson_id",
        format_func=lambda i: view.lesson_title(i, lang),
        label_visibility="collapsed",
        on_change=view.go,
        args=(1,),
    )
stepper.classroom_controls(lang, toggles)
if fell_back:
    st.caption(tr("lesson_missing_language", lang))
answers = ss.setdefault(f"lesson_answers:{lesson.id}", {})
times = view.track_time(lesson.id, n)
nav = st.container()  # filled after the part: its progress counts this run's answer too
keys.lesson_keys()
record = view.part_view(lesson, n, lang)
if record is not None:
    answers[n] = record
with nav:
    view.navigation(lesson, n, answers, lang)

with st.expander(tr("lesson_ticket_label", lang)):
    st.caption(tr("lesson_ticket_help", lang))
    name = f"exit-ticket-{lesson.id}-{lang}"
    formats = (("md", ticket.markdown, "text/markdown"), ("html", ticket.page, "text/html"))
    for box, (ext, write, mime) in zip(st.columns(2), formats):
        box.download_button(
            tr(f"lesson_ticket_{ext}", lang),
            data=lambda write=write: write(lesson, answers, times, lang),  # written when asked
            file_name=f"{name}.{ext}",
            mime=mime,
            on_click="ignore",
        )
    view.offer_file(lesson, lang)  # the whole lesson, to use without a network
