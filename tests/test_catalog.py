"""The checkpoint catalogue (explorer/catalog.py): every model listed, present or not, read from
config.json alone through the core's checked reader, without torch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from attention_core import CheckpointError, load, save
from explorer import catalog
from support.translators import make_translator

ROOT = Path(__file__).resolve().parents[1]


def _config(path) -> dict:
    return json.loads((path / "config.json").read_text(encoding="utf-8"))


def _write(path, config) -> None:
    (path / "config.json").write_text(json.dumps(config), encoding="utf-8")


def test_catalog_lists_missing_and_broken_models(tmp_path):
    save(tmp_path / "dates-dot", make_translator("dot"), {})
    (tmp_path / "dates-bahdanau").mkdir()
    (tmp_path / "dates-bahdanau" / "config.json").write_text("{not json")
    (tmp_path / "notes").mkdir()  # no config.json: ignored
    found = catalog.discover(tmp_path)
    assert catalog.available_tasks(found) == ["dates"]
    dates = found["dates"]
    assert list(dates) == ["dot", "bahdanau", "none"]
    assert dates["dot"].present and dates["dot"].version
    assert not dates["bahdanau"].present and "config.json" in dates["bahdanau"].problem
    assert not dates["none"].present and dates["none"].problem is None
    assert catalog.find(found, "dates-dot") is dates["dot"]
    assert catalog.find(found, "nope") is None
    assert catalog.discover(tmp_path / "absent")["dates"]["dot"].present is False


def _damage(path, how: str) -> None:
    config = _config(path)
    if how == "not json":
        (path / "config.json").write_text("{not json", encoding="utf-8")
    elif how == "not an object":
        _write(path, [config])
    elif how == "other format":
        _write(path, {**config, "format": "something-else/2"})
    else:  # a section missing
        del config[how]
        _write(path, config)


@pytest.mark.parametrize("how", ["not json", "not an object", "other format", "source_vocab"])
def test_a_damaged_config_is_unavailable_with_the_loaders_own_words(tmp_path, how):
    save(tmp_path / "dates-dot", make_translator("dot"), {})
    _damage(tmp_path / "dates-dot", how)
    entry = catalog.discover(tmp_path)["dates"]["dot"]
    assert not entry.present
    with pytest.raises(CheckpointError) as info:
        load(tmp_path / "dates-dot")
    assert entry.problem == f"config.json: {info.value.problem}"
    assert str(tmp_path) not in entry.problem  # shown on screen: no machine paths


def test_task_and_kind_come_from_the_config_not_the_folder_name(tmp_path):
    save(tmp_path / "my-favourite", make_translator("bahdanau"), {})
    entry = catalog.discover(tmp_path)["dates"]["bahdanau"]
    assert entry.present and entry.name == "my-favourite"
    assert not catalog.discover(tmp_path)["dates"]["dot"].present


def test_a_second_checkpoint_of_the_same_model_and_unknown_tasks_are_ignored(tmp_path):
    save(tmp_path / "a-first", make_translator("dot"), {})
    save(tmp_path / "b-second", make_translator("dot", seed=1), {})
    config = _config(tmp_path / "b-second")
    save(tmp_path / "c-other", make_translator("none"), {})
    _write(tmp_path / "c-other", {**_config(tmp_path / "c-other"), "task": "klingon"})
    found = catalog.discover(tmp_path)
    assert set(found) == {"fra-eng", "dates"}
    assert found["dates"]["dot"].name == "a-first"  # in name order: the first wins
    assert found["dates"]["dot"].version != config["weights"]["sha256"]
    assert not found["dates"]["none"].present


def test_the_version_follows_the_weights(tmp_path):
    save(tmp_path / "dates-dot", make_translator("dot"), {})
    before = catalog.discover(tmp_path)["dates"]["dot"].version
    save(tmp_path / "dates-dot", make_translator("dot", seed=5), {})
    after = catalog.discover(tmp_path)["dates"]["dot"].version
    assert before and after and before != after


def test_figures_are_numbers_only(tmp_path):
    save(
        tmp_path / "dates-dot",
        make_translator("dot"),
        {"metrics": {"valid": {"bleu": 40, "x": "y"}}},
    )
    entry = catalog.discover(tmp_path)["dates"]["dot"]
    assert catalog.metrics(entry) == {"bleu": 40.0}
    assert catalog.test_metrics(entry) == {}  # no evaluation.json
    evaluation = {"bleu": 41.5, "chrf": "58", "sentences": 3514, "exact_match": True}
    (entry.path / "evaluation.json").write_text(json.dumps(evaluation), encoding="utf-8")
    assert catalog.test_metrics(entry) == {"bleu": 41.5, "sentences": 3514.0}
    (entry.path / "evaluation.json").write_text("[1, 2]", encoding="utf-8")
    assert catalog.test_metrics(entry) == {}


def test_portable_command():
    recorded = (
        "python -m attention_core train --task fra-eng --attention dot "
        "--data /work/shared/data/tatoeba-fra-eng/fra-eng.tsv --out /tmp/runs/x --resume"
    )
    assert catalog.portable_command(recorded, "fra-eng-dot") == (
        "python -m attention_core train --task fra-eng --attention dot "
        "--data ../shared/data/tatoeba-fra-eng/fra-eng.tsv --out runs/fra-eng-dot"
    )


def test_listing_the_models_does_not_import_torch():
    code = (
        "import sys; from explorer import catalog; catalog.discover(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'safetensors')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"
