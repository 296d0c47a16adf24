"""Checks on typed text that the core accepts but a reader should hear about. Pure.

The core refuses what models cannot take (``InputError``: empty, too long, too many tokens...);
these checks add the app's own advice: text without a letter or digit is not decoded, and text
that looks like HTML, or that the model mostly does not know, is decoded with a warning.
"""

from __future__ import annotations

import re

from attention_core import Trace

_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&[A-Za-z#][A-Za-z0-9]*;")
MOSTLY_UNKNOWN = 0.5  # warn when at least this share of the source tokens is unknown


def has_content(text: str) -> bool:
    """True when the text has at least one letter or digit (in any script)."""
    return any(ch.isalnum() for ch in text)


def looks_like_markup(text: str) -> bool:
    """HTML tags or entities: harmless here (shown as typed), but worth saying so."""
    return bool(_MARKUP.search(text))


def unknown_share(trace: Trace) -> float:
    flags = trace.source_oov
    return sum(flags) / len(flags) if flags else 0.0


def parse_step(value, steps: int) -> int | None:
    """A 1-based step number from the URL, or None when it is not a usable number."""
    try:
        step = int(str(value).strip())
    except ValueError:
        return None
    return min(max(step, 1), max(steps, 1))
