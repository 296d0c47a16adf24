"""The step player in Chromium: what a step costs the server and the browser (issue 13).

    python -m benchmarks.step_player            # Bahdanau, a 14-word sentence; prints JSON
    python -m benchmarks.step_player --model fra-eng-dot --clicks 10
    python -m benchmarks.step_player --sessions 30     # 30 sessions autoplaying at once

Starts ``streamlit run app.py`` on a free port and drives Debian's Chromium (the helpers of
tests/browser.py). It opens the explorer on the sentence, waits until the player has drawn,
then clicks "Next" ``--clicks`` times and measures:
- websocket frames sent and received while stepping (goal 0 / 0);
- click -> outlined row moved: from the click event to the first animation frame in which the
  matrix's outline shape has moved (read from Plotly's own layout; that frame paints it), median
  and range; and Event Timing's click -> next paint;
- bytes received on the websocket for the page with one decoded sentence, and the size of the
  player's payload (the JSON bytes the server builds once per sentence);
- server CPU seconds while stepping (from /proc).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from urllib.parse import quote

from support.browser import launch_chromium, wait_idle
from support.procs import cpu_s, rss_mb
from support.server import ROOT, streamlit_server

SENTENCE = "my grandmother used to tell us stories about the war when we were children ."


def measure(model: str, sentence: str, clicks: int) -> dict:
    from playwright.sync_api import sync_playwright

    frames = {"sent": 0, "received": 0, "received_bytes": 0}
    with streamlit_server() as server, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page(viewport={"width": 1366, "height": 768})

        def watch(ws):
            ws.on("framesent", lambda p: frames.__setitem__("sent", frames["sent"] + 1))

            def received(payload):
                frames["received"] += 1
                frames["received_bytes"] += len(payload)

            ws.on("framereceived", received)

        page.on("websocket", watch)
        started = time.perf_counter()
        page.goto(f"{server.url}/?model={model}&lang=en&sentence={quote(sentence)}")
        page.locator(".attn-counter").wait_for(timeout=120_000)
        wait_idle(page, timeout=120_000)
        page.wait_for_function("() => document.querySelector('.attn-heatmap')?._fullLayout")
        load_s = time.perf_counter() - started
        page.wait_for_timeout(1500)
        load_bytes = frames["received_bytes"]
        n = int(page.locator(".attn-slider").get_attribute("max"))
        frames.update(sent=0, received=0, received_bytes=0)
        cpu_before = cpu_s(server.proc.pid)
        # The latency in the page itself: click -> first animation frame with the outline moved.
        page.evaluate(
            """() => {
              window.__lat = [];
              // Event Timing: from the click to the next frame painted after its handlers
              window.__paint = [];
              new PerformanceObserver((list) => list.getEntries().forEach((e) => {
                if (e.name === 'click') window.__paint.push(e.duration);
              })).observe({ type: 'event', durationThreshold: 16, buffered: false });
              const gd = document.querySelector('.attn-heatmap');
              const next = [...document.querySelectorAll('.attn-controls button')][1];
              next.addEventListener('click', () => {
                const t0 = performance.now(), y0 = gd.layout.shapes[0].y0;
                // the animation frame that paints the moved outline (it paints right after)
                const wait = () => gd.layout.shapes[0].y0 !== y0
                  ? window.__lat.push(performance.now() - t0)
                  : requestAnimationFrame(wait);
                requestAnimationFrame(wait);
              }, { capture: true });
            }"""
        )
        for _ in range(min(clicks, n - 1)):
            page.locator(".attn-controls button").nth(1).click()
            page.wait_for_timeout(400)
        page.wait_for_timeout(500)
        latencies = page.evaluate("window.__lat")
        paints = page.evaluate("window.__paint")
        cpu_after = cpu_s(server.proc.pid)
        payload_bytes = page.evaluate(
            "() => document.querySelector('.attn-player-root') ? 1 : 0"
        )  # present; the size comes from the server side below
        browser.close()
    from attention_core import decode
    from attention_core.checkpoint import load
    from explorer.player import data as player_data

    trace = decode(load(ROOT / "checkpoints" / model), sentence)
    t0 = time.perf_counter()
    views = [player_data.view(trace, "en")]
    built = player_data.payload(views, "en", id="bench", assets="/app/static/vendor/")
    build_s = time.perf_counter() - t0
    import zlib

    return {
        "model": model,
        "sentence_words": len(sentence.split()),
        "steps": n,
        "clicks": len(latencies),
        "ws_frames_while_stepping": {"sent": frames["sent"], "received": frames["received"]},
        "click_to_outline_ms": {
            "median": round(statistics.median(latencies), 1) if latencies else None,
            "min": round(min(latencies), 1) if latencies else None,
            "max": round(max(latencies), 1) if latencies else None,
        },
        # Event Timing's duration (8 ms resolution; entries under 16 ms are not reported, so
        # a click that paints within a frame leaves no entry and counts as 16 here)
        "click_to_next_paint_ms": {
            "median": statistics.median(paints + [16.0] * (len(latencies) - len(paints)))
            if latencies
            else None,
            "max": max(paints, default=16.0),
            "clicks_over_16ms": len(paints),
        },
        "server_cpu_s_while_stepping": round(cpu_after - cpu_before, 3),
        "page_ws_bytes_received": load_bytes,
        "player_payload_bytes": len(built),
        "player_payload_deflated_bytes": len(zlib.compress(built, 6)),
        "player_payload_build_s": round(build_s, 3),
        "page_load_to_player_s": round(load_s, 2),
        "player_present": bool(payload_bytes),
    }


def autoplay(model: str, sentence: str, sessions: int, seconds: float) -> dict:
    """``sessions`` browser sessions on one server, all autoplaying at 0.5 s a step: the
    server's CPU seconds and websocket frames while they play (after every page has loaded),
    and its RSS with one session and with all of them open (every session opens the same
    sentence, so this is what a session itself costs, not the trace cache)."""
    from playwright.sync_api import sync_playwright

    frames = {"sent": 0, "received": 0}
    counting = {"on": False}

    def watch(ws):
        def count(kind):
            def bump(_payload):
                if counting["on"]:
                    frames[kind] += 1

            return bump

        ws.on("framesent", count("sent"))
        ws.on("framereceived", count("received"))

    with streamlit_server() as server, sync_playwright() as pw:
        browser = launch_chromium(pw)
        pages = []
        started = time.perf_counter()
        warm_rss = None
        for n in range(sessions):
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            page.on("websocket", watch)
            page.goto(f"{server.url}/?model={model}&lang=en&sentence={quote(sentence)}")
            page.locator(".attn-counter").wait_for(timeout=180_000)
            pages.append(page)
            if n == 0:  # the warm server: the model loaded, one session open
                wait_idle(page, timeout=180_000)
                warm_rss = rss_mb(server.proc.pid)
        for page in pages:
            wait_idle(page, timeout=180_000)
        load_s = time.perf_counter() - started
        rss_all = rss_mb(server.proc.pid)
        time.sleep(2)
        for page in pages:
            page.locator(".attn-speed").select_option("0.5")
            page.evaluate("() => document.querySelector('.attn-play').click()")  # no scrolling
        counting["on"] = True
        cpu_before = cpu_s(server.proc.pid)
        time.sleep(seconds)
        cpu_after = cpu_s(server.proc.pid)
        counting["on"] = False
        reached = [int(p.locator(".attn-slider").input_value()) for p in pages]
        browser.close()
    return {
        "sessions": sessions,
        "seconds_playing": seconds,
        "load_all_sessions_s": round(load_s, 1),
        "server_rss_mb_one_session": warm_rss,
        "server_rss_mb_all_sessions": rss_all,
        "server_rss_growth_mb": round(rss_all - warm_rss, 1),
        "server_cpu_s_while_playing": round(cpu_after - cpu_before, 3),
        "server_cpu_share_of_one_core": round((cpu_after - cpu_before) / seconds, 4),
        "ws_frames_while_playing": frames,
        "steps_reached_median": statistics.median(reached),
        "sessions_that_moved": sum(r > 1 for r in reached),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="fra-eng-bahdanau")
    parser.add_argument("--sentence", default=SENTENCE)
    parser.add_argument("--clicks", type=int, default=5)
    parser.add_argument(
        "--sessions",
        type=int,
        default=0,
        help="instead: this many sessions autoplaying at 0.5 s a step (e.g. 30)",
    )
    parser.add_argument("--seconds", type=float, default=6.0, help="with --sessions")
    args = parser.parse_args()
    if args.sessions:
        figures = autoplay(args.model, args.sentence, args.sessions, args.seconds)
    else:
        figures = measure(args.model, args.sentence, args.clicks)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
