"""The options both load benchmarks take (benchmarks/load_test.py with Chromium,
benchmarks/load_ws.py over bare websockets), so the two measure the same thing the same way."""

from __future__ import annotations

import argparse

MAX_SESSIONS = 60


def parser(doc: str, what: str, stagger: float) -> argparse.ArgumentParser:
    """Sessions, time cap, rounds, stagger and verbosity; ``what`` names a session."""
    p = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    p.add_argument("--sessions", type=int, default=30, help=f"{what} sessions (max 60)")
    p.add_argument("--seconds", type=float, default=300, help="time cap for everything")
    p.add_argument("--rounds", type=int, default=2, help="model cycles per session")
    p.add_argument("--stagger", type=float, default=stagger, help="seconds between joins")
    p.add_argument("-v", "--verbose", action="store_true", help="every action on stderr")
    return p


def parse(p: argparse.ArgumentParser) -> argparse.Namespace:
    args = p.parse_args()
    if not 1 <= args.sessions <= MAX_SESSIONS:
        p.error(f"--sessions must be 1 to {MAX_SESSIONS}")
    return args
