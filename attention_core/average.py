"""Checkpoint averaging: a run's last epochs' weights averaged into one checkpoint.

``python -m attention_core average --run RUN --last K --out DIR`` reads RUN's checkpoint (its
settings, vocabularies and history) and the fp32 weights its training kept per epoch
(``train_state/epochs/``, see probes.py), averages the last K, scores the validation split of
the run's own data, and saves DIR as an ordinary checkpoint (fp16 + JSON) that says what it is
made of. Choose K on the validation figure only, never on test.
"""

from __future__ import annotations

import copy
from pathlib import Path

from . import checkpoint, data, probes
from .evaluate import score_outputs
from .tasks import get_task


def average_run(run: str | Path, last: int, out: str | Path, valid_size: int | None = None):
    """Write the average of ``run``'s last ``last`` epochs to ``out``; returns its config."""
    run = Path(run)
    saved = probes.saved_epochs(run)
    if last < 1 or len(saved) < last:
        raise ValueError(f"{run}: {len(saved)} saved epochs ({saved}), cannot average {last}")
    epochs = saved[-last:]
    tr = checkpoint.load(run)
    tr.model.load_state_dict(probes.average_weights(run, epochs))
    tr.model.eval()
    tr.name = Path(out).name
    meta = copy.deepcopy(tr.meta)
    valid = {}
    data_path = meta.get("training", {}).get("data_path")
    task = get_task(meta["task"])
    if data_path or task.char_level:
        seed = meta["training"]["config"].get("seed", 1)
        splits = data.task_splits(task, data_path, seed, 0)
        evalset = data.subsample(data.group(splits["valid"]), valid_size)
        valid = score_outputs(tr, evalset)
    keep = ("training", "history", "probe_snapshots", "tokenizer")
    info = {k: meta[k] for k in keep if k in meta}
    info["metrics"] = {"valid": valid, "valid_last_epoch": meta.get("metrics", {}).get("valid")}
    info["averaged"] = {"run": str(run), "epochs": epochs}
    return checkpoint.save(out, tr, info)
