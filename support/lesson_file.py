"""A lesson's offline file built from the shipped checkpoints, as the app builds it on the
lesson page (explorer/views/lesson.offer_file), for the tests and the size benchmark."""

from __future__ import annotations

from attention_core import decode
from attention_core.checkpoint import load
from explorer import lessons
from explorer.lessons import offline
from explorer.player import export
from support.server import ROOT

_MODELS: dict = {}


def model(name: str):
    if name not in _MODELS:
        _MODELS[name] = load(ROOT / "checkpoints" / name)
    return _MODELS[name]


def decode_part(lesson: lessons.Lesson):
    def decode_one(n: int):
        part = lesson.steps[n - 1]
        tr = model(part.model)
        trace = decode(tr, part.sentence)
        traces = [trace]
        if part.compare:
            traces.append(decode(model(part.compare), part.sentence))

        def run(overrides):
            return decode(tr, part.sentence, overrides=overrides)

        return traces, min(part.step, len(trace.steps)) - 1, run

    return decode_one


def build(lesson_id: str, lang: str) -> tuple[lessons.Lesson, dict, str]:
    """The lesson, its data and its file's text."""
    lesson = lessons.load(lessons.available()[lesson_id][lang])
    data = offline.lesson_data(lesson, decode_part(lesson), lang)
    return lesson, data, export.lesson_html(data, note="test")
