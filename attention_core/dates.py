"""Human-readable dates → ISO 8601: a synthetic task generated with Babel (CLDR data).

Sources are dates from 1000-01-01 to 2999-12-31 as people write and type them: English (US
and UK), French, German, Korean and Spanish at every CLDR width (short, medium, long, full),
with and without the weekday; numeric forms with 4-digit years in each locale's order; ISO 8601
itself; English ordinals ("July 4th, 1776", "the 4th of July 1776", "4th July 1776"); French
"le 14 juillet 1789" and "1er"; lower, capitalised and upper case; abbreviations with and
without their dot; missing or extra commas and spaces. The target is always "YYYY-MM-DD".

Two-digit years are never generated (``check_input`` refuses them): "05/03/24" could be 1924,
2024 or 2124 in a 1000-2999 range. The rule for numeric day/month order is in date_parse.py;
the en-US month-first form is generated only where that rule reads it right (day > 12, or
day = month). Dates are proleptic Gregorian, as ISO 8601 counts them.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import random
import re
import string
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date, match_skeleton

from .date_parse import FIRST_YEAR, LAST_YEAR, REASONS, check_input, numeric_note, parse

__all__ = [
    "LOCALES",
    "FIRST_DATE",
    "LAST_DATE",
    "FIRST_YEAR",
    "LAST_YEAR",
    "REASONS",
    "WIDTHS",
    "Form",
    "Sample",
    "forms",
    "render",
    "target",
    "split_of_date",
    "generate",
    "samples",
    "source_alphabet",
    "target_alphabet",
    "check_input",
    "numeric_note",
    "parse",
]

LOCALES = ("en_US", "en_GB", "fr", "de", "ko", "es")
ISO = "iso"  # the pseudo-locale of ISO 8601 input
FIRST_DATE = datetime.date(FIRST_YEAR, 1, 1)
LAST_DATE = datetime.date(LAST_YEAR, 12, 31)
WIDTHS = ("short", "medium", "long", "full", "numeric", "ordinal", "iso")
_SPLITS = ("train", "valid", "test")
ISO_SHARE = 0.04  # of generated samples written in ISO 8601 already

# Babel puts U+00A0 / U+202F in some locales' dates; any non-ASCII space becomes " " so the
# character vocabulary stays small and the model never has to tell invisible spaces apart.
_ODD_SPACE_RE = re.compile(r"[^\S ]")
_DOT_AFTER_LETTER = re.compile(r"(?<=[^\W\d_])\.")


@dataclass(frozen=True)
class Form:
    """One way of writing a date: a CLDR pattern, or an English ordinal template."""

    locale: str  # one of LOCALES, or "iso"
    width: str  # one of WIDTHS: the CLDR width it comes from, or numeric / ordinal / iso
    weekday: bool
    pattern: str  # CLDR pattern; for ordinals a template with {day} {month} {mon} {wd} {y}
    month_first: bool = False  # numeric with the month before the day (en-US)


@dataclass(frozen=True)
class Sample:
    source: str
    target: str
    locale: str
    width: str
    weekday: bool


@functools.cache
def _locale(code: str) -> Locale:
    # Locale.parse loads CLDR data; format_date would redo that lookup on every call.
    return Locale.parse(code)


def _skeleton(code: str, skeleton: str) -> str:
    loc = _locale(code)
    return str(loc.datetime_skeletons[match_skeleton(skeleton, loc.datetime_skeletons)].pattern)


def _four_digit(pattern: str) -> str:
    return re.sub(r"(?<!y)yy(?!y)", "y", pattern)  # "M/d/yy" -> "M/d/y"


# Forms beyond CLDR's four widths, as people type them (each must parse back to its date).
_TYPED = {
    "en_US": [("long", False, "MMMM d y"), ("medium", False, "d MMM y")],
    "en_GB": [("long", False, "MMMM d, y"), ("medium", True, "EEE d MMM y")],
    "fr": [
        ("long", False, "'le' d MMMM y"),
        ("full", True, "'le' EEEE d MMMM y"),
        ("medium", False, "d MMM y"),
        ("full", True, "EEEE, d MMMM y"),
    ],
    "de": [
        ("long", False, "'am' d. MMMM y"),
        ("medium", False, "d. MMM y"),
        ("full", True, "EEEE, 'den' d. MMMM y"),
    ],
    "ko": [("long", False, "y년 M월 d일"), ("long", True, "y년 M월 d일 (E)")],
    "es": [("long", False, "'el' d 'de' MMMM 'de' y"), ("full", True, "EEEE d 'de' MMMM 'de' y")],
}
_NUMERIC = {  # 4-digit years, each locale's order, padded and not
    "en_US": ["MM/dd/y", "M/d/y", "M-d-y"],
    "en_GB": ["d/M/y", "dd/MM/y", "dd.MM.y"],
    "fr": ["d/M/y", "dd-MM-y", "dd.MM.y"],
    "de": ["d.M.y", "dd.MM.y", "d. M. y"],
    "ko": ["y.MM.dd", "y.M.d", "y/MM/dd", "y-M-d", "y. MM. dd."],
    "es": ["dd/MM/y", "d-M-y", "d.M.y"],
}
_ORDINALS = (  # English ordinals ({day} is "4th"), each with and without the weekday
    "{month} {day}, {y}",
    "{month} {day} {y}",
    "the {day} of {month}, {y}",
    "the {day} of {month} {y}",
    "{day} {month} {y}",
    "{day} of {month} {y}",
    "{mon} {day}, {y}",
    "{day} {mon} {y}",
)


@functools.cache
def forms(code: str) -> tuple[Form, ...]:
    """Every form of one locale (or of "iso")."""
    if code == ISO:
        return (Form(ISO, "iso", False, "y-MM-dd"),)
    loc = _locale(code)
    out = []
    for width in ("short", "medium", "long", "full"):
        pattern = _four_digit(loc.date_formats[width].pattern)
        out.append(Form(code, width, "E" in pattern, pattern, code == "en_US" and width == "short"))
    # the weekday added to the widths that lack it (CLDR skeletons), and full without it = long
    for width, skeleton in (("short", "yMEd"), ("medium", "yMMMEd")):
        pattern = _skeleton(code, skeleton)
        out.append(Form(code, width, True, pattern, code == "en_US" and width == "short"))
    out += [Form(code, w, wd, p) for w, wd, p in _TYPED[code]]
    out += [Form(code, "numeric", False, p, code == "en_US") for p in _NUMERIC[code]]
    if code.startswith("en"):
        for template in _ORDINALS:
            out.append(Form(code, "ordinal", False, template))
            out.append(Form(code, "ordinal", True, "{wd}, " + template))
    return tuple(dict.fromkeys(out))  # CLDR and typed forms can coincide


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def format_form(d: datetime.date, form: Form) -> str:
    """``d`` written in ``form``, before any re-casing or punctuation change."""
    if form.width == "ordinal":
        loc = _locale(form.locale)
        text = form.pattern.format(
            day=_ordinal(d.day),
            month=loc.months["format"]["wide"][d.month],
            mon=loc.months["format"]["abbreviated"][d.month],
            wd=loc.days["format"]["wide"][d.weekday()],
            y=d.year,
        )
    else:
        code = "en_US" if form.locale == ISO else form.locale
        text = format_date(d, format=form.pattern, locale=_locale(code))
    return _ODD_SPACE_RE.sub(" ", text)


def _usable(d: datetime.date, form: Form) -> bool:
    # month-first numbers are read month-first only when day-first is impossible (the rule)
    return not form.month_first or d.day > 12 or d.day == d.month


@functools.cache
def _abbreviations(code: str) -> re.Pattern | None:
    """Month and weekday abbreviations of en/es without a dot, to write one after them."""
    if not code.startswith(("en", "es")):
        return None
    loc = _locale(code)
    months, days = loc.months["format"], loc.days["format"]
    wide = {*months["wide"].values(), *days["wide"].values()}
    names = {*months["abbreviated"].values(), *days["abbreviated"].values()}
    names = sorted((n for n in names if n not in wide and not n.endswith(".")), key=len)[::-1]
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b(?!\.)")


def _capitalise(text: str) -> str:
    return re.sub(r"(?<!\w)([^\W\d_])", lambda m: m[1].upper(), text)  # "4th" stays "4th"


def variant(text: str, form: Form, d: datetime.date, rng: random.Random) -> str:
    """The written form as people vary it: dots, "1er", commas, spaces, then case."""
    r = rng.random()
    if r < 0.2:
        text = _DOT_AFTER_LETTER.sub("", text)  # "juil. 1789" -> "juil 1789"
    elif r < 0.35 and (abbr := _abbreviations(form.locale)):
        text = abbr.sub(r"\1.", text)  # "Jul 4, 1776" -> "Jul. 4, 1776"
    if form.locale == "fr" and d.day == 1 and rng.random() < 0.5:
        text = re.sub(r"(?<!\d)1(?= [^\W\d_])", "1er", text)  # "1er mai 2024"
    if "," in text:
        r = rng.random()
        if r < 0.15:
            text = text.replace(",", "")
        elif r < 0.25:
            text = text.replace(", ", ",")
        elif r < 0.3:
            text = text.replace(", ", " , ")
    elif form.width in ("long", "ordinal") and form.locale.startswith("en") and rng.random() < 0.1:
        text = re.sub(r"(\w) (\d{4})$", r"\1, \2", text)  # "4 July, 1776", "July 4, 1776"
    if (form.locale == "ko" or form.width == "numeric") and rng.random() < 0.25:
        text = text.replace(" ", "")  # "1789년7월14일", "5.3.2024"
    if form.locale != "ko" and form.width not in ("numeric", "iso"):
        r = rng.random()
        if r < 0.15:
            text = text.lower()
        elif r < 0.25:
            text = text.upper()
        elif r < 0.4:
            text = _capitalise(text)
    return text


def render(d: datetime.date, rng: random.Random) -> tuple[str, Form]:
    """A random written form of d: a random locale (or ISO), form and variant."""
    code = ISO if rng.random() < ISO_SHARE else rng.choice(LOCALES)
    usable = [f for f in forms(code) if _usable(d, f)]
    width = rng.choice(sorted({f.width for f in usable}))  # each width as likely, then a form
    form = rng.choice([f for f in usable if f.width == width])
    return variant(format_form(d, form), form, d, rng), form


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


def samples(n: int, seed: int, split: str) -> list[Sample]:
    """n samples (source, target, and the form they were written in) from one split's dates."""
    if split not in _SPLITS:
        raise ValueError(f"split must be one of {_SPLITS}, got {split!r}")
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = random.Random(seed)
    pool = _dates_of(split)
    out = []
    for _ in range(n):
        d = rng.choice(pool)
        text, form = render(d, rng)
        out.append(Sample(text, target(d), form.locale, form.width, form.weekday))
    return out


def generate(n: int, seed: int, split: str) -> list[tuple[str, str]]:
    """n (source, target) pairs from dates of one split, reproducible from seed."""
    return [(s.source, s.target) for s in samples(n, seed, split)]


@functools.cache
def _source_alphabet() -> tuple[str, ...]:
    # Exhaustive, not sampled: every day of a leap year covers every month name, weekday name and
    # day number; upper and lower case of all of it covers the re-casings, and the variants only
    # drop or add ".", ",", " " and French "er".
    chars = set(string.digits) | set(".,- /()er")
    year = [datetime.date(2024, 1, 1) + datetime.timedelta(i) for i in range(366)]
    for code in (*LOCALES, ISO):
        for form in forms(code):
            text = "".join(format_form(d, form) for d in year)
            chars.update(text + text.upper() + text.lower())
    chars.discard("\n")
    return tuple(sorted(chars))


def source_alphabet() -> list[str]:
    """Sorted list of every character render() can produce."""
    return list(_source_alphabet())


def target_alphabet() -> list[str]:
    return sorted(string.digits + "-")
