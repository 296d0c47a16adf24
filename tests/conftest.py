"""Shared fixtures: small random models for every attention kind, and a quickly trained one.

Random weights are enough for the structural properties (shapes, masks, equalities between
code paths); the trained dates model checks that learning actually happens.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

# The browser tests' fixtures (a streamlit server and Chromium, one each per test module).
from browser import chromium, server  # noqa: E402, F401

from attention_core import ATTENTION_KINDS, ModelConfig, Seq2Seq, Translator, Vocab, dates, get_task

# The test models are tiny: one thread is as fast, and it keeps the suite from oversubscribing a
# 2-core machine that is also training (OpenMP threads spin while waiting for a busy core).
torch.set_num_threads(1)

CORPUS = Path(__file__).resolve().parents[2] / "shared/data/tatoeba-fra-eng/fra-eng.tsv"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_file(), reason=f"the Tatoeba corpus is not at {CORPUS} (it is never committed)"
)

FRA_ENG_WORDS = (
    "i you he she we they am are is the a cat dog house book see saw like eat apple . , ? ! "
    "je tu il elle nous vous ils suis es est le la un une chat chien maison livre vois aime "
    "mange pomme ' l' j' ai vu"
).split()


def make_translator(kind: str, task: str = "dates", seed: int = 0, **sizes) -> Translator:
    torch.manual_seed(seed)
    if task == "dates":
        src, tgt = Vocab.build([dates.source_alphabet()]), Vocab.build([dates.target_alphabet()])
    else:
        src = tgt = Vocab.build([FRA_ENG_WORDS])
    cfg = ModelConfig(
        kind, len(src), len(tgt), **{"emb_dim": 16, "hidden": 24, "attn_dim": 12, **sizes}
    )
    return Translator(Seq2Seq(cfg), get_task(task), src, tgt, name=f"{task}-{kind}")


@pytest.fixture(params=ATTENTION_KINDS)
def kind(request) -> str:
    return request.param


@pytest.fixture
def translator(kind) -> Translator:
    return make_translator(kind)


@pytest.fixture(scope="session")
def trained_dates(tmp_path_factory):
    """A dot-attention dates model trained for a few seconds (also the training smoke test)."""
    from attention_core.train import TrainConfig, train

    out = tmp_path_factory.mktemp("ckpt") / "dates-dot"
    cfg = TrainConfig.defaults_for("dates", "dot", epochs=2, train_size=12000, valid_size=300)
    last = train(cfg, out, log=lambda *_: None)
    return out, last
