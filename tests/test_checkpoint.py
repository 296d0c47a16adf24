"""Checkpoints: exact round trips, and one clear ``CheckpointError`` for every kind of damage."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import torch
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from attention_core import ATTENTION_KINDS, CheckpointError, Seq2Seq, decode, load, save, translate
from attention_core.checkpoint import (
    CONFIG,
    FORMAT,
    WEIGHTS,
    load_train_state,
    read_config,
    save_train_state,
    sha256,
)
from attention_core.model import ModelConfig
from support.translators import make_translator

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "5 mars 2024"


def _state(tr) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in tr.model.state_dict().items()}


# ----- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
def test_fp32_round_trip_is_exact(tmp_path, kind):
    tr = make_translator(kind)
    save(tmp_path / "m", tr, {}, fp16=False)
    loaded = load(tmp_path / "m")
    before, after = _state(tr), _state(loaded)
    assert before.keys() == after.keys()
    for name in before:
        assert after[name].dtype == torch.float32
        assert torch.equal(before[name], after[name]), name
    assert loaded.model.config == tr.model.config
    assert loaded.src_vocab.tokens == tr.src_vocab.tokens
    assert loaded.tgt_vocab.tokens == tr.tgt_vocab.tokens
    assert loaded.task == tr.task and loaded.attention == kind
    assert not loaded.model.training  # ready to decode


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
def test_fp16_round_trip_is_within_rounding(tmp_path, kind):
    tr = make_translator(kind)
    config = save(tmp_path / "m", tr, {})  # fp16 by default
    assert config["weights"]["dtype"] == "float16"
    loaded = load(tmp_path / "m")
    before, after = _state(tr), _state(loaded)
    for name, value in before.items():
        # Exactly the fp16 rounding of the original, and so within half an fp16 ulp of it.
        assert torch.equal(after[name], value.half().float()), name
        assert torch.allclose(after[name], value, rtol=2**-11, atol=2**-24), name
    assert translate(loaded, SENTENCE) == translate(tr, SENTENCE)
    original, again = decode(tr, SENTENCE), decode(loaded, SENTENCE)
    assert again.output_tokens == original.output_tokens
    assert [s.token for s in again.steps] == [s.token for s in original.steps]


def test_fra_eng_round_trip(tmp_path):
    tr = make_translator("general", task="fra-eng")
    save(tmp_path / "m", tr, {}, fp16=False)
    loaded = load(tmp_path / "m")
    assert loaded.task.name == "fra-eng"
    text = "i see the cat ."
    assert translate(loaded, text) == translate(tr, text)


def test_config_json_describes_the_model(tmp_path):
    tr = make_translator("bahdanau")
    returned = save(tmp_path / "m", tr, {"metrics": {"valid": {"exact_match": 12.5}}})
    config = json.loads((tmp_path / "m" / CONFIG).read_text(encoding="utf-8"))
    assert config == returned
    assert config["format"] == FORMAT
    assert config["task"] == "dates"
    assert ModelConfig.from_json(config["model"]) == tr.model.config
    assert config["source_vocab"] == tr.src_vocab.tokens
    assert config["target_vocab"] == tr.tgt_vocab.tokens
    blob = (tmp_path / "m" / WEIGHTS).read_bytes()
    assert config["weights"]["sha256"] == sha256(blob)
    assert re.fullmatch(r"[0-9a-f]{64}", config["weights"]["sha256"])
    assert config["weights"]["bytes"] == len(blob)
    assert config["parameters"] == tr.model.num_parameters() > 0
    assert config["metrics"] == {"valid": {"exact_match": 12.5}}  # info sections kept
    assert read_config(tmp_path / "m") == config


def test_save_leaves_no_temporary_files(tmp_path):
    tr = make_translator("dot")
    save(tmp_path / "m", tr, {})
    save(tmp_path / "m", tr, {}, fp16=False)  # overwriting too
    save_train_state(tmp_path / "m", tr.model, torch.optim.Adam(tr.model.parameters()), {})
    files = sorted(p.relative_to(tmp_path / "m").as_posix() for p in (tmp_path / "m").rglob("*"))
    assert not [f for f in files if f.endswith(".tmp")], files
    assert files == [
        CONFIG,
        WEIGHTS,
        "train_state",
        "train_state/state.json",
        "train_state/state.safetensors",
    ]


def test_trained_checkpoint_is_clean_and_loads(trained_dates):
    directory, last = trained_dates
    assert not list(directory.rglob("*.tmp"))
    tr = load(directory)
    assert tr.meta["weights"]["dtype"] == "float16"
    assert tr.meta["history"][-1]["epoch"] == last["epoch"]
    assert tr.meta["training"]["epochs_done"] == last["epoch"]
    output = "".join(translate(tr, "Tuesday, March 5, 2024"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", output), output


# ----- training state -------------------------------------------------------------------------


def _adam_steps(model, optimizer, n):
    for _ in range(n):
        optimizer.zero_grad()
        loss = sum(((p - 0.1) ** 2).sum() for p in model.parameters())
        loss.backward()
        optimizer.step()


def test_train_state_round_trip(tmp_path):
    cfg = ModelConfig("general", 30, 20, emb_dim=8, hidden=12, attn_dim=6)
    torch.manual_seed(0)
    model = Seq2Seq(cfg)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3, betas=(0.8, 0.95))
    _adam_steps(model, optimizer, 3)
    save_train_state(tmp_path, model, optimizer, {"epoch": 3, "history": [{"epoch": 3}]})
    expected_draw = torch.rand(5)  # what the saved RNG state produces next

    torch.manual_seed(123)
    fresh = Seq2Seq(cfg)
    fresh_opt = torch.optim.Adam(fresh.parameters(), lr=1.0)
    meta = load_train_state(tmp_path, fresh, fresh_opt)
    assert meta["epoch"] == 3 and meta["history"] == [{"epoch": 3}]
    assert torch.equal(torch.rand(5), expected_draw)  # RNG restored

    for (name, a), b in zip(model.state_dict().items(), fresh.state_dict().values()):
        assert torch.equal(a, b), name
    saved, restored = optimizer.state_dict(), fresh_opt.state_dict()
    assert saved["state"].keys() == restored["state"].keys()
    assert len(saved["state"]) == len(list(model.parameters()))
    for idx, slots in saved["state"].items():
        assert slots.keys() == restored["state"][idx].keys()
        for slot, value in slots.items():
            assert torch.equal(
                torch.as_tensor(value), torch.as_tensor(restored["state"][idx][slot])
            )
    for g_saved, g_restored in zip(saved["param_groups"], restored["param_groups"]):
        assert g_restored["lr"] == 3e-3
        assert tuple(g_restored["betas"]) == (0.8, 0.95)
        assert g_restored["params"] == g_saved["params"]

    # Continuing from the restored state is the same as never having stopped.
    _adam_steps(model, optimizer, 2)
    _adam_steps(fresh, fresh_opt, 2)
    for (name, a), b in zip(model.state_dict().items(), fresh.state_dict().values()):
        assert torch.equal(a, b), name


def test_train_state_damage_is_a_checkpoint_error(tmp_path):
    cfg = ModelConfig("dot", 10, 10, emb_dim=4, hidden=4, attn_dim=4)
    model = Seq2Seq(cfg)
    optimizer = torch.optim.Adam(model.parameters())
    with pytest.raises(CheckpointError, match="train_state"):
        load_train_state(tmp_path, model, optimizer)  # nothing saved yet
    _adam_steps(model, optimizer, 1)
    save_train_state(tmp_path, model, optimizer, {"epoch": 1})
    path = tmp_path / "train_state" / "state.safetensors"
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))
    with pytest.raises(CheckpointError, match="checksum"):
        load_train_state(tmp_path, model, optimizer)


# ----- damaged checkpoints --------------------------------------------------------------------


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("pristine") / "dates-dot"
    save(directory, make_translator("dot"), {})
    load(directory)  # the undamaged copy loads
    return directory


@pytest.fixture
def ckpt(pristine, tmp_path) -> Path:
    directory = tmp_path / "my-model"
    shutil.copytree(pristine, directory)
    return directory


def _config(directory: Path) -> dict:
    return json.loads((directory / CONFIG).read_text(encoding="utf-8"))


def _write_config(directory: Path, config: dict) -> None:
    (directory / CONFIG).write_text(json.dumps(config), encoding="utf-8")


def _write_weights(directory: Path, blob: bytes, update_sha: bool = True) -> None:
    (directory / WEIGHTS).write_bytes(blob)
    if update_sha:
        config = _config(directory)
        config["weights"]["sha256"] = sha256(blob)
        config["weights"]["bytes"] = len(blob)
        _write_config(directory, config)


def _tensors(directory: Path) -> dict[str, torch.Tensor]:
    return dict(st_load((directory / WEIGHTS).read_bytes()))


def _load_error(directory: Path, filename: str | None, *words: str) -> str:
    """Loading fails with a CheckpointError (and nothing else) naming directory, file, problem."""
    with pytest.raises(CheckpointError) as info:
        load(directory)
    message = str(info.value)
    assert "\n" not in message, message
    assert directory.name in message, message
    assert str(directory) in message, message
    if filename:
        assert filename in message, message
    for word in words:
        assert word.lower() in message.lower(), (word, message)
    assert info.value.model == directory.name
    return message


def test_directory_missing(tmp_path):
    _load_error(tmp_path / "no-such-model", None, "directory", "not found")


def test_path_is_a_file(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"\x00" * 10)
    _load_error(tmp_path / "model.bin", None, "directory", "not found")


def test_config_missing(ckpt):
    (ckpt / CONFIG).unlink()
    _load_error(ckpt, CONFIG, "not found")


@pytest.mark.parametrize(
    "content",
    [b"this is not json", b"", b"\xff\xfe\x00garbage", b"{'format': 1}"],
    ids=["text", "empty", "binary", "python-repr"],
)
def test_config_not_json(ckpt, content):
    (ckpt / CONFIG).write_bytes(content)
    _load_error(ckpt, CONFIG, "not valid JSON")


def test_config_truncated(ckpt):
    text = (ckpt / CONFIG).read_bytes()
    (ckpt / CONFIG).write_bytes(text[: len(text) // 2])
    _load_error(ckpt, CONFIG, "not valid JSON")


@pytest.mark.parametrize(
    "value",
    [{"format": "attention-explorer-checkpoint/0"}, {"format": None}, {}, [1, 2], "x", 3],
    ids=["old-format", "null-format", "no-format", "list", "string", "number"],
)
def test_config_wrong_format(ckpt, value):
    if isinstance(value, dict):
        config = {**_config(ckpt), **value}
        if not value:
            del config["format"]
        value = config
    _write_config(ckpt, value)
    _load_error(ckpt, CONFIG, FORMAT)


@pytest.mark.parametrize("section", ["model", "task", "source_vocab", "target_vocab", "weights"])
def test_config_missing_section(ckpt, section):
    config = _config(ckpt)
    del config[section]
    _write_config(ckpt, config)
    _load_error(ckpt, CONFIG, "missing", section)


@pytest.mark.parametrize(
    "change",
    [
        {"task": "klingon"},
        {"model": None},
        {"model": "dot"},
        {"weights": None},
        {"weights": {}},
        {"source_vocab": "abc"},
        {"target_vocab": ["<pad>", "<sos>", "<eos>", "<unk>", "x", "x"]},
    ],
    ids=["task", "model-null", "model-str", "weights-null", "weights-empty", "vocab", "dup"],
)
def test_config_invalid_settings(ckpt, change):
    _write_config(ckpt, {**_config(ckpt), **change})
    _load_error(ckpt, CONFIG, "invalid")


@pytest.mark.parametrize(
    "field, value",
    [
        ("attention", "multihead"),
        ("hidden", 0),
        ("emb_dim", -3),
        ("attn_dim", 2.5),
        ("src_vocab_size", "47"),
        ("bogus_setting", 1),
    ],
)
def test_config_invalid_model_settings(ckpt, field, value):
    config = _config(ckpt)
    config["model"][field] = value
    _write_config(ckpt, config)
    _load_error(ckpt, CONFIG, "invalid", field)


@pytest.mark.parametrize(
    "field, value",
    [
        ("encoder_layers", 0),
        ("encoder_layers", "2"),
        ("dropout", 2.0),
        ("dropout", "x"),
        ("hidden", True),
        ("attn_dim", 10**12),
        ("input_feeding", "no"),
        ("scaled", "yes"),
    ],
)
def test_config_bad_model_settings(ckpt, field, value):
    config = _config(ckpt)
    config["model"][field] = value
    _write_config(ckpt, config)
    _load_error(ckpt, CONFIG)


@pytest.mark.parametrize("which", ["source_vocab", "target_vocab"])
@pytest.mark.parametrize("delta", [1, -1])
def test_vocabulary_size_disagrees_with_model(ckpt, which, delta):
    config = _config(ckpt)
    vocab = config[which]
    config[which] = vocab + ["extra-token"] if delta > 0 else vocab[:-1]
    _write_config(ckpt, config)
    _load_error(ckpt, CONFIG, "vocabulary", "size")


def test_weights_missing(ckpt):
    (ckpt / WEIGHTS).unlink()
    _load_error(ckpt, WEIGHTS, "not found")


def test_weights_empty(ckpt):
    (ckpt / WEIGHTS).write_bytes(b"")
    _load_error(ckpt, WEIGHTS, "empty")


def test_weights_truncated(ckpt):
    blob = (ckpt / WEIGHTS).read_bytes()
    (ckpt / WEIGHTS).write_bytes(blob[: len(blob) // 2])
    _load_error(ckpt, WEIGHTS, "checksum")


@pytest.mark.parametrize("cut", [0.5, 0.01, 0.999], ids=["half", "header", "last-bytes"])
def test_weights_truncated_with_matching_checksum(ckpt, cut):
    blob = (ckpt / WEIGHTS).read_bytes()
    _write_weights(ckpt, blob[: max(1, int(len(blob) * cut))])
    _load_error(ckpt, WEIGHTS, "not a valid safetensors file")


@pytest.mark.parametrize("where", [0.001, 0.5, 0.999], ids=["header", "middle", "end"])
def test_weights_one_byte_flipped(ckpt, where):
    blob = bytearray((ckpt / WEIGHTS).read_bytes())
    blob[int(len(blob) * where)] ^= 0x01
    (ckpt / WEIGHTS).write_bytes(bytes(blob))
    _load_error(ckpt, WEIGHTS, "checksum", "mismatch")


def test_weights_swapped_for_another_model(ckpt, tmp_path):
    other = tmp_path / "other"
    save(other, make_translator("dot", seed=1), {})
    shutil.copy(other / WEIGHTS, ckpt / WEIGHTS)
    _load_error(ckpt, WEIGHTS, "checksum")


class _Marker:
    """Unpickling this creates a directory: proof that something was unpickled."""

    def __init__(self, path: Path):
        self.path = str(path)

    def __reduce__(self):
        return (os.makedirs, (self.path,))


@pytest.mark.parametrize("zipfile", [True, False], ids=["zip", "legacy"])
def test_pickle_in_place_of_safetensors_is_never_unpickled(ckpt, tmp_path, zipfile):
    marker = tmp_path / "unpickled"
    payload = {**_tensors(ckpt), "hook": _Marker(marker)}
    torch.save(payload, ckpt / WEIGHTS, _use_new_zipfile_serialization=zipfile)
    _write_weights(ckpt, (ckpt / WEIGHTS).read_bytes())
    _load_error(ckpt, WEIGHTS, "not a valid safetensors file")
    assert not marker.exists()


def test_random_bytes_with_matching_checksum(ckpt):
    _write_weights(ckpt, os.urandom(4096))
    _load_error(ckpt, WEIGHTS, "not a valid safetensors file")


def test_wrong_tensor_shape(ckpt):
    tensors = _tensors(ckpt)
    name = "generator.weight"
    rows, cols = tensors[name].shape
    tensors[name] = torch.zeros(rows, cols + 1, dtype=tensors[name].dtype)
    _write_weights(ckpt, st_save(tensors))
    message = _load_error(ckpt, WEIGHTS, name, "shape")
    assert str((rows, cols + 1)) in message and str((rows, cols)) in message


def test_transposed_tensor(ckpt):
    tensors = _tensors(ckpt)
    name = "generator.weight"
    tensors[name] = tensors[name].t().contiguous()
    _write_weights(ckpt, st_save(tensors))
    _load_error(ckpt, WEIGHTS, name, "shape")


def test_missing_tensor(ckpt):
    tensors = _tensors(ckpt)
    del tensors["generator.bias"]
    _write_weights(ckpt, st_save(tensors))
    _load_error(ckpt, WEIGHTS, "missing", "generator.bias")


def test_unexpected_tensor(ckpt):
    tensors = {**_tensors(ckpt), "decoder.extra.weight": torch.zeros(2, dtype=torch.float16)}
    _write_weights(ckpt, st_save(tensors))
    _load_error(ckpt, WEIGHTS, "unexpected", "decoder.extra.weight")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_weight(ckpt, bad):
    tensors = _tensors(ckpt)
    name = sorted(tensors)[len(tensors) // 2]
    tensors[name].view(-1)[0] = bad
    _write_weights(ckpt, st_save(tensors))
    _load_error(ckpt, WEIGHTS, name, "finite")


@pytest.mark.parametrize("dtype", [torch.int32, torch.uint8, torch.float64])
def test_non_float_weight(ckpt, dtype):
    tensors = _tensors(ckpt)
    tensors["generator.bias"] = torch.zeros(tensors["generator.bias"].shape, dtype=dtype)
    _write_weights(ckpt, st_save(tensors))
    _load_error(ckpt, WEIGHTS, "generator.bias", "float")


# ----- nothing anywhere unpickles -------------------------------------------------------------

FORBIDDEN = ("torch.load(", "pickle.load", "import pickle", "weights_only")


def _app_sources() -> list[Path]:
    files = sorted((ROOT / "attention_core").rglob("*.py"))
    if (ROOT / "app.py").is_file():
        files.append(ROOT / "app.py")
    files += sorted((ROOT / "explorer").rglob("*.py"))  # the app: its views and pages
    return files


def test_no_code_can_unpickle():
    files = _app_sources()
    assert any(f.name == "checkpoint.py" for f in files)
    hits = [
        f"{f.relative_to(ROOT)}:{n}: {line.strip()}"
        for f in files
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if any(word in line for word in FORBIDDEN)
    ]
    assert not hits, "\n".join(hits)
