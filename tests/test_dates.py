"""dates.py / date_parse.py: the generator's forms, its splits, and reading a date back."""

import datetime
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attention_core import dates
from attention_core.date_parse import Unreadable
from attention_core.dates import (
    FIRST_DATE,
    LAST_DATE,
    LOCALES,
    check_input,
    format_form,
    forms,
    generate,
    numeric_note,
    parse,
    render,
    samples,
    source_alphabet,
    split_of_date,
    target,
    target_alphabet,
    variant,
)

ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MARCH_5 = datetime.date(2024, 3, 5)
DATA = Path(__file__).parent / "data"
_dates = st.dates(min_value=FIRST_DATE, max_value=LAST_DATE)


def _all_forms():
    return [f for code in (*LOCALES, "iso") for f in forms(code)]


@pytest.mark.parametrize(
    "text",
    [
        "Tuesday, March 5, 2024",
        "5 mars 2024",
        "2024년 3월 5일 화요일",
        "05.03.2024",
        "3/5/2024",
        "Tuesday, 5 March 2024",
        "March 5th, 2024",
        "the 5th of March 2024",
        "5th March 2024",
        "le 5 mars 2024",
        "2024-03-05",
        "5. März 2024",
        "martes, 5 de marzo de 2024",
    ],
)
def test_example_forms_are_producible(text):
    assert text in {format_form(MARCH_5, f) for f in _all_forms()}


@settings(max_examples=300, deadline=None)
@given(_dates, st.integers(0, 2**32))
def test_every_generated_form_parses_back_to_its_date(d, seed):
    rng = random.Random(seed)
    for _ in range(8):
        text, form = render(d, rng)
        assert parse(text) == d, (text, form)


def test_every_form_and_variant_of_tricky_days_parses_back():
    # days 1-13 are where day/month swaps collide; the edges of the range and a leap day too
    days = [
        datetime.date(y, m, dd)
        for y in (1000, 1582, 1999, 2000, 2999)
        for m in (1, 2, 7, 12)
        for dd in (1, 2, 5, 12, 13, 28)
    ]
    days += [datetime.date(2024, 2, 29), FIRST_DATE, LAST_DATE]
    rng = random.Random(1)
    for d in days:
        for form in _all_forms():
            if form.month_first and d.day <= 12 and d.day != d.month:
                continue  # not generated: the stated rule reads these day first
            for _ in range(3):
                text = variant(format_form(d, form), form, d, rng)
                assert parse(text) == d, (text, form)


def test_a_weekday_in_the_training_data_agrees_with_its_date():
    names = {}
    for code in LOCALES:
        loc = dates._locale(code)
        for width in ("wide", "abbreviated"):
            for num, name in loc.days["format"][width].items():
                names.setdefault(name.casefold().rstrip("."), set()).add(num)
    seen = 0
    for s in samples(3000, seed=4, split="train"):
        if not s.weekday:
            continue
        weekday = datetime.date.fromisoformat(s.target).weekday()
        words = [w.casefold() for w in re.findall(r"[^\W\d_]+", s.source)]
        if s.locale == "ko":  # "...18일화요일", "...18일 (화)", "18. (화)": the name after the day
            words = re.findall(r"\d[일.]\s*\(?([^\d\s()]+)", s.source)
        found = [names[w] for w in words if w in names]
        assert any(weekday in nums for nums in found), s
        seen += 1
    assert seen > 800
    with pytest.raises(Unreadable, match="weekday_mismatch"):
        parse("Wednesday, July 14, 1789")  # 14 July 1789 was a Tuesday


