"""Tasks: how each kind of model turns text into tokens and back, and the input limits.

English->French works on words (Moses tokenizer); dates->ISO on characters. Limits live here,
in the core, so the command line and the app enforce the same caps.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from . import subwords, text

MAX_INPUT_CHARS = 1000  # anything longer is refused before tokenizing
MAX_BEAM = 10


class InputError(ValueError):
    """Input the models cannot take. ``code`` lets a user interface translate the message."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


_SPACES = re.compile(r"\s+")


def _clean_chars(value: str) -> str:
    """Dates are read character by character: NFC, any whitespace run -> one space."""
    value = _SPACES.sub(" ", unicodedata.normalize("NFC", value))  # tabs, newlines -> spaces first
    value = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf"))
    return _SPACES.sub(" ", value).strip()


@dataclass(frozen=True)
class Task:
    name: str
    source_lang: str
    target_lang: str
    char_level: bool
    max_source_tokens: int
    max_target_tokens: int
    subwords: bool = False  # words cut into BPE pieces (subwords.py) from the model's vocabularies
    segmenters: tuple | None = field(default=None, compare=False, repr=False)  # (source, target)

    def with_subwords(self, source_tokens, target_tokens) -> Task:
        """This task cutting words into the pieces of these two vocabularies."""
        pair = (subwords.Segmenter(source_tokens), subwords.Segmenter(target_tokens))
        return replace(self, subwords=True, segmenters=pair)

    def settings(self) -> dict:
        """The tokenizer's settings as saved in a checkpoint (the pieces are its vocabularies)."""
        return {k: v for k, v in self.__dict__.items() if k != "segmenters"}

    def tokenize_source(self, value: str) -> list[str]:
        if self.char_level:
            return list(_clean_chars(value))
        words = text.tokenize(value, self.source_lang)
        return self.segmenters[0](words) if self.segmenters else words

    def tokenize_target(self, value: str) -> list[str]:
        if self.char_level:
            return list(_clean_chars(value))
        words = text.tokenize(value, self.target_lang)
        return self.segmenters[1](words) if self.segmenters else words

    def detokenize_target(self, tokens: list[str]) -> str:
        if self.char_level:
            return "".join(tokens)
        return text.detokenize(tokens, self.target_lang)

    def final_mark(self, value: str) -> str | None:
        """The full stop (or "?") that decoding adds (``DecodeOptions.complete``): the
        English->French models were trained only on sentences that end with one. None for
        dates, which are read character by character, and for a sentence that has its own."""
        if not isinstance(value, str) or len(value) > MAX_INPUT_CHARS:
            return None  # source_tokens refuses it
        tokens = text.tokenize(value, self.source_lang)
        if len(tokens) >= self.max_source_tokens or not any(c.isalnum() for c in value):
            return None  # no room for it, or nothing to end (an emoji, a lone mark)
        if self.char_level or self.source_lang != "en":
            return None
        return text.missing_final_mark(tokens)

    def source_pieces(self, word: str | None) -> list[str]:
        """One added word (a final mark) as the model reads it: as it is, or cut into pieces."""
        if not word:
            return []
        return self.segmenters[0]([word]) if self.segmenters else [word]

    def source_tokens(self, value: str) -> list[str]:
        """Tokenize user input, enforcing the limits with an ``InputError``."""
        if not isinstance(value, str):
            raise InputError("not_text", "the input must be text")
        if len(value) > MAX_INPUT_CHARS:
            raise InputError(
                "too_long",
                f"the input has {len(value)} characters; the limit is {MAX_INPUT_CHARS}",
                length=len(value),
                limit=MAX_INPUT_CHARS,
            )
        tokens = self.tokenize_source(value)
        if not tokens:
            raise InputError("empty", "the input is empty: type a sentence")
        if len(tokens) > self.max_source_tokens:
            raise InputError(
                "too_many_tokens",
                f"the input has {len(tokens)} tokens; this model reads at most "
                f"{self.max_source_tokens}",
                length=len(tokens),
                limit=self.max_source_tokens,
            )
        return tokens

    @property
    def max_forced_tokens(self) -> int:
        """The longest target text that can be forced (a reference, a prefix): one step of the
        output cap stays for <eos>."""
        return self.max_target_tokens - 1

    def max_output(self, source_len: int) -> int:
        """Decoding stops here if <eos> never comes (steps, <eos> included)."""
        if self.char_level:
            return self.max_target_tokens
        return min(self.max_target_tokens, 2 * source_len + 10)


TASKS = {
    "fra-eng": Task("fra-eng", "en", "fr", False, max_source_tokens=60, max_target_tokens=80),
    "dates": Task("dates", "any", "iso", True, max_source_tokens=48, max_target_tokens=11),
}


def get_task(name: str) -> Task:
    if name not in TASKS:
        raise ValueError(f"unknown task {name!r}; choose from {sorted(TASKS)}")
    return TASKS[name]
