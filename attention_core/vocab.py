"""Token <-> id vocabularies shared by every task, saved as a plain JSON list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

PAD, SOS, EOS, UNK = "<pad>", "<sos>", "<eos>", "<unk>"
SPECIALS = (PAD, SOS, EOS, UNK)


class Vocab:
    """A fixed list of tokens; ids 0-3 are always ``<pad> <sos> <eos> <unk>``."""

    def __init__(self, tokens: Sequence[str]):
        tokens = list(tokens)
        if tuple(tokens[: len(SPECIALS)]) != SPECIALS:
            raise ValueError(f"vocabulary must start with {SPECIALS}")
        if len(set(tokens)) != len(tokens):
            raise ValueError("vocabulary has duplicate tokens")
        self.tokens = tokens
        self.index = {tok: i for i, tok in enumerate(tokens)}

    pad_id, sos_id, eos_id, unk_id = 0, 1, 2, 3

    @classmethod
    def build(
        cls, sentences: Iterable[Sequence[str]], max_size: int | None = None, min_freq: int = 1
    ) -> Vocab:
        """Most frequent tokens first; ties broken alphabetically so the result is deterministic."""
        counts = Counter(tok for sent in sentences for tok in sent)
        ranked = sorted(
            (tok for tok, n in counts.items() if n >= min_freq and tok not in SPECIALS),
            key=lambda tok: (-counts[tok], tok),
        )
        if max_size is not None:
            ranked = ranked[: max(0, max_size - len(SPECIALS))]
        return cls([*SPECIALS, *ranked])

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: str) -> bool:
        return token in self.index

    def encode(self, tokens: Iterable[str]) -> list[int]:
        return [self.index.get(tok, self.unk_id) for tok in tokens]

    def decode(self, ids: Iterable[int]) -> list[str]:
        return [self.tokens[i] for i in ids]

    def to_json(self) -> list[str]:
        return list(self.tokens)

    @classmethod
    def from_json(cls, data: object) -> Vocab:
        if not isinstance(data, list) or not all(isinstance(t, str) for t in data):
            raise ValueError("vocabulary must be a JSON list of strings")
        return cls(data)
