"""train.py: a small dates model learns, and an interrupted run resumes exactly."""

import json

from attention_core import decode, load
from attention_core.train import TrainConfig, lr_at, train


def test_small_dates_model_learns(trained_dates):
    out, last = trained_dates
    assert last["valid"]["exact_match"] >= 90.0
    tr = load(out)
    assert decode(tr, "2024년 3월 5일 화요일").output_text == "2024-03-05"
    config = json.loads((out / "config.json").read_text())
    history = config["history"]
    assert [h["epoch"] for h in history] == [1, 2]
    assert history[-1]["train_loss"] < history[0]["train_loss"]
    probe = history[-1]["probes"][0]
    assert len(probe["attention"]) >= 1 and len(probe["attention"][0]) == len(
        probe["source_tokens"]
    )
    assert config["training"]["config"]["attention"] == "dot"


def test_resume_continues_exactly(tmp_path):
    settings = dict(epochs=2, train_size=1500, valid_size=50, hidden=16, emb_dim=8, attn_dim=8)
    cfg = TrainConfig.defaults_for("dates", "bahdanau", **settings)
    straight = train(cfg, tmp_path / "a", log=lambda *_: None)
    one = TrainConfig.defaults_for("dates", "bahdanau", **{**settings, "epochs": 1})
    train(one, tmp_path / "b", log=lambda *_: None)
    resumed = train(cfg, tmp_path / "b", resume=True, log=lambda *_: None)
    assert resumed["epoch"] == 2
    assert abs(resumed["train_loss"] - straight["train_loss"]) < 1e-6
    assert abs(resumed["valid_loss"] - straight["valid_loss"]) < 1e-6


def test_learning_rate_schedule():
    cfg = TrainConfig(task="dates", attention="dot", lr=1e-3, warmup_steps=10, min_lr_ratio=0.1)
    assert lr_at(0, 100, cfg) < lr_at(9, 100, cfg) <= 1e-3
    assert abs(lr_at(100, 100, cfg) - 1e-4) < 1e-9
