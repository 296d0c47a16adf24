"""encoder.py: the bidirectional GRU's keys, mask and summary, and why packing matters."""

import pytest
import torch

from attention_core.encoder import Encoder

V, E, H = 20, 6, 5


def make_encoder(layers: int = 1, dropout: float = 0.3) -> Encoder:
    torch.manual_seed(0)
    return Encoder(V, E, H, layers, dropout).eval()


def pad(sentences: list[list[int]], width: int | None = None):
    """A padded batch (id 0) and its lengths, as data.collate builds it."""
    lengths = torch.tensor([len(s) for s in sentences])
    src = torch.zeros(len(sentences), width or int(lengths.max()), dtype=torch.long)
    for r, s in enumerate(sentences):
        src[r, : len(s)] = torch.tensor(s)
    return src, lengths


# Unsorted lengths, on purpose: the encoder packs with enforce_sorted=False.
SENTENCES = [[4, 5, 6], [7, 8, 9, 10, 11, 12, 13], [14], [15, 16, 17, 18, 19]]


@pytest.mark.parametrize("layers", [1, 2])
def test_padding_does_not_change_a_sentences_keys(layers):
    """A sentence alone and in a padded batch with longer ones: same keys, same summary.

    Without packing, the backward direction would start on the padding of the short sentences.
    """
    enc = make_encoder(layers)
    with torch.no_grad():
        batch = enc(*pad(SENTENCES, width=9))  # wider than the longest: extra padding column
        for b, s in enumerate(SENTENCES):
            alone = enc(*pad([s]))
            n = len(s)
            torch.testing.assert_close(batch.keys[b, :n], alone.keys[0], rtol=0, atol=1e-6)
            torch.testing.assert_close(batch.summary[b], alone.summary[0], rtol=0, atol=1e-6)
            assert (batch.keys[b, n:] == 0).all()  # padded positions carry nothing


def test_mask_is_true_exactly_at_real_positions():
    enc = make_encoder()
    src, lengths = pad(SENTENCES, width=9)
    with torch.no_grad():
        mask = enc(src, lengths).mask
    assert mask.shape == src.shape and mask.dtype == torch.bool
    assert mask.sum(1).tolist() == lengths.tolist()
    for b, n in enumerate(lengths.tolist()):
        assert mask[b, :n].all() and not mask[b, n:].any()  # a prefix: real tokens come first


@pytest.mark.parametrize("layers", [1, 2])
def test_keys_have_the_decoder_size_and_summary_both_directions(layers):
    enc = make_encoder(layers)
    src, lengths = pad(SENTENCES)
    with torch.no_grad():
        out = enc(src, lengths)
    B, S = src.shape
    assert out.keys.shape == (B, S, H)  # the two directions summed, not concatenated
    assert out.summary.shape == (B, 2 * H)


@pytest.mark.parametrize("layers", [1, 2])
def test_keys_sum_the_directions_and_summary_is_their_final_states(layers):
    """keys_i = fwd_i + bwd_i; summary = [fwd at the last token ; bwd at the first token]."""
    enc = make_encoder(layers)
    src, lengths = pad([SENTENCES[1]])
    with torch.no_grad():
        out = enc(src, lengths)
        states, _ = enc.rnn(enc.embed(src))  # (1, S, 2H) unpacked: no padding to worry about
    fwd, bwd = states[0, :, :H], states[0, :, H:]
    torch.testing.assert_close(out.keys[0], fwd + bwd, rtol=0, atol=1e-6)
    torch.testing.assert_close(out.summary[0], torch.cat([fwd[-1], bwd[0]]), rtol=0, atol=1e-6)


def test_every_key_sees_the_whole_sentence():
    """Bidirectional: changing the last token changes the first key, and the first token the
    last key."""
    enc = make_encoder()
    s = SENTENCES[1]
    with torch.no_grad():
        base = enc(*pad([s])).keys[0]
        last_changed = enc(*pad([[*s[:-1], 4]])).keys[0]
        first_changed = enc(*pad([[4, *s[1:]]])).keys[0]
    assert not torch.allclose(base[0], last_changed[0])
    assert not torch.allclose(base[-1], first_changed[-1])


def test_padding_id_embeds_to_zero():
    enc = make_encoder()
    assert (enc.embed.weight[0] == 0).all()
    assert enc.embed.padding_idx == 0


def test_dropout_acts_in_training_only():
    """Eval mode is deterministic; training mode drops embeddings (so the eval check could fail)."""
    enc = make_encoder(dropout=0.5)
    src, lengths = pad(SENTENCES)
    with torch.no_grad():
        a, b = enc(src, lengths), enc(src, lengths)
        assert torch.equal(a.keys, b.keys) and torch.equal(a.summary, b.summary)
        enc.train()
        torch.manual_seed(1)
        c = enc(src, lengths)
    assert not torch.allclose(a.keys, c.keys)
