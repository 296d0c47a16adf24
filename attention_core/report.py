"""The checkpoints table: every shipped model's measured figures, read from its own files.

``python -m attention_core report`` prints it; checkpoints/README.md carries the same text
between ``<!-- report:start -->`` and ``<!-- report:end -->``, and a test checks they agree, so the
README never holds a number that the files do not.
"""

from __future__ import annotations

import json
from pathlib import Path

from .config_file import CheckpointError, read_config
from .evaluate import BUCKETS, bucket_name

START, END = "<!-- report:start -->", "<!-- report:end -->"
TITLES = {"dates": "Dates → ISO 8601", "fra-eng": "English → French"}


def _read(directory: Path) -> tuple[dict, dict] | None:
    try:
        config = read_config(directory)
        evaluation = json.loads((directory / "evaluation.json").read_text(encoding="utf-8"))
    except (CheckpointError, OSError, ValueError):
        return None
    return config, evaluation


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.1f} MB" if n_bytes >= 1e6 else f"{n_bytes / 1e3:.0f} KB"


def _minutes(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def _common(config: dict) -> list[str]:
    training = config["training"]
    return [
        f"{config['parameters']:,}",
        _size(config["weights"]["bytes"]),
        _minutes(training["seconds"]),
        str(training["epochs_done"]),
    ]


def _percent(result: dict | None, key: str) -> str:
    value = (result or {}).get(key)
    return f"{value:.2f} %" if isinstance(value, int | float) else "–"


def _checks(task_rows) -> list[str]:
    """The check files scored for any model of the task (``evaluate --check``), in name order."""
    return sorted({name for _, e in task_rows for name in e.get("checks", {})})


def _row(config: dict, evaluation: dict, checks: list[str] = ()) -> list[str]:
    name = f"`{config['name']}`"
    if "exact_match" in evaluation:
        found = evaluation.get("checks", {})
        extra = [_percent(found.get(c), "exact_match") for c in checks]
        scores = [_percent(evaluation, "exact_match"), _percent(evaluation, "char_accuracy")]
        return [name, *scores, *extra, *_common(config)]
    buckets = evaluation.get("by_length", {})
    by_length = [
        f"{buckets[b]['bleu']:.1f}" if b in buckets else "–"
        for b in (bucket_name(lo, hi) for lo, hi in BUCKETS)
    ]
    long = evaluation.get("long")
    long_bleu = f"{long['bleu']:.1f}" if long else "–"
    beam = evaluation.get("beam") or {}
    beam_bleu = f"{beam['bleu']:.2f} ({beam['decoding']})" if "bleu" in beam else "–"
    scores = [
        f"{evaluation['bleu']:.2f}",
        f"{evaluation['chrf']:.2f}",
        *by_length,
        long_bleu,
        _percent(evaluation, "unk_share"),
        beam_bleu,
    ]
    return [name, *scores, *_common(config)]


def _header(task_rows: list[tuple[dict, dict]]) -> list[str]:
    tail = ["parameters", "file size", "training time", "epochs"]
    if "exact_match" in task_rows[0][1]:
        checks = [f"exact, {c}" for c in _checks(task_rows)]
        return ["model", "exact match", "per character", *checks, *tail]
    buckets = [f"BLEU {bucket_name(lo, hi)}" for lo, hi in BUCKETS]
    return ["model", "BLEU", "chrF", *buckets, "BLEU 11+", "`<unk>` share", "BLEU, beam", *tail]


def table(root: str | Path) -> str:
    """Markdown: one table per task, models in name order, then how they were measured."""
    found: dict[str, list[tuple[dict, dict]]] = {}
    for directory in sorted(Path(root).iterdir()):
        pair = _read(directory) if directory.is_dir() else None
        if pair is not None:
            found.setdefault(pair[0]["task"], []).append(pair)
    parts = []
    for task in sorted(found):
        rows = found[task]
        header = _header(rows)
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(_row(c, e, _checks(rows))) + " |" for c, e in rows]
        evaluations = sorted({e["data"] for _, e in rows})
        hardware = sorted(
            {c["training"].get("hardware", "?").replace(" 1 threads", " 1 thread") for c, _ in rows}
        )
        sentences = sorted({e["sentences"] for _, e in rows})
        parts.append(
            f"### {TITLES.get(task, task)}\n\n" + "\n".join(lines) + "\n\n"
            f"Measured on: {', '.join(evaluations)} ({', '.join(map(str, sentences))} sentences),"
            f" {rows[0][1].get('decoding', 'greedy')} decoding. "
            f"Trained on: {', '.join(hardware)}."
        )
    return START + "\n" + "\n\n".join(parts) + "\n" + END


def embedded(readme: str) -> str | None:
    """The report block inside a README's text, or None."""
    start, end = readme.find(START), readme.find(END)
    return None if start < 0 or end < 0 else readme[start : end + len(END)]
