"""Evaluation: corpus BLEU and chrF (sacreBLEU) or exact match, per source-length bucket too.

Hypotheses are detokenized model output; references are the corpus text put through the same
normalisation as the input (NFC, quotes and spaces folded, lowercased), and BLEU is computed
lowercased. Tatoeba often gives several translations of one English sentence: all of them are
references for that sentence (multi-reference BLEU).
"""

from __future__ import annotations

from pathlib import Path

import sacrebleu

from . import data, dates, tatoeba, text
from .decoding import Translator, translate, translate_batch
from .vocab import UNK

BUCKETS = ((1, 5), (6, 10), (11, 15), (16, 20), (21, None))
LONG_WORDS = 11  # "long" sentences: this many words or more
DATES_TEST_SIZE = 5000  # generated held-out samples scored for a dates model


def bucket_name(lo: int, hi: int | None) -> str:
    return f"{lo}-{hi}" if hi else f"{lo}+"


def bucket_of(n_words: int) -> str:
    for lo, hi in BUCKETS:
        if n_words >= lo and (hi is None or n_words <= hi):
            return bucket_name(lo, hi)
    return bucket_name(*BUCKETS[0])  # 0 words (punctuation only) counts with the shortest


def _bleu_chrf(hyps: list[str], refs: list[list[str]]) -> tuple[float, float, str]:
    width = max(len(r) for r in refs)
    streams = [[r[i] if i < len(r) else None for r in refs] for i in range(width)]
    bleu = sacrebleu.metrics.BLEU(lowercase=True)
    chrf = sacrebleu.metrics.CHRF()
    b = bleu.corpus_score(hyps, streams)
    c = chrf.corpus_score(hyps, streams)
    return round(b.score, 2), round(c.score, 2), str(bleu.get_signature())


def unk_share(outputs: list[list[str]]) -> dict:
    """How much of the output is ``<unk>``: percent of output tokens (``<eos>`` not counted) and
    percent of sentences with at least one."""
    tokens = sum(len(o) for o in outputs)
    unk = sum(t == UNK for o in outputs for t in o)
    with_unk = sum(UNK in o for o in outputs)
    return {
        "unk_tokens": unk,
        "output_tokens": tokens,
        "unk_share": round(100 * unk / max(1, tokens), 3),
        "sentences_with_unk": round(100 * with_unk / max(1, len(outputs)), 2),
    }


CHAR_BUCKETS = ((1, 10), (11, 15), (16, 20), (21, 25), (26, 30), (31, None))  # source characters


