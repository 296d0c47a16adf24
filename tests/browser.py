"""Helpers for the real-browser tests: a ``streamlit run app.py`` server and Debian Chromium.

The server runs in a subprocess on a free loopback port; Chromium is the system one
(``shutil.which("chromium")``), driven by Playwright's sync API. Screenshots go to
``artifacts/screenshots/`` at the repository root (ignored by git, kept by CI as artifacts).

Without Chromium or Playwright the browser tests are skipped with the reason, except when
``CI_REQUIRE_BROWSER=1`` (``.ci/run`` sets it): then a missing browser is a failure, so CI can
never pass with the browser layer silently skipped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
REQUIRED = os.environ.get("CI_REQUIRE_BROWSER") == "1"
# Seconds for the server to start and for each wait in a page (a rerun takes a second or two;
# the first one imports torch and loads a model). Raise it on a loaded machine.
BROWSER_TIMEOUT_S = float(os.environ.get("BROWSER_TIMEOUT_S", "60"))
# The app's own script state: "notRunning" once a run (and the page's reruns) finished.
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
RUNNING = "[data-testid='stStatusWidget']"
# Streamlit draws a grey skeleton where a widget's code is still loading (lazy chunks).
SKELETON = "[data-testid='stSkeleton']"


def missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements.txt)"
    if shutil.which("chromium") is None:
        return "Chromium is not installed (apt-get install chromium fonts-noto-cjk; .ci/run does)"
    return None


# Collected as skipped, with the reason, when the browser is missing and CI does not require it.
needs_browser = pytest.mark.skipif(
    missing_reason() is not None and not REQUIRED, reason=str(missing_reason())
)


def require_browser() -> None:
    """In a fixture: fail (CI_REQUIRE_BROWSER=1) or skip, with the reason, if it is missing."""
    reason = missing_reason()
    if reason is None:
        return
    if REQUIRED:
        pytest.fail(f"CI_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


@dataclass(frozen=True)
class Server:
    url: str
    log: Path  # the server's stdout and stderr

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def streamlit_server(env: dict[str, str] | None = None):
    """``streamlit run app.py`` on a free port; yields a ``Server``; stops it afterwards.

    The server's output goes to ``artifacts/streamlit-<port>.log`` (shown when it fails).
    """
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"streamlit-{port}.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    full_env = {**os.environ, "OMP_NUM_THREADS": "1", **(env or {})}
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            command, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 2 * BROWSER_TIMEOUT_S
            while not _healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    tail = log_path.read_text(errors="replace")[-3000:]
                    pytest.fail(f"streamlit did not start (exit {proc.poll()}):\n{tail}")
                time.sleep(0.2)  # polling a process we started; the page waits on the DOM
            yield Server(url, log_path)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def launch_chromium(playwright):
    """Debian's Chromium (not Playwright's download), headless."""
    return playwright.chromium.launch(
        executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True
    )


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


# ----- fixtures: a test module imports them (one server and one browser per module) ----------


@pytest.fixture(scope="module")
def server():
    """``streamlit run app.py`` for the module's tests (skips or fails without a browser)."""
    require_browser()
    with streamlit_server() as running:
        yield running


@pytest.fixture(scope="module")
def chromium(server):
    """Debian's Chromium, launched once per module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
