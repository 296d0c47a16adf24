"""Hosting files: Community Cloud's Pipfile and the README agree with requirements.txt."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_ONLY = {
    "import-linter",
    "pytest",
    "hypothesis",
    "ruff",
    "playwright",
    "axe-playwright-python",
}  # tests and lint, not the app


def _requirements() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.txt: {line!r} is not pinned"
            pins[name.lower()] = version
    return pins


def _pipfile() -> dict:
    return tomllib.loads((ROOT / "Pipfile").read_text(encoding="utf-8"))


def test_pipfile_pins_the_app_packages_as_requirements_does():
    packages = _pipfile()["packages"]
    pinned = {
        name.lower(): (spec["version"] if isinstance(spec, dict) else spec).removeprefix("==")
        for name, spec in packages.items()
    }
    wanted = {k: v for k, v in _requirements().items() if k not in DEV_ONLY}
    assert pinned == wanted


def test_torch_comes_from_the_cpu_index():
    pipfile = _pipfile()
    sources = {s["name"]: s["url"] for s in pipfile["source"]}
    torch = pipfile["packages"]["torch"]
    assert sources[torch["index"]] == "https://download.pytorch.org/whl/cpu"


def test_readme_states_the_python_version():
    version = _pipfile()["requires"]["python_version"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"Python {re.escape(version)}\b", readme)


def test_no_run_time_downloads_in_the_app():
    """Nothing in the app or the core opens a network address (data and weights are local)."""
    pattern = re.compile(r"urllib|requests\.|http\.client|urlopen|hf_hub|download\(")
    files = [ROOT / "app.py", *(ROOT / "explorer").rglob("*.py")]  # the pages included
    files += list((ROOT / "attention_core").glob("*.py"))
    offenders = [p.name for p in files if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_app_caps_torch_threads():
    """One thread per decode: sessions share the container's cores instead (Cloud gives 2)."""
    import subprocess
    import sys

    code = "import torch, explorer.views.models; print(torch.get_num_threads())"
    env_cases = {"": "1", "2": "2", "zero": "1"}
    for value, want in env_cases.items():
        env = {"PATH": "", "ATTENTION_EXPLORER_THREADS": value, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == want, (value, out.stderr[-500:])
