"""Recording: a decoding loop's per-step tensors into a ``Trace`` (numpy, once, at the end).

Greedy and forced decoding (decoding.py) and beam search (beam.py) record the same way; the
loops only collect each step's ``StepRecord``, these helpers build the steps and the trace.

Shape legend: T decoder steps, n rows (1, or the beam's hypotheses), V target vocabulary.
"""

from __future__ import annotations

import numpy as np
import torch

from .kinds import kind
from .step_record import StepRecord
from .trace import Step, Trace


def numpy_records(records: list[StepRecord]) -> dict[str, np.ndarray]:
    """Stack per-step records (each row-aligned) into arrays by name, each (T, n, ...)."""
    named = [r.arrays() for r in records]
    return {k: torch.stack([r[k] for r in named]).numpy() for k in named[0]}


def make_step(tr, t, rec, row, logp_row, topk, token_id, input_token) -> Step:
    """One ``Step`` from row ``row`` of step ``t``'s numpy records."""
    values, ids = topk
    expected = set(kind(tr.attention).step_arrays)
    if set(rec) != expected:  # a decoder and its kind's record must agree: never drop a value
        raise ValueError(f"{tr.attention} records {sorted(rec)}, its kind says {sorted(expected)}")
    arrays = {k: rec[k][t][row] for k in rec}
    return Step(
        index=t,
        input_token=input_token,
        token=tr.tgt_vocab.tokens[token_id],
        token_id=int(token_id),
        log_prob=float(logp_row[token_id]),
        top_k=[(tr.tgt_vocab.tokens[i], float(p)) for i, p in zip(ids[t][row], values[t][row])],
        **arrays,
    )


def new_trace(tr, mode, text, tokens, oov, output_tokens, memory, state, steps, **extra) -> Trace:
    """The trace of one decoding: its source, its output, the encoder's keys and ``steps``."""
    prepared = memory.prepared
    v_a = getattr(getattr(tr.model.decoder, "score", None), "v_a", None)  # Bahdanau only
    return Trace(
        task=tr.task.name,
        attention_kind=tr.attention,
        score_scale=tr.score_scale,
        mode=mode,
        source_text=text,
        source_tokens=tokens,
        source_oov=oov,
        output_tokens=output_tokens,
        output_text=tr.task.detokenize_target(output_tokens),
        keys=memory.keys[0].numpy(),
        initial_state=state.hidden[0].numpy(),
        keys_proj=None if prepared is None else prepared[0].numpy(),
        score_vector=None if v_a is None else v_a.weight.detach()[0].numpy().copy(),
        steps=steps,
        **extra,
    )
