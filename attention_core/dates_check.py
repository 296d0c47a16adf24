"""An independent check set for the dates models: Babel's own formatting, not the generator's.

The generator (dates.py) writes dates from fixed CLDR patterns and its own variants; this
module asks Babel for *skeletons* (``format_skeleton``: CLDR's flexible "availableFormats", the
forms a phone or a web page writes) and the four standard widths, on held-out dates only, and
adds ISO 8601. It never feeds training. An en-US numeric date that the stated day/month rule
(date_parse.py) reads the other way ("11/5/2256", both numbers 12 or less) is left out: the
string alone cannot say which was meant. ``tests/data/dates-babel-check.tsv`` is its output
(``python -m attention_core.dates_check > tests/data/dates-babel-check.tsv``); a test checks
that the file and this code agree. Hand-typed dates are in ``tests/data/dates-typed.tsv``.
"""

from __future__ import annotations

import random
import re

from babel.dates import format_date, format_skeleton

from .date_parse import numeric_note
from .dates import LOCALES, _dates_of

SKELETONS = ("yMd", "yMMMd", "yMMMMd", "yMEd", "yMMMEd", "yMMMMEEEEd", "yMMMM d")
WIDTHS = ("medium", "long", "full")  # "short" has 2-digit years in most locales: refused


def babel_pairs(n: int = 420, seed: int = 2026) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pool = _dates_of("test")
    out = []
    while len(out) < n:
        d = rng.choice(pool)
        if len(out) % 7 == 6:
            out.append((d.isoformat(), d.isoformat()))
            continue
        code = rng.choice(LOCALES)
        if rng.random() < 0.5:
            text = format_skeleton(rng.choice(SKELETONS), d, locale=code)
        else:
            text = format_date(d, format=rng.choice(WIDTHS), locale=code)
        if code == "en_US" and numeric_note(text):
            continue  # "11/5/2256": the stated rule reads it day first, en-US meant month first
        out.append((re.sub(r"[^\S ]", " ", text), d.isoformat()))
    return out


if __name__ == "__main__":
    for source, target in babel_pairs():
        print(f"{source}\t{target}")
