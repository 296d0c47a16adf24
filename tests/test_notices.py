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
        "notice_added_mark",
        "notice_repeats",
        "notice_link_step_unreadable",
        "notice_link_step_clamped",
        "dates_supported",
    ):
        assert key in STRINGS["en"] and key in STRINGS["ko"]
    from attention_core.date_parse import REASONS

    for reason in REASONS:
        if reason != "empty":
            assert f"date_{reason}" in STRINGS["ko"], reason


FRA_ENG = Path(__file__).resolve().parents[1] / "checkpoints"
LOOPING = ["we have to leave now", "could you help me", "My Brother Bought A New Car Yesterday"]


@pytest.mark.parametrize(
    ("kind", "sentence"), [("dot", s) for s in LOOPING] + [("bahdanau", s) for s in LOOPING[:2]]
)
def test_a_sentence_without_its_full_stop_is_completed_and_said(kind, sentence):
    """Issue 25: the shipped attention models loop on these without a final mark."""
    directory = FRA_ENG / f"fra-eng-{kind}"
    if not (directory / "config.json").is_file():
        pytest.skip("no model")
    tr = load(directory)
    trace = decode(tr, sentence)
    assert trace.added_mark in (".", "?")
    assert trace.source_tokens[-1] == trace.added_mark
    assert trace.steps[-1].token == "<eos>" and trace.output_tokens[-1] in (".", "?")
    keys = _keys(trace, sentence)
    assert "notice_added_mark" in keys
    assert "notice_repeats" not in keys and "notice_length_limit" not in keys
    assert inputs.read_as(trace).endswith(f" {trace.added_mark}")
    # As typed, without the mark: the loop, and the app says so.
    raw = decode(tr, sentence, complete=False)
    assert raw.added_mark is None and "notice_added_mark" not in _keys(raw, sentence)
    assert "notice_repeats" in _keys(raw, sentence)


def test_a_sentence_with_its_mark_is_read_as_typed():
    tr = make_translator("dot", task="fra-eng")
    trace = decode(tr, "i see the cat .")
    assert trace.added_mark is None and trace.source_tokens[-1] == "."
    assert decode(make_translator("dot", task="dates"), "5 March 2024").added_mark is None


def test_a_looping_output_is_said_even_when_it_ends():
    tr = make_translator("dot", task="fra-eng")
    trace = decode(tr, "i see the cat", mode="forced", reference="je vois le chat")
    looped = dataclasses.replace(trace, mode="greedy", output_tokens="je je je vois .".split())
    found = [f for _, key, f in inputs.notices(looped, "i see the cat") if key == "notice_repeats"]
    assert found == [{"t": 2}]  # the second "je" is where the repeating starts
    assert "notice_length_limit" not in _keys(looped, "i see the cat")
