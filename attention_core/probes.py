"""Probe attention during training, and checkpoint averaging.

Probes: fixed sentences decoded greedily at chosen moments of training, so a viewer can watch
attention form from the untrained blur. They are recorded at epoch 0 (before the first update),
``n`` times evenly within the first epoch, then at the end of every epoch. Each snapshot is
``{"epoch": float, "step": int, "probes": [...]}``, where ``epoch`` counts epochs done
(0.0, 0.1, ..., 1.0, 2.0, ...), ``step`` the optimizer updates done, and each probe is
``{"source", "source_tokens", "output_tokens", "attention"}`` (``attention``: one row per
decoder step, one column per source token; null for the no-attention model).

Averaging: the mean of the weights saved at the end of the last few epochs (Vaswani et al.
2017, sec. 6.1, averaged the last 5 or 20 checkpoints; Junczys-Dowmunt et al. 2016 found it a
cheap gain for NMT). The models have no batch statistics, so averaging parameters is all it takes.
"""

from __future__ import annotations

from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from .decoding import Translator, decode

EPOCH_WEIGHTS = "epochs"  # under <run>/train_state/: epoch-N.safetensors, fp32


def record(tr: Translator, sentences: list[str]) -> list[dict]:
    """Greedy decoding of each probe sentence with its attention matrix (rounded)."""
    was_training = tr.model.training
    tr.model.eval()  # no dropout, and no random numbers drawn: probing never changes training
    probes = []
    for sentence in sentences:
        trace = decode(tr, sentence)
        matrix = trace.attention_matrix
        probes.append(
            {
                "source": sentence,
                "source_tokens": trace.source_tokens,
                "output_tokens": trace.output_tokens,
                "attention": None
                if matrix is None
                else [[round(float(x), 4) for x in row] for row in matrix],
            }
        )
    tr.model.train(was_training)
    return probes


def first_epoch_points(steps_per_epoch: int, n: int) -> dict[int, float]:
    """Batches (counted from 1) within the first epoch after which to probe -> epoch fraction.

    ``n`` evenly spaced points, the last being the epoch's end (which the epoch record covers,
    so it is left out here); fewer when the epoch has fewer batches than ``n``.
    """
    points = {}
    for k in range(1, n):
        batch = round(k * steps_per_epoch / n)
        if 0 < batch < steps_per_epoch:
            points[batch] = round(batch / steps_per_epoch, 4)
    return points


def snapshot(tr: Translator, sentences: list[str], epoch: float, step: int) -> dict:
    return {"epoch": round(float(epoch), 4), "step": int(step), "probes": record(tr, sentences)}


# ----- per-epoch weights and averaging ------------------------------------------------------


def save_epoch_weights(run: str | Path, model: torch.nn.Module, epoch: int, keep: int) -> None:
    """fp32 weights of this epoch's end; only the last ``keep`` epochs stay on disk."""
    folder = Path(run) / "train_state" / EPOCH_WEIGHTS
    folder.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().float().contiguous() for k, v in model.state_dict().items()}
    tmp = folder / f"epoch-{epoch}.safetensors.tmp"
    save_file(tensors, str(tmp))
    tmp.replace(folder / f"epoch-{epoch}.safetensors")
    for old in saved_epochs(run)[:-keep] if keep > 0 else saved_epochs(run):
        (folder / f"epoch-{old}.safetensors").unlink()


def saved_epochs(run: str | Path) -> list[int]:
    folder = Path(run) / "train_state" / EPOCH_WEIGHTS
    numbers = (p.name.removeprefix("epoch-").removesuffix(".safetensors") for p in folder.glob("*"))
    return sorted(int(n) for n in numbers if n.isdigit())


def average_weights(run: str | Path, epochs: list[int]) -> dict[str, torch.Tensor]:
    """The element-wise mean of the saved weights of ``epochs`` (safetensors, never pickle)."""
    if not epochs:
        raise ValueError("no epochs to average")
    folder = Path(run) / "train_state" / EPOCH_WEIGHTS
    total: dict[str, torch.Tensor] = {}
    for e in epochs:
        for k, v in load_file(str(folder / f"epoch-{e}.safetensors")).items():
            total[k] = total[k] + v if k in total else v.clone()
    return {k: v / len(epochs) for k, v in total.items()}
