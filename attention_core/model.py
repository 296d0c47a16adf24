"""The encoder-decoder and its configuration.

Shape legend: B batch, S source positions, T target steps, H hidden size, V target vocabulary.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, fields

import torch
from torch import Tensor, nn

from .decoders import Memory, State, make_decoder, make_memory
from .encoder import Encoder
from .kinds import ATTENTION_KINDS, kind


@dataclass
class ModelConfig:
    attention: str  # one of ATTENTION_KINDS
    src_vocab_size: int
    tgt_vocab_size: int
    emb_dim: int = 256
    hidden: int = 256
    attn_dim: int = 256  # size of Bahdanau's W_b s / W_c h (ignored by the others)
    encoder_layers: int = 1
    dropout: float = 0.2
    input_feeding: bool = True  # Luong decoders only: s~_{t-1} joins the next input
    scaled: bool = False  # dot only: scores divided by sqrt(hidden) (see attention.DotScore)

    def __post_init__(self):
        """Check every field: configs also come from files, which may be damaged."""
        if self.attention not in ATTENTION_KINDS:
            raise ValueError(f"attention must be one of {ATTENTION_KINDS}, not {self.attention!r}")
        limits = {
            "src_vocab_size": 500_000,
            "tgt_vocab_size": 500_000,
            "emb_dim": 4096,
            "hidden": 4096,
            "attn_dim": 4096,
            "encoder_layers": 8,
        }
        for name, limit in limits.items():
            value = getattr(self, name)
            if type(value) is not int or not 1 <= value <= limit:
                raise ValueError(f"{name} must be an integer from 1 to {limit}, not {value!r}")
        if type(self.dropout) not in (int, float) or not 0 <= self.dropout < 1:
            raise ValueError(f"dropout must be a number in [0, 1), not {self.dropout!r}")
        if type(self.input_feeding) is not bool:
            raise ValueError(f"input_feeding must be true or false, not {self.input_feeding!r}")
        if type(self.scaled) is not bool:
            raise ValueError(f"scaled must be true or false, not {self.scaled!r}")
        if self.scaled and not kind(self.attention).scalable:
            scalable = [k for k in ATTENTION_KINDS if kind(k).scalable]
            raise ValueError(f"scaled applies to {' and '.join(scalable)} attention only")

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ModelConfig:
        known = {f.name for f in fields(cls)}
        if not isinstance(data, dict):
            raise ValueError("model settings must be a JSON object")
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown model settings {sorted(unknown)}")
        required = {f.name for f in fields(cls) if f.default is MISSING}
        if required - set(data):
            raise ValueError(f"missing model settings {sorted(required - set(data))}")
        return cls(**data)


class Seq2Seq(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        c = config
        self.encoder = Encoder(c.src_vocab_size, c.emb_dim, c.hidden, c.encoder_layers, c.dropout)
        self.decoder = make_decoder(
            c.attention,
            c.tgt_vocab_size,
            c.emb_dim,
            c.hidden,
            c.attn_dim,
            c.dropout,
            c.input_feeding,
            c.scaled,
        )
        self.generator = nn.Linear(c.hidden, c.tgt_vocab_size)  # W_y s~_t + b_y

    def start(self, src: Tensor, lengths: Tensor) -> tuple[Memory, State]:
        """Encode a batch and return the decoder's memory and initial state s_0."""
        encoded = self.encoder(src, lengths)
        memory = make_memory(self.decoder, encoded)
        return memory, self.decoder.initial_state(memory, encoded.summary)

    def forward(self, src: Tensor, lengths: Tensor, tgt_in: Tensor) -> Tensor:
        """Teacher-forced logits (B, T, V) for ``tgt_in`` (B, T), which starts with <sos>.

        This is the training path; it runs the very ``step`` the recorder runs, one step at a
        time, and applies the output layer once to all steps (the same numbers, fewer calls).
        """
        memory, state = self.start(src, lengths)
        outs = []
        for t in range(tgt_in.size(1)):
            out, state, _ = self.decoder.step(tgt_in[:, t], state, memory)
            outs.append(out)
        return self.generator(torch.stack(outs, dim=1))  # (B, T, V)

    def num_parameters(self) -> int:
        return sum(p.numel() for p in self.parameters())
