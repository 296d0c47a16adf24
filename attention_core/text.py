"""Normalisation and Moses tokenisation for the English→French task.

Everything here must accept any ``str`` without raising: the app feeds it whatever a user types.
"""

from __future__ import annotations

import re
import threading
import unicodedata

from sacremoses import MosesDetokenizer, MosesTokenizer

from .subwords import join as join_pieces

__all__ = ["normalize", "tokenize", "detokenize", "count_words"]

# Typographic apostrophes and quotes fold to ASCII so that "j’ai" and "j'ai" share one vocabulary.
_FOLD = {ord(c): "'" for c in "\u2019\u2018\u02bc\u2032"}
_FOLD.update({ord(c): '"' for c in "\u201c\u201d\u00ab\u00bb\u201e"})
# Invisible characters (zero-width, BOM, bidi marks, soft hyphen) are deleted, not turned into
# spaces: they sit inside words, and a space there would split the word.
_FOLD.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u00ad"})

# Every Unicode whitespace run (NBSP, U+202F, thin space, tabs, newlines…) becomes one space.
_SPACE_RE = re.compile(r"\s+")

# French elided words: these prefixes take an apostrophe and glue onto the next word.
_ELISIONS = frozenset({"c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu"})
_ELISION_RE = re.compile(r"^(c|d|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu)'(?=[^\W\d_])(.+)$")

_lock = threading.Lock()
_tokenizers: dict[str, MosesTokenizer] = {}
_detokenizers: dict[str, MosesDetokenizer] = {}


def _clean(text: str) -> str:
    """All of ``normalize`` except lowercasing (Moses needs case to find sentence ends)."""
    text = text.translate(_FOLD)
    # Whitespace first, so that tab/newline (category Cc) separate words rather than vanish.
    text = _SPACE_RE.sub(" ", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cc")
    text = _SPACE_RE.sub(" ", text).strip()
    # NFC last: deleting an invisible character can leave a base + combining pair to compose.
    return unicodedata.normalize("NFC", text)


def _lower(text: str) -> str:
    # Lowercasing can decompose (e.g. "İ" → "i̇"); re-compose so the result is a fixed point.
    return unicodedata.normalize("NFC", text.lower())


def normalize(text: str) -> str:
    """NFC, ASCII quotes, plain single spaces, no control/zero-width characters, lowercase."""
    return _lower(_clean(text))


def _get(cache: dict, cls: type, lang: str):
    obj = cache.get(lang)
    if obj is None:
        # Building a Moses object compiles dozens of regexes (~tens of ms); do it once per
        # language, and under a lock so concurrent first calls do not race on the dict.
        with _lock:
            obj = cache.get(lang)
            if obj is None:
                obj = cache[lang] = cls(lang=lang)
    return obj


def _split_french_elisions(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for i, tok in enumerate(tokens):
        # "n' y" (a stray space, seen in the corpus) comes out of Moses as "n", "'", "y".
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok == "'" and out and out[-1] in _ELISIONS and nxt[:1].isalpha():
            out[-1] += "'"
            continue
        # Moses already splits "l'eau", but its regex cannot split overlapping cases such as
        # "l'a'b"; this keeps the rule "elided prefix + apostrophe is its own token" total.
        while m := _ELISION_RE.match(tok):
            out.append(m.group(1) + "'")
            tok = m.group(2)
        out.append(tok)
    return out


def tokenize(text: str, lang: str) -> list[str]:
    """Normalised Moses tokens; French elisions come out as ``l'`` + ``eau``."""
    cleaned = _clean(text)
    if not cleaned:
        return []
    moses = _get(_tokenizers, MosesTokenizer, lang)
    # Tokenise before lowercasing: Moses only splits a sentence-final "." off a word when the
    # next word is capitalised, so "tired. let's" would keep "tired." as one token.
    raw = moses.tokenize(cleaned, escape=False, aggressive_dash_splits=False)
    tokens = [_lower(t) for t in raw if t.strip()]
    if lang == "fr":
        tokens = _split_french_elisions(tokens)
    return tokens


def detokenize(tokens: list[str], lang: str) -> str:
    """Inverse of ``tokenize`` for ordinary sentences (Moses rules, French ``l'eau`` glued),
    and of its subword pieces."""
    # subword pieces ("un@@ believ@@ able") become words first; word-level tokens pass through
    tokens = join_pieces([t for t in tokens if t and not t.isspace()])
    if not tokens:
        return ""
    moses = _get(_detokenizers, MosesDetokenizer, lang)
    # unescape=False mirrors escape=False in tokenize: a literal "&amp;" must survive a round trip.
    # Moses French puts a space before ? ! : ; % — kept as is, it matches Tatoeba's style.
    return moses.detokenize(tokens, unescape=False)


def count_words(text: str) -> int:
    """Whitespace chunks of the normalised text with at least one letter or digit."""
    return sum(1 for chunk in normalize(text).split() if any(c.isalnum() for c in chunk))


# ----- what the models were trained on ------------------------------------------------------

# Every training sentence of the English->French corpus ends with one of these (Tatoeba's
# style); a sentence without one is outside what the models saw, and the attention models then
# tend not to find <eos> and repeat their last word to the length limit (measured on the three
# shipped models: "we have to leave now" -> "... maintenant maintenant maintenant ...").
FINAL_MARKS = frozenset({".", "!", "?", "...", "…", "?!", "!?"})
_CLOSERS = frozenset({'"', "'", ")", "]", "»"})  # may follow the final mark: 'he said "no ."'
# An English sentence that opens with one of these is taken for a question and gets "?".
_QUESTION_OPENERS = frozenset(
    "am are is was were do does did can could will would shall should may might must have has "
    "had what where when who whom whose why how which won doesn didn isn aren wasn weren "
    "can't couldn wouldn shouldn haven hasn".split()
)


def missing_final_mark(tokens: list[str]) -> str | None:
    """The mark to add at the end of a tokenized English sentence that has none ("?" when it
    opens like a question, "!" after "what a", else "."), or None when it already ends with
    one."""
    words = [t for t in tokens if t not in _CLOSERS]
    if not words or any(ch in FINAL_MARKS for ch in words[-1][-1:]) or words[-1] in FINAL_MARKS:
        return None
    if words[0] == "what" and words[1:2] in (["a"], ["an"]):
        return "!"  # "what a nice day": an exclamation, not a question
    return "?" if words[0] in _QUESTION_OPENERS else "."


def repetition(tokens: list[str], longest: int = 4) -> tuple[int, int] | None:
    """Where an output repeats itself: (start, n) of the first n-gram (n <= ``longest``) that is
    immediately repeated, covering at least 3 tokens ("rouge rouge" in French is rare but "nous
    nous" is grammar, so a single word must come three times). None when there is none."""
    for start in range(len(tokens)):
        for n in range(1, longest + 1):
            times = 1
            while tokens[start + times * n : start + (times + 1) * n] == tokens[start : start + n]:
                times += 1
            if times >= 2 and n * times >= 3 and len(tokens[start : start + n]) == n:
                return start, n
    return None