def test_four_digit_years_only_and_the_whole_range_is_drawn():
    drawn = samples(6000, seed=2, split="train")
    years = [int(s.target[:4]) for s in drawn]
    assert min(years) < 1100 and max(years) > 2900
    for s in drawn:
        assert s.target[:4] in s.source or s.target[:4] in s.source.replace(" ", "")
    centuries = Counter(y // 100 for y in years)
    assert len(centuries) == 20 and min(centuries.values()) > 200


def test_generated_forms_cover_every_locale_width_case_and_variant():
    drawn = samples(6000, seed=3, split="train")
    assert set(s.locale for s in drawn) == {*LOCALES, "iso"}
    assert set(s.width for s in drawn) == set(dates.WIDTHS)
    sources = [s.source for s in drawn]
    assert any(s.isupper() for s in sources) and any(s.islower() and "a" in s for s in sources)
    assert any("1er " in s for s in sources) and any("th of " in s for s in sources)
    assert any("juil " in s for s in sources) and any("juil. " in s for s in sources)
    assert any("Jul. " in s for s in sources) and any("Jul " in s for s in sources)
    assert any(re.search(r"\d{4}년\d", s) for s in sources)  # Korean typed without spaces
    assert any(re.search(r"[^\W\d_] \d+ \d{4}$", s) for s in sources)  # comma left out
    assert not any(ISO_RE.match(s) and s != t for s, t in ((x.source, x.target) for x in drawn))


def test_generate_is_reproducible_and_well_formed():
    a = generate(500, seed=7, split="train")
    assert a == generate(500, seed=7, split="train")
    assert a != generate(500, seed=8, split="train")
    assert len(a) == 500 and generate(0, seed=1, split="test") == []
    alphabet, target_chars = set(source_alphabet()), set(target_alphabet())
    for source, tgt in a:
        assert set(source) <= alphabet, source
        assert set(tgt) <= target_chars and ISO_RE.match(tgt)
        assert FIRST_DATE <= datetime.date.fromisoformat(tgt) <= LAST_DATE
        assert "\u00a0" not in source and "\u202f" not in source


def test_splits_never_overlap():
    by_split = {
        s: {t for _, t in generate(4000, seed=1, split=s)} for s in ("train", "valid", "test")
    }
    assert not by_split["train"] & by_split["test"]
    assert not by_split["train"] & by_split["valid"]
    assert not by_split["valid"] & by_split["test"]
    for split, targets in by_split.items():
        assert all(split_of_date(datetime.date.fromisoformat(t)) == split for t in targets)


def test_split_proportions_and_stability():
    days = [FIRST_DATE + datetime.timedelta(i) for i in range(0, (LAST_DATE - FIRST_DATE).days, 7)]
    splits = [split_of_date(d) for d in days]
    assert 0.04 < splits.count("test") / len(days) < 0.06
    assert 0.04 < splits.count("valid") / len(days) < 0.06
    assert splits == [split_of_date(d) for d in days]


def test_bad_arguments():
    with pytest.raises(ValueError):
        generate(10, seed=0, split="dev")
    with pytest.raises(ValueError):
        generate(-1, seed=0, split="train")


def test_alphabets():
    alphabet = source_alphabet()
    assert alphabet == sorted(set(alphabet)) == source_alphabet()
    assert set("0123456789") <= set(alphabet)
    assert {"화", "ä", "é", "É", "Á", " ", "(", "/"} <= set(alphabet)
    assert not any(c.isspace() and c != " " for c in alphabet)
    assert target_alphabet() == list("-0123456789")
    assert target(MARCH_5) == "2024-03-05"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        ("05.03.24", "two_digit_year"),
        ("3/5/24", "two_digit_year"),
        ("March 5, 24", "two_digit_year"),
        ("5 mars 0999", "year_out_of_range"),
        ("3000-01-01", "year_out_of_range"),
        ("14 July 10000", "year_out_of_range"),
        ("30 février 2024", "invalid_date"),
        ("29/02/2023", "invalid_date"),
        ("Monday, July 14, 1789", "weekday_mismatch"),
        ("Christmas 2024", "unrecognised"),
        ("hello", "unrecognised"),
        ("5 mars 2024 et 6 mars", "unrecognised"),
        ("1789 juillet 14", "unrecognised"),
    ],
)
def test_check_input_names_what_the_models_were_not_trained_on(text, reason):
    assert check_input(text) == reason
    assert reason in dates.REASONS


@pytest.mark.parametrize(
    "text, iso",
    [
        ("le 14 juillet 1789", "1789-07-14"),
        ("2026-12-24", "2026-12-24"),
        ("12/24/2026", "2026-12-24"),
        ("the 4th of July, 1776", "1776-07-04"),
        ("July 4th, 1776", "1776-07-04"),
        ("5/3/2024", "2024-03-05"),
        ("1000-01-01", "1000-01-01"),
    ],
)
def test_check_input_accepts_trained_forms_and_the_day_month_rule(text, iso):
    assert check_input(text) is None and parse(text).isoformat() == iso


def test_numeric_note_flags_only_dates_that_read_both_ways():
    assert numeric_note("5/3/2024") == "day_first" and numeric_note("Tue, 5/3/2024") == "day_first"
    assert numeric_note("12/24/2026") is None and numeric_note("3/3/2024") is None
    assert numeric_note("2024-03-05") is None and numeric_note("5 mars 2024") is None


def test_the_check_sets_read_as_their_targets_and_the_babel_set_is_reproducible():
    from attention_core.dates_check import babel_pairs

    lines = (DATA / "dates-babel-check.tsv").read_text(encoding="utf-8").splitlines()
    assert [tuple(x.split("\t")) for x in lines] == babel_pairs()
    for name in ("dates-babel-check.tsv", "dates-typed.tsv"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            source, iso = line.split("\t")
            assert parse(source).isoformat() == iso, line
    held_out = {split_of_date(datetime.date.fromisoformat(t)) for _, t in babel_pairs()}
    assert held_out == {"test"}
