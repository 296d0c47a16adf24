import datetime
import random
import re

import pytest

from attention_core.dates import (
    FIRST_DATE,
    LAST_DATE,
    LOCALES,
    _forms,
    generate,
    render,
    source_alphabet,
    split_of_date,
    target,
    target_alphabet,
)

ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MARCH_5 = datetime.date(2024, 3, 5)


@pytest.mark.parametrize(
    "text", ["Tuesday, March 5, 2024", "5 mars 2024", "05.03.24", "2024년 3월 5일 화요일"]
)
def test_example_forms_are_producible(text):
    assert text in {t for _, _, t in _forms(MARCH_5)}
    # ...and render() actually reaches them.
    rng = random.Random(0)
    assert any(render(MARCH_5, rng) == text for _ in range(2000))


def test_target_is_iso():
    assert target(MARCH_5) == "2024-03-05"
    assert target(datetime.date(1950, 1, 1)) == "1950-01-01"


def test_two_digit_years_only_for_2000_to_2049():
    for year in (1950, 1987, 1999):
        texts = [t for _, _, t in _forms(datetime.date(year, 3, 5))]
        assert all(str(year) in t for t in texts), texts
    assert {"05.03.24", "3/5/24", "24. 3. 5."} <= {t for _, _, t in _forms(MARCH_5)}


def _recasings(locale, text):
    return {text, text.lower(), text.upper()} if locale == "en" else {text}


def test_every_form_reads_as_one_date():
    # Days 1–13 are where day/month swaps collide; 1950/1999/2000/2049 cover the century edges.
    seen: dict[str, str] = {}
    for year in (1950, 1999, 2000, 2003, 2012, 2024, 2049):
        for month in range(1, 13):
            for day in range(1, 14):
                d = datetime.date(year, month, day)
                for locale, pattern, text in _forms(d):
                    assert text != target(d), (locale, pattern)
                    for variant in _recasings(locale, text):
                        other = seen.setdefault(variant, target(d))
                        assert other == target(d), f"{variant!r} means {other} and {target(d)}"


def test_generate_is_reproducible_and_well_formed():
    a = generate(500, seed=7, split="train")
    assert a == generate(500, seed=7, split="train")
    assert a != generate(500, seed=8, split="train")
    assert len(a) == 500 and generate(0, seed=1, split="test") == []
    alphabet = set(source_alphabet())
    target_chars = set(target_alphabet())
    for source, tgt in a:
        assert set(source) <= alphabet, source
        assert set(tgt) <= target_chars and ISO_RE.match(tgt)
        assert FIRST_DATE <= datetime.date.fromisoformat(tgt) <= LAST_DATE
        assert "\u00a0" not in source and "\u202f" not in source


def test_generate_covers_all_locales():
    sources = [s for s, _ in generate(3000, seed=3, split="train")]
    assert any("년" in s for s in sources)  # ko
    assert any(s.islower() and any(c.isalpha() for c in s) for s in sources)  # recased en
    assert len(set(sources)) > 2500


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
    days = [FIRST_DATE + datetime.timedelta(i) for i in range((LAST_DATE - FIRST_DATE).days + 1)]
    splits = [split_of_date(d) for d in days]
    assert 0.03 < splits.count("test") / len(days) < 0.07
    assert 0.03 < splits.count("valid") / len(days) < 0.07
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
    assert {"화", "ä", "é", " "} <= set(alphabet)
    assert not any(c.isspace() and c != " " for c in alphabet)
    assert target_alphabet() == list("-0123456789")
    assert set(LOCALES) >= {"en", "fr", "de", "ko"}


def test_render_on_range_edges():
    rng = random.Random(5)
    for d in (FIRST_DATE, LAST_DATE, datetime.date(2000, 2, 29)):
        for _ in range(50):
            assert set(render(d, rng)) <= set(source_alphabet())
