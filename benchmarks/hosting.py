"""Hosting figures, printed as JSON: cold start, warm page load, and server memory.

    python -m benchmarks.hosting [--warm-loads 5] [--timeout 120]

Starts ``streamlit run app.py`` (headless, loopback only, a free port) and Debian's Chromium
(through Playwright), then measures:

- cold start: from launching the server process to the first attention heatmap drawn in the
  browser (its x tick labels in the DOM) — what the first visitor after a restart waits for;
- warm page load: a new browser context (a new session) on the running server, from
  ``page.goto`` to the heatmap drawn and the script idle, ``--warm-loads`` times;
- the server's share of that: one warm run of the explorer's script (AppTest, no browser);
- memory: the server's RSS (its process and children, from /proc) when idle, after the first
  page, and after every shipped model was opened once (each is then cached for all sessions);
  and, in a bare process, RSS after each import and each model load (where the memory goes).

Goals on this 2-core machine (issue 8): cold start <= 8 s, warm load <= 2 s, RSS with every
model loaded <= 500 MB. The browser runs on the same machine and competes for its CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

from explorer.catalog import discover
from support.browser import APP_IDLE, HEATMAP, RUNNING, launch_chromium
from support.procs import rss_mb, trainings_running
from support.server import ROOT, streamlit_server

X_TICKS = HEATMAP + " .xaxislayer-above > g.xtick > text"
# The step player's performance marks (explorer/player/js): its element mounted, plotly.js
# and KaTeX loaded and run, the attention matrix drawn.
PLAYER_MARKS = ("attn-mount", "attn-libs", "attn-heatmap")
MARKS = """() => Object.fromEntries(performance.getEntriesByType('mark')
    .map((m) => [m.name, m.startTime]))"""


def _drawn(page, timeout_ms: float) -> None:
    page.wait_for_selector(X_TICKS, state="attached", timeout=timeout_ms)


def _idle(page, timeout_ms: float) -> None:
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout_ms)
    page.wait_for_selector(RUNNING, state="detached", timeout=timeout_ms)


BREAKDOWN = """
import json, sys
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
steps = {"python": rss()}
import torch
steps["import torch"] = rss()
import pandas, plotly.graph_objects, streamlit
steps["import streamlit, pandas, plotly"] = rss()
import explorer.views.models  # caps threads; hands freed heap back after a load
from attention_core import load
for name in sys.argv[1:]:
    globals()[name] = load("checkpoints/" + name)
    explorer.views.models._trim_heap()
    steps["load " + name] = rss()
print(json.dumps(steps))
"""


def _memory_breakdown(models: list[str]) -> dict:
    """RSS (MB) of a bare process after each import and each model load, in the app's order."""
    out = subprocess.run(
        [sys.executable, "-c", BREAKDOWN, *models],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)},
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _script_run_seconds(runs: int = 5) -> dict:
    """The server's share of a warm page load: one run of the explorer's script (AppTest, the
    default model, caches warm), without any browser work."""
    from streamlit.testing.v1 import AppTest

    def once() -> float:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        start = time.perf_counter()
        at.run()
        if at.exception:
            sys.exit(f"the explorer raised: {at.exception[0].value}")
        return time.perf_counter() - start

    once()  # imports, model load, first decode
    times = [once() for _ in range(runs)]
    return {"n": runs, "median": round(statistics.median(times), 3), "max": round(max(times), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warm-loads", type=int, default=5, help="new sessions to time")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per wait")
    args = parser.parse_args()
    if shutil.which("chromium") is None:
        sys.exit("needs Debian's chromium (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    timeout_ms = args.timeout * 1000
    models = sorted(e.name for kinds in discover().values() for e in kinds.values())
    report: dict = {"models": models, "trainings_running": trainings_running()}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)  # before the server: not part of its cold start
        page = browser.new_page()
        page.set_default_timeout(timeout_ms)
        with streamlit_server(timeout_s=args.timeout) as server:
            url, pid = server.url, server.proc.pid
            report["server_healthy_s"] = round(server.healthy_s, 2)
            report["rss_mb_idle"] = rss_mb(pid)
            page.goto(url)
            _drawn(page, timeout_ms)
            report["cold_start_s"] = round(time.perf_counter() - server.launched_at, 2)
            _idle(page, timeout_ms)
            report["rss_mb_first_page"] = rss_mb(pid)
            page.close()

            for name in models:  # every model once: each stays cached for the process
                page = browser.new_page()
                page.goto(f"{url}/?model={name}")
                _drawn(page, timeout_ms)
                _idle(page, timeout_ms)
                page.close()
            report["rss_mb_all_models"] = rss_mb(pid)

            loads, titles, marks = [], [], []
            for _ in range(args.warm_loads):
                context = browser.new_context()
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url)
                page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout_ms)
                titles.append(time.perf_counter() - start)
                _drawn(page, timeout_ms)
                _idle(page, timeout_ms)
                loads.append(time.perf_counter() - start)
                marks.append(page.evaluate(MARKS))
                context.close()
            report["warm_load_s"] = {
                "n": len(loads),
                "median": round(statistics.median(loads), 2),
                "max": round(max(loads), 2),
                "title_shown_median": round(statistics.median(titles), 2),
                # where the time goes, in the page's own clock (from navigation start)
                "player_marks_median": {
                    name: round(statistics.median(m[name] for m in marks) / 1000, 2)
                    for name in PLAYER_MARKS
                    if all(name in m for m in marks)
                },
            }
            report["rss_mb_end"] = rss_mb(pid)
        browser.close()
    report["server_script_run_s"] = _script_run_seconds()
    report["rss_mb_breakdown_bare_process"] = _memory_breakdown(models)
    report["goals"] = {"cold_start_s": 8, "warm_load_s": 2, "rss_mb_all_models": 500}
    report["machine"] = {"cpu_count": os.cpu_count(), "load_average": os.getloadavg()}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
