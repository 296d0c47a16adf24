"""Read a typed date back into a calendar date, by rules written apart from the generator.

Two uses: the generator's property test (every generated form must read back as its own date,
so a form that would mean something else cannot slip into training), and ``check_input``, which
tells a user interface when a typed date is outside what the dates models were trained on.

The one rule for numbers (stated in checkpoints/README.md and the app): a numeric date with the
year **first** is year-month-day ("2024-03-05", "2024. 3. 5."); with the year **last** it is
day-month-year ("05/03/2024", "5.3.2024", as in en-GB, fr, de and es), except when only the
month-first reading is a valid date ("12/24/2026", en-US). Years have four digits, 1000-2999.
Dates are proleptic Gregorian (as ISO 8601 counts them), so weekdays before 1582 follow it too.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata

from babel.dates import get_day_names, get_month_names

FIRST_YEAR, LAST_YEAR = 1000, 2999
PARSE_LOCALES = ("en_US", "en_GB", "fr", "de", "ko", "es")
REASONS = (
    "empty",
    "two_digit_year",
    "year_out_of_range",
    "invalid_date",
    "weekday_mismatch",
    "unrecognised",
)
# words that may stand around a date: "the 4th of July", "le 14 juillet", "el 5 de marzo", "am 3."
_FILLER = frozenset({"the", "of", "on", "le", "de", "del", "el", "am", "den", "der", "du"})
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th|er|e|º|o)$")
_KO = re.compile(r"(\d+)\s*년\s*(\d+)\s*월\s*(\d+)\s*일")
_YEAR_FIRST = re.compile(r"(?<!\d)(\d+)\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)\.?")
_YEAR_LAST = re.compile(r"(?<!\d)(\d{1,2})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d+)(?!\d)")
_PARTS = re.compile(r"\d+(?:st|nd|rd|th|er|e|º|o)?|[^\W\d_]+", re.IGNORECASE)


class Unreadable(ValueError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold().rstrip(".")


@functools.cache
def _names() -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names of every locale, wide and abbreviated, both CLDR contexts."""
    months: dict[str, int] = {}
    days: dict[str, int] = {}
    for code in PARSE_LOCALES:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for num, name in get_month_names(width, context, code).items():
                    months[_fold(name)] = num
                for num, name in get_day_names(width, context, code).items():
                    days[_fold(name)] = num  # Babel: 0 = Monday, as date.weekday()
    return months, days


def _make(year: int, month: int, day: int, year_text: str) -> datetime.date:
    if len(year_text) <= 2:
        raise Unreadable("two_digit_year")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Unreadable("year_out_of_range")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise Unreadable("invalid_date") from None


def _numeric(m: re.Match, year_first: bool) -> datetime.date:
    if year_first:
        return _make(int(m[1]), int(m[3]), int(m[4]), m[1])
    a, b, year = int(m[1]), int(m[3]), m[4]
    if a <= 12 < b:  # only the month-first reading is a date: "12/24/2026"
        return _make(int(year), a, b, year)
    return _make(int(year), b, a, year)  # day first, the rule


def _weekday_only(rest: str) -> int | None:
    """What is left around a numeric or Korean date may only be one weekday name."""
    words = [_fold(w) for w in re.sub(r"[(),]", " ", rest).split()]
    words = [w for w in words if w]
    if not words:
        return None
    days = _names()[1]
    if len(words) > 1 or words[0] not in days:
        raise Unreadable("unrecognised")
    return days[words[0]]


def parse(text: str) -> datetime.date:
    """The date ``text`` means, or ``Unreadable(reason)`` with one of ``REASONS``."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    if not text:
        raise Unreadable("empty")
    for regex, kind in ((_YEAR_FIRST, True), (_YEAR_LAST, False), (_KO, None)):
        if m := regex.search(text):
            if kind is None:
                d = _make(int(m[1]), int(m[2]), int(m[3]), m[1])
            else:
                d = _numeric(m, kind)
            return _check_weekday(d, _weekday_only(text[: m.start()] + " " + text[m.end() :]))
    months, days = _names()
    words = [w for w in _PARTS.findall(text.replace(",", " ")) if _fold(w) not in _FILLER]
    leftover = _PARTS.sub("", text)
    if leftover.replace(",", "").replace(".", "").replace(" ", "").replace("-", ""):
        raise Unreadable("unrecognised")  # stray symbols (slashes, brackets...) around words
    numbers, month_words, day_words = [], [], []
    for w in words:
        f = _fold(w)
        if f.isdigit():
            numbers.append(f)
        elif m := _ORDINAL.match(f):
            numbers.append(m[1])
        elif f in months or f in days:
            (month_words if f in months else day_words).append(f)
            if f in months and f in days:  # es "mar": marzo or martes, decided below
                day_words.append(f)
        else:
            raise Unreadable("unrecognised")
    ambiguous = [f for f in month_words if f in days]
    if len(month_words) > 1 and ambiguous:  # the other one is the month: this is the weekday
        month_words = [f for f in month_words if f not in ambiguous] or month_words[:1]
    day_words = [f for f in day_words if f not in month_words]
    if len(month_words) != 1 or len(day_words) > 1 or len(numbers) != 2:
        raise Unreadable("unrecognised")
    years = [n for n in numbers if len(n) > 2]
    if len(years) != 1:
        if all(len(n) <= 2 for n in numbers):
            raise Unreadable("two_digit_year")
        raise Unreadable("unrecognised")
    if numbers[-1] is not years[0]:
        raise Unreadable("unrecognised")  # written with month names, the year always comes last
    (day_text,) = [n for n in numbers if n is not years[0]]
    d = _make(int(years[0]), months[month_words[0]], int(day_text), years[0])
    return _check_weekday(d, days[day_words[0]] if day_words else None)


def _check_weekday(d: datetime.date, weekday: int | None) -> datetime.date:
    if weekday is not None and weekday != d.weekday():
        raise Unreadable("weekday_mismatch")
    return d


def check_input(text: str) -> str | None:
    """None when ``text`` is a date of a form and year the dates models were trained on;
    otherwise the reason, one of ``REASONS`` (a UI turns the code into a sentence).

    The reader accepts what the generator writes and the obvious neighbours of it (any mix of
    case, spaces, dots after abbreviations), not arbitrary orders: with month names the year
    comes last (Korean: first). A model may still get an accepted input wrong (99.98 % on
    held-out forms); None means "inside the training distribution", not "will be right"."""
    try:
        parse(text)
    except Unreadable as exc:
        return exc.reason
    return None


def numeric_note(text: str) -> str | None:
    """ "day_first" when a year-last numeric date could be read either way (both numbers 1-12
    and different), so a UI can say how it was read; otherwise None."""
    m = _YEAR_LAST.search(re.sub(r"\s+", " ", text).strip())
    if m and int(m[1]) <= 12 and int(m[3]) <= 12 and int(m[1]) != int(m[3]):
        return "day_first"
    return None
