"""Moving between the parts of a lesson in Chromium: one server round trip per part, from the
caches (issue 26; goal: p95 <= 300 ms, warm).

    python -m benchmarks.lesson_steps                  # the 12-part lesson, English; prints JSON
    python -m benchmarks.lesson_steps --lesson dates --lang ko --rounds 3

Starts ``streamlit run app.py`` on a free port and drives Debian's Chromium. It opens part 1,
walks to the last part with the "Next part" button once to warm the caches (every part's
decoding and player payload), returns to part 1, and then measures ``--rounds`` walks: for each
click, the time from the click until the new part's step player is drawn (its counter shows
the part's decoder step and the app's script is idle). It also reports the server's CPU
seconds per move (from /proc) and the websocket frames sent per move.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from explorer import lessons
from support.browser import launch_chromium, wait_idle
from support.procs import cpu_s
from support.server import streamlit_server

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def _drawn(page, n: int, start: int) -> None:
    """Until part ``n`` is in the URL and its player, opened at decoder step ``start`` (0-based),
    has drawn its matrix."""
    page.wait_for_function(
        "([n, k]) => new URLSearchParams(location.search).get('part') === String(n)"
        " && document.querySelector(`.attn-heatmap[data-step='${k}']`)",
        arg=[n, start],
    )
    page.wait_for_selector(IDLE)


def measure(lesson_id: str, lang: str, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    lesson = lessons.load(lessons.available()[lesson_id][lang])
    starts = [part.step - 1 for part in lesson.steps]
    moves_ms, reruns_ms, cpu, frames = [], [], [], []
    with streamlit_server() as server, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_default_timeout(120_000)
        sent = []
        page.on("websocket", lambda ws: ws.on("framesent", lambda p: sent.append(len(p))))
        url = f"{server.url}/lesson?lang={lang}&lesson={lesson_id}&part=1"
        page.goto(url)
        wait_idle(page)
        _drawn(page, 1, starts[0])
        for warm in (True, *([False] * rounds)):
            for n in range(2, len(lesson.steps) + 1):
                before_frames, before_cpu = len(sent), cpu_s(server.proc.pid)
                t0 = time.perf_counter()
                page.locator(".st-key-lesson_next button").click()
                page.wait_for_function(  # the server's answer: the new part's text is on the page
                    "n => new URLSearchParams(location.search).get('part') === String(n)"
                    " && document.querySelector('[data-testid=stApp]').dataset.testScriptState"
                    " === 'notRunning'",
                    arg=n,
                )
                rerun = (time.perf_counter() - t0) * 1000
                _drawn(page, n, starts[n - 1])
                elapsed = (time.perf_counter() - t0) * 1000
                if not warm:
                    moves_ms.append(elapsed)
                    reruns_ms.append(rerun)
                    cpu.append(cpu_s(server.proc.pid) - before_cpu)
                    frames.append(len(sent) - before_frames)
            page.goto(url)  # back to part 1 for the next round
            wait_idle(page)
            _drawn(page, 1, starts[0])
        browser.close()

    def p95(values):
        values = sorted(values)
        return round(values[min(len(values) - 1, round(0.95 * (len(values) - 1)))], 1)

    return {
        "lesson": lesson_id,
        "lang": lang,
        "moves": len(moves_ms),
        # click -> the server's rerun is done (the new part's widgets are on the page)
        "rerun_ms_median": round(statistics.median(reruns_ms), 1),
        "rerun_ms_p95": p95(reruns_ms),
        # click -> the new part's step player has drawn its matrix
        "move_ms_median": round(statistics.median(moves_ms), 1),
        "move_ms_p95": p95(moves_ms),
        "move_ms_max": round(max(moves_ms), 1),
        "server_cpu_s_per_move_median": round(statistics.median(cpu), 4),
        "frames_sent_per_move_median": statistics.median(frames),
        "goal_p95_ms": 300,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="attention")
    parser.add_argument("--lang", default="en", choices=["en", "ko"])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print(json.dumps(measure(args.lesson, args.lang, args.rounds), indent=1))


if __name__ == "__main__":
    main()
