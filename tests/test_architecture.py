"""The architecture holds: import-linter's contracts (pyproject.toml: the core knows nothing of
the app, Streamlit only in the views, torch only in the core, the layers of explorer/) and no
import cycle between any two modules of the core or the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    tool = Path(sys.executable).with_name("lint-imports")  # installed by requirements.txt
    done = subprocess.run([str(tool)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_no_import_cycles():
    graph = grimp.build_graph("attention_core", "explorer")
    cycles = sorted(
        (a, b)
        for a in graph.modules
        for b in graph.find_modules_directly_imported_by(a)
        if graph.chain_exists(importer=b, imported=a)
    )
    assert cycles == []
