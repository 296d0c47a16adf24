"""config_file.py: a checkpoint's config.json read and checked without torch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from attention_core.config_file import CONFIG, FORMAT, SECTIONS, CheckpointError, read_config

ROOT = Path(__file__).resolve().parents[1]
GOOD = {"format": FORMAT, **{name: {} for name in SECTIONS}}


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / CONFIG).write_text(text, encoding="utf-8")
    return folder


def test_a_good_config_is_returned_as_parsed(tmp_path):
    assert read_config(_write(tmp_path / "m", json.dumps(GOOD))) == GOOD


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", f"not a {FORMAT} file"),
        (json.dumps({**GOOD, "format": "other/1"}), f"not a {FORMAT} file"),
        *[
            (json.dumps({k: v for k, v in GOOD.items() if k != name}), f"missing the '{name}'")
            for name in SECTIONS
        ],
    ],
)
def test_every_damage_is_one_checkpoint_error_naming_the_file(tmp_path, text, problem):
    folder = _write(tmp_path / "my-model", text)
    with pytest.raises(CheckpointError) as info:
        read_config(folder)
    assert info.value.model == "my-model" and info.value.filename == CONFIG
    assert info.value.problem.startswith(problem)
    assert str(folder / CONFIG) in str(info.value)


def test_missing_folder_and_file_and_bad_bytes(tmp_path):
    with pytest.raises(CheckpointError, match="directory not found"):
        read_config(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CheckpointError, match="file not found"):
        read_config(tmp_path / "empty")
    (tmp_path / "bytes").mkdir()
    (tmp_path / "bytes" / CONFIG).write_bytes(b"\xff\xfe{")
    with pytest.raises(CheckpointError, match="not valid JSON"):
        read_config(tmp_path / "bytes")


def test_reading_a_config_imports_no_torch(tmp_path):
    folder = _write(tmp_path / "m", json.dumps(GOOD))
    code = (
        "import sys; from attention_core import read_config; "
        f"read_config({str(folder)!r}); print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
