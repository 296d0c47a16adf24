"""Debian's Chromium through Playwright (its own browser download does not work here), and the
waits every browser test and benchmark uses. Screenshots go to ``artifacts/screenshots/``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from support.server import ARTIFACTS

SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# Seconds for each wait in a page (a rerun takes a second or two; the first one imports torch
# and loads a model). Raise it on a loaded machine.
BROWSER_TIMEOUT_S = float(os.environ.get("BROWSER_TIMEOUT_S", "60"))
# The app's own script state: "notRunning" once a run (and the page's reruns) finished.
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
RUNNING = "[data-testid='stStatusWidget']"
# Streamlit draws a grey skeleton where a widget's code is still loading (lazy chunks).
SKELETON = "[data-testid='stSkeleton']"
HEATMAP = ".attn-heatmap"  # the step player's attention matrix


def missing_reason() -> str | None:
    """Why a browser cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements.txt)"
    if shutil.which("chromium") is None:
        return "Chromium is not installed (apt-get install chromium fonts-noto-cjk; .ci/run does)"
    return None


def launch_options() -> dict:
    """Keyword arguments of Playwright's ``chromium.launch`` (sync or async API)."""
    return {"executable_path": shutil.which("chromium"), "args": CHROMIUM_ARGS, "headless": True}


def launch_chromium(playwright):
    """Debian's Chromium, headless, from Playwright's sync API."""
    return playwright.chromium.launch(**launch_options())


def wait_idle(page, timeout: float = 60_000) -> None:
    """Until the app's script has finished its run and no 'running' indicator shows."""
    page.wait_for_selector(APP_IDLE, timeout=timeout)
    page.wait_for_selector(RUNNING, state="detached", timeout=timeout)
    page.wait_for_function(
        "sel => document.querySelectorAll(sel).length === 0", arg=SKELETON, timeout=timeout
    )


def screenshot(page, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def step_line(trace, t: int, lang: str = "en") -> str:
    """The player's counter at step t (0-based) of ``trace``: the ``step_tokens`` string."""
    from explorer.figures.style import token_text
    from explorer.strings import tr

    step = trace.steps[t]
    return tr(
        "step_tokens",
        lang,
        t=t + 1,
        n=len(trace.steps),
        given=token_text(step.input_token),
        chosen=token_text(step.token),
    )


def offline_context(chromium, asked: list[str], **options):
    """A browser context that lets a page read its own file and nothing else: every other
    request is refused and its address appended to ``asked`` (an offline file's tests)."""
    context = chromium.new_context(**options)

    def refuse(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    context.route("**/*", refuse)
    return context
