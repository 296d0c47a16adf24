"""Checkpoints: ``model.safetensors`` + ``config.json`` in one directory. Nothing is unpickled.

``config.json`` describes the model completely: task, attention kind, sizes, vocabularies,
the command and data checksum that trained it, metrics and per-epoch history. It also holds the
SHA-256 of the weights file, so a damaged or swapped file is caught before it is parsed.
The resumable training state (fp32 weights, optimizer moments, RNG) lives apart, in
``<dir>/train_state/``, also as safetensors + JSON. Reading ``config.json`` alone (no torch):
``config_file.read_config``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import torch
from safetensors.torch import load as load_safetensors
from safetensors.torch import save as save_safetensors

from .config_file import CONFIG, FORMAT, WEIGHTS, CheckpointError, read_config
from .decoding import Translator
from .model import ModelConfig, Seq2Seq
from .tasks import get_task
from .vocab import Vocab

FLOAT_DTYPES = (torch.float16, torch.bfloat16, torch.float32)


def _atomic_write(path: Path, data: bytes) -> None:
    """Write then rename, so an interrupted save never leaves half a file behind."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save(directory, tr: Translator, info: dict, fp16: bool = True) -> dict:
    """Save a translator. ``info`` adds free-form JSON sections (training, metrics, history)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    dtype = torch.float16 if fp16 else torch.float32
    tensors = {k: v.detach().to(dtype).contiguous() for k, v in tr.model.state_dict().items()}
    blob = save_safetensors(tensors, metadata={"format": FORMAT})
    config = {
        "format": FORMAT,
        "name": tr.name or directory.name,
        "task": tr.task.name,
        "model": tr.model.config.to_json(),
        "source_vocab": tr.src_vocab.to_json(),
        "target_vocab": tr.tgt_vocab.to_json(),
        "weights": {
            "file": WEIGHTS,
            "sha256": sha256(blob),
            "bytes": len(blob),
            "dtype": str(dtype).removeprefix("torch."),
        },
        "parameters": tr.model.num_parameters(),
        **info,
    }
    _atomic_write(directory / WEIGHTS, blob)
    _atomic_write(directory / CONFIG, json.dumps(config, ensure_ascii=False, indent=1).encode())
    return config


def load(directory) -> Translator:
    """Load and check a checkpoint; any problem raises ``CheckpointError``."""
    directory = Path(directory)
    config = read_config(directory)
    try:
        task = get_task(config["task"])
        model_config = ModelConfig.from_json(config["model"])
        src_vocab = Vocab.from_json(config["source_vocab"])
        tgt_vocab = Vocab.from_json(config["target_vocab"])
        expected_sha = str(config["weights"]["sha256"])
    except (ValueError, TypeError, KeyError) as exc:
        raise CheckpointError(directory, CONFIG, f"invalid settings ({exc})") from None
    if isinstance(config.get("tokenizer"), dict) and config["tokenizer"].get("subwords") is True:
        task = task.with_subwords(src_vocab.tokens, tgt_vocab.tokens)  # pieces = the vocabulary
    if (
        len(src_vocab) != model_config.src_vocab_size
        or len(tgt_vocab) != model_config.tgt_vocab_size
    ):
        raise CheckpointError(directory, CONFIG, "vocabulary sizes do not match the model sizes")

    path = directory / WEIGHTS
    if not path.is_file():
        raise CheckpointError(directory, WEIGHTS, "file not found")
    blob = path.read_bytes()
    if not blob:
        raise CheckpointError(directory, WEIGHTS, "file is empty")
    if sha256(blob) != expected_sha:
        raise CheckpointError(
            directory, WEIGHTS, "checksum mismatch: the file was changed or damaged"
        )
    try:
        tensors = load_safetensors(blob)
    except Exception as exc:  # safetensors raises its own error types for malformed headers
        raise CheckpointError(directory, WEIGHTS, f"not a valid safetensors file ({exc})") from None

    model = Seq2Seq(model_config)
    tensors = renamed(tensors)
    expected = model.state_dict()
    missing = sorted(set(expected) - set(tensors))
    extra = sorted(set(tensors) - set(expected))
    if missing or extra:
        raise CheckpointError(
            directory,
            WEIGHTS,
            f"tensor names do not match the model (missing {missing[:3]}, unexpected {extra[:3]})",
        )
    for name, tensor in tensors.items():
        if tensor.shape != expected[name].shape:
            raise CheckpointError(
                directory,
                WEIGHTS,
                f"{name} has shape {tuple(tensor.shape)}, expected {tuple(expected[name].shape)}",
            )
        if tensor.dtype not in FLOAT_DTYPES or not torch.isfinite(tensor).all():
            raise CheckpointError(directory, WEIGHTS, f"{name} is not a finite float tensor")
    # copy_ inside load_state_dict converts fp16 -> fp32 in place: no second fp32 copy per load.
    model.load_state_dict(tensors)
    del blob, tensors
    return Translator(model, task, src_vocab, tgt_vocab, name=config.get("name", ""), meta=config)


# Tensor names that changed since checkpoints were first written: old name -> new name. The
# Luong decoder's output matrix was called W_c (Luong eq. 5); the screen says W_o.
RENAMED = {"decoder.W_c.weight": "decoder.W_o.weight"}


def renamed(tensors: dict) -> dict:
    """A state dict with old tensor names replaced (the files keep their bytes and checksums)."""
    return {RENAMED.get(k, k): v for k, v in tensors.items()}


# ----- resumable training state -------------------------------------------------------------


def save_train_state(directory, model, optimizer, info: dict) -> None:
    """fp32 weights, optimizer moments and the RNG state, so ``--resume`` continues exactly."""
    state_dir = Path(directory) / "train_state"
    state_dir.mkdir(parents=True, exist_ok=True)
    tensors = {f"model.{k}": v.detach().contiguous() for k, v in model.state_dict().items()}
    opt = optimizer.state_dict()
    for idx, slots in opt["state"].items():
        for slot, value in slots.items():
            tensors[f"optim.{idx}.{slot}"] = torch.as_tensor(value).contiguous()
    tensors["rng.torch"] = torch.get_rng_state()
    blob = save_safetensors(tensors)
    meta = {"param_groups": opt["param_groups"], "sha256": sha256(blob), **info}
    _atomic_write(state_dir / "state.safetensors", blob)
    _atomic_write(state_dir / "state.json", json.dumps(meta, indent=1).encode())


def load_train_state(directory, model, optimizer) -> dict:
    state_dir = Path(directory) / "train_state"
    try:
        meta = json.loads((state_dir / "state.json").read_text())
        blob = (state_dir / "state.safetensors").read_bytes()
    except (OSError, json.JSONDecodeError) as exc:
        raise CheckpointError(directory, "train_state", f"cannot resume ({exc})") from None
    if sha256(blob) != meta.get("sha256"):
        raise CheckpointError(directory, "train_state/state.safetensors", "checksum mismatch")
    tensors = load_safetensors(blob)
    model.load_state_dict(renamed({k[6:]: v for k, v in tensors.items() if k.startswith("model.")}))
    state: dict = {}
    for key, value in tensors.items():
        if key.startswith("optim."):
            _, idx, slot = key.split(".", 2)
            state.setdefault(int(idx), {})[slot] = value
    optimizer.load_state_dict({"state": state, "param_groups": meta["param_groups"]})
    torch.set_rng_state(tensors["rng.torch"])
    return meta
