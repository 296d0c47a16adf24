"""Damaged model files, seen from the app: one clear error naming the model, and only that model
is unavailable while the others keep loading and decoding.

tests/test_checkpoint.py checks the loader alone (every kind of damage -> one CheckpointError);
here each case of issue 7 goes through ``explorer.catalog`` and ``explorer.views.models`` as the app
uses them, in a checkpoints folder where the two other models are intact, and one AppTest runs
every page with damaged models next to a working one. Tiny random models (conftest).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import torch
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from attention_core import CheckpointError, load, save
from attention_core.checkpoint import CONFIG, WEIGHTS, sha256
from explorer import catalog
from explorer.catalog import ENV_ROOT
from explorer.strings import STRINGS
from explorer.views import models
from support.apptest import ok, player, run_app
from support.translators import make_translator

ROOT = Path(__file__).resolve().parents[1]
PAGES_DIR = ROOT / "explorer" / "pages"  # the page files (app.py lists them)
KINDS = ("dot", "bahdanau", "none")
SENTENCE = "5 mars 2024"


class _Marker:
    """Unpickling this creates a directory: proof that something was unpickled."""

    def __init__(self, path: Path):
        self.path = str(path)

    def __reduce__(self):
        return (os.makedirs, (self.path,))


def _config(d: Path) -> dict:
    return json.loads((d / CONFIG).read_text(encoding="utf-8"))


def _write_config(d: Path, config: dict) -> None:
    (d / CONFIG).write_text(json.dumps(config), encoding="utf-8")


def _write_weights(d: Path, blob: bytes) -> None:
    """New weights with a matching checksum: only the file's content is wrong."""
    (d / WEIGHTS).write_bytes(blob)
    config = _config(d)
    config["weights"].update(sha256=sha256(blob), bytes=len(blob))
    _write_config(d, config)


def _tensors(d: Path) -> dict[str, torch.Tensor]:
    return dict(st_load((d / WEIGHTS).read_bytes()))


# ----- the damage: each function changes one checkpoint directory ---------------------------


