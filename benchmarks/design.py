"""Designing a sentence for the step player: what one typed sentence costs the server (issue 27).

    python -m benchmarks.design                      # fra-eng-bahdanau, a 14-word sentence
    python -m benchmarks.design --model dates-bahdanau --sentence "14 juillet 1789"
    python -m benchmarks.design --present --rounds 20

Loads the checkpoint, then measures, warm (after one untimed run), ``--rounds`` times each:
- decode: ``attention_core.decode`` of the sentence (the recorded trace);
- design: ``explorer.player.data.view`` of that trace in one language (every panel, every
  step: figures, per-step updates, tables, equations) plus ``payload`` (the JSON bytes);
and prints JSON: median, min and max in ms, the number of steps and the payload's size.
The goal of issue 27: design ≤ 50 ms for Bahdanau, 15 steps, every panel, one language.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from attention_core import decode
from attention_core.checkpoint import load
from explorer.player import data as player_data
from support.server import ROOT

SENTENCE = "my grandmother used to tell us stories about the war when we were children ."


def _times(fn, rounds: int) -> dict:
    fn()  # warm: imports, caches, first-call costs
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return {
        "median": round(statistics.median(out), 1),
        "min": round(min(out), 1),
        "max": round(max(out), 1),
    }


def measure(model: str, sentence: str, lang: str, present: bool, rounds: int) -> dict:
    translator = load(ROOT / "checkpoints" / model)
    trace = decode(translator, sentence)

    def design() -> bytes:
        views = [player_data.view(trace, lang, present=present)]
        return player_data.payload(views, lang, id="bench", assets="/", present=present)

    return {
        "model": model,
        "sentence": sentence,
        "lang": lang,
        "present": present,
        "steps": len(trace.steps),
        "rounds": rounds,
        "decode_ms": _times(lambda: decode(translator, sentence), rounds),
        "design_ms": _times(design, rounds),
        "payload_bytes": len(design()),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="fra-eng-bahdanau")
    parser.add_argument("--sentence", default=SENTENCE)
    parser.add_argument("--lang", default="en", choices=("en", "ko"))
    parser.add_argument("--present", action="store_true", help="presenter mode's figures")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.model, args.sentence, args.lang, args.present, args.rounds)))


if __name__ == "__main__":
    main()
