"""The examples labelled by what they show (explorer/content/examples.TELLING) show it with the
shipped models: the labels are claims about the models, checked here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from attention_core import decode
from attention_core.checkpoint import load
from explorer.content.examples import TELLING, reference_for
from explorer.strings import STRINGS

CHECKPOINTS = Path(__file__).resolve().parents[1] / "checkpoints"


def _model(name: str):
    if not (CHECKPOINTS / name / "config.json").is_file():
        pytest.skip(f"{name} is not shipped here")
    return load(CHECKPOINTS / name)


def _sentence(task: str, label: str) -> str:
    return next(s for key, s, _ in TELLING[task] if key == label)


def test_every_label_is_translated_and_every_reference_known():
    for task, examples in TELLING.items():
        for label, sentence, reference in examples:
            assert label in STRINGS["en"] and label in STRINGS["ko"]
            assert reference_for(task, sentence) == reference


def test_the_reordering_example_crosses():
    trace = decode(_model("fra-eng-dot"), _sentence("fra-eng", "example_reorder"))
    out = trace.output_tokens
    src = trace.source_tokens
    looked = {s.token: src[int(np.argmax(s.weights))] for s in trace.steps}
    assert looked["voiture"] == "car" and looked["rouge"] == "red"
    assert out.index("voiture") < out.index("rouge") and src.index("red") < src.index("car")


def test_the_dropped_word_example_drops_it_in_one_model_only():
    sentence = _sentence("fra-eng", "example_dropped")
    assert "gare" not in decode(_model("fra-eng-dot"), sentence).output_tokens
    assert "gare" in decode(_model("fra-eng-bahdanau"), sentence).output_tokens


def test_the_bottleneck_example_goes_wrong_only_without_attention():
    sentence = _sentence("fra-eng", "example_bottleneck")
    assert "jardin" in decode(_model("fra-eng-dot"), sentence).output_tokens
    assert "jardin" not in decode(_model("fra-eng-none"), sentence).output_tokens


@pytest.mark.parametrize(
    "label", ["example_month_letters", "example_day_first", "example_iso_copied"]
)
def test_the_dates_examples_come_out_right(label):
    sentence = _sentence("dates", label)
    reference = reference_for("dates", sentence)
    assert decode(_model("dates-dot"), sentence).output_text == reference
