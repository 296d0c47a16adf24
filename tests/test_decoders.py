"""decoders.py: when each decoder queries, what one ``step`` returns, Memory and State."""

import pytest
import torch

from attention_core.attention import AdditiveScore, DotScore, GeneralScore, masked_softmax
from attention_core.decoders import (
    BahdanauDecoder,
    LuongDecoder,
    Memory,
    State,
    make_decoder,
    make_memory,
)
from attention_core.encoder import Encoder

V, E, H, A = 20, 6, 5, 4
SENTENCES = [[4, 5, 6], [7, 8, 9, 10, 11, 12], [13]]
TOKENS = [1, 7, 12, 5]  # decoder inputs: <sos>, then any ids
LUONG_ATTENTION = ["dot", "general"]
WITH_ATTENTION = ["dot", "general", "bahdanau"]


def pad(sentences):
    lengths = torch.tensor([len(s) for s in sentences])
    src = torch.zeros(len(sentences), int(lengths.max()), dtype=torch.long)
    for r, s in enumerate(sentences):
        src[r, : len(s)] = torch.tensor(s)
    return src, lengths


def setup(kind, sentences=SENTENCES, input_feeding=True, seed=0):
    """A random encoder and ``kind`` decoder (eval mode), the memory and s_0 for ``sentences``."""
    torch.manual_seed(seed)
    enc = Encoder(V, E, H, 1, 0.3).eval()
    dec = make_decoder(kind, V, E, H, A, 0.3, input_feeding).eval()
    with torch.no_grad():
        encoded = enc(*pad(sentences))
        memory = make_memory(dec, encoded)
        state = dec.initial_state(memory, encoded.summary)
    return dec, memory, state, encoded


def tokens(t, n=None):
    """The t-th decoder input for n rows (default: one per sentence of SENTENCES)."""
    return torch.full((len(SENTENCES) if n is None else n,), TOKENS[t])


def attention_for(dec, query, memory):
    return masked_softmax(dec.score(query, memory.keys, memory.prepared)[0], memory.mask)


@pytest.mark.parametrize("kind", LUONG_ATTENTION)
@torch.no_grad()
def test_luong_queries_with_the_state_after_the_rnn_update(kind):
    dec, memory, state, _ = setup(kind)
    for t in range(3):
        _, new, rec = dec.step(tokens(t), state, memory)
        assert torch.equal(rec.query, new.hidden) and torch.equal(rec.state, new.hidden)
        assert not torch.allclose(rec.query, state.hidden)
        torch.testing.assert_close(rec.weights, attention_for(dec, new.hidden, memory))
        assert not torch.allclose(rec.weights, attention_for(dec, state.hidden, memory))
        state = new


@torch.no_grad()
def test_bahdanau_queries_with_the_state_before_the_rnn_update():
    dec, memory, state, _ = setup("bahdanau")
    for t in range(3):
        _, new, rec = dec.step(tokens(t), state, memory)
        assert torch.equal(rec.query, state.hidden)
        assert torch.equal(rec.state, new.hidden)
        assert not torch.allclose(new.hidden, state.hidden)
        torch.testing.assert_close(rec.weights, attention_for(dec, state.hidden, memory))
        assert not torch.allclose(rec.weights, attention_for(dec, new.hidden, memory))
        state = new


@pytest.mark.parametrize("kind", WITH_ATTENTION)
@torch.no_grad()
def test_only_luong_attention_sees_the_token_fed_at_this_step(kind):
    """Luong's query s_t has read y_{t-1}; Bahdanau's s_{t-1} has not, so its weights at step t
    cannot depend on the token fed at step t."""
    dec, memory, state, _ = setup(kind)
    _, _, one = dec.step(tokens(1), state, memory)
    _, _, other = dec.step(tokens(2), state, memory)
    same = torch.allclose(one.weights, other.weights)
    assert same == (kind == "bahdanau")


