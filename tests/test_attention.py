"""attention.py: the score functions and the shared masked softmax / context sum."""

import pytest
import torch

from attention_core.attention import (
    AdditiveScore,
    DotScore,
    GeneralScore,
    attend,
    make_score,
    masked_softmax,
)

B, S, H, A = 3, 7, 5, 4


@pytest.fixture
def batch():
    torch.manual_seed(0)
    keys = torch.randn(B, S, H)
    query = torch.randn(B, H)
    lengths = torch.tensor([7, 4, 1])
    mask = torch.arange(S)[None, :] < lengths[:, None]
    return query, keys, mask


@pytest.mark.parametrize("score", [DotScore(), GeneralScore(H), AdditiveScore(H, A)])
def test_weights_are_a_distribution_with_zero_on_padding(score, batch):
    query, keys, mask = batch
    att = attend(score, query, keys, score.prepare(keys), mask)
    assert att.scores.shape == att.weights.shape == (B, S)
    torch.testing.assert_close(att.weights.sum(-1), torch.ones(B))
    assert (att.weights[~mask] == 0).all()  # exactly zero, not just small
    assert (att.weights[mask] > 0).all()
    # the context is the weighted sum of the keys (keys = values)
    torch.testing.assert_close(att.context, torch.einsum("bs,bsh->bh", att.weights, keys))
    # the recorded weights are the softmax of the recorded scores over the real positions
    for b in range(B):
        n = int(mask[b].sum())
        torch.testing.assert_close(att.weights[b, :n], att.scores[b, :n].softmax(-1))


def test_dot_score_is_the_plain_dot_product(batch):
    query, keys, mask = batch
    scores, parts = DotScore()(query, keys, None)
    torch.testing.assert_close(scores, (keys * query[:, None, :]).sum(-1))
    assert parts == {} and list(DotScore().parameters()) == []


def test_scaled_dot_divides_by_the_root_of_the_size(batch):
    query, keys, mask = batch
    plain, _ = DotScore()(query, keys, None)
    scaled = make_score("dot", H, A, scaled=True)
    scores, _ = scaled(query, keys, None)
    torch.testing.assert_close(scores, plain / H**0.5)
    # Same ranking, flatter weights: the largest weight can only shrink when scores shrink.
    sharp = attend(DotScore(), query, keys, None, mask).weights
    flat = attend(scaled, query, keys, None, mask).weights
    assert (flat.argmax(-1) == sharp.argmax(-1)).all()
    assert (flat.max(-1).values <= sharp.max(-1).values + 1e-6).all()


def test_general_score_is_bilinear(batch):
    query, keys, _ = batch
    score = GeneralScore(H)
    scores, _ = score(query, keys, score.prepare(keys))
    W = score.W_a.weight
    torch.testing.assert_close(scores, torch.einsum("bh,hk,bsk->bs", query, W, keys))


def test_additive_score_parts_rebuild_the_score(batch):
    query, keys, _ = batch
    score = AdditiveScore(H, A)
    prepared = score.prepare(keys)
    scores, parts = score(query, keys, prepared)
    torch.testing.assert_close(parts["query_proj"], query @ score.W_b.weight.T)
    torch.testing.assert_close(prepared, keys @ score.W_c.weight.T)
    energies = torch.tanh(parts["query_proj"][:, None, :] + prepared)
    torch.testing.assert_close(parts["energies"], energies)
    torch.testing.assert_close(scores, energies @ score.v_a.weight[0])


def test_override_replaces_the_weights(batch):
    query, keys, mask = batch
    override = torch.zeros(B, S)
    override[:, 0] = 1.0
    att = attend(DotScore(), query, keys, None, mask, override)
    torch.testing.assert_close(att.context, keys[:, 0])
    assert torch.equal(att.weights, override)


def test_masked_softmax_large_scores_stay_finite():
    scores = torch.tensor([[1e4, -1e4, 3.0]])
    w = masked_softmax(scores, torch.tensor([[True, True, False]]))
    assert torch.isfinite(w).all() and w[0, 2] == 0


def test_make_score_kinds():
    assert make_score("none", H, A) is None
    assert isinstance(make_score("bahdanau", H, A), AdditiveScore)
    with pytest.raises(ValueError):
        make_score("cosine", H, A)
