"""kinds.py: one record per attention kind, and everything that derives from it."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file

from attention_core import decode
from attention_core.attention import make_score
from attention_core.checkpoint import load
from attention_core.decoders import BahdanauDecoder, LuongDecoder, make_decoder
from attention_core.kinds import ATTENTION_KINDS, KINDS, TEXT_SLOTS, kind
from attention_core.model import ModelConfig
from explorer.numbers import equations
from explorer.player import panels
from explorer.player.panels import output
from explorer.strings import STRINGS
from support.marks import needs_dates
from support.translators import make_translator

ROOT = Path(__file__).resolve().parent.parent
GENERAL = ROOT / "checkpoints" / "dates-general"


@pytest.mark.parametrize("name", KINDS)
def test_every_kind_names_every_text_slot_in_both_languages(name):
    record = kind(name)
    assert set(record.texts) == set(TEXT_SLOTS), name
    for slot in TEXT_SLOTS:
        key = record.text(slot)
        needed = record.has_attention or slot not in (
            "scores_caption",
            "geometry_caption",
            "eq_score",
        )
        needed = needed and (record.deep_output or slot != "eq_output")  # no s~_t, no line
        if needed:
            assert key, (name, slot)
        if key:
            assert STRINGS["en"].get(key) and STRINGS["ko"].get(key), (name, slot, key)


def test_an_unknown_kind_or_slot_fails_loudly():
    with pytest.raises(ValueError, match="unknown attention kind 'cosine'"):
        kind("cosine")
    with pytest.raises(ValueError, match="unknown attention kind"):
        make_score("cosine", 4, 4)
    with pytest.raises(ValueError):
        ModelConfig("cosine", 10, 10)
    with pytest.raises(KeyError, match="no text slot"):
        kind("dot").text("colour")
    with pytest.raises(TypeError):  # a record without its fields cannot be made
        type(kind("dot"))(name="cosine")


@pytest.mark.parametrize("name", ATTENTION_KINDS)
def test_factories_follow_the_record(name):
    record = kind(name)
    decoder = make_decoder(name, 12, 4, 6, 5, 0.0, True)
    expected = BahdanauDecoder if record.decoder == "bahdanau" else LuongDecoder
    assert type(decoder) is expected
    assert (decoder.score is not None) == record.has_attention
    assert record.query_time == ("" if not record.has_attention else record.query_time)
    if record.scalable:
        assert ModelConfig(name, 10, 10, scaled=True).scaled
    else:
        with pytest.raises(ValueError, match="scaled applies to dot attention only"):
            ModelConfig(name, 10, 10, scaled=True)


@pytest.mark.parametrize("name", ATTENTION_KINDS)
def test_a_trace_records_exactly_the_kinds_step_arrays(name):
    trace = decode(make_translator(name, seed=3), "a b c")
    record = kind(name)
    for step in trace.steps:
        present = {
            f
            for f in ("query", "context", "state", "output_input", "scores", "weights")
            + ("query_proj", "energies")
            if getattr(step, f) is not None
        }
        assert present == set(record.step_arrays), name
    for part in ("keys_proj", "score_vector"):
        assert (getattr(trace, part) is not None) == (part in record.sentence_parts), (name, part)


def test_a_decoder_that_records_what_its_kind_does_not_declare_is_refused(monkeypatch):
    """A kind's record and its decoder must agree: an extra value is an error, never dropped."""
    monkeypatch.setitem(KINDS, "dot", replace(KINDS["dot"], score_parts=("extra",)))
    with pytest.raises(ValueError, match="its kind says"):
        decode(make_translator("dot", seed=3), "a b c")


@pytest.mark.parametrize("name", ATTENTION_KINDS)
def test_the_step_view_follows_the_record(name):
    trace = decode(make_translator(name, seed=3), "a b c")
    record = kind(name)
    names = [p.name for p in panels.panels_of(trace)]
    assert [n for n in names if n not in record.views] == list(record.panels)
    assert panels.main_panel(trace) == record.main_panel
    eqs = dict(equations.step_equations(trace, 0))
    assert record.text("eq_state") in eqs and record.text("eq_output") in eqs
    if record.has_attention:
        i = int(np.argmax(trace.steps[0].weights)) + 1  # the equation's source position
        assert f"= {record.score_term(1, i)} =" in eqs[record.text("eq_score")]
    # the output panel's rows: what the output layer reads, in the record's order, then s~_t
    rows = [symbol for symbol, _ in output.numbers(trace, 0)]
    recorded = [n for n in record.output_reads if n != "embedding"]
    symbols = {"context": record.context_symbol, "state": "s_t"}
    assert rows == [symbols[n] for n in recorded] + ["s~_t"]


@needs_dates
@pytest.mark.skipif(not GENERAL.is_dir(), reason="checkpoints/dates-general is not shipped")
def test_the_general_model_scores_with_its_saved_W_a():
    """Luong's general score from the file's own W_a: e^t_i = s_t^T W_a h_i, the query is s_t
    (the state after the step's RNN update), and the weights are the scores' softmax."""
    tr = load(GENERAL)
    assert tr.attention == "general"
    trace = decode(tr, "14 juillet 1789")
    assert trace.output_text == "1789-07-14"
    W_a = load_file(GENERAL / "model.safetensors")["decoder.score.W_a.weight"].astype(np.float64)
    keys = trace.keys.astype(np.float64)  # (S, H)
    np.testing.assert_allclose(trace.keys_proj, keys @ W_a.T, atol=2e-3)
    for step in trace.steps:
        q = step.query.astype(np.float64)
        np.testing.assert_array_equal(step.query, step.state)  # s_t, after the RNN update
        np.testing.assert_allclose(step.scores, keys @ W_a.T @ q, rtol=1e-3, atol=2e-3)
        e = np.exp(step.scores - step.scores.max())
        np.testing.assert_allclose(step.weights, e / e.sum(), atol=1e-6)
        np.testing.assert_allclose(step.context, step.weights @ keys, atol=1e-5)


def test_only_trainable_kinds_are_built_by_our_trainer():
    """The PyTorch tutorial's kind is read from its own files (tutorial_import), never built
    by model.Seq2Seq: our configs refuse it, and the app still knows its record."""
    assert "tutorial" in KINDS and "tutorial" not in ATTENTION_KINDS
    with pytest.raises(ValueError, match="attention must be one of"):
        ModelConfig("tutorial", 10, 10)
    record = kind("tutorial")
    assert not record.deep_output and record.output_reads == ("state",)
    assert record.query_time == "previous" and record.score_parts == kind("bahdanau").score_parts