@pytest.mark.parametrize("kind", WITH_ATTENTION)
@torch.no_grad()
def test_step_weights_are_a_distribution_with_zero_on_padding(kind):
    dec, memory, state, _ = setup(kind)
    assert not memory.mask.all()  # the batch has padding
    for t in range(len(TOKENS)):
        _, state, rec = dec.step(tokens(t), state, memory)
        w = rec.weights
        torch.testing.assert_close(w.sum(-1), torch.ones(len(SENTENCES)))
        assert (w[~memory.mask] == 0).all() and (w[memory.mask] > 0).all()
        expected = torch.einsum("bs,bsh->bh", w, memory.keys)
        torch.testing.assert_close(rec.context, expected)


@torch.no_grad()
def test_no_attention_context_is_the_fixed_summary_whatever_the_keys():
    dec, memory, state, encoded = setup("none")
    assert dec.score is None
    # make_memory: the two final encoder states, summed like the keys
    torch.testing.assert_close(
        memory.fixed_context, encoded.summary[:, :H] + encoded.summary[:, H:]
    )
    noise = Memory(
        torch.randn_like(memory.keys), None, torch.ones_like(memory.mask), memory.fixed_context
    )
    other = state
    for t in range(len(TOKENS)):
        out, state, rec = dec.step(tokens(t), state, memory)
        out2, other, _ = dec.step(tokens(t), other, noise)
        assert torch.equal(rec.context, memory.fixed_context)  # the same vector every step
        assert rec.weights is None and rec.scores is None and not rec.parts
        assert torch.equal(out, out2) and torch.equal(state.hidden, other.hidden)


@torch.no_grad()
def test_an_attention_decoder_does_read_the_keys():
    """The contrast to the test above: with attention, other keys give another output."""
    dec, memory, state, _ = setup("dot")
    noise = memory._replace(keys=torch.randn_like(memory.keys))
    out, _, _ = dec.step(tokens(0), state, memory)
    out2, _, _ = dec.step(tokens(0), state, noise)
    assert not torch.allclose(out, out2)


@pytest.mark.parametrize("kind", ["dot", "general", "bahdanau", "none"])
@torch.no_grad()
def test_memory_expand_gives_identical_rows_without_copying(kind):
    dec, memory, state, _ = setup(kind, sentences=[SENTENCES[1]])
    n = 3
    wide = memory.expand(n)
    assert (wide.prepared is None) == (memory.prepared is None) == (kind in ("dot", "none"))
    for one, many in zip(memory, wide):
        if one is None:
            continue
        assert many.shape == (n, *one.shape[1:])
        assert many.data_ptr() == one.data_ptr() and many.stride(0) == 0  # a view, no copy
        for row in many:
            assert torch.equal(row, one[0])
    # n identical hypotheses step to n identical rows, each the one-row step
    out1, state1, _ = dec.step(tokens(0, 1), state, memory)
    rows = torch.zeros(n, dtype=torch.long)
    out_n, state_n, _ = dec.step(tokens(0, n), state.select(rows), wide)
    for r in range(n):
        torch.testing.assert_close(out_n[r], out1[0], rtol=0, atol=1e-6)
        torch.testing.assert_close(state_n.hidden[r], state1.hidden[0], rtol=0, atol=1e-6)


@pytest.mark.parametrize("with_feed", [True, False])
def test_state_select_picks_and_reorders_rows(with_feed):
    hidden = torch.arange(4.0)[:, None].expand(4, H)
    feed = -hidden if with_feed else None
    picked = State(hidden, feed).select(torch.tensor([2, 0, 2]))
    assert picked.hidden[:, 0].tolist() == [2.0, 0.0, 2.0]
    if with_feed:
        assert picked.feed[:, 0].tolist() == [-2.0, -0.0, -2.0]
    else:
        assert picked.feed is None


