"""Training: teacher forcing with label smoothing, Adam, warm-up then cosine decay.

Every epoch saves the model (fp16 safetensors + JSON, with validation metrics, loss curves and
the attention of fixed probe sentences) and a resumable training state. ``resume=True``
continues from the last completed epoch with the same settings.
"""

from __future__ import annotations

import math
import platform
import sys
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import torch
from torch import nn
from tqdm import tqdm

from . import checkpoint, data, tatoeba
from .decoding import Translator, decode
from .evaluate import score_outputs
from .model import ModelConfig, Seq2Seq
from .tasks import get_task


@dataclass
class TrainConfig:
    task: str
    attention: str
    epochs: int = 10
    batch_size: int = 64
    lr: float = 2e-3
    warmup_steps: int = 200
    min_lr_ratio: float = 0.05  # cosine decay ends at lr * this
    label_smoothing: float = 0.1
    clip_norm: float = 1.0
    emb_dim: int = 256
    hidden: int = 256
    attn_dim: int = 256
    dropout: float = 0.2
    input_feeding: bool = True
    scaled: bool = False  # dot attention: scores / sqrt(hidden)
    src_vocab: int = 10000  # caps (fra-eng); dates use the generator's full alphabet
    tgt_vocab: int = 10000
    min_freq: int = 2
    max_len: int = 50  # training pairs longer than this (tokens) are skipped
    train_size: int = 30000  # dates: generated training pairs
    valid_size: int = 1000  # sentences scored for validation BLEU / exact match each epoch
    seed: int = 1
    threads: int = 0  # 0: leave torch's default

    @classmethod
    def defaults_for(cls, task: str, attention: str, **overrides) -> TrainConfig:
        base = {}
        if task == "dates":
            base = dict(
                epochs=6,
                emb_dim=32,
                hidden=64,
                attn_dim=64,
                dropout=0.1,
                batch_size=64,
                lr=3e-3,
                label_smoothing=0.0,
            )
        base.update({k: v for k, v in overrides.items() if v is not None})
        return cls(task=task, attention=attention, **base)

    @classmethod
    def from_json(cls, d: dict) -> TrainConfig:
        return cls(**{f.name: d[f.name] for f in fields(cls) if f.name in d})


def lr_at(step: int, total: int, cfg: TrainConfig) -> float:
    if step < cfg.warmup_steps:
        return cfg.lr * (step + 1) / cfg.warmup_steps
    progress = min(1.0, (step - cfg.warmup_steps) / max(1, total - cfg.warmup_steps))
    floor = cfg.lr * cfg.min_lr_ratio
    return floor + (cfg.lr - floor) * 0.5 * (1 + math.cos(math.pi * progress))


def _probe(tr: Translator, sentences: list[str]) -> list[dict]:
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
    return probes


