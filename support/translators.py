"""Tiny random translators of every attention kind: enough for the structural properties
(shapes, masks, equalities between code paths) and for benchmarks that time the code, not a
trained model."""

from __future__ import annotations

import torch

from attention_core import ModelConfig, Seq2Seq, Translator, Vocab, dates, get_task

FRA_ENG_WORDS = (
    "i you he she we they am are is the a cat dog house book see saw like eat apple . , ? ! "
    "je tu il elle nous vous ils suis es est le la un une chat chien maison livre vois aime "
    "mange pomme ' l' j' ai vu"
).split()


def make_translator(kind: str, task: str = "dates", seed: int = 0, **sizes) -> Translator:
    """A ``kind`` model for ``task`` with random weights (``seed``); sizes may be overridden."""
    torch.manual_seed(seed)
    if task == "dates":
        src, tgt = Vocab.build([dates.source_alphabet()]), Vocab.build([dates.target_alphabet()])
    else:
        src = tgt = Vocab.build([FRA_ENG_WORDS])
    cfg = ModelConfig(
        kind, len(src), len(tgt), **{"emb_dim": 16, "hidden": 24, "attn_dim": 12, **sizes}
    )
    return Translator(Seq2Seq(cfg), get_task(task), src, tgt, name=f"{task}-{kind}")
