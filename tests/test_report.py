"""report.py: the checkpoints table is built from the files, and the README carries it as is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from attention_core import report

ROOT = Path(__file__).resolve().parents[1]
CHECKPOINTS = ROOT / "checkpoints"


def test_checkpoints_readme_is_the_generated_report():
    readme = (CHECKPOINTS / "README.md").read_text(encoding="utf-8")
    assert report.embedded(readme) == report.table(CHECKPOINTS), (
        "checkpoints/README.md is stale: paste `python -m attention_core report` into it"
    )


def test_every_shipped_model_has_a_row():
    text = report.table(CHECKPOINTS)
    for directory in CHECKPOINTS.iterdir():
        if (directory / "config.json").is_file():
            assert f"`{directory.name}`" in text


def test_rows_show_the_files_numbers(tmp_path):
    shutil.copytree(CHECKPOINTS / "dates-dot", tmp_path / "dates-dot")
    (tmp_path / "dates-dot" / "evaluation.json").write_text(
        json.dumps({"model": "dates-dot", "data": "x", "exact_match": 12.345, "sentences": 7})
    )
    (tmp_path / "notes").mkdir()  # a folder that is not a checkpoint is ignored
    text = report.table(tmp_path)
    assert "| `dates-dot` | 12.35 % |" in text and "(7 sentences)" in text
    bleu = {
        "model": "m",
        "data": "d",
        "bleu": 31.234,
        "chrf": 50.0,
        "sentences": 3,
        "by_length": {"1-5": {"bleu": 40.04, "chrf": 1, "sentences": 2}},
    }
    config = json.loads((tmp_path / "dates-dot" / "config.json").read_text())
    config["task"], config["name"] = "fra-eng", "fra-eng-x"
    shutil.copytree(tmp_path / "dates-dot", tmp_path / "fra-eng-x")
    (tmp_path / "fra-eng-x" / "config.json").write_text(json.dumps(config))
    (tmp_path / "fra-eng-x" / "evaluation.json").write_text(json.dumps(bleu))
    text = report.table(tmp_path)
    assert "| `fra-eng-x` | 31.23 | 50.00 | 40.0 | – | – | – | – | – |" in text


def test_rows_show_unk_share_beam_and_check_sets(tmp_path):
    shutil.copytree(CHECKPOINTS / "dates-dot", tmp_path / "dates-dot")
    evaluation = {
        "model": "dates-dot",
        "data": "x",
        "exact_match": 99.5,
        "char_accuracy": 99.9,
        "sentences": 7,
        "checks": {"typed.tsv": {"exact_match": 97.25}},
    }
    (tmp_path / "dates-dot" / "evaluation.json").write_text(json.dumps(evaluation))
    text = report.table(tmp_path)
    assert "| model | exact match | per character | exact, typed.tsv |" in text
    assert "| `dates-dot` | 99.50 % | 99.90 % | 97.25 % |" in text
    config = json.loads((tmp_path / "dates-dot" / "config.json").read_text())
    config["task"], config["name"] = "fra-eng", "fra-eng-x"
    shutil.copytree(tmp_path / "dates-dot", tmp_path / "fra-eng-x")
    (tmp_path / "fra-eng-x" / "config.json").write_text(json.dumps(config))
    bleu = {
        "model": "m",
        "data": "d",
        "bleu": 44.0,
        "chrf": 60.0,
        "sentences": 3,
        "by_length": {},
        "unk_share": 0.125,
        "beam": {"bleu": 46.5, "decoding": "beam 5"},
    }
    (tmp_path / "fra-eng-x" / "evaluation.json").write_text(json.dumps(bleu))
    text = report.table(tmp_path)
    assert "| BLEU 11+ | `<unk>` share | BLEU, beam |" in text
    assert "| – | 0.12 % | 46.50 (beam 5) |" in text
