"""The Lesson page under AppTest (no browser): every part of both shipped lessons runs in both
languages; an answer is graded from the trace and recorded for the exit ticket; the player is
pinned to the part's model, sentence, step and panel; a broken lesson file is a message, not a
traceback."""

from __future__ import annotations

import json

import pytest

from attention_core import decode
from attention_core.checkpoint import load
from explorer import lessons
from explorer.lessons import checks
from explorer.strings import STRINGS
from support.apptest import APP, player
from support.server import ROOT


def _lesson(**params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(params)
    at.run()
    at.switch_page("explorer/pages/lesson.py")
    return at.run()


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]


def _answer(at):
    found = [e for e in at.get("button_group") if str(e.key).startswith("lesson_answer:")]
    assert len(found) == 1, [e.key for e in found]
    return found[0]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("lesson_id", ["attention", "dates"])
def test_every_part_runs_and_pins_the_player(lang, lesson_id):
    lesson = lessons.load(lessons.available()[lesson_id][lang])
    at = _lesson(lang=lang, lesson=lesson_id, part="1")
    for n, part in enumerate(lesson.steps, start=1):
        _ok(at)
        assert not at.error, [e.value for e in at.error]
        data = player(at)
        assert data["start"] == part.step - 1
        view = data["views"][0]
        expected_kind = part.model.split("-")[-1]
        assert view["kind"] == expected_kind
        names = [p["name"] for p in view["panels"]]
        if part.panel == "heatmap":
            assert names == []
        else:  # the one panel, and what it is computed from in the browser (parts <- keys)
            assert part.panel in names and set(names) - {part.panel} <= {"keys", "keys_proj"}
        if part.panel != "heatmap":
            assert view["main_panel"] == part.panel
        assert len(data["views"]) == (2 if part.compare else 1)
        assert at.query_params["part"] == [str(n)] or at.query_params["part"] == str(n)
        if n < len(lesson.steps):
            at.button(key="lesson_next").click().run()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_answer_is_graded_from_the_trace_and_recorded(lang):
    lesson = lessons.load(lessons.available()["attention"][lang])
    part = lesson.steps[1]  # "look again": the most-weighted source token at step 6
    trace = decode(load(ROOT / "checkpoints" / part.model), part.sentence)
    right = checks.answer(part.check, trace, part.step - 1).right
    at = _lesson(lang=lang, lesson="attention", part="2")
    _ok(at)
    wrong = (right + 1) % len(trace.source_tokens)
    _answer(at).set_value(wrong).run()
    _ok(at)
    assert at.error and at.error[0].value.startswith(STRINGS[lang]["lesson_wrong"].split("{")[0])
    assert at.session_state["lesson_answers:attention"][2]["correct"] is False
    _answer(at).set_value(right).run()
    assert at.success and at.success[0].value.startswith(STRINGS[lang]["lesson_right"])
    record = at.session_state["lesson_answers:attention"][2]
    assert record["correct"] is True and record["given"].startswith(trace.source_tokens[right])
    # the exit ticket's Markdown carries the answer
    md = next(
        b for b in at.get("download_button") if b.proto.label == STRINGS[lang]["lesson_ticket_md"]
    )
    assert md is not None


def test_the_explorer_offers_the_lesson_once_but_not_to_a_shared_link():
    from support.apptest import run_app

    at = run_app(model=None, lang="en")
    _ok(at)
    assert any(STRINGS["en"]["lesson_offer"] in c.value for c in at.caption)
    at.run()
    assert not any(STRINGS["en"]["lesson_offer"] in c.value for c in at.caption)
    linked = run_app(model="dates-dot", sentence="5 mars 2024", lang="en")
    assert not any(STRINGS["en"]["lesson_offer"] in c.value for c in linked.caption)


def test_a_broken_lesson_file_is_a_message(tmp_path, monkeypatch):
    folder = tmp_path / "lessons"
    folder.mkdir()
    good = lessons.available()["dates"]["en"].read_text(encoding="utf-8")
    (folder / "dates.en.toml").write_text(
        good.replace('panel = "weights"', 'panel = "weight"', 1), encoding="utf-8"
    )
    monkeypatch.setattr(lessons, "HERE", folder)
    at = _lesson(lang="en", lesson="dates")
    _ok(at)
    shown = at.error[0].value.replace("\\", "") if at.error else ""  # Markdown escapes
    assert "dates.en.toml" in shown and "part 3" in shown and "panel" in shown
    json.dumps([e.value for e in at.error])  # plain text
