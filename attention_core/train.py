"""Training: teacher forcing with label smoothing, Adam, warm-up then cosine decay.

Every epoch saves the model (fp16 safetensors + JSON, with validation metrics, loss curves and
the attention of fixed probe sentences) and a resumable training state; within an epoch the
state is also saved every ``save_minutes``. ``resume=True`` continues from the last saved batch
with the same settings and the same random numbers, so a resumed run equals an uninterrupted one.
Probe attention is also recorded before the first update and within the first epoch (probes.py).
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

from . import checkpoint, data, probes, tatoeba
from .decoding import Translator
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
    subwords: bool = False  # fra-eng: BPE pieces; src_vocab / tgt_vocab then count pieces
    probe_points: int = 10  # probe attention this many times in the first epoch (and at 0)
    save_minutes: float = 15.0  # within an epoch, save the resumable state this often
    keep_epochs: int = 5  # fp32 weights of the last epochs kept, for checkpoint averaging

    @classmethod
    def defaults_for(cls, task: str, attention: str, **overrides) -> TrainConfig:
        base = {}
        if task == "dates":
            base = dict(
                epochs=4,
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


def train(
    cfg: TrainConfig,
    out: str | Path,
    data_path: str | None = None,
    resume: bool = False,
    device: str = "cpu",
    command: str = "",
    log=print,
    stop_after_steps: int | None = None,
    stop_after_seconds: float | None = None,
) -> dict:
    """Train (or continue) a run in ``out``; returns the last epoch's record.

    ``stop_after_steps`` / ``stop_after_seconds``: save the state and return early once this many
    updates (or seconds) have been done in this call, so a time-boxed session ends cleanly.
    """
    out = Path(out)
    task = get_task(cfg.task)
    began_call = time.time()
    if resume:  # the saved settings rule, except the length of the run and the threads
        saved = checkpoint.read_config(out)
        keep = {"epochs": cfg.epochs, "threads": cfg.threads}
        cfg = TrainConfig.from_json({**saved["training"]["config"], **keep})
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)

    log(f"preparing {task.name} data ...")
    splits = data.task_splits(task, data_path, cfg.seed, cfg.train_size)
    checksum = tatoeba.file_checksum(data_path) if data_path else f"generated:seed={cfg.seed}"
    if resume:  # the vocabulary is part of the model: take it from the checkpoint
        src_vocab = data.Vocab.from_json(saved["source_vocab"])
        tgt_vocab = data.Vocab.from_json(saved["target_vocab"])
    else:
        tokenized = [(task.tokenize_source(s), task.tokenize_target(t)) for s, t in splits["train"]]
        src_vocab, tgt_vocab = data.build_vocabs(
            task, tokenized, cfg.src_vocab, cfg.tgt_vocab, cfg.min_freq, cfg.subwords
        )
        del tokenized
    if cfg.subwords:
        task = task.with_subwords(src_vocab.tokens, tgt_vocab.tokens)
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
    # progress: epochs done, batches done in the current epoch and its running loss sums
    run = {
        "epoch": 0,
        "batch": 0,
        "loss_sum": 0.0,
        "tokens": 0,
        "history": [],
        "seconds": 0.0,
        "snapshots": [],
    }
    if resume:
        run.update(checkpoint.load_train_state(out, model, optimizer))
        log(f"resuming after epoch {run['epoch']}, batch {run['batch']}")
    steps_per_epoch = math.ceil(len(train_ids) / cfg.batch_size)
    total_steps = steps_per_epoch * cfg.epochs
    step = run["epoch"] * steps_per_epoch + run["batch"]
    points = probes.first_epoch_points(steps_per_epoch, cfg.probe_points)
    sentences = data.PROBES[task.name]

    def translator():
        cpu_model = model
        if device != "cpu":
            cpu_model = Seq2Seq(mcfg).eval()
            cpu_model.load_state_dict({k: v.cpu() for k, v in model.state_dict().items()})
        return Translator(cpu_model, task, src_vocab, tgt_vocab, name=out.name)

    def info(valid_metrics) -> dict:
        return {
            "training": {
                "command": command,
                "config": asdict(cfg),
                "data_sha256": checksum,
                "data_path": str(data_path) if data_path else None,
                "epochs_done": run["epoch"],
                "seconds": round(run["seconds"], 1),
                "hardware": _hardware(device),
                "train_pairs": len(train_ids),
            },
            "metrics": {"valid": valid_metrics},
            "history": run["history"],
            "probe_snapshots": run["snapshots"],
            "tokenizer": task.settings(),
        }

    def save_state():
        saved_keys = ("epoch", "batch", "loss_sum", "tokens", "history", "seconds", "snapshots")
        checkpoint.save_train_state(out, model, optimizer, {k: run[k] for k in saved_keys})

    if step == 0 and not run["snapshots"]:  # epoch 0: the untrained model's blur
        run["snapshots"].append(probes.snapshot(translator(), sentences, 0.0, 0))
        checkpoint.save(out, translator(), info({}))  # so a resume finds the vocabulary
        save_state()

    done_here, last_save = 0, time.time()
    for epoch in range(run["epoch"], cfg.epochs):
        model.train()
        began = time.time()
        skip = run["batch"]  # batches of this epoch already done before a resume
        bar = tqdm(
            data.batches(train_ids, cfg.batch_size, seed=cfg.seed * 1000 + epoch),
            total=steps_per_epoch,
            initial=skip,
            desc=f"epoch {epoch + 1}/{cfg.epochs}",
            leave=False,
            mininterval=0.2 if sys.stderr.isatty() else 60,
        )
        for b, (src, lengths, tgt_in, tgt_out) in enumerate(bar):
            if b < skip:
                continue
            for group in optimizer.param_groups:
                group["lr"] = lr_at(step, total_steps, cfg)
            src, tgt_in, tgt_out = src.to(device), tgt_in.to(device), tgt_out.to(device)
            logits = model(src, lengths, tgt_in)  # (B, T, V)
            loss = loss_fn(logits.reshape(-1, logits.size(-1)), tgt_out.reshape(-1))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), cfg.clip_norm)
            optimizer.step()
            step, done_here = step + 1, done_here + 1
            n_tokens = int((tgt_out != 0).sum())
            run["loss_sum"] += loss.item() * n_tokens
            run["tokens"] += n_tokens
            run["batch"] = b + 1
            bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
            if epoch == 0 and run["batch"] in points:
                run["snapshots"].append(
                    probes.snapshot(translator(), sentences, points[run["batch"]], step)
                )
                model.train()  # building a Translator switched the model to eval mode
            if run["batch"] == steps_per_epoch:
                break  # the epoch's end is saved below, with its record
            stop = (stop_after_steps is not None and done_here >= stop_after_steps) or (
                stop_after_seconds is not None and time.time() - began_call >= stop_after_seconds
            )
            if stop or time.time() - last_save >= cfg.save_minutes * 60:
                run["seconds"] += time.time() - began
                began = last_save = time.time()
                save_state()
                log(f"saved at epoch {epoch + 1}, batch {run['batch']}/{steps_per_epoch}")
                if stop:
                    return {"stopped": True, "epochs_done": epoch, "batch": run["batch"]}
        model.eval()
        tr = translator()
        valid_loss = _valid_loss(tr.model, valid_ids, loss_fn, cfg.batch_size)
        valid_metrics = score_outputs(tr, valid_eval)
        run["seconds"] += time.time() - began
        record = {
            "epoch": epoch + 1,
            "train_loss": round(run["loss_sum"] / max(1, run["tokens"]), 4),
            "valid_loss": round(valid_loss, 4),
            "lr": optimizer.param_groups[0]["lr"],
            "seconds": round(run["seconds"], 1),
            "valid": valid_metrics,
            "probes": probes.record(tr, sentences),
        }
        run["history"].append(record)
        run["snapshots"].append(
            {"epoch": float(epoch + 1), "step": step, "probes": record["probes"]}
        )
        run.update(epoch=epoch + 1, batch=0, loss_sum=0.0, tokens=0)
        shown = {k: v for k, v in valid_metrics.items() if k in ("bleu", "chrf", "exact_match")}
        log(
            f"epoch {epoch + 1}: train loss {record['train_loss']}, "
            f"valid loss {record['valid_loss']}, valid {shown}, {run['seconds']:.0f}s"
        )
        checkpoint.save(out, tr, info(valid_metrics))
        probes.save_epoch_weights(out, model, epoch + 1, cfg.keep_epochs)
        save_state()
        last_save = time.time()
        stop = (stop_after_steps is not None and done_here >= stop_after_steps) or (
            stop_after_seconds is not None and time.time() - began_call >= stop_after_seconds
        )
        if stop and epoch + 1 < cfg.epochs:
            return {**record, "stopped": True}
    return run["history"][-1] if run["history"] else {}


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
