"""decoding.py and decoders.py: what the trace records, and that every path computes the same."""

import threading

import numpy as np
import pytest
import torch

from attention_core import InputError, Trace, decode, translate
from attention_core.data import collate
from attention_core.vocab import EOS, SOS
from support.translators import make_translator

SOURCES = ["5 mars 2024", "Tuesday, March 5, 2024", "05.03.24"]
REFERENCE = "2024-03-05"


def test_trace_invariants(translator):
    trace = decode(translator, SOURCES[1])
    S = len(trace.source_tokens)
    assert trace.source_tokens == list(SOURCES[1])
    assert trace.keys.shape == (S, translator.model.config.hidden)
    assert len(trace.steps) >= 1 and len(trace.output_tokens) in (
        len(trace.steps),
        len(trace.steps) - 1,
    )
    for t, step in enumerate(trace.steps):
        assert step.index == t
        assert step.input_token == (SOS if t == 0 else trace.steps[t - 1].token)
        probs = [p for _, p in step.top_k]
        assert probs == sorted(probs, reverse=True) and step.top_k[0][1] <= 1
        if translator.attention == "none":
            assert step.weights is None and step.scores is None
            np.testing.assert_allclose(step.context, trace.steps[0].context)  # never changes
        else:
            assert step.weights.shape == step.scores.shape == (S,)
            assert abs(step.weights.sum() - 1) < 1e-5
            np.testing.assert_allclose(step.context, step.weights @ trace.keys, atol=1e-5)
            e = np.exp(step.scores - step.scores.max())
            np.testing.assert_allclose(step.weights, e / e.sum(), atol=1e-6)


def test_query_timing(translator):
    """Bahdanau queries with s_{t-1} (the state before the step); the others with s_t."""
    trace = decode(translator, SOURCES[0])
    for t, step in enumerate(trace.steps):
        if translator.attention == "bahdanau":
            before = trace.initial_state if t == 0 else trace.steps[t - 1].state
            np.testing.assert_array_equal(step.query, before)
            assert step.energies.shape == (len(trace.source_tokens), step.query_proj.shape[0])
        else:
            np.testing.assert_array_equal(step.query, step.state)


def test_forced_decoding_equals_batched_training_path(translator):
    """The recorder's one-step path and the batched teacher-forced path give the same numbers."""
    tr = translator
    items = []
    for s in SOURCES:
        items.append(
            (
                tr.src_vocab.encode(tr.task.tokenize_source(s)),
                tr.tgt_vocab.encode(tr.task.tokenize_target(REFERENCE)),
            )
        )
    src, lengths, tgt_in, tgt_out = collate(items)
    with torch.no_grad():
        logp = torch.log_softmax(tr.model(src, lengths, tgt_in), dim=-1)  # (B, T, V)
    for b, s in enumerate(SOURCES):
        trace = decode(tr, s, mode="forced", reference=REFERENCE)
        assert [st.token for st in trace.steps] == [*REFERENCE, EOS]
        batched = logp[b, torch.arange(tgt_out.size(1)), tgt_out[b]].numpy()
        recorded = np.array([st.log_prob for st in trace.steps])
        np.testing.assert_allclose(recorded, batched[: len(recorded)], atol=1e-5)


def test_greedy_picks_the_top_token(translator):
    trace = decode(translator, SOURCES[2])
    for step in trace.steps:
        assert step.token == step.top_k[0][0]
        assert abs(np.exp(step.log_prob) - step.top_k[0][1]) < 1e-5


def test_unknown_source_characters_are_flagged(translator):
    trace = decode(translator, "5 mars 2024 ☃")
    assert trace.source_tokens[-1] == "☃" and trace.source_oov[-1]
    assert not any(trace.source_oov[:-1])


