"""explorer/figures/training.py: the figures show exactly the checkpoint's recorded history."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from explorer.figures import training as tf
from explorer.figures.plain import as_go
from explorer.figures.style import token_html

ROOT = Path(__file__).resolve().parents[1]
DOT = ROOT / "checkpoints" / "dates-dot" / "config.json"
needs_dot = pytest.mark.skipif(not DOT.is_file(), reason="checkpoints/dates-dot is not there")


def _config() -> dict:
    return json.loads(DOT.read_text(encoding="utf-8"))


@needs_dot
def test_loss_curves_are_the_recorded_losses():
    config = _config()
    history = tf.records(config)
    assert [r["epoch"] for r in history] == [r["epoch"] for r in config["history"]]
    fig = tf.loss_figure(history, 2, "en")
    train, valid = fig.data
    assert list(train.y) == [r["train_loss"] for r in config["history"]]
    assert list(valid.y) == [r["valid_loss"] for r in config["history"]]
    assert list(train.x) == [r["epoch"] for r in config["history"]]
    assert fig.layout.shapes[0].x0 == config["history"][2]["epoch"]
    table = tf.history_table(history, "ko")
    assert table.iloc[:, 3].tolist() == [r["valid"]["exact_match"] for r in config["history"]]


@needs_dot
def test_probe_matrix_is_the_recorded_attention():
    config = _config()
    history = tf.records(config)
    sources = tf.probe_sources(history)
    assert sources == [p["source"] for p in config["history"][-1]["probes"]]
    for k, record in enumerate(config["history"]):
        for raw in record["probes"]:
            probe = tf.probe_at(history, k, raw["source"])
            fig = as_go(tf.probe_figure(probe, "en"))
            z = np.array(fig.data[0].z, dtype=float)
            assert np.allclose(z, np.array(raw["attention"]), atol=1e-6)
            assert list(fig.layout.xaxis.ticktext) == [token_html(t) for t in raw["source_tokens"]]
            rows = list(fig.layout.yaxis.ticktext)
            assert rows[: len(raw["output_tokens"])] == [
                token_html(t) for t in raw["output_tokens"]
            ]
            assert rows[len(raw["output_tokens"]) :] == ["&lt;eos&gt;"] * (
                len(raw["attention"]) - len(raw["output_tokens"])
            )
    # the attention sharpens: from the untrained model's blur to the last epoch's alignment
    points = tf.snapshots(config)
    assert points[0]["epoch"] == 0 and [p["epoch"] for p in points] == sorted(
        p["epoch"] for p in points
    )
    first, last = (tf.probe_at(points, k, sources[0])["attention"] for k in (0, -1))
    assert last.max(axis=1).mean() > first.max(axis=1).mean()
    assert tf.epoch_label(0.2004) == "0.2" and tf.epoch_label(3.0) == "3"
    assert tf.history_index(history, 0.5) == 0 and tf.history_index(history, 2.0) == 1


def test_malformed_records_are_left_out():
    config = {
        "history": [
            {
                "epoch": 2,
                "train_loss": 1.0,
                "valid_loss": float("nan"),
                "probes": [
                    {
                        "source": "a b",
                        "source_tokens": ["a", "b"],
                        "output_tokens": ["x"],
                        "attention": [[0.5, 0.5], [1.0, 0.0]],
                    },
                    {
                        "source": "bad",
                        "source_tokens": ["a"],
                        "output_tokens": [],
                        "attention": [[0.5, 0.5]],
                    },  # wrong width
                    "junk",
                ],
            },
            {"epoch": "3"},
            "junk",
            {"epoch": 1, "train_loss": True, "valid": {"bleu": 3.5}, "probes": None},
        ]
    }
    history = tf.records(config)
    assert [r["epoch"] for r in history] == [1, 2]
    assert history[0]["train_loss"] is None and history[0]["bleu"] == 3.5
    assert history[1]["valid_loss"] is None
    assert history[1]["probes"][1:] == [None, None]
    assert tf.probe_sources(history) == ["a b"]
    probe = tf.probe_at(history, 1, "a b")
    assert tf.output_labels(probe) == ["x", "&lt;eos&gt;"]
    assert tf.records(None) == [] and tf.records({"history": "x"}) == []


def test_tokens_are_escaped():
    probe = {
        "source": "s",
        "source_tokens": ["<b>", "&"],
        "output_tokens": ["<i>"],
        "attention": np.array([[1.0, 0.0], [0.0, 1.0]]),
    }
    fig = as_go(tf.probe_figure(probe, "en"))
    assert list(fig.layout.xaxis.ticktext) == ["&lt;b&gt;", "&amp;"]
    assert list(fig.layout.yaxis.ticktext)[0] == "&lt;i&gt;"
