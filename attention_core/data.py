"""Task data: pairs per split, vocabularies and length-bucketed batches.

English->French comes from a Tatoeba TSV (any path; split by English sentence, see tatoeba.py).
Dates->ISO comes from the Babel generator (no files). Evaluation groups every reference of a
source sentence, so BLEU can use all of Tatoeba's translations of it.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

import torch

from . import dates, subwords, tatoeba, text
from .tasks import Task
from .vocab import SPECIALS, Vocab

PROBES = {  # fixed sentences whose attention is recorded after every training epoch
    "fra-eng": [
        "i am not afraid of the dark.",
        "she gave him the book yesterday.",
        "we have to leave before it starts raining.",
    ],
    "dates": ["Tuesday, March 5, 2024", "5 mars 2024", "2024년 3월 5일 화요일"],
}


@dataclass
class EvalSet:
    """Sources with all their references (several for Tatoeba sentences with many translations)."""

    sources: list[str]
    references: list[list[str]]


def subsample(evalset: EvalSet, n: int | None) -> EvalSet:
    """``n`` sentences spread evenly over the set (Tatoeba files are sorted by length, so the
    first n would all be short ones); deterministic."""
    total = len(evalset.sources)
    if not n or n >= total:
        return evalset
    idx = [i * total // n for i in range(n)]
    return EvalSet([evalset.sources[i] for i in idx], [evalset.references[i] for i in idx])


def group(pairs: list[tuple[str, str]]) -> EvalSet:
    grouped: dict[str, tuple[str, list[str]]] = {}
    for src, tgt in pairs:
        key = text.normalize(src)
        entry = grouped.setdefault(key, (src, []))
        if tgt not in entry[1]:
            entry[1].append(tgt)
    return EvalSet([s for s, _ in grouped.values()], [r for _, r in grouped.values()])


def read_tsv_pairs(path) -> list[tuple[str, str]]:
    return [(p.source, p.target) for p in tatoeba.read_pairs(path)]


def task_splits(task: Task, data: str | None, seed: int, n_dates: int) -> dict[str, list]:
    """(source, target) pairs for train / valid / test."""
    if task.name == "dates":
        sizes = {"train": n_dates, "valid": 1000, "test": 2000}
        return {
            s: dates.generate(n, seed=seed + i, split=s) for i, (s, n) in enumerate(sizes.items())
        }
    if data is None:
        raise ValueError("the fra-eng task needs --data PATH (a Tatoeba TSV file)")
    split = tatoeba.split_pairs(tatoeba.read_pairs(data))
    return {name: [(p.source, p.target) for p in pairs] for name, pairs in split.items()}


def build_vocabs(
    task: Task, tokenized, src_cap: int, tgt_cap: int, min_freq: int, pieces: bool = False
):
    """Vocabularies from tokenized training pairs. With ``pieces`` the caps count BPE pieces
    (see subwords.py) learned on the training words, and the tokens are those pieces."""
    if task.char_level:  # every character the generator can write, so nothing is unknown
        return Vocab.build([dates.source_alphabet()]), Vocab.build([dates.target_alphabet()])
    if pieces:
        src = _piece_vocab(Counter(w for s, _ in tokenized for w in s), src_cap, min_freq)
        tgt = _piece_vocab(Counter(w for _, t in tokenized for w in t), tgt_cap, min_freq)
        return src, tgt
    src = Vocab.build((s for s, _ in tokenized), max_size=src_cap, min_freq=min_freq)
    tgt = Vocab.build((t for _, t in tokenized), max_size=tgt_cap, min_freq=min_freq)
    return src, tgt


def _piece_vocab(word_counts: Counter, cap: int, min_freq: int) -> Vocab:
    pieces = subwords.learn(dict(word_counts), cap - len(SPECIALS), min_freq)
    cut = subwords.Segmenter(pieces)
    used: Counter = Counter()
    for word, n in word_counts.items():
        for piece in cut([word]):
            used[piece] += n
    # The pieces the training words use, plus every single character (so any word made of known
    # characters can still be cut): greedy longest-match over this subset cuts every training
    # word exactly as before (each cut's piece is in it), so the vocabulary alone fixes the
    # segmentation. Most frequent first, as Vocab.build orders.
    chars = [p for p in pieces if len(p.removesuffix(subwords.MARK)) == 1 and p not in used]
    ranked = sorted((p for p in used if p not in SPECIALS), key=lambda p: (-used[p], p))
    return Vocab([*SPECIALS, *ranked, *sorted(chars)])


def encode_pairs(task, pairs, src_vocab, tgt_vocab, max_len: int):
    """Token-id pairs, dropping pairs longer than ``max_len`` tokens on either side."""
    out = []
    for src, tgt in pairs:
        s, t = task.tokenize_source(src), task.tokenize_target(tgt)
        if 0 < len(s) <= max_len and 0 < len(t) <= max_len:
            out.append((src_vocab.encode(s), tgt_vocab.encode(t)))
    return out


def batches(encoded, batch_size: int, seed: int, shuffle: bool = True):
    """Batches of similar source length (little padding), in random order.

    Yields (src (B, S), lengths (B,), tgt_in (B, T) starting with <sos>, tgt_out (B, T) ending
    with <eos>); padding id 0 everywhere.
    """
    rng = random.Random(seed)
    order = list(range(len(encoded)))
    if shuffle:
        rng.shuffle(order)
    # sort within large pools: similar lengths together, but still a fresh mix every epoch
    pool = batch_size * 50
    chunks = []
    for start in range(0, len(order), pool):
        part = sorted(order[start : start + pool], key=lambda i: len(encoded[i][0]))
        chunks += [part[j : j + batch_size] for j in range(0, len(part), batch_size)]
    if shuffle:
        rng.shuffle(chunks)
    for idx in chunks:
        yield collate([encoded[i] for i in idx])


def collate(items):
    lengths = torch.tensor([len(s) for s, _ in items])
    n, s_max, t_max = len(items), int(lengths.max()), max(len(t) for _, t in items) + 1
    src = torch.zeros(n, s_max, dtype=torch.long)
    tgt_in = torch.zeros(n, t_max, dtype=torch.long)
    tgt_out = torch.zeros(n, t_max, dtype=torch.long)
    for r, (s, t) in enumerate(items):
        src[r, : len(s)] = torch.tensor(s)
        tgt_in[r, : len(t) + 1] = torch.tensor([Vocab.sos_id, *t])
        tgt_out[r, : len(t) + 1] = torch.tensor([*t, Vocab.eos_id])
    return src, lengths, tgt_in, tgt_out
