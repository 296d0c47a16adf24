"""train.py: a small dates model learns, and an interrupted run resumes exactly."""

import json

from attention_core import decode, load
from attention_core.data import PROBES
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


SMALL = dict(epochs=2, train_size=1500, valid_size=50, hidden=16, emb_dim=8, attn_dim=8)


def test_probes_at_epoch_zero_within_the_first_epoch_and_every_epoch(tmp_path):
    cfg = TrainConfig.defaults_for("dates", "dot", **SMALL, probe_points=4)
    train(cfg, tmp_path / "p", log=lambda *_: None)
    config = json.loads((tmp_path / "p" / "config.json").read_text())
    snaps = config["probe_snapshots"]
    steps_per_epoch = 24  # ceil(1500 / 64)
    assert [s["epoch"] for s in snaps] == [0.0, 0.25, 0.5, 0.75, 1.0, 2.0]
    assert [s["step"] for s in snaps] == [0, 6, 12, 18, steps_per_epoch, 2 * steps_per_epoch]
    for snap in snaps:
        assert [p["source"] for p in snap["probes"]] == PROBES["dates"]
        probe = snap["probes"][0]
        assert len(probe["attention"][0]) == len(probe["source_tokens"])
    # the epoch records the training page already reads are unchanged: int epochs with probes
    assert [h["epoch"] for h in config["history"]] == [1, 2]
    assert snaps[-1]["probes"] == config["history"][-1]["probes"]
    # attention moves as training goes: the untrained and trained matrices differ
    assert snaps[0]["probes"][0]["attention"] != snaps[-1]["probes"][0]["attention"]


def test_resume_within_an_epoch_equals_an_uninterrupted_run(tmp_path):
    cfg = TrainConfig.defaults_for("dates", "bahdanau", **SMALL, warmup_steps=5)
    quiet = dict(log=lambda *_: None)
    straight = train(cfg, tmp_path / "a", **quiet)
    cut = train(cfg, tmp_path / "b", stop_after_steps=7, **quiet)
    assert cut == {"stopped": True, "epochs_done": 0, "batch": 7}
    state = json.loads((tmp_path / "b" / "train_state" / "state.json").read_text())
    assert (state["epoch"], state["batch"]) == (0, 7)
    train(cfg, tmp_path / "b", resume=True, stop_after_steps=30, **quiet)  # into epoch 2
    resumed = train(cfg, tmp_path / "b", resume=True, **quiet)
    assert resumed["epoch"] == 2
    assert resumed["train_loss"] == straight["train_loss"]
    assert resumed["valid_loss"] == straight["valid_loss"]
    a, b = (json.loads((tmp_path / d / "config.json").read_text()) for d in "ab")
    assert a["probe_snapshots"] == b["probe_snapshots"]
    assert (tmp_path / "b" / "model.safetensors").read_bytes() == (
        tmp_path / "a" / "model.safetensors"
    ).read_bytes()


def test_epoch_weights_are_kept_for_averaging(tmp_path):
    import torch

    from attention_core import probes

    cfg = TrainConfig.defaults_for("dates", "dot", **{**SMALL, "epochs": 3}, keep_epochs=2)
    train(cfg, tmp_path / "w", log=lambda *_: None)
    assert probes.saved_epochs(tmp_path / "w") == [2, 3]
    mean = probes.average_weights(tmp_path / "w", [2, 3])
    two, three = (probes.average_weights(tmp_path / "w", [e]) for e in (2, 3))
    name = next(iter(mean))
    assert torch.allclose(mean[name], (two[name] + three[name]) / 2)


def test_average_command_writes_a_checkpoint_of_the_mean(tmp_path):
    import torch

    from attention_core import probes
    from attention_core.average import average_run

    cfg = TrainConfig.defaults_for("dates", "dot", **{**SMALL, "epochs": 3, "valid_size": 40})
    train(cfg, tmp_path / "run", log=lambda *_: None)
    config = average_run(tmp_path / "run", 2, tmp_path / "avg", valid_size=40)
    assert config["averaged"]["epochs"] == [2, 3]
    assert 0 <= config["metrics"]["valid"]["exact_match"] <= 100
    mean = probes.average_weights(tmp_path / "run", [2, 3])
    tr = load(tmp_path / "avg")
    for name, value in tr.model.state_dict().items():
        assert torch.allclose(value, mean[name].half().float()), name
    assert decode(tr, "5 mars 2024").output_text  # an ordinary, loadable checkpoint
    try:
        average_run(tmp_path / "run", 4, tmp_path / "bad")
    except ValueError as exc:
        assert "cannot average 4" in str(exc)
    else:
        raise AssertionError("averaging more epochs than were kept must fail")