def test_json_round_trip_is_exact(translator):
    for mode in ("greedy", "beam"):
        trace = decode(translator, SOURCES[0], mode=mode, beam=3)
        text = trace.to_json()
        again = Trace.from_json(text)
        assert again.to_json() == text
        data = trace.to_dict()
        for key in ("source_tokens", "output_tokens", "attention", "keys", "steps"):
            assert key in data


def test_decoding_is_deterministic_and_leaves_the_model_alone(translator):
    before = {k: v.clone() for k, v in translator.model.state_dict().items()}
    a = decode(translator, SOURCES[1]).to_json()
    b = decode(translator, SOURCES[1]).to_json()
    assert a == b
    after = translator.model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert not translator.model.training


def test_threads_share_one_model():
    from support.translators import make_translator

    tr = make_translator("bahdanau")
    expected = {s: decode(tr, s).to_json() for s in SOURCES}
    results, errors = {}, []

    def work(i):
        try:
            s = SOURCES[i % len(SOURCES)]
            results[i] = (s, decode(tr, s).to_json())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(expected[s] == out for s, out in results.values())


def test_override_with_own_weights_reproduces_the_trace(kind):
    from support.translators import make_translator

    if kind == "none":
        pytest.skip("the no-attention model has no weights to override")
    tr = make_translator(kind)
    base = decode(tr, SOURCES[1])
    own = {t: s.weights.tolist() for t, s in enumerate(base.steps)}
    again = decode(tr, SOURCES[1], overrides=own)
    assert again.output_tokens == base.output_tokens
    for s1, s2 in zip(base.steps, again.steps):
        np.testing.assert_allclose(s1.context, s2.context, atol=1e-6)


def test_one_hot_override_makes_the_context_that_key(kind):
    from support.translators import make_translator

    if kind == "none":
        pytest.skip("the no-attention model has no weights to override")
    tr = make_translator(kind)
    one_hot = [0.0] * len(SOURCES[0])
    one_hot[2] = 1.0
    trace = decode(tr, SOURCES[0], overrides={1: one_hot})
    np.testing.assert_allclose(trace.steps[1].context, trace.keys[2], atol=1e-6)
    assert trace.overrides == {1: one_hot}


def test_forced_prefix_appears_verbatim(translator):
    trace = decode(translator, SOURCES[0], prefix="19")
    assert trace.output_tokens[:2] == ["1", "9"]


@pytest.mark.parametrize("option", ["prefix", "reference"])
def test_forced_text_longer_than_the_output_cap_is_refused(option):
    from support.translators import make_translator

    tr = make_translator("dot")
    limit = tr.task.max_target_tokens - 1
    mode = "forced" if option == "reference" else "greedy"
    decode(tr, SOURCES[0], mode=mode, **{option: "1" * limit})  # the longest allowed
    with pytest.raises(InputError) as err:
        decode(tr, SOURCES[0], mode=mode, **{option: "1" * (limit + 1)})
    assert err.value.code == "target_too_long" and err.value.params["limit"] == limit


def test_batched_greedy_equals_one_sentence_greedy(translator):
    """Evaluation decodes in padded batches; it must give what the recorder gives."""
    from attention_core import translate_batch

    sources = [*SOURCES, "1 janvier 1999", "Montag, 31. Dezember 2040"]
    batched = translate_batch(translator, sources, batch_size=3)
    assert batched == [decode(translator, s).output_tokens for s in sources]


@pytest.mark.parametrize("kind", ["dot", "bahdanau", "none"])
@pytest.mark.parametrize("options", [{}, {"mode": "beam", "beam": 3}])
def test_decode_always_gives_a_trace_and_translate_its_tokens(kind, options):
    """One return type each: ``decode`` a Trace, ``translate`` the same output's tokens."""
    tr = make_translator(kind, seed=3)
    trace = decode(tr, "5 mars 2024", **options)
    assert isinstance(trace, Trace)
    assert translate(tr, "5 mars 2024", **options) == trace.output_tokens
    with pytest.raises(TypeError):
        decode(tr, "5 mars 2024", record=False)
