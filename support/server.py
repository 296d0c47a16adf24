"""``streamlit run app.py`` in a subprocess on a free loopback port, waited for until healthy,
stopped afterwards: the one place that starts a server for the tests and the benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"  # ignored by git, kept by CI


def stop(proc: subprocess.Popen, timeout_s: float = 10) -> None:
    """Ask a process we started to end; kill it if it has not within ``timeout_s``."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """Streamlit's own health endpoint answers "ok"."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


@dataclass(frozen=True)
class Server:
    url: str
    log: Path  # the server's stdout and stderr
    proc: subprocess.Popen
    launched_at: float  # time.perf_counter() just before the process started
    healthy_s: float  # seconds from launch to a healthy answer

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def streamlit_server(env: dict[str, str] | None = None, timeout_s: float = 120):
    """Start the app, yield a ``Server`` once it answers, stop it afterwards. The output goes
    to ``artifacts/streamlit-<port>.log``; a server that exits or does not answer within
    ``timeout_s`` raises RuntimeError with the end of that log."""
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"streamlit-{port}.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    full_env = {**os.environ, "OMP_NUM_THREADS": "1", **(env or {})}
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        launched = time.perf_counter()
        proc = subprocess.Popen(
            command, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            while not healthy(url):
                if proc.poll() is not None or time.perf_counter() - launched > timeout_s:
                    tail = log_path.read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"streamlit did not start (exit {proc.poll()}):\n{tail}")
                time.sleep(0.05)  # polling a process we started
            yield Server(url, log_path, proc, launched, time.perf_counter() - launched)
        finally:
            stop(proc)
