"""Checks on typed text that the core accepts but a reader should hear about. Pure.

The core refuses what models cannot take (``InputError``: empty, too long, too many tokens...);
these checks add the app's own advice: text without a letter or digit is not decoded, and text
that looks like HTML, or that the model mostly does not know, is decoded with a warning.
"""

from __future__ import annotations

import re
import unicodedata

from attention_core import Trace
from attention_core.subwords import join as join_pieces
from attention_core.text import repetition
from attention_core.vocab import EOS, UNK

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


LATIN_SHARE = 0.5  # below this share of Latin letters, an English model cannot read the input


def latin_share(text: str) -> float:
    """The share of the letters in ``text`` that are Latin (1.0 when it has no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return latin / len(letters)


def notices(trace: Trace, sentence: str) -> list[tuple[str, str, dict]]:
    """What to say about a decoding besides its result, as (level, string key, fields): an
    input outside what the model was trained on, an output cut at the length limit or holding
    unknown tokens. Level "warning" or "info"."""
    out = []
    if trace.task == "dates":
        from attention_core import dates

        reason = dates.check_input(sentence)
        if reason not in (None, "empty"):
            out.append(("warning", f"date_{reason}", {}))
        elif dates.numeric_note(sentence) == "day_first":
            out.append(("info", "date_day_first", {}))
    elif latin_share(sentence) < LATIN_SHARE:
        out.append(("warning", "notice_not_english", {}))
    # the tutorial's model reads its own normalisation (lower case, ASCII), then EOS
    if trace.task == "tutorial" and read_as(trace).removesuffix(" <eos>") != sentence.strip():
        out.append(("info", "notice_normalized", {}))
    if trace.added_mark:
        out.append(("info", "notice_added_mark", {"mark": trace.added_mark}))
    ended = bool(trace.steps) and trace.steps[-1].token == EOS
    looped = None if trace.task == "dates" else repetition(trace.output_tokens)
    if trace.mode != "forced" and looped is not None:
        start, n = looped
        out.append(("warning", "notice_repeats", {"t": start + n + 1}))
    if trace.mode != "forced" and trace.steps and not ended:
        out.append(("warning", "notice_length_limit", {"n": len(trace.steps)}))
    unknown = sum(1 for tok in trace.output_tokens if tok == UNK)
    if unknown:
        out.append(("info", "notice_unk_output", {"count": unknown}))
    return out


def read_as(trace: Trace) -> str:
    """The sentence as the model read it: its tokens (subword pieces joined), spaced."""
    return " ".join(join_pieces(list(trace.source_tokens)))
