"""explorer/inputs.notices: what the app says about a decoding besides its result (issue 14)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from attention_core import decode
from attention_core.checkpoint import load
from explorer.numbers import inputs
from explorer.strings import STRINGS
from support.translators import make_translator

DATES_DOT = Path(__file__).resolve().parents[1] / "checkpoints" / "dates-dot"
needs_model = pytest.mark.skipif(not (DATES_DOT / "config.json").is_file(), reason="no model")


def _keys(trace, sentence):
    return [key for _, key, _ in inputs.notices(trace, sentence)]


@needs_model
def test_an_ordinary_date_gets_no_notice():
    sentence = "Tuesday, March 5, 2024"
    assert _keys(decode(load(DATES_DOT), sentence), sentence) == []


@needs_model
@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("05.05.05", "date_two_digit_year"),
        ("31 April 2020", "date_invalid_date"),
        ("Wednesday, March 5, 2024", "date_weekday_mismatch"),
        ("5/3/2024", "date_day_first"),
    ],
)
def test_dates_outside_what_the_models_know_are_said(sentence, key):
    assert key in _keys(decode(load(DATES_DOT), sentence), sentence)


def test_an_english_model_says_it_cannot_read_korean():
    tr = make_translator("dot", task="fra-eng")
    sentence = "나는 어둠이 무섭지 않다"
    assert "notice_not_english" in _keys(decode(tr, sentence), sentence)
    assert "notice_not_english" not in _keys(decode(tr, "i see the cat"), "i see the cat")


def test_an_output_cut_at_the_length_limit_is_said():
    tr = make_translator("bahdanau", task="fra-eng")
    trace = decode(tr, "i see the cat", mode="forced", reference="je vois le chat")
    assert "notice_length_limit" not in _keys(trace, "i see the cat")  # forced: never cut
    ended = dataclasses.replace(trace, mode="greedy")
    assert ended.steps[-1].token == "<eos>"
    assert "notice_length_limit" not in _keys(ended, "i see the cat")
    cut = dataclasses.replace(ended, steps=ended.steps[:-1])
    assert "notice_length_limit" in _keys(cut, "i see the cat")


def test_unknown_tokens_in_the_output_are_counted():
    tr = make_translator("dot", task="fra-eng")
    trace = decode(tr, "i see the cat", mode="forced", reference="je vois le chat")
    with_unk = dataclasses.replace(trace, output_tokens=["je", "<unk>", "<unk>"])
    found = [
        f for _, key, f in inputs.notices(with_unk, "i see the cat") if key == "notice_unk_output"
    ]
    assert found == [{"count": 2}]


def test_every_notice_is_translated_and_takes_its_fields():
    for key in (
        "notice_length_limit",
        "notice_unk_output",
        "notice_not_english",
        "dates_supported",
    ):
        assert key in STRINGS["en"] and key in STRINGS["ko"]
    from attention_core.date_parse import REASONS

    for reason in REASONS:
        if reason != "empty":
            assert f"date_{reason}" in STRINGS["ko"], reason
