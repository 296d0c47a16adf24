"""Attention: score functions, the masked softmax and the context sum.

Every score function has the same signature, ``score(query, keys, prepared) -> (scores, parts)``,
so a decoder can swap one for another; ``attend`` then turns scores into weights and a context in
one place. Keys double as values (h_i), as in both papers.

Shape legend: B batch, S source positions, H hidden size, A additive-attention size.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import Tensor, nn

from .kinds import kind


class Attended(NamedTuple):
    scores: Tensor  # (B, S) e^t, before the softmax
    weights: Tensor  # (B, S) alpha^t, after the softmax; exactly 0 at padded positions
    context: Tensor  # (B, H) a_t = sum_i alpha^t_i h_i
    parts: dict[str, Tensor]  # score-specific intermediates, e.g. Bahdanau's tanh energies


class Score(nn.Module):
    """Base class: ``prepare`` does the per-sentence work once; ``forward`` scores one query."""

    def prepare(self, keys: Tensor) -> Tensor | None:
        return None

    def forward(
        self, query: Tensor, keys: Tensor, prepared: Tensor | None
    ) -> tuple[Tensor, dict[str, Tensor]]:
        raise NotImplementedError


class DotScore(Score):
    """Luong et al. 2015, eq. 8 (dot): score(s_t, h_i) = s_t . h_i, no learned parameters.

    ``scale`` multiplies the scores; the scaled variant uses 1/sqrt(H) (Vaswani et al. 2017,
    sec. 3.2.1): without it, dot products of 256-wide GRU states reach +-100, the softmax is
    one-hot from the first epoch and its gradient vanishes, so alignment cannot be relearned.
    """

    def __init__(self, scale: float = 1.0):
        super().__init__()
        self.scale = scale

    def forward(self, query, keys, prepared):
        scores = torch.bmm(keys, query.unsqueeze(2)).squeeze(2)  # (B, S)
        return scores * self.scale if self.scale != 1.0 else scores, {}


class GeneralScore(Score):
    """Luong et al. 2015, eq. 8 (general): score(s_t, h_i) = s_t^T W_a h_i.

    ``prepare`` maps the keys once (W_a h_i, kept in the trace as ``keys_proj``), so each step's
    scores are a dot product of s_t with the mapped keys."""

    def __init__(self, hidden: int):
        super().__init__()
        self.W_a = nn.Linear(hidden, hidden, bias=False)

    def prepare(self, keys):
        return self.W_a(keys)  # (B, S, H) W_a h_i, the same for every decoder step

    def forward(self, query, keys, prepared):
        scores = torch.bmm(prepared, query.unsqueeze(2)).squeeze(2)  # (B, S)
        return scores, {}


class AdditiveScore(Score):
    """Bahdanau et al. 2015, appendix A.1.2: e_i = v_a^T tanh(W_b s_{t-1} + W_c h_i).

    The paper names the matrices W_a and U_a; we follow the course notes (W_b, W_c, v_a).
    """

    def __init__(self, hidden: int, attn_dim: int):
        super().__init__()
        self.W_b = nn.Linear(hidden, attn_dim, bias=False)  # acts on the query s_{t-1}
        self.W_c = nn.Linear(hidden, attn_dim, bias=False)  # acts on every key h_i
        self.v_a = nn.Linear(attn_dim, 1, bias=False)

    def prepare(self, keys):
        return self.W_c(keys)  # (B, S, A) W_c h_i, computed once per sentence

    def forward(self, query, keys, prepared):
        query_proj = self.W_b(query)  # (B, A)
        energies = torch.tanh(query_proj.unsqueeze(1) + prepared)  # (B, S, A)
        scores = self.v_a(energies).squeeze(2)  # (B, S)
        return scores, {"query_proj": query_proj, "energies": energies}


def masked_softmax(scores: Tensor, mask: Tensor) -> Tensor:
    """Softmax over source positions; ``mask`` is True for real tokens.

    Filling with -inf before the softmax makes padded weights exactly 0 (exp(-inf) = 0).
    """
    return scores.masked_fill(~mask, float("-inf")).softmax(dim=-1)


def attend(
    score: Score,
    query: Tensor,
    keys: Tensor,
    prepared: Tensor | None,
    mask: Tensor,
    override: Tensor | None = None,
) -> Attended:
    """Scores -> weights -> context. ``override`` (B, S) replaces the weights (what-if views)."""
    scores, parts = score(query, keys, prepared)
    weights = masked_softmax(scores, mask) if override is None else override
    context = torch.bmm(weights.unsqueeze(1), keys).squeeze(1)  # (B, H)
    return Attended(scores, weights, context, parts)


# Each attention kind's score (kinds.py holds the rest of what a kind is).
SCORES = {
    "dot": lambda hidden, attn_dim, scaled: DotScore(hidden**-0.5 if scaled else 1.0),
    "general": lambda hidden, attn_dim, scaled: GeneralScore(hidden),
    "bahdanau": lambda hidden, attn_dim, scaled: AdditiveScore(hidden, attn_dim),
}


def make_score(name: str, hidden: int, attn_dim: int, scaled: bool = False) -> Score | None:
    """The score function of an attention kind; a kind without attention has none."""
    if not kind(name).has_attention:  # (an unknown name raises here)
        return None
    return SCORES[name](hidden, attn_dim, scaled)
