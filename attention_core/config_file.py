"""A checkpoint's ``config.json``: reading and checking it, without torch.

The loader (``checkpoint.load``), the report and the app's catalogue all read a checkpoint's
description through ``read_config``, so all three refuse the same damaged files with the same
message. Importing this module imports only the standard library: the app lists its models
before torch is loaded.
"""

from __future__ import annotations

import json
from pathlib import Path

FORMAT = "attention-explorer-checkpoint/1"
WEIGHTS, CONFIG = "model.safetensors", "config.json"
SECTIONS = ("task", "model", "source_vocab", "target_vocab", "weights")


class CheckpointError(Exception):
    """One clear message naming the model, the file and what is wrong with it."""

    def __init__(self, directory: Path | str, filename: str | None, problem: str):
        self.model = Path(directory).name
        where = f"{Path(directory) / filename}" if filename else f"{directory}"
        super().__init__(f"model {self.model!r}: {where}: {problem}")
        self.filename = filename
        self.problem = problem


def read_config(directory) -> dict:
    """The parsed ``config.json`` of a checkpoint directory, checked: a JSON object in this
    format with every section a model needs. Anything else raises ``CheckpointError``."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CheckpointError(directory, None, "checkpoint directory not found")
    path = directory / CONFIG
    if not path.is_file():
        raise CheckpointError(directory, CONFIG, "file not found")
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CheckpointError(directory, CONFIG, f"cannot be read ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CheckpointError(directory, CONFIG, f"not valid JSON ({exc})") from None
    if not isinstance(config, dict) or config.get("format") != FORMAT:
        raise CheckpointError(directory, CONFIG, f"not a {FORMAT} file")
    for key in SECTIONS:
        if key not in config:
            raise CheckpointError(directory, CONFIG, f"missing the {key!r} section")
    return config
