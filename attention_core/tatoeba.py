"""Read the Tatoeba English–French TSV and split it by English sentence.

The corpus is CC-BY and lives outside the repo (``../shared/data/tatoeba-fra-eng/fra-eng.tsv``
or any ``fra.txt`` a user downloads from manythings.org/anki): this module only reads it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .text import count_words, normalize

__all__ = [
    "DataError",
    "Pair",
    "SPLITS",
    "read_pairs",
    "file_checksum",
    "group_by_source",
    "split_of",
    "split_pairs",
]

SPLITS = ("train", "valid", "test")


class DataError(ValueError):
    """The corpus file is missing or malformed."""


@dataclass(frozen=True)
class Pair:
    source: str  # English, raw text as in the file
    target: str  # French, raw text as in the file


def read_pairs(path: str | Path) -> list[Pair]:
    """All pairs of a ``English<TAB>French[<TAB>attribution…]`` file, in file order."""
    path = Path(path)
    try:
        # Only "\n" ends a record: newline="" stops a stray "\r" inside a field from starting a
        # new line (and str.splitlines would also break on U+2028, \x1c…). CRLF's "\r" is
        # stripped below.
        with open(path, encoding="utf-8-sig", newline="") as f:
            lines = f.read().split("\n")
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None

    pairs = []
    for lineno, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        # Newer manythings releases add a third, attribution column: ignore it.
        cols = line.split("\t")
        if len(cols) < 2:
            raise DataError(f"{path.name}:{lineno}: expected 'English<TAB>French', got no tab")
        source, target = cols[0].strip(), cols[1].strip()
        if not source or not target:
            side = "English" if not source else "French"
            raise DataError(f"{path.name}:{lineno}: empty {side} side")
        pairs.append(Pair(source, target))
    return pairs


def file_checksum(path: str | Path) -> str:
    """sha256 hex digest of the file, read in chunks (the corpus is ~10 MB, fra.txt larger)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    return h.hexdigest()


def group_by_source(pairs: Iterable[Pair]) -> dict[str, list[str]]:
    """normalize(English) → distinct raw French translations, in file order."""
    groups: dict[str, list[str]] = {}
    for p in pairs:
        targets = groups.setdefault(normalize(p.source), [])
        # Lists are short (Tatoeba rarely has more than a handful per sentence): linear is fine.
        if p.target not in targets:
            targets.append(p.target)
    return groups


# Sentences of 16+ words are rare (about 600 of 113k): hold out a larger share of them so the
# test split has enough long sentences for BLEU per length bucket (16-20 and 21+ words).
LONG_WORDS, LONG_VALID_PCT, LONG_TEST_PCT = 16, 10, 20


def split_of(source: str, valid_pct: float = 3, test_pct: float = 3) -> str:
    """'train', 'valid' or 'test' for an English sentence, stable across runs and machines.

    Sentences of ``LONG_WORDS`` words or more use ``LONG_VALID_PCT`` / ``LONG_TEST_PCT`` instead.

    Keyed on the *normalised* sentence so that "Go." and "go." — which the model sees as the
    same input — can never land on two sides. sha1 rather than hash(), which is salted per process.
    """
    if valid_pct < 0 or test_pct < 0 or valid_pct + test_pct > 100:
        raise ValueError(f"bad split percentages: valid={valid_pct}, test={test_pct}")
    if count_words(source) >= LONG_WORDS:
        valid_pct, test_pct = max(valid_pct, LONG_VALID_PCT), max(test_pct, LONG_TEST_PCT)
    digest = hashlib.sha1(normalize(source).encode("utf-8")).digest()
    # A point in [0, 100) with 1e-4 % resolution, so fractional percentages work too.
    point = int.from_bytes(digest[:8], "big") % 1_000_000 / 10_000
    if point < valid_pct:
        return "valid"
    if point < valid_pct + test_pct:
        return "test"
    return "train"


def split_pairs(
    pairs: Iterable[Pair], valid_pct: float = 3, test_pct: float = 3
) -> dict[str, list[Pair]]:
    """Partition pairs by ``split_of(pair.source)``; each split keeps file order."""
    out: dict[str, list[Pair]] = {name: [] for name in SPLITS}
    cache: dict[str, str] = {}  # many pairs share a source; hash each one once
    for p in pairs:
        split = cache.get(p.source)
        if split is None:
            split = cache[p.source] = split_of(p.source, valid_pct, test_pct)
        out[split].append(p)
    return out
