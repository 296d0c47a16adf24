"""Replicas on this machine: N app processes behind nginx (Debian's), sticky by cookie.

    python -m deploy.local --replicas 2 --port 8600     # then open http://127.0.0.1:8600

Each replica is ``streamlit run app.py`` on its own loopback port (one Python process, one core
at a time: on a machine with C cores, C replicas use them all); nginx listens on ``--port`` with
the configuration of ``deploy/nginx_config.py``. Ctrl+C stops everything. The test
(tests/test_replicas.py) and the benchmark (``python -m benchmarks.load_ws --replicas 2``) use
``replicas()``. The Dockerfile and compose.yaml next to this file do the same with containers.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from deploy.nginx_config import config
from support.server import Server, free_port, healthy, stop, streamlit_server


@dataclass(frozen=True)
class Replicas:
    url: str  # nginx's address
    servers: list[Server]  # the app processes, in the order of the cookie's names
    workdir: Path  # nginx's configuration, logs (access.log: cookie and replica per request)

    def access_log(self) -> list[str]:
        path = self.workdir / "access.log"
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []

    @property
    def pids(self) -> list[int]:
        return [s.proc.pid for s in self.servers]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


@contextmanager
def replicas(n: int = 2, port: int | None = None, timeout_s: float = 120):
    """Start ``n`` app processes and nginx in front of them; yield ``Replicas`` once nginx
    answers; stop them all afterwards. RuntimeError when nginx is missing or does not start."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    port = port or free_port()
    with ExitStack() as stack:
        servers = [stack.enter_context(streamlit_server(timeout_s=timeout_s)) for _ in range(n)]
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="attn-nginx-")))
        workdir.chmod(0o755)
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (workdir / kind).mkdir()
            (workdir / kind).chmod(0o777)  # nginx's workers may run as another user
        backends = [s.url.removeprefix("http://") for s in servers]
        conf = workdir / "nginx.conf"
        conf.write_text(config(backends, f"127.0.0.1:{port}", str(workdir)), encoding="utf-8")
        proc = subprocess.Popen(
            [binary, "-p", str(workdir), "-e", str(workdir / "startup.log"), "-c", str(conf)]
            + ["-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=open(workdir / "stderr.log", "wb"),  # noqa: SIM115 (closed with the process)
        )
        url = f"http://127.0.0.1:{port}"
        try:
            started = time.monotonic()
            while not healthy(url):
                if proc.poll() is not None or time.monotonic() - started > 30:
                    log = (workdir / "stderr.log").read_text(errors="replace")
                    err = workdir / "error.log"
                    log += err.read_text(errors="replace") if err.exists() else ""
                    raise RuntimeError(f"nginx did not start (exit {proc.poll()}):\n{log[-2000:]}")
                time.sleep(0.05)  # polling a process we started
            yield Replicas(url, servers, workdir)
        finally:
            stop(proc)


def replica_cookie(url: str) -> str:
    """The cookie nginx sets on a first visit ("attn_replica=replica_N"): what a browser sends
    on every later request, its websocket included."""
    with urllib.request.urlopen(f"{url}/", timeout=30) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            return header.split(";")[0]
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8600)
    args = parser.parse_args()
    with replicas(args.replicas, args.port) as running:
        print(f"{args.replicas} replicas behind {running.url} (Ctrl+C stops them)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