def train(
    cfg: TrainConfig,
    out: str | Path,
    data_path: str | None = None,
    resume: bool = False,
    device: str = "cpu",
    command: str = "",
    log=print,
) -> dict:
    out = Path(out)
    task = get_task(cfg.task)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    if resume:
        saved = checkpoint.read_config(out)
        cfg = TrainConfig.from_json({**saved["training"]["config"], "epochs": cfg.epochs})
    torch.manual_seed(cfg.seed)

    log(f"preparing {task.name} data ...")
    splits = data.task_splits(task, data_path, cfg.seed, cfg.train_size)
    checksum = tatoeba.file_checksum(data_path) if data_path else f"generated:seed={cfg.seed}"
    tokenized = [(task.tokenize_source(s), task.tokenize_target(t)) for s, t in splits["train"]]
    src_vocab, tgt_vocab = data.build_vocabs(
        task, tokenized, cfg.src_vocab, cfg.tgt_vocab, cfg.min_freq
    )
    if resume:  # the vocabulary is part of the model: take it from the checkpoint
        src_vocab = type(src_vocab).from_json(saved["source_vocab"])
        tgt_vocab = type(tgt_vocab).from_json(saved["target_vocab"])
    train_ids = data.encode_pairs(task, splits["train"], src_vocab, tgt_vocab, cfg.max_len)
    valid_ids = data.encode_pairs(task, splits["valid"], src_vocab, tgt_vocab, cfg.max_len)
    valid_eval = data.subsample(data.group(splits["valid"]), cfg.valid_size)
    log(f"{len(train_ids)} training pairs, vocabularies {len(src_vocab)} / {len(tgt_vocab)}")

    mcfg = ModelConfig(
        cfg.attention,
        len(src_vocab),
        len(tgt_vocab),
        cfg.emb_dim,
        cfg.hidden,
        cfg.attn_dim,
        1,
        cfg.dropout,
        cfg.input_feeding,
        cfg.scaled,
    )
    model = Seq2Seq(mcfg).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    loss_fn = nn.CrossEntropyLoss(ignore_index=0, label_smoothing=cfg.label_smoothing)
    history, start_epoch, seconds = [], 0, 0.0
    if resume:
        state = checkpoint.load_train_state(out, model, optimizer)
        history, start_epoch, seconds = state["history"], state["epoch"], state["seconds"]
        log(f"resuming after epoch {start_epoch}")
    steps_per_epoch = math.ceil(len(train_ids) / cfg.batch_size)
    total_steps = steps_per_epoch * cfg.epochs
    step = start_epoch * steps_per_epoch

    for epoch in range(start_epoch, cfg.epochs):
        model.train()
        began, total_loss, total_tokens = time.time(), 0.0, 0
        bar = tqdm(
            data.batches(train_ids, cfg.batch_size, seed=cfg.seed * 1000 + epoch),
            total=steps_per_epoch,
            desc=f"epoch {epoch + 1}/{cfg.epochs}",
            leave=False,
            mininterval=0.2 if sys.stderr.isatty() else 30,
        )
        for src, lengths, tgt_in, tgt_out in bar:
            for group in optimizer.param_groups:
                group["lr"] = lr_at(step, total_steps, cfg)
            src, tgt_in, tgt_out = src.to(device), tgt_in.to(device), tgt_out.to(device)
            logits = model(src, lengths, tgt_in)  # (B, T, V)
            loss = loss_fn(logits.reshape(-1, logits.size(-1)), tgt_out.reshape(-1))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), cfg.clip_norm)
            optimizer.step()
            step += 1
            n_tokens = int((tgt_out != 0).sum())
            total_loss += loss.item() * n_tokens
            total_tokens += n_tokens
            bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
        model.eval()
        cpu_model = model if device == "cpu" else Seq2Seq(mcfg).eval()
        if device != "cpu":
            cpu_model.load_state_dict({k: v.cpu() for k, v in model.state_dict().items()})
        tr = Translator(cpu_model, task, src_vocab, tgt_vocab, name=out.name)
        valid_loss = _valid_loss(cpu_model, valid_ids, loss_fn, cfg.batch_size)
        valid_metrics = score_outputs(tr, valid_eval)
        seconds += time.time() - began
        record = {
            "epoch": epoch + 1,
            "train_loss": round(total_loss / max(1, total_tokens), 4),
            "valid_loss": round(valid_loss, 4),
            "lr": optimizer.param_groups[0]["lr"],
            "seconds": round(seconds, 1),
            "valid": valid_metrics,
            "probes": _probe(tr, data.PROBES[task.name]),
        }
        history.append(record)
        shown = {k: v for k, v in valid_metrics.items() if k in ("bleu", "chrf", "exact_match")}
        log(
            f"epoch {epoch + 1}: train loss {record['train_loss']}, "
            f"valid loss {record['valid_loss']}, valid {shown}, {seconds:.0f}s"
        )
        info = {
            "training": {
                "command": command,
                "config": asdict(cfg),
                "data_sha256": checksum,
                "data_path": str(data_path) if data_path else None,
                "epochs_done": epoch + 1,
                "seconds": round(seconds, 1),
                "hardware": _hardware(device),
                "train_pairs": len(train_ids),
            },
            "metrics": {"valid": valid_metrics},
            "history": history,
            "tokenizer": asdict(task),
        }
        checkpoint.save(out, tr, info)
        checkpoint.save_train_state(
            out, model, optimizer, {"epoch": epoch + 1, "history": history, "seconds": seconds}
        )
    return history[-1] if history else {}


@torch.no_grad()
def _valid_loss(model, encoded, loss_fn, batch_size) -> float:
    total, count = 0.0, 0
    for src, lengths, tgt_in, tgt_out in data.batches(encoded, batch_size, seed=0, shuffle=False):
        logits = model(src, lengths, tgt_in)
        n = int((tgt_out != 0).sum())
        total += float(loss_fn(logits.reshape(-1, logits.size(-1)), tgt_out.reshape(-1))) * n
        count += n
    return total / max(1, count)


def _hardware(device: str) -> str:
    if device.startswith("cuda") and torch.cuda.is_available():
        return torch.cuda.get_device_name(0)
    n = torch.get_num_threads()
    return f"{platform.machine()} CPU, {n} thread{'s' if n > 1 else ''}"
