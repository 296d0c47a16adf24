"""Subword units for English→French: byte-pair-encoding pieces, learned on the training words.

Learning follows Sennrich, Haddow & Birch 2016 ("Neural Machine Translation of Rare Words with
Subword Units", Algorithm 1): start from characters and repeatedly merge the most frequent
adjacent pair of symbols, counted over the training words weighted by frequency. Pieces are
written in subword-nmt's notation: a piece that continues into the next one ends in ``@@``
("un@@ believ@@ able"), a word-final piece has no mark, so most frequent words are one token
that reads as the word itself.

Segmentation is greedy longest-match-first over the piece vocabulary (the WordPiece rule of
Wu et al. 2016, sec. 4.1, as in BERT), so a checkpoint's vocabulary alone fixes how text is cut:
no merge table or binary model file is stored, only the JSON token list. Pure Python, no torch.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

MARK = "@@"  # on every piece but the last of a word
UNK = "<unk>"
ELLIPSIS = "…"  # display: this piece joins the one beside it


def _initial(word: str) -> list[str]:
    """A word as its characters, every one but the last marked as continuing."""
    return [c + MARK for c in word[:-1]] + [word[-1]]


def _merge(a: str, b: str) -> str:
    return a[: -len(MARK)] + b  # "ca@@" + "t@@" -> "cat@@"; "ca@@" + "t" -> "cat"


def learn(word_counts: dict[str, int], n_pieces: int, min_freq: int = 2) -> list[str]:
    """Pieces (characters seen ``min_freq`` times or more, then merges) up to ``n_pieces``.

    Pair counts are updated incrementally, only in the words that contain the merged pair, so
    thousands of merges over ~25,000 word types take seconds rather than hours.
    """
    words = [_initial(w) for w in word_counts if w]
    counts = [n for w, n in word_counts.items() if w]
    chars: Counter = Counter()
    pairs: Counter = Counter()
    where: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, (w, n) in enumerate(zip(words, counts)):
        for sym in w:
            chars[sym] += n
        for pair in zip(w, w[1:]):
            pairs[pair] += n
            where[pair].add(i)
    # both forms ("x@@" and "x") of every character seen often enough, so no word needs <unk>
    base: Counter = Counter()
    for sym, n in chars.items():
        base[sym.removesuffix(MARK)] += n
    pieces = sorted(c + m for c, n in base.items() if n >= min_freq for m in ("", MARK))
    known = set(pieces)
    while len(pieces) < n_pieces and pairs:
        # highest count; ties broken by the pair itself, so the result is deterministic
        best = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))[0]
        if pairs[best] < min_freq:
            break
        new = _merge(*best)
        for i in where.pop(best):
            w, n = words[i], counts[i]
            out, j = [], 0
            while j < len(w):
                if j + 1 < len(w) and (w[j], w[j + 1]) == best:
                    out.append(new)
                    j += 2
                else:
                    out.append(w[j])
                    j += 1
            if len(out) == len(w):
                continue  # the index is a superset: this word no longer has the pair
            for pair in zip(w, w[1:]):
                pairs[pair] -= n
                if pairs[pair] <= 0:
                    del pairs[pair]
            for pair in zip(out, out[1:]):
                pairs[pair] += n
                where[pair].add(i)
            words[i] = out
        pairs.pop(best, None)
        if new not in known:
            known.add(new)
            pieces.append(new)
    return pieces


def segment_word(word: str, pieces: frozenset[str] | set[str], cache: dict | None = None):
    """``word`` cut into the longest pieces from the left; an unknown character is ``<unk>``."""
    if cache is not None and word in cache:
        return cache[word]
    out, i, n = [], 0, len(word)
    while i < n:
        for j in range(n, i, -1):
            piece = word[i:j] + ("" if j == n else MARK)
            if piece in pieces:
                out.append(piece)
                i = j
                break
        else:
            out.append(UNK)  # no piece starts with this character
            i += 1
    if cache is not None:
        cache[word] = out
    return out


class Segmenter:
    """Greedy longest-match segmentation over one vocabulary's pieces (cached per word)."""

    def __init__(self, tokens: Iterable[str]):
        self.pieces = frozenset(t for t in tokens if not (t.startswith("<") and t.endswith(">")))
        self._cache: dict[str, list[str]] = {}

    def __call__(self, words: Sequence[str]) -> list[str]:
        if len(self._cache) > 200_000:  # the app feeds it whatever users type: stay bounded
            self._cache.clear()
        return [p for w in words for p in segment_word(w, self.pieces, self._cache)]


def join(tokens: Sequence[str]) -> list[str]:
    """Pieces glued back into words: ["un@@", "believ@@", "able"] -> ["unbelievable"]."""
    words, current = [], ""
    for tok in tokens:
        if tok.endswith(MARK) and tok != MARK:
            current += tok[: -len(MARK)]
        else:
            words.append(current + tok)
            current = ""
    if current:
        words.append(current)  # a word left open at the end (a cut-off output)
    return words


def word_spans(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """[start, end) token positions of each word, so a view can sum its pieces' attention."""
    spans, start = [], 0
    for i, tok in enumerate(tokens):
        if not (tok.endswith(MARK) and tok != MARK):
            spans.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return spans


def display_labels(tokens: Sequence[str]) -> list[str]:
    """One readable label per piece: the mark dropped, "…" on each side that joins another
    piece of the same word ("un…", "…believ…", "…able"); whole words are shown unchanged."""
    labels, open_left = [], False
    for tok in tokens:
        continues = tok.endswith(MARK) and tok != MARK
        body = tok[: -len(MARK)] if continues else tok
        labels.append((ELLIPSIS if open_left else "") + body + (ELLIPSIS if continues else ""))
        open_left = continues
    return labels
