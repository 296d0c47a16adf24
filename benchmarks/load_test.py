"""A classroom at once: many real browser sessions against one ``streamlit run`` server.

    python -m benchmarks.load_test [--sessions 30] [--seconds 300] [--rounds 2]
    python -m benchmarks.load_test --sessions 2 --seconds 60        # smoke run

Starts ``streamlit run app.py`` (headless, loopback only, a free port), then one headless
Chromium (Debian's, through Playwright) with one browser context per session. Each session
opens the explorer on the dates task, types its own date, switches models and steps, and checks
that it always sees its own sentence. Bounded: at most ``--sessions`` contexts, and everything
(server start included) stops after ``--seconds``.

Latency is measured inside the page: from the browser's own input event (keydown/pointerdown,
captured before Streamlit sees it) to the moment the heatmap's SVG shows the new state (the
expected tick labels, a new image or a moved step outline), seen by a MutationObserver.
Prints a JSON report on stdout (progress goes to stderr): errors, p50/p95 latency per action,
the server's RSS (its process and children, from /proc) before and after, whether every session
saw only its own sentence, and the machine's load during the run. Browsers run on the same
machine as the server, so on a small machine their rendering competes with it for CPU.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import time
import urllib.parse
import urllib.request

from attention_core.tasks import get_task
from explorer.figures.style import token_text
from explorer.strings import tr
from support import load
from support.browser import APP_IDLE, HEATMAP, RUNNING, launch_options
from support.procs import rss_mb, trainings_running
from support.server import streamlit_server

X_TICKS = HEATMAP + " .xaxislayer-above > g.xtick > text"
EXCEPTION = "[data-testid='stException']"
FORMATS = ("%B %d, %Y", "%d.%m.%Y", "%A, %B %d, %Y", "%Y/%m/%d", "%d %b %Y", "%b %d %Y")

# Installed in every page before its scripts run: the time of the last user input, the
# heatmap's state as a string, and a wait that resolves the moment the DOM shows a new state.
PAGE_JS = """
(() => {
  const lt = (window.__lt = { t0: null });
  const mark = () => { lt.t0 = performance.now(); };
  document.addEventListener("pointerdown", mark, true);
  document.addEventListener("keydown", (e) => {
    if (["Enter", "ArrowRight", "ArrowLeft", "End", "Home"].includes(e.key)) mark();
  }, true);
  const texts = (root, sel) => [...root.querySelectorAll(sel)].map((e) => e.textContent);
  lt.ticks = () => {
    const h = document.querySelector("%(heatmap)s");
    return h ? texts(h, ".xaxislayer-above > g.xtick > text") : null;
  };
  lt.sig = () => {
    const h = document.querySelector("%(heatmap)s");
    const img = h && h.querySelector("image");
    const shape = h && h.querySelector(".layer-above .shapelayer path");
    if (!h || !img || !shape) return null;  // not drawn (yet)
    const href = img.getAttribute("href") || img.getAttribute("xlink:href") || "";
    const mid = Math.floor(href.length / 2);
    return JSON.stringify([
      texts(h, ".xaxislayer-above > g.xtick > text"),
      texts(h, ".yaxislayer-above > g.ytick > text"),
      texts(h, ".g-xtitle text"),
      href.length, href.slice(mid, mid + 96), shape.getAttribute("d"),
    ]);
  };
  lt.wait = (before, want, timeout) => new Promise((resolve) => {
    const ok = () => {
      const sig = lt.sig();
      if (sig === null || sig === before) return false;
      return want === null || JSON.stringify(lt.ticks()) === JSON.stringify(want);
    };
    let done = false;
    const finish = (passed) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearInterval(poll);
      resolve({ t0: lt.t0, t1: performance.now(), passed });
    };
    const observer = new MutationObserver(() => { if (ok()) finish(true); });
    observer.observe(document.body, {
      subtree: true, childList: true, attributes: true, characterData: true,
    });
    const poll = setInterval(() => { if (ok()) finish(true); }, 100);
    setTimeout(() => finish(false), timeout);
    if (ok()) finish(true);
  });
})();
""".replace("%(heatmap)s", HEATMAP)


# ----- one session ----------------------------------------------------------------------------


def sentences(n: int) -> list[str]:
    """n distinct dates, written in different ways."""
    first = dt.date(1987, 1, 1)
    days = [first + dt.timedelta(days=97 * i + 13) for i in range(n)]
    out = [day.strftime(FORMATS[i % len(FORMATS)]) for i, day in enumerate(days)]
    assert len(set(out)) == n
    return out


def expected_ticks(sentence: str) -> list[str]:
    return [token_text(t) for t in get_task("dates").tokenize_source(sentence)]


class Session:
    def __init__(self, n: int, sentence: str, run: Run):
        self.n, self.sentence, self.run = n, sentence, run
        self.ticks = expected_ticks(sentence)
        self.own_ok: list[bool] = []

    def log(self, message: str) -> None:
        elapsed = time.monotonic() - self.run.start
        print(f"[{elapsed:6.1f}s] session {self.n}: {message}", file=sys.stderr)

    async def idle(self, page) -> None:
        timeout = self.run.timeout_ms()
        await page.wait_for_selector(APP_IDLE, timeout=timeout)
        await page.wait_for_selector(RUNNING, state="detached", timeout=timeout)

    async def measure(self, page, name: str, action, want: list[str] | None) -> None:
        """Run ``action`` and time it, in the page, until the heatmap shows the new state."""
        self.run.check_time()
        before = await page.evaluate("() => window.__lt.sig()")
        await page.evaluate("() => { window.__lt.t0 = null; }")
        waiting = asyncio.ensure_future(
            page.evaluate(
                "([before, want, timeout]) => window.__lt.wait(before, want, timeout)",
                [before, want, self.run.timeout_ms()],
            )
        )
        await asyncio.sleep(0.05)  # the observer is installed before the input arrives
        await action()
        result = await waiting
        if not result["passed"]:
            raise TimeoutError(f"{name}: the heatmap did not show the new state")
        if result["t0"] is None:
            raise RuntimeError(f"{name}: the input event was not seen in the page")
        latency = result["t1"] - result["t0"]
        self.run.latencies.setdefault(name, []).append(latency)
        if self.run.verbose:
            self.log(f"{name}: {latency:.0f} ms")
        await self.idle(page)

    async def check_own(self, page, where: str, tokens: bool = True) -> None:
        """The page shows this session's sentence, nobody else's (in the heatmap too, unless
        the model has no attention: then its figure has hidden units, not tokens)."""
        value = await page.locator(".st-key-sentence-dates input").input_value()
        ticks = await page.evaluate("() => window.__lt.ticks()")
        query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
        ok = value == self.sentence and query.get("sentence") == [self.sentence]
        ok = ok and (ticks == self.ticks or not tokens)
        self.own_ok.append(ok)
        if not ok:
            self.run.leaks.append(
                {
                    "session": self.n,
                    "where": where,
                    "own": self.sentence,
                    "input": value,
                    "url_sentence": query.get("sentence"),
                    "ticks": "".join(ticks or []),
                }
            )
        if await page.locator(EXCEPTION).count():
            self.run.errors.append(f"session {self.n}: a Streamlit exception is shown ({where})")
        alerts = " ".join(await page.locator("[data-testid='stAlert']").all_inner_texts())
        if tr("err_unexpected", "en") in alerts:
            self.run.errors.append(f"session {self.n}: 'unexpected error' shown ({where})")

    async def click_kind(self, page, kind: str) -> None:
        label = tr(f"kind_{kind}", "en")
        await (
            page.locator("[data-testid='stSidebar'] .st-key-kind label")
            .filter(has_text=label)
            .click(timeout=self.run.timeout_ms())
        )

    async def play(self, browser, rounds: int) -> None:
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        await context.add_init_script(PAGE_JS)
        page = await context.new_page()
        page.on("pageerror", lambda exc: self.run.errors.append(f"session {self.n}: JS {exc}"))
        page.on(
            "console",
            lambda m: self.run.console.append(m.text[:200]) if m.type == "error" else None,
        )
        try:
            started = time.monotonic()
            address = f"{self.run.url}/?model=dates-dot&lang=en"
            await page.goto(address, timeout=self.run.timeout_ms())
            await page.wait_for_selector(X_TICKS, state="attached", timeout=self.run.timeout_ms())
            await self.idle(page)
            self.run.page_loads.append((time.monotonic() - started) * 1000)
            if self.run.verbose:
                self.log(f"page loaded in {time.monotonic() - started:.1f} s")
            box = page.locator(".st-key-sentence-dates input")
            await box.fill(self.sentence)
            await self.measure(page, "type_sentence", lambda: box.press("Enter"), self.ticks)
            await self.check_own(page, "typed")
            buttons = page.locator("[data-testid='stButton'] button")
            forward = buttons.filter(has_text=tr("next", "en"))
            back = buttons.filter(has_text=tr("previous", "en"))

            async def step():
                await (back if await forward.is_disabled() else forward).click()

            for r in range(rounds):
                for kind in ("bahdanau", "none", "dot"):
                    want = None if kind == "none" else self.ticks
                    switch = lambda k=kind: self.click_kind(page, k)  # noqa: E731
                    await self.measure(page, "switch_model", switch, want)
                    await self.check_own(page, f"round {r + 1}, model {kind}", kind != "none")
                    if kind != "none":
                        for _ in range(2):
                            await self.measure(page, "step", step, self.ticks)
                        await self.check_own(page, f"round {r + 1}, steps on {kind}")
            self.run.completed += 1
            self.log("done")
        except Exception as exc:  # any failure counts as an error of this session
            message = f"session {self.n}: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
            self.run.errors.append(message)
            self.log(message)
        finally:
            await context.close()


# ----- the run --------------------------------------------------------------------------------


class OutOfTime(Exception):
    pass


class Run:
    def __init__(self, url: str, seconds: float, verbose: bool = False):
        self.url, self.verbose = url, verbose
        self.start = time.monotonic()
        self.deadline = self.start + seconds
        self.latencies: dict[str, list[float]] = {}
        self.page_loads: list[float] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.leaks: list[dict] = []
        self.completed = 0

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def timeout_ms(self) -> float:
        return max(1000.0, min(120_000.0, self.remaining() * 1000))

    def check_time(self) -> None:
        if self.remaining() < 1:
            raise OutOfTime("the time cap was reached")


def percentiles(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(ordered[-1], 1),
    }


async def drive(args, run: Run, server_pid: int) -> dict:
    from playwright.async_api import async_playwright

    report: dict = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**launch_options())
        try:
            # Warm-up: one session loads the page and every dates model (they stay cached).
            warm = Run(run.url, max(5.0, run.remaining()), run.verbose)
            await Session(-1, "March 5, 2024", warm).play(browser, 1)
            run.errors += [f"warm-up: {e}" for e in warm.errors]
            report["rss_before_mb"] = rss_mb(server_pid)
            texts = sentences(args.sessions)
            sessions = [Session(i, texts[i], run) for i in range(args.sessions)]

            async def staggered(s: Session):
                await asyncio.sleep(s.n * args.stagger)
                await s.play(browser, args.rounds)

            tasks = [asyncio.ensure_future(staggered(s)) for s in sessions]
            done, pending = await asyncio.wait(tasks, timeout=max(1.0, run.remaining()))
            report["rss_during_mb"] = rss_mb(server_pid)  # contexts still open where unfinished
            for task in pending:
                task.cancel()
            if pending:
                run.errors.append(f"{len(pending)} sessions cut off by the time cap")
                await asyncio.gather(*pending, return_exceptions=True)
            report["own_sentence_checks"] = sum(len(s.own_ok) for s in sessions)
            report["sessions_only_saw_their_own_sentence"] = (
                all(s.own_ok and all(s.own_ok) for s in sessions) and not run.leaks
            )
        finally:
            await browser.close()
    return report


def main() -> None:
    parser = load.parser(__doc__, "browser", stagger=0.3)
    args = load.parse(parser)
    if shutil.which("chromium") is None:
        parser.error("Debian's chromium is not installed (apt-get install chromium)")

    load_before = os.getloadavg()
    report: dict = {}
    with streamlit_server(timeout_s=min(120, args.seconds)) as server:
        run = Run(server.url, args.seconds, args.verbose)
        report["server_start_s"] = round(server.healthy_s, 1)
        report["rss_idle_mb"] = rss_mb(server.proc.pid)
        report.update(asyncio.run(drive(args, run, server.proc.pid)))
        time.sleep(2)  # the server notices the closed sessions
        report["rss_after_mb"] = rss_mb(server.proc.pid)
    server_log, log_name = server.log_text(), server.log
    tracebacks = server_log.count("Traceback (most recent call last)")
    if tracebacks:
        run.errors.append(f"server log has {tracebacks} tracebacks ({log_name})")
    all_latencies = [v for values in run.latencies.values() for v in values]
    out = {
        "sessions": args.sessions,
        "completed_sessions": run.completed,
        "rounds": args.rounds,
        "seconds_cap": args.seconds,
        "wall_s": round(time.monotonic() - run.start, 1),
        "errors": {"count": len(run.errors), "first": run.errors[:10]},
        "console_errors": {"count": len(run.console), "first": run.console[:5]},
        "latency_action_to_heatmap": {
            "all": percentiles(all_latencies),
            **{name: percentiles(v) for name, v in run.latencies.items()},
        },
        "page_load_ms": percentiles(run.page_loads),
        "rss_mb": {
            "idle": report.get("rss_idle_mb"),
            "before": report.get("rss_before_mb"),
            "during": report.get("rss_during_mb"),
            "after": report.get("rss_after_mb"),
            "delta_after_minus_before": (
                round(report["rss_after_mb"] - report["rss_before_mb"], 1)
                if "rss_before_mb" in report and "rss_after_mb" in report
                else None
            ),
        },
        "no_leaking": {
            "every_session_saw_only_its_own_sentence": report.get(
                "sessions_only_saw_their_own_sentence", False
            ),
            "checks": report.get("own_sentence_checks", 0),
            "violations": run.leaks[:5],
        },
        "condition": {
            "cpu_count": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "attention_core_trainings_running": trainings_running(),
            "note": "server and all Chromium contexts on the same machine; loopback only",
        },
        "server_start_s": report.get("server_start_s"),
    }
    print(json.dumps(out, indent=1, ensure_ascii=False))
    if not tracebacks:
        log_name.unlink()  # kept (and named in the errors) when it holds tracebacks


if __name__ == "__main__":
    main()