def _char_buckets(lengths: list[int]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for lo, hi in CHAR_BUCKETS:
        idx = [i for i, n in enumerate(lengths) if n >= lo and (hi is None or n <= hi)]
        if idx:
            out[bucket_name(lo, hi)] = idx
    return out


def _exact(hyps: list[str], refs: list[list[str]]) -> dict:
    """Exact match (%), and per-character accuracy (%): position by position against the first
    reference, a missing character counting as wrong and extra ones ignored."""
    hits = sum(h in r for h, r in zip(hyps, refs))
    right = sum(sum(a == b for a, b in zip(h, r[0])) for h, r in zip(hyps, refs))
    total = sum(len(r[0]) for r in refs)
    return {
        "exact_match": round(100 * hits / max(1, len(hyps)), 3),
        "char_accuracy": round(100 * right / max(1, total), 3),
        "sentences": len(hyps),
    }


def dates_breakdown(hyps: list[str], samples) -> dict:
    """Exact match and character accuracy by locale, form width, weekday and century."""
    groups = {
        "by_locale": lambda s: s.locale,
        "by_width": lambda s: s.width,
        "by_weekday": lambda s: "with weekday" if s.weekday else "without weekday",
        "by_century": lambda s: f"{s.target[:2]}00s",
    }
    out = {}
    for key, of in groups.items():
        members: dict[str, list[int]] = {}
        for i, sample in enumerate(samples):
            members.setdefault(of(sample), []).append(i)
        out[key] = {
            name: _exact([hyps[i] for i in idx], [[samples[i].target] for i in idx])
            for name, idx in sorted(members.items())
        }
    return out


def score_outputs(tr: Translator, evalset: data.EvalSet, beam: int = 1) -> dict:
    """Translate ``evalset`` (greedy, or beam search of width ``beam``) and score it."""
    return _score(tr, evalset, beam)[0]


def _score(tr: Translator, evalset: data.EvalSet, beam: int) -> tuple[dict, list[str]]:
    if beam > 1:
        outputs = [translate(tr, s, mode="beam", beam=beam) for s in evalset.sources]
    else:
        outputs = translate_batch(tr, evalset.sources)
    hyps = [tr.task.detokenize_target(o) for o in outputs]
    n = len(hyps)
    if tr.task.char_level:
        result = _exact(hyps, evalset.references)
        lengths = [len(tr.task.tokenize_source(s)) for s in evalset.sources]
        result["by_length"] = {
            name: _exact([hyps[i] for i in idx], [evalset.references[i] for i in idx])
            for name, idx in _char_buckets(lengths).items()
        }
        return result, hyps
    unknown = unk_share(outputs)
    refs = [[text.normalize(r) for r in rs] for rs in evalset.references]
    bleu, chrf, signature = _bleu_chrf(hyps, refs)
    by_length = {}
    buckets = [bucket_of(text.count_words(s)) for s in evalset.sources]
    for lo, hi in BUCKETS:
        name = bucket_name(lo, hi)
        idx = [i for i, b in enumerate(buckets) if b == name]
        if idx:
            b, c, _ = _bleu_chrf([hyps[i] for i in idx], [refs[i] for i in idx])
            by_length[name] = {"bleu": b, "chrf": c, "sentences": len(idx)}
    # One figure for "long" sentences, the ones the fixed-context bottleneck hurts most.
    words = [text.count_words(s) for s in evalset.sources]
    idx = [i for i, w in enumerate(words) if w >= LONG_WORDS]
    long = None
    if idx:
        b, c, _ = _bleu_chrf([hyps[i] for i in idx], [refs[i] for i in idx])
        long = {"min_words": LONG_WORDS, "bleu": b, "chrf": c, "sentences": len(idx)}
    result = {
        "bleu": bleu,
        "chrf": chrf,
        "sentences": n,
        "references": sum(len(r) for r in refs),
        "by_length": by_length,
        "long": long,
        **unknown,
        "decoding": f"beam {beam}" if beam > 1 else "greedy",
        "signature": signature + " (multi-reference, references normalised)",
    }
    return result, hyps


def evaluate(
    tr: Translator,
    data_path=None,
    limit: int | None = None,
    split: str = "auto",
    beam: int = 1,
    seed: int = 12345,
    also_beam: int | None = None,
) -> dict:
    """Score a checkpoint on a file (or, for dates, on generated held-out dates).

    split="auto": the file the model was trained on is scored on its test split only; any other
    file is scored whole. "test"/"valid"/"train"/"all" choose explicitly. ``also_beam``: score
    beam search of this width too, on the same sentences, under the key ``"beam"``.
    """
    samples = None
    if tr.task.char_level and data_path is None:
        samples = dates.samples(DATES_TEST_SIZE, seed=seed, split="test")
        pairs = [(s.source, s.target) for s in samples]
        chosen = f"generated held-out dates {dates.FIRST_YEAR}-{dates.LAST_YEAR}"
    else:
        if data_path is None:
            raise ValueError("--data PATH is needed for this task")
        pairs = data.read_tsv_pairs(data_path)
        if split == "auto":
            trained_on = tr.meta.get("training", {}).get("data_sha256")
            split = "test" if trained_on == tatoeba.file_checksum(data_path) else "all"
        if split != "all":
            pairs = [p for p in pairs if tatoeba.split_of(p[0]) == split]
        chosen = f"{Path(data_path).name}: {split}"
    if samples is not None:  # every generated sample counts, repeats included (no grouping)
        if limit:
            samples = [samples[i * len(samples) // limit] for i in range(min(limit, len(samples)))]
        evalset = data.EvalSet([s.source for s in samples], [[s.target] for s in samples])
    else:
        evalset = data.subsample(data.group(pairs), limit)  # limit: an even spread
    result, hyps = _score(tr, evalset, beam)
    if also_beam and also_beam > 1:
        result["beam"] = score_outputs(tr, evalset, also_beam)
    if samples is not None:
        result.update(dates_breakdown(hyps, samples))
    return {"model": tr.name, "data": chosen, **result}
