"""lessons/offline.py and export.lesson_html: a whole lesson as one file, its checks answered from
the same traces as the page's, every user token in a text segment, within the size limit."""

from __future__ import annotations

import json
import re

import pytest

from explorer.lessons import checks, offline
from explorer.player import assets, export
from explorer.strings import STRINGS
from support import lesson_file


@pytest.fixture(scope="module", params=["en", "ko"])
def built(request):
    return lesson_file.build("attention", request.param)


def test_every_part_travels_with_its_player_and_its_check(built):
    lesson, data, _ = built
    assert [p["title"] for p in data["parts"]] == [s.title for s in lesson.steps]
    decode_part = lesson_file.decode_part(lesson)
    for n, (part, shipped) in enumerate(zip(lesson.steps, data["parts"]), start=1):
        traces, k, run = decode_part(n)
        assert shipped["payload"]["start"] == k
        assert len(shipped["payload"]["views"]) == len(traces)
        if part.check is None:
            assert shipped["check"] is None
            continue
        answer = checks.answer(part.check, traces[0], k, run)  # what the page computes
        check = shipped["check"]
        assert check["kind"] == part.check.kind
        assert check["right"] == pytest.approx(answer.right)
        assert check["right_text"] == checks.shown(part.check, answer.right, traces[0])
        if check["kind"] != "number":
            assert [value for value, _ in check["options"]] == list(answer.options)
            assert check["right"] in [value for value, _ in check["options"]]


def test_the_file_is_one_page_with_the_apps_player_and_nothing_from_outside(built):
    _, data, page = built
    assert len(page.encode()) <= export.LESSON_LIMIT_BYTES
    player = assets.script().replace("export default function player(", "function player(")
    assert player in page  # the app's own player, not a copy
    assert "lessonFile(" in page
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    block = re.search(r'id="attn-lesson">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["title"] == data["title"]


def test_hostile_tokens_fill_text_segments_only():
    fields = {"t": 3, "token": "$x^2$ **b** <script>", "weight": "0.5"}
    fields |= {"token_second": "`c`", "second": "0.1"}
    for lang in ("en", "ko"):
        segments = offline.filled("lesson_why_most_weight", lang, fields)
        text = "".join(t for _, t in segments)
        assert "$x^2$ **b** <script>" in text and "`c`" in text
        for kind, value in segments:
            if "<script>" in value or "x^2" in value or "`c`" in value:
                assert kind == "t", (kind, value)


def test_rich_segments_read_our_markdown():
    assert offline.rich_segments("a **b** *c* `d` $e$") == [
        ["t", "a "],
        ["b", "b"],
        ["t", " "],
        ["i", "c"],
        ["t", " "],
        ["c", "d"],
        ["t", " "],
        ["m", "e"],
    ]
    assert offline.paragraphs("one\n- two\n- three") == [
        {"item": False, "segments": [["t", "one"]]},
        {"item": True, "segments": [["t", "two"]]},
        {"item": True, "segments": [["t", "three"]]},
    ]


def test_the_files_labels_exist_in_both_languages():
    for key in offline.LABEL_KEYS:
        assert STRINGS["en"].get(key) and STRINGS["ko"].get(key), key
