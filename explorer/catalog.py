"""Which checkpoints exist, read from their config.json alone (no weights, no torch).

Each config.json goes through the core's own checked reader (``attention_core.config_file``), so
the sidebar marks a damaged model unavailable with the same message the loader would give.

A checkpoint is a subdirectory of ``checkpoints/`` holding a ``config.json``. Every task and
attention kind the app knows gets an entry, present or not, so the sidebar can show a missing
model as unavailable instead of hiding it.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from attention_core.config_file import CONFIG, CheckpointError, read_config

ROOT = Path(__file__).resolve().parents[1]
TASKS = ("fra-eng", "dates")  # the order of the task menu
KINDS = ("dot", "bahdanau", "none")  # always listed; other kinds (general) when present
ENV_ROOT = "EXPLORER_CHECKPOINTS"  # an other checkpoints folder (tests use it)


@dataclass(frozen=True)
class Entry:
    name: str  # the directory name, e.g. "dates-dot": also the ``model`` URL parameter
    task: str
    kind: str
    path: Path
    config: dict | None = None  # the parsed config.json; None when missing or unreadable
    problem: str | None = None  # why the config could not be read

    @property
    def present(self) -> bool:
        return self.config is not None

    @property
    def version(self) -> str:
        """Changes whenever the weights change: part of every cache key for this model."""
        weights = (self.config or {}).get("weights")
        return str(weights.get("sha256", "")) if isinstance(weights, dict) else ""


def checkpoints_root() -> Path:
    return Path(os.environ.get(ENV_ROOT) or ROOT / "checkpoints")


# Parsed configs by (file, inode, size, mtime): every run lists the models (the sidebar, and some
# pages again), and an English->French config.json is about 400 kB of JSON. A file that changes
# on disk has a new key, so a retrained or damaged model is read again. Readers never mutate the
# dicts they get.
_PARSED: dict[tuple, tuple[dict | None, str | None]] = {}


def _read(path: Path) -> tuple[dict | None, str | None]:
    try:
        info = (path / CONFIG).stat()
        key = (str(path), info.st_ino, info.st_size, info.st_mtime_ns)
    except OSError:
        key = None
    if key is not None and key in _PARSED:
        return _PARSED[key]
    try:
        found = read_config(path), None
    except CheckpointError as exc:
        found = None, f"{exc.filename or path.name}: {exc.problem}"
    if key is not None:
        if len(_PARSED) > 256:  # checkpoints come and go in tests: keep the cache small
            _PARSED.clear()
        _PARSED[key] = found
    return found


def _task_kind(name: str, config: dict | None) -> tuple[str | None, str | None]:
    """From the config; from the directory name ("<task>-<kind>") when the config is broken."""
    if config is not None:
        model = config.get("model")
        kind = model.get("attention") if isinstance(model, dict) else None
        task = config.get("task")
        if isinstance(task, str) and isinstance(kind, str):
            return task, kind
    task, _, kind = name.rpartition("-")
    return (task, kind) if task and kind else (None, None)


def discover(root: Path | None = None) -> dict[str, dict[str, Entry]]:
    """task -> kind -> Entry, for the known tasks; missing models are entries without config."""
    root = checkpoints_root() if root is None else Path(root)
    found: dict[str, dict[str, Entry]] = {task: {} for task in TASKS}
    dirs = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    for path in dirs:
        if not (path / CONFIG).exists():
            continue
        config, problem = _read(path)
        task, kind = _task_kind(path.name, config)
        if task not in found or not kind or kind in found[task]:
            continue  # an unknown task, or a second checkpoint for the same model
        found[task][kind] = Entry(path.name, task, kind, path, config, problem)
    catalog = {}
    for task in TASKS:
        kinds = list(KINDS) + sorted(k for k in found[task] if k not in KINDS)
        catalog[task] = {
            kind: found[task].get(kind)
            or Entry(f"{task}-{kind}", task, kind, root / f"{task}-{kind}")
            for kind in kinds
        }
    return catalog


def available_tasks(catalog: dict[str, dict[str, Entry]]) -> list[str]:
    """Tasks with at least one checkpoint on disk (even one that turns out not to load)."""
    return [
        task
        for task, models in catalog.items()
        if any(e.present or e.problem for e in models.values())
    ]


def find(catalog: dict[str, dict[str, Entry]], name: str) -> Entry | None:
    for models in catalog.values():
        for entry in models.values():
            if entry.name == name:
                return entry
    return None


# evaluation.json by (file, inode, size, mtime), as the configs: the sidebar shows a model's
# test figures on every run.
_EVALUATIONS: dict[tuple, dict | None] = {}


def read_evaluation(entry: Entry) -> dict | None:
    """The checkpoint's evaluation.json (``evaluate --save``), or None when it is missing or
    not a JSON object."""
    if not entry.present:
        return None
    path = entry.path / "evaluation.json"
    try:
        info = path.stat()
    except OSError:
        return None
    key = (str(path), info.st_ino, info.st_size, info.st_mtime_ns)
    if key not in _EVALUATIONS:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if len(_EVALUATIONS) > 256:  # checkpoints come and go in tests: keep the cache small
            _EVALUATIONS.clear()
        _EVALUATIONS[key] = data if isinstance(data, dict) else None
    return _EVALUATIONS[key]


def number(value) -> float | None:
    """A figure read from a checkpoint's JSON: a finite number (not a bool), else None."""
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok and math.isfinite(value) else None


def test_metrics(entry: Entry) -> dict[str, float]:
    """The held-out test figures from evaluation.json (numbers only; {} without the file)."""
    data = read_evaluation(entry) or {}
    names = ("exact_match", "bleu", "chrf", "sentences")
    return {k: number(data.get(k)) for k in names if number(data.get(k)) is not None}


def metrics(entry: Entry) -> dict[str, float]:
    """The validation metrics recorded at training time (numbers only)."""
    valid = ((entry.config or {}).get("metrics") or {}).get("valid") or {}
    if not isinstance(valid, dict):
        return {}
    return {k: number(v) for k, v in valid.items() if number(v) is not None}


_OUT = re.compile(r"--out\s+\S+")
_DATA = re.compile(r"--data\s+\S*?([^/\s]+\.(?:tsv|txt))(?=\s|$)")


def portable_command(command: str, name: str) -> str:
    """A recorded training command as a reader can copy it: the run folder under ``runs/``
    (never the shipped ``checkpoints/``, never the machine it ran on), the corpus at
    ``../shared/data/`` as the README has it, and no ``--resume`` of an interrupted run."""
    command = _OUT.sub(f"--out runs/{name}", command)
    command = _DATA.sub(r"--data ../shared/data/tatoeba-fra-eng/\1", command)
    return re.sub(r"\s+--resume\b", "", command).strip()