def tampered(d, marker):
    blob = bytearray((d / WEIGHTS).read_bytes())
    blob[len(blob) // 2] ^= 0x10
    (d / WEIGHTS).write_bytes(bytes(blob))


def tampered_header_with_checksum(d, marker):
    blob = bytearray((d / WEIGHTS).read_bytes())
    blob[8] = ord("z")  # the JSON header starts at byte 8
    _write_weights(d, bytes(blob))


def truncated(d, marker):
    blob = (d / WEIGHTS).read_bytes()
    (d / WEIGHTS).write_bytes(blob[: len(blob) // 3])


def truncated_with_checksum(d, marker):
    _write_weights(d, (d / WEIGHTS).read_bytes()[:-7])


def zero_length_weights(d, marker):
    (d / WEIGHTS).write_bytes(b"")


def zero_length_config(d, marker):
    (d / CONFIG).write_bytes(b"")


def wrong_shape(d, marker):
    tensors = _tensors(d)
    name = "generator.weight"
    rows, cols = tensors[name].shape
    tensors[name] = torch.zeros(rows + 2, cols, dtype=tensors[name].dtype)
    _write_weights(d, st_save(tensors))


def wrong_vocabulary_consistent_config(d, marker):
    """The vocabulary and the model size agree in config.json, but not with the weights."""
    config = _config(d)
    config["target_vocab"] = config["target_vocab"] + ["Ω", "ψ"]
    config["model"]["tgt_vocab_size"] += 2
    _write_config(d, config)


def wrong_vocabulary_size(d, marker):
    config = _config(d)
    config["source_vocab"] = config["source_vocab"][:-3]
    _write_config(d, config)


def pickle_in_place(d, marker):
    payload = {**_tensors(d), "hook": _Marker(marker)}
    torch.save(payload, d / WEIGHTS)
    _write_weights(d, (d / WEIGHTS).read_bytes())


def legacy_pickle_in_place(d, marker):
    payload = {**_tensors(d), "hook": _Marker(marker)}
    torch.save(payload, d / WEIGHTS, _use_new_zipfile_serialization=False)
    _write_weights(d, (d / WEIGHTS).read_bytes())


def pt_file_instead(d, marker):
    """model.safetensors gone, a model.pt (pickle) beside config.json: it must not be read."""
    torch.save({**_tensors(d), "hook": _Marker(marker)}, d / "model.pt")
    (d / WEIGHTS).unlink()


def checksum_mismatch_other_model(d, marker):
    other = d.parent / f"{d.name}-other"
    save(other, make_translator("dot", seed=7), {})
    shutil.copy(other / WEIGHTS, d / WEIGHTS)
    shutil.rmtree(other)


def checksum_mismatch_in_config(d, marker):
    config = _config(d)
    config["weights"]["sha256"] = "0" * 64
    _write_config(d, config)


# (damage, words the loader's message must contain, whether catalog already sees it)
CASES = [
    (tampered, ("checksum", "mismatch"), False),
    (tampered_header_with_checksum, ("not a valid safetensors",), False),
    (truncated, ("checksum",), False),
    (truncated_with_checksum, ("not a valid safetensors",), False),
    (zero_length_weights, ("empty",), False),
    (zero_length_config, ("not valid JSON",), True),
    (wrong_shape, ("generator.weight", "shape"), False),
    (wrong_vocabulary_consistent_config, ("shape",), False),
    (wrong_vocabulary_size, ("vocabulary", "size"), False),
    (pickle_in_place, ("not a valid safetensors",), False),
    (legacy_pickle_in_place, ("not a valid safetensors",), False),
    (pt_file_instead, (WEIGHTS, "not found"), False),
    (checksum_mismatch_other_model, ("checksum",), False),
    (checksum_mismatch_in_config, ("checksum",), False),
]
IDS = [case[0].__name__ for case in CASES]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """One intact checkpoint per kind, copied for every test."""
    root = tmp_path_factory.mktemp("pristine")
    for kind in KINDS:
        save(root / f"dates-{kind}", make_translator(kind), {})
    return root


@pytest.fixture
def root(pristine, tmp_path) -> Path:
    shutil.copytree(pristine, tmp_path / "checkpoints")
    return tmp_path / "checkpoints"


@pytest.mark.parametrize("damage, words, in_catalog", CASES, ids=IDS)
@pytest.mark.parametrize("broken_kind", KINDS)
def test_damage_makes_only_that_model_unavailable(
    root, tmp_path, damage, words, in_catalog, broken_kind
):
    name = f"dates-{broken_kind}"
    marker = tmp_path / "unpickled"
    damage(root / name, marker)

    # The loader: one CheckpointError, one line, naming the model, the file and the problem.
    with pytest.raises(CheckpointError) as info:
        load(root / name)
    error = info.value
    message = str(error)
    assert error.model == name and name in message and "\n" not in message, message
    for word in words:
        assert word.lower() in message.lower(), (word, message)
    assert error.__cause__ is None  # nothing chained: the user sees this one error
    assert error.__context__ is None or error.__suppress_context__

    # The app: the catalog still lists the model; loading marks it (and only it) unavailable.
    found = catalog.discover(root)
    assert catalog.available_tasks(found) == ["dates"]
    entries = found["dates"]
    assert list(entries)[:3] == list(KINDS)
    assert entries[broken_kind].name == name
    assert (entries[broken_kind].problem is not None) == in_catalog
    statuses = {kind: models.get(entry) for kind, entry in entries.items()}
    broken = statuses[broken_kind]
    assert broken.status == "broken" and broken.translator is None
    if not in_catalog:  # the loader's own words, shown as plain text
        assert broken.problem.startswith(message.split(": ")[0] + ": ")
        assert all(word.lower() in broken.problem.lower() for word in words)
    for kind in KINDS:
        if kind == broken_kind:
            continue
        assert statuses[kind].status == "ok", (kind, statuses[kind].problem)
        trace = models.trace(entries[kind], statuses[kind].translator, SENTENCE, "greedy", 1, "")
        assert trace.attention_kind == kind and trace.steps
    assert not marker.exists(), "a pickle was unpickled"


def test_every_case_of_the_issue_is_here():
    """Issue 7 lists these kinds of damage; each has at least one case above."""
    names = " ".join(IDS)
    for kind in (
        "tampered",
        "truncated",
        "zero_length",
        "wrong_shape",
        "wrong_vocabulary",
        "pickle",
        "pt_file",
        "checksum_mismatch",
    ):
        assert kind in names, kind


# ----- the whole app, every page --------------------------------------------------------------


def _pages() -> list[str]:
    return sorted(f"explorer/pages/{p.name}" for p in PAGES_DIR.glob("*.py"))


def test_app_serves_every_page_with_damaged_models_beside(root, tmp_path, monkeypatch):
    """Two damaged dates models and a damaged English->French one: the working model still
    shows its figures on every page, and each damaged one is explained, naming it."""
    marker = tmp_path / "unpickled"
    pickle_in_place(root / "dates-bahdanau", marker)
    wrong_shape(root / "dates-none", marker)
    save(root / "fra-eng-dot", make_translator("dot", task="fra-eng"), {})
    zero_length_weights(root / "fra-eng-dot", marker)
    monkeypatch.setenv(ENV_ROOT, str(root))

    at = run_app(model="dates-dot", sentence=SENTENCE)  # fra-eng comes first in the task menu
    ok(at)
    assert at.sidebar.selectbox(key="task").value == "dates"
    radio = at.sidebar.radio(key="kind")
    labels = [radio.format_func(k) for k in KINDS]
    broken_label = STRINGS["en"]["unavailable_broken"]
    assert broken_label not in labels[0]
    assert broken_label in labels[1] and broken_label in labels[2]
    assert player(at), "the working model shows its step player"

    for kind in ("bahdanau", "none"):
        at.sidebar.radio(key="kind").set_value(kind).run()
        ok(at)
        assert f"dates-{kind}" in at.error[0].value
        assert f"dates-{kind}" in at.code[0].value  # the loader's message, as plain text
        assert not player(at)
        for page in _pages():
            at.switch_page(page).run()
            ok(at)
            assert at.title, page  # the page ran to its title at least
        at.switch_page("explorer/pages/explorer.py").run()

    at.sidebar.radio(key="kind").set_value("dot").run()
    ok(at)
    assert player(at)
    for page in _pages():
        at.switch_page(page).run()
        ok(at)
        assert at.title, page
    at.switch_page("explorer/pages/explorer.py").run()

    at.sidebar.selectbox(key="task").set_value("fra-eng").run()
    ok(at)
    assert "fra-eng-dot" in at.error[0].value and "empty" in at.code[0].value
    assert not marker.exists()