@pytest.mark.parametrize("kind", ["dot", "general", "bahdanau", "none"])
@torch.no_grad()
def test_a_batched_step_equals_each_sentence_stepped_alone(kind):
    """Rows do not interact: padding and the other sentences change nothing."""
    dec, memory, state, _ = setup(kind)
    batch_outs = []
    for t in range(len(TOKENS)):
        out, state, rec = dec.step(tokens(t), state, memory)
        batch_outs.append((out, rec))
    for b, s in enumerate(SENTENCES):
        _, memory1, state1, _ = setup(kind, sentences=[s])
        for t in range(len(TOKENS)):
            out1, state1, rec1 = dec.step(tokens(t, 1), state1, memory1)
            out, rec = batch_outs[t]
            torch.testing.assert_close(out[b], out1[0], rtol=0, atol=1e-6)
            if kind != "none":
                torch.testing.assert_close(
                    rec.weights[b, : len(s)], rec1.weights[0], rtol=0, atol=1e-6
                )


@pytest.mark.parametrize("kind", LUONG_ATTENTION + ["none"])
@torch.no_grad()
def test_input_feeding_passes_the_attentional_state_to_the_next_step(kind):
    dec, memory, state, encoded = setup(kind)
    assert torch.equal(state.feed, torch.zeros(len(SENTENCES), H))  # s~_0 = 0
    torch.testing.assert_close(state.hidden, torch.tanh(dec.bridge(encoded.summary)))
    out, new, rec = dec.step(tokens(0), state, memory)
    assert torch.equal(new.feed, out) and torch.equal(out, rec.output_input)  # eval: no drop
    # the fed vector matters: another s~_{t-1} gives another s_t
    changed = new._replace(feed=torch.zeros_like(new.feed))
    _, fed, _ = dec.step(tokens(1), new, memory)
    _, unfed, _ = dec.step(tokens(1), changed, memory)
    assert not torch.allclose(fed.hidden, unfed.hidden)

    plain, memory, state, _ = setup(kind, input_feeding=False)
    assert state.feed is None and plain.cell.input_size == E
    assert dec.cell.input_size == E + H
    assert plain.step(tokens(0), state, memory)[1].feed is None


@torch.no_grad()
def test_bahdanau_state_has_no_feed():
    dec, memory, state, encoded = setup("bahdanau")
    assert state.feed is None
    torch.testing.assert_close(state.hidden, torch.tanh(dec.bridge(encoded.summary)))
    _, new, rec = dec.step(tokens(0), state, memory)
    assert new.feed is None
    assert set(rec.parts) == {"query_proj", "energies"}  # the additive score's parts
    assert rec.parts["energies"].shape == (len(SENTENCES), max(map(len, SENTENCES)), A)


@pytest.mark.parametrize(
    "kind, decoder, score",
    [
        ("dot", LuongDecoder, DotScore),
        ("general", LuongDecoder, GeneralScore),
        ("bahdanau", BahdanauDecoder, AdditiveScore),
        ("none", LuongDecoder, type(None)),
    ],
)
def test_make_decoder_and_make_memory_per_kind(kind, decoder, score):
    dec, memory, _, encoded = setup(kind)
    assert type(dec) is decoder and type(dec.score) is score
    keys = encoded.keys
    assert memory.keys is keys and memory.mask is encoded.mask
    with torch.no_grad():
        if kind == "general":
            torch.testing.assert_close(memory.prepared, dec.score.W_a(keys))  # W_a h_i, once
        elif kind == "bahdanau":
            torch.testing.assert_close(memory.prepared, dec.score.W_c(keys))  # W_c h_i, once
        else:
            assert memory.prepared is None


def test_make_decoder_passes_the_scale_to_dot_only():
    assert make_decoder("dot", V, E, H, A, 0.0, True, scaled=True).score.scale == H**-0.5
    assert make_decoder("dot", V, E, H, A, 0.0, True).score.scale == 1.0
    with pytest.raises(ValueError):
        make_decoder("cosine", V, E, H, A, 0.0, True)
