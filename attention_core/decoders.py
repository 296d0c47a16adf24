"""Decoders: one ``step`` each, used by training (all steps of a batch) and by recording.

The decoder decides *when* attention runs:
- ``LuongDecoder`` (dot, general, none) updates the RNN first and queries with s_t;
- ``BahdanauDecoder`` queries with the previous state s_{t-1}, then feeds the context to the RNN.
``step`` returns what the output layer reads, the new state and a ``StepRecord`` of everything
worth showing; the decoding loop decides what to keep. Nothing is stored on the module.

Shape legend: B batch, S source positions, E embedding size, H hidden size, A attention size.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

import torch
from torch import Tensor, nn

from .attention import AdditiveScore, Score, attend, make_score
from .encoder import Encoded
from .kinds import kind
from .step_record import StepRecord


class Memory(NamedTuple):
    """What a decoder reads about the source at every step."""

    keys: Tensor  # (B, S, H) encoder states h_i (keys = values)
    prepared: Tensor | None  # per-sentence part of the score (W_c h_i for Bahdanau)
    mask: Tensor  # (B, S)
    fixed_context: Tensor  # (B, H) the single source summary a no-attention model gets

    def expand(self, n: int) -> Memory:
        """Repeat a one-sentence memory for n beam hypotheses (no copy)."""
        prepared = None if self.prepared is None else self.prepared.expand(n, -1, -1)
        return Memory(
            self.keys.expand(n, -1, -1),
            prepared,
            self.mask.expand(n, -1),
            self.fixed_context.expand(n, -1),
        )


class State(NamedTuple):
    hidden: Tensor  # (B, H) s_t
    feed: Tensor | None  # (B, H) s~_{t-1} for input feeding, else None

    def select(self, rows: Tensor) -> State:
        return State(self.hidden[rows], None if self.feed is None else self.feed[rows])


class LuongDecoder(nn.Module):
    """Luong et al. 2015 global attention; with ``score=None`` the no-attention baseline.

    Step t: s_t = GRU([emb(y_{t-1}); s~_{t-1}], s_{t-1})   (input feeding, Luong sec. 3.3)
            e^t = score(s_t, h_i); alpha^t = softmax(e^t); a_t = sum_i alpha^t_i h_i
            s~_t = tanh(W_o [a_t; s_t])   (Luong eq. 5 calls W_o "W_c"; we keep W_c for
            Bahdanau's key matrix, as the course notes do, so the screen and the code say W_o)
    Without attention a_t is the fixed source summary c at every step.
    """

    def __init__(
        self,
        vocab_size: int,
        emb_dim: int,
        hidden: int,
        dropout: float,
        score: Score | None,
        input_feeding: bool,
    ):
        super().__init__()
        self.score = score
        self.input_feeding = input_feeding
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.bridge = nn.Linear(2 * hidden, hidden)  # s_0 = tanh(W_s [h_N fwd; h_1 bwd])
        self.cell = nn.GRUCell(emb_dim + (hidden if input_feeding else 0), hidden)
        self.W_o = nn.Linear(2 * hidden, hidden, bias=False)
        self.dropout = nn.Dropout(dropout)

    def initial_state(self, memory: Memory, summary: Tensor) -> State:
        hidden = torch.tanh(self.bridge(summary))  # (B, H)
        feed = torch.zeros_like(hidden) if self.input_feeding else None
        return State(hidden, feed)

    def step(self, prev: Tensor, state: State, memory: Memory, override: Tensor | None = None):
        emb = self.dropout(self.embed(prev))  # (B, E)
        rnn_in = torch.cat([emb, state.feed], dim=-1) if self.input_feeding else emb
        s_t = self.cell(rnn_in, state.hidden)  # the RNN update comes first: the query is s_t
        att = None
        if self.score is None:
            context = memory.fixed_context  # the same vector at every step: the bottleneck
        else:
            att = attend(self.score, s_t, memory.keys, memory.prepared, memory.mask, override)
            context = att.context
        s_tilde = torch.tanh(self.W_o(torch.cat([context, s_t], dim=-1)))  # (B, H)
        out = self.dropout(s_tilde)
        record = StepRecord(
            query=s_t,
            context=context,
            state=s_t,
            output_input=s_tilde,
            scores=None if att is None else att.scores,
            weights=None if att is None else att.weights,
            parts=MappingProxyType({} if att is None else att.parts),
        )
        return out, State(s_t, out if self.input_feeding else None), record


class BahdanauDecoder(nn.Module):
    """Bahdanau et al. 2015 (appendix A.2): the query is the previous state s_{t-1}.

    Step t: e^t = v_a^T tanh(W_b s_{t-1} + W_c h_i); alpha^t = softmax(e^t); a_t = sum alpha h
            s_t = GRU([emb(y_{t-1}); a_t], s_{t-1})
            s~_t = tanh(W_o [s_t; a_t; emb(y_{t-1})])   (deep output, with tanh for maxout)
    """

    def __init__(self, vocab_size: int, emb_dim: int, hidden: int, attn_dim: int, dropout: float):
        super().__init__()
        self.score = AdditiveScore(hidden, attn_dim)
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.bridge = nn.Linear(2 * hidden, hidden)  # s_0 = tanh(W_s [h_N fwd; h_1 bwd])
        self.cell = nn.GRUCell(emb_dim + hidden, hidden)
        self.W_o = nn.Linear(2 * hidden + emb_dim, hidden, bias=False)
        self.dropout = nn.Dropout(dropout)

    def initial_state(self, memory: Memory, summary: Tensor) -> State:
        return State(torch.tanh(self.bridge(summary)), None)

    def step(self, prev: Tensor, state: State, memory: Memory, override: Tensor | None = None):
        emb = self.dropout(self.embed(prev))  # (B, E)
        s_prev = state.hidden  # attention runs before the RNN update: the query is s_{t-1}
        att = attend(self.score, s_prev, memory.keys, memory.prepared, memory.mask, override)
        s_t = self.cell(torch.cat([emb, att.context], dim=-1), s_prev)  # (B, H)
        s_tilde = torch.tanh(self.W_o(torch.cat([s_t, att.context, emb], dim=-1)))  # (B, H)
        record = attention_first_record(s_prev, att, s_t, s_tilde)
        return self.dropout(s_tilde), State(s_t, None), record


def attention_first_record(s_prev: Tensor, att, s_t: Tensor, output_input: Tensor) -> StepRecord:
    """What a step records when attention runs before the RNN update (query s_{t-1})."""
    return StepRecord(
        query=s_prev,
        context=att.context,
        state=s_t,
        output_input=output_input,
        scores=att.scores,
        weights=att.weights,
        parts=MappingProxyType(att.parts),
    )


def make_decoder(
    name: str, vocab_size, emb_dim, hidden, attn_dim, dropout, input_feeding, scaled=False
):
    """The decoder of an attention kind: its record says whether attention comes before the
    RNN update (Bahdanau, query s_{t-1}) or after it (Luong, query s_t)."""
    if kind(name).decoder == "bahdanau":
        return BahdanauDecoder(vocab_size, emb_dim, hidden, attn_dim, dropout)
    score = make_score(name, hidden, attn_dim, scaled)
    return LuongDecoder(vocab_size, emb_dim, hidden, dropout, score, input_feeding)


def make_memory(decoder: nn.Module, encoded: Encoded) -> Memory:
    keys = encoded.keys
    prepared = None if decoder.score is None else decoder.score.prepare(keys)
    hidden = keys.size(-1)
    # The no-attention context: the encoder's two final states, summed like the keys.
    fixed = encoded.summary[:, :hidden] + encoded.summary[:, hidden:]  # (B, H)
    return Memory(keys, prepared, encoded.mask, fixed)
