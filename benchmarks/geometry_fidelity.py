"""How faithful is the 2-D geometry view? Figures for the shipped attention models, as JSON.

    python -m benchmarks.geometry_fidelity [--checkpoints DIR] [--dates N]

For every step of every sentence (greedy decoding, the step that writes <eos> included) it
compares the model's scores e^t_i with the projected scores of ``attention_core.geometry``:
- top1: the share of steps whose top-1 key by true score (= by weight: the softmax keeps the
  order) is also the top-1 key by projected score;
- top1_peaked: top1 on the peaked_steps only, those whose largest weight is >= 0.5;
- top3_overlap: the mean over steps of |top-3 true & top-3 projected| / min(3, S);
  top3_same_set: the share of steps where the two top-3 sets are equal;
- chance_top1 / chance_top3: the same figures for a random ranking (1/S and min(3, S)/S);
- pearson / spearman: the medians over sentences of the pooled (all steps' pairs) correlations;
  step_spearman: the mean over steps of the within-step rho (steps with S = 1 skipped);
- variance_kept: the mean share of variance the two components keep.
Sentences: N test-split dates (``dates.generate(N, seed=18, split="test")``) for the dates
models; the 50 English sentences of tests/data/everyday-en-fr.tsv for fra-eng.

Views: "state" (h_i and the queries, one PCA fitted on both: the issue's view); for Bahdanau also
"additive" (W_c h_i and W_b s_{t-1}, v_a read from the model). Two alternative fits of the
state view's plane are measured for comparison only (the map is still one affine map for keys and
queries): "state_keys_fit" (PCA on the keys alone) and "state_within_fit" (PCA on the keys and
the queries each centred on their own mean, i.e. without the key-query offset); for dot,
"state_score_fit" (a plane fitted to the scores themselves: see ``score_fit``)."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch

from attention_core import dates, decode, load
from attention_core.geometry import (
    TOP_K,
    Projection2D,
    additive_geometry,
    fit_pca2,
    state_geometry,
)

ROOT = Path(__file__).resolve().parents[1]
MODELS = ("dates-dot", "dates-bahdanau", "fra-eng-dot", "fra-eng-bahdanau")
EVERYDAY = ROOT / "tests/data/everyday-en-fr.tsv"


def sentences(task: str, n_dates: int) -> list[str]:
    if task == "dates":
        return [src for src, _ in dates.generate(n_dates, seed=18, split="test")]
    lines = EVERYDAY.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip()]


def keys_fit(trace) -> Projection2D:
    """The plane of the keys alone, used as one affine map for keys and queries."""
    return fit_pca2(trace.keys)


def within_fit(trace) -> Projection2D:
    """The plane of the keys and queries each centred on their own mean; mean of all points."""
    keys = np.asarray(trace.keys, dtype=float)  # (S, H)
    queries = np.stack([s.query for s in trace.steps]).astype(float)  # (T, H)
    plane = fit_pca2(np.concatenate([keys - keys.mean(0), queries - queries.mean(0)]))
    mean = np.concatenate([keys, queries]).mean(0)
    return Projection2D(mean, plane.components, plane.variance_kept)


def score_fit(trace, iters: int = 200) -> Projection2D:
    """A plane chosen for the scores, not the spread: starting from the shipped PCA, projected
    gradient descent (backtracking, re-orthonormalised by SVD) on
    sum_t,i (scale * q_t^T P^T P (h_i - mean h) - scale * q_t^T (h_i - mean h))^2,
    i.e. every step's scores up to their shift, which the softmax ignores. A local optimum: a
    reference for how well one plane per sentence can do, not a view the app ships."""
    keys = np.asarray(trace.keys, dtype=float)
    kc = keys - keys.mean(0)  # (S, H)
    q = np.stack([s.query for s in trace.steps]).astype(float)  # (T, H)
    scale = trace.score_scale
    target = scale * q @ kc.T  # (T, S)
    start = state_geometry(trace).projection
    p, lr = start.components.copy(), 1.0
    loss = lambda p: ((scale * (q @ p.T) @ (p @ kc.T) - target) ** 2).sum()  # noqa: E731
    best = loss(p)
    for _ in range(iters):
        r = scale * (q @ p.T) @ (p @ kc.T) - target  # (T, S)
        grad = 2 * scale * (p @ kc.T @ r.T @ q + p @ q.T @ r @ kc)  # (2, H)
        while lr > 1e-8:
            u, _, vt = np.linalg.svd(p - lr * grad / (np.linalg.norm(grad) + 1e-12), False)
            trial = u @ vt  # (2, H), orthonormal rows again
            if loss(trial) < best:
                p, best, lr = trial, loss(trial), lr * 1.5
                break
            lr /= 2
    points = np.concatenate([keys, q]) - start.mean  # (S + T, H)
    kept = float(((points @ p.T) ** 2).sum() / (points**2).sum())
    return Projection2D(start.mean, p, kept)


def summarise(geometries) -> dict:
    top1 = np.concatenate([g.top1_agrees for g in geometries])
    top3 = np.concatenate([g.top3_overlap for g in geometries])
    sizes = np.concatenate([np.full(len(g.top1_agrees), g.weights.shape[1]) for g in geometries])
    step_rho = np.concatenate([g.step_spearman for g in geometries])
    peaked = np.concatenate([g.weights.max(axis=1) >= 0.5 for g in geometries])
    return {
        "steps": int(len(top1)),
        "top1": round(float(top1.mean()), 3),
        "top1_peaked": round(float(top1[peaked].mean()), 3) if peaked.any() else None,
        "peaked_steps": int(peaked.sum()),
        "top3_overlap": round(float(top3.mean()), 3),
        "top3_same_set": round(float((top3 == 1).mean()), 3),
        "chance_top1": round(float((1 / sizes).mean()), 3),
        "chance_top3": round(float((np.minimum(TOP_K, sizes) / sizes).mean()), 3),
        "pearson": round(float(np.nanmedian([g.pearson for g in geometries])), 3),
        "spearman": round(float(np.nanmedian([g.spearman for g in geometries])), 3),
        "step_spearman": round(float(np.nanmean(step_rho)), 3),
        "variance_kept": round(float(np.mean([g.variance_kept for g in geometries])), 3),
    }


def measure(path: Path, n_dates: int) -> dict:
    tr = load(path)
    texts = sentences(tr.task.name, n_dates)
    traces = [decode(tr, text) for text in texts]
    views = {
        "state": [state_geometry(t) for t in traces],
        "state_keys_fit": [state_geometry(t, keys_fit(t)) for t in traces],
        "state_within_fit": [state_geometry(t, within_fit(t)) for t in traces],
    }
    if tr.attention == "dot":
        views["state_score_fit"] = [state_geometry(t, score_fit(t)) for t in traces]
    if tr.attention == "bahdanau":
        v_a = tr.model.decoder.score.v_a.weight.detach().numpy()  # (1, A)
        views["additive"] = [additive_geometry(t, v_a) for t in traces]
    lengths = [len(t.source_tokens) for t in traces]
    return {
        "attention": tr.attention,
        "score_scale": round(traces[0].score_scale, 5),
        "sentences": len(texts),
        "source_tokens": {"min": min(lengths), "mean": round(float(np.mean(lengths)), 1)},
        "exact_form": views["state"][0].exact_form,
        **{name: summarise(gs) for name, gs in views.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoints", type=Path, default=ROOT / "checkpoints")
    parser.add_argument("--dates", type=int, default=50, help="number of test-split dates")
    args = parser.parse_args()
    torch.set_num_threads(1)
    start = time.perf_counter()
    figures = {name: measure(args.checkpoints / name, args.dates) for name in MODELS}
    figures["seconds"] = round(time.perf_counter() - start, 1)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
