"""Decoding speed and memory, printed as JSON.

    python -m benchmarks.bench_decode [--checkpoint DIR] [--repeat N] [--threads N]

Without --checkpoint it builds an untrained English->French model with the shipped sizes
(timing does not depend on the weights, but the number of steps does: it is reported) and saves
it to a temporary directory to time loading. Targets on a 2-core machine: recorded greedy trace
of a 10-word sentence <= 10 ms (goal 5 ms), recorded/unrecorded ratio <= 1.5, beam-5 <= 60 ms.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

import torch

from attention_core import (
    ModelConfig,
    Seq2Seq,
    Translator,
    Vocab,
    checkpoint,
    decode,
    get_task,
    translate,
)

SENTENCE = "my brother bought a new car for his wife last week ."  # 10 words + "."


def untrained(kind: str) -> Translator:
    torch.manual_seed(0)
    src = Vocab([*Vocab.build([]).tokens, *(f"s{i}" for i in range(7996))])
    src = Vocab(src.tokens[:4] + SENTENCE.split() + src.tokens[4 : 8000 - len(SENTENCE.split())])
    tgt = Vocab([*Vocab.build([]).tokens, *(f"t{i}" for i in range(9996))])
    cfg = ModelConfig(kind, len(src), len(tgt), emb_dim=256, hidden=256, attn_dim=256)
    return Translator(Seq2Seq(cfg), get_task("fra-eng"), src, tgt, name=f"untrained-{kind}")


def median_ms(fn, repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 3)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--checkpoint")
    p.add_argument("--attention", default="dot", help="for the untrained model")
    p.add_argument("--repeat", type=int, default=50)
    p.add_argument("--threads", type=int, default=0)
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        if args.checkpoint:
            path = Path(args.checkpoint)
        else:
            path = Path(tmp) / "model"
            checkpoint.save(path, untrained(args.attention), {})
        load_ms = median_ms(lambda: checkpoint.load(path), max(3, args.repeat // 10))
        tr = checkpoint.load(path)
    trace = decode(tr, SENTENCE)
    recorded = median_ms(lambda: decode(tr, SENTENCE), args.repeat)
    plain = median_ms(lambda: translate(tr, SENTENCE), args.repeat)
    beam5 = median_ms(lambda: decode(tr, SENTENCE, mode="beam", beam=5), args.repeat)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "model": tr.name,
                "attention": tr.attention,
                "trained": bool(args.checkpoint),
                "sentence_tokens": len(trace.source_tokens),
                "greedy_steps": len(trace.steps),
                "threads": torch.get_num_threads(),
                "recorded_greedy_ms": recorded,
                "unrecorded_greedy_ms": plain,
                "record_overhead_ratio": round(recorded / plain, 3),
                "beam5_recorded_ms": beam5,
                "checkpoint_load_ms": load_ms,
                "max_rss_mb": round(rss_mb, 1),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
