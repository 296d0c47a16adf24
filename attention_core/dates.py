"""Human-readable dates → ISO 8601: a synthetic task generated with Babel (CLDR data).

Sources look like "Tuesday, March 5, 2024", "5 mars 2024", "05.03.24" or "2024년 3월 5일 화요일";
the target is always "2024-03-05".
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import random
import re
import string

from babel import Locale
from babel.dates import format_date, tokenize_pattern

__all__ = [
    "LOCALES",
    "FIRST_DATE",
    "LAST_DATE",
    "render",
    "target",
    "split_of_date",
    "generate",
    "source_alphabet",
    "target_alphabet",
]

LOCALES = ("en", "fr", "de", "ko", "es")
FIRST_DATE = datetime.date(1950, 1, 1)
LAST_DATE = datetime.date(2049, 12, 31)
_SPLITS = ("train", "valid", "test")
_WIDTHS = ("short", "medium", "long", "full")

# Extra CLDR patterns per locale, on top of the four standard widths. Two rules keep every source
# string readable as exactly one date (tests/test_dates.py checks this):
# - a slash with a 4-digit year is always day-first (fr "dd/MM/y", "d/M/y"); the only slash form
#   with a 2-digit year is en "M/d/yy". So es's CLDR short "d/M/yy" is left out ("3/5/24" would
#   mean March 5 in en and 3 May in es) and en gets no slash form beyond its short width;
# - no pattern yields the ISO target itself ("y-MM-dd"), which would make the task trivial.
_CUSTOM = {
    "en": ("d MMM y", "d MMMM y", "EEE, MMM d, y", "EEEE d MMMM y", "MMMM d y"),
    "fr": ("d/M/y", "EEE d MMM y", "'le' d MMMM y", "EEEE d MMM y"),
    "de": ("d.M.y", "d. MMM y", "EEE, d. MMM y", "EEEE, dd.MM.y"),
    "ko": ("y.MM.dd", "y년 M월 d일 (E)", "y. MM. dd."),
    "es": ("d/M/y", "EEE, d MMM y", "d MMMM y"),
}
_SKIP = {("es", "short")}

# English output is sometimes re-cased, as people type it: (threshold, transform).
_EN_CASE = ((0.10, str.lower), (0.15, str.upper))

# Babel puts U+00A0 / U+202F in some locales' dates; any non-ASCII space becomes " " so the
# character vocabulary stays small and the model never has to tell invisible spaces apart.
_ODD_SPACE_RE = re.compile(r"[^\S ]")


@functools.cache
def _locale(code: str) -> Locale:
    # Locale.parse loads CLDR pickles; format_date would redo that lookup on every call.
    return Locale.parse(code)


def _two_digit_year(pattern: str) -> bool:
    return any(
        kind == "field" and value in (("y", 2), ("Y", 2))
        for kind, value in tokenize_pattern(pattern)
    )


@functools.cache
def _patterns(code: str) -> tuple[str, ...]:
    loc = _locale(code)
    pats = [loc.date_formats[w].pattern for w in _WIDTHS if (code, w) not in _SKIP]
    pats += [p for p in _CUSTOM.get(code, ()) if p not in pats]
    return tuple(pats)


@functools.cache
def _eligible(code: str, two_digit_ok: bool) -> tuple[str, ...]:
    # "yy" is only used for 2000–2049, so "05.03.24" always means 2024, never 1924 or 2124:
    # a 2-digit year is unambiguous only if the reader knows the century, and here it is fixed.
    return tuple(p for p in _patterns(code) if two_digit_ok or not _two_digit_year(p))


def _format(d: datetime.date, code: str, pattern: str) -> str:
    return _ODD_SPACE_RE.sub(" ", format_date(d, format=pattern, locale=_locale(code)))


def _forms(d: datetime.date) -> list[tuple[str, str, str]]:
    """Every (locale, pattern, text) that render() may produce for d, before re-casing."""
    two_ok = 2000 <= d.year <= 2049
    return [(c, p, _format(d, c, p)) for c in LOCALES for p in _eligible(c, two_ok)]


def render(d: datetime.date, rng: random.Random) -> str:
    """A random human-readable form of d, in a random locale and pattern."""
    code = rng.choice(LOCALES)
    text = _format(d, code, rng.choice(_eligible(code, 2000 <= d.year <= 2049)))
    if code == "en":
        r = rng.random()
        for threshold, recase in _EN_CASE:
            if r < threshold:
                return recase(text)
    return text


def target(d: datetime.date) -> str:
    return d.isoformat()


def split_of_date(d: datetime.date) -> str:
    """'train' (~90 %), 'valid' (~5 %) or 'test' (~5 %), stable across runs and machines.

    The split is a property of the date, not of the rendered string, so a held-out date is never
    seen in training in any locale or format.
    """
    point = int.from_bytes(hashlib.sha1(d.isoformat().encode()).digest()[:8], "big") % 1000
    if point < 50:
        return "valid"
    if point < 100:
        return "test"
    return "train"


@functools.cache
def _dates_of(split: str) -> tuple[datetime.date, ...]:
    span = (LAST_DATE - FIRST_DATE).days + 1
    days = (FIRST_DATE + datetime.timedelta(i) for i in range(span))
    return tuple(d for d in days if split_of_date(d) == split)


def generate(n: int, seed: int, split: str) -> list[tuple[str, str]]:
    """n (source, target) pairs from dates of one split, reproducible from seed."""
    if split not in _SPLITS:
        raise ValueError(f"split must be one of {_SPLITS}, got {split!r}")
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = random.Random(seed)
    dates = _dates_of(split)
    out = []
    for _ in range(n):
        d = rng.choice(dates)
        out.append((render(d, rng), target(d)))
    return out


@functools.cache
def _source_alphabet() -> tuple[str, ...]:
    # Exhaustive, not sampled: every day of a leap year covers every month name, weekday name and
    # day number (so every digit); with 2-digit-year patterns allowed, every pattern is included.
    chars = set(string.digits)
    year = [datetime.date(2024, 1, 1) + datetime.timedelta(i) for i in range(366)]
    for code in LOCALES:
        for pattern in _patterns(code):
            text = "".join(_format(d, code, pattern) for d in year)
            chars.update(text)
            if code == "en":
                for _, recase in _EN_CASE:
                    chars.update(recase(text))
    return tuple(sorted(chars))


def source_alphabet() -> list[str]:
    """Sorted list of every character render() can produce."""
    return list(_source_alphabet())


def target_alphabet() -> list[str]:
    return sorted(string.digits + "-")
