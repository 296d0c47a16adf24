"""Memory of the app's trace and player cache (explorer/memo.py), in one process, as JSON.

    python -m benchmarks.cache_memory                 # 100 distinct dates per mode, Bahdanau
    python -m benchmarks.cache_memory --sentences 50 --model dates-dot

For each mode (greedy, beam 5, forced) it decodes ``--sentences`` distinct dates through the
same cached path the pages use (``explorer.views.models.trace``) and builds each one's step-player
payload, then reports the process's RSS and the cache's own count of bytes. The cache's budget
is 100 MB unless ``ATTENTION_EXPLORER_CACHE_MB`` says otherwise; the figure to watch is that
RSS stops growing once the budget is full, however many sentences follow.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="dates-bahdanau")
    parser.add_argument("--sentences", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    import torch

    torch.set_num_threads(1)
    from explorer import memo
    from explorer.catalog import discover
    from explorer.player import data as player_data
    from explorer.views import models

    entry = next(e for task in discover().values() for e in task.values() if e.name == args.model)
    translator = models.get(entry).translator
    start = datetime.date(1990, 1, 1)
    report = {"model": args.model, "budget_mb": memo.SHARED.max_bytes / 1e6, "rss_mb": {}}
    report["rss_mb"]["loaded"] = round(rss_mb(), 1)
    for mode in ("greedy", "beam", "forced"):
        for i in range(args.sentences):
            day = start + datetime.timedelta(
                days=37 * i + {"greedy": 0, "beam": 11, "forced": 23}[mode]
            )
            sentence = f"{day:%B} {day.day}, {day.year}"
            reference = day.isoformat()
            trace = models.trace(entry, translator, sentence, mode, 5, reference)
            memo.SHARED.get(
                ("player", entry.name, sentence, mode),
                lambda t=trace, s=sentence: player_data.payload(
                    [player_data.view(t, "en")], "en", id=s, assets="/app/static/vendor/"
                ),
            )
        gc.collect()
        report["rss_mb"][f"after_{args.sentences}_{mode}"] = round(rss_mb(), 1)
        report[f"cache_after_{mode}"] = {
            "entries": len(memo.SHARED),
            "mb": round(memo.SHARED.bytes / 1e6, 1),
        }
    report["rss_growth_mb"] = round(
        report["rss_mb"][f"after_{args.sentences}_forced"] - report["rss_mb"]["loaded"], 1
    )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
