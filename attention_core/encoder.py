"""Bidirectional GRU encoder: source ids -> encoder states h_1..h_N (the keys and values).

Shape legend: B batch, S source positions, E embedding size, H hidden size.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import Tensor, nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


class Encoded(NamedTuple):
    keys: Tensor  # (B, S, H) h_i, forward and backward directions summed
    mask: Tensor  # (B, S) True at real tokens, False at padding
    summary: Tensor  # (B, 2H) last forward state ; first backward state


class Encoder(nn.Module):
    def __init__(self, vocab_size: int, emb_dim: int, hidden: int, layers: int, dropout: float):
        super().__init__()
        self.hidden = hidden
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.rnn = nn.GRU(
            emb_dim,
            hidden,
            num_layers=layers,
            batch_first=True,
            bidirectional=True,
            dropout=dropout if layers > 1 else 0.0,
        )
        self.dropout = nn.Dropout(dropout)

    def forward(self, src: Tensor, lengths: Tensor) -> Encoded:
        """``src`` (B, S) padded with id 0; ``lengths`` (B,) real lengths, all >= 1."""
        emb = self.dropout(self.embed(src))  # (B, S, E)
        # Packing keeps padding out of the recurrence, so a sentence's states do not depend on
        # how long the other sentences in its batch are (batched path == one-sentence path).
        packed = pack_padded_sequence(emb, lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, h_n = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=src.size(1))  # (B, S, 2H)
        # Summing the two directions gives keys of size H, the decoder's size, so the dot score
        # s_t . h_i needs no hidden projection matrix.
        keys = out[..., : self.hidden] + out[..., self.hidden :]  # (B, S, H)
        summary = torch.cat([h_n[-2], h_n[-1]], dim=-1)  # (B, 2H) top layer, both directions
        mask = torch.arange(src.size(1), device=src.device)[None, :] < lengths[:, None]
        return Encoded(keys, mask, summary)
