"""Recorded decoding: greedy, forced (teacher forcing on a reference) and beam (see beam.py);
recording.py turns what the loops collect into a trace.

The loop runs the decoder's ``step`` and *records*; the decoder decides when attention runs.
Per-step tensors are kept as they are and converted to numpy once at the end, so recording
costs little more than decoding. Everything runs under ``torch.inference_mode`` inside the call
(it is thread-local) and never writes to the model, so one model can serve many threads.

Shape legend: S source positions, T decoder steps, V target vocabulary, n rows (beam).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from .beam import beam_search
from .model import Seq2Seq
from .options import DecodeOptions
from .recording import make_step, new_trace, numpy_records
from .tasks import InputError, Task
from .trace import Trace
from .vocab import SOS, Vocab

TOP_K = 10  # next-token candidates kept per step


@dataclass
class Translator:
    """A model with everything needed to read and write text."""

    model: Seq2Seq
    task: Task
    src_vocab: Vocab
    tgt_vocab: Vocab
    name: str = ""
    meta: dict = field(default_factory=dict)

    def __post_init__(self):
        self.model.eval()  # once, at load time: decoding itself never changes the model

    @property
    def attention(self) -> str:
        return self.model.config.attention

    @property
    def score_scale(self) -> float:
        """The factor on the dot scores: 1/sqrt(H) for the scaled dot model, else 1."""
        c = self.model.config
        return c.hidden**-0.5 if c.scaled else 1.0


def _source(tr: Translator, text: str, mark: str | None = None):
    tokens = tr.task.source_tokens(text) + tr.task.source_pieces(mark)
    ids = tr.src_vocab.encode(tokens)
    oov = [i == tr.src_vocab.unk_id for i in ids]
    return tokens, torch.tensor([ids]), oov


def _check_target_length(tr: Translator, tokens: list[str]) -> None:
    """A forced reference or prefix must leave room for <eos> within the model's output cap."""
    limit = tr.task.max_forced_tokens
    if len(tokens) > limit:
        raise InputError(
            "target_too_long",
            f"the forced text has {len(tokens)} tokens; this model writes at most {limit}",
            length=len(tokens),
            limit=limit,
        )


def _override_tensor(weights, n_source: int) -> torch.Tensor:
    """One step's weights as a (1, S) tensor. ``DecodeOptions`` has checked the values (finite,
    non-negative, a positive sum); only the sentence knows how many there must be."""
    w = torch.as_tensor(np.asarray(weights, dtype=np.float32)).reshape(1, -1)
    if w.size(1) != n_source:
        raise InputError("bad_override", f"an override needs {n_source} non-negative weights")
    return w / w.sum()  # renormalised to sum to 1


def greedy_steps(
    model: Seq2Seq,
    memory,
    state,
    max_steps: int,
    forced: list[int] | None = None,
    overrides: dict[int, torch.Tensor] | None = None,
):
    """The decoding loop for one sentence: argmax at each step, or the next ``forced`` id while
    any remain. Returns (records, log-prob rows (1, V) per step, chosen ids)."""
    records, logps, chosen = [], [], []
    prev = torch.tensor([Vocab.sos_id])
    overrides = overrides or {}
    forced = forced or []
    for t in range(max_steps):
        out, state, rec = model.decoder.step(prev, state, memory, overrides.get(t))
        logp = torch.log_softmax(model.generator(out), dim=-1)  # (1, V)
        token = forced[t] if t < len(forced) else int(logp.argmax())
        records.append(rec)
        logps.append(logp)
        chosen.append(token)
        if token == Vocab.eos_id:
            break
        prev = torch.tensor([token])
    return records, logps, chosen


def decode(
    tr: Translator, text: str, options: DecodeOptions | None = None, *, top_k: int = TOP_K, **fields
) -> Trace:
    """Decode ``text`` as ``options`` say and return its trace. Instead of ``options``, its
    fields may be given as keywords (``decode(tr, text, mode="beam", beam=5)``); either way
    they pass ``DecodeOptions``' checks. With overrides or a prefix, decoding is greedy (a
    what-if changes one path)."""
    return _run(tr, text, _options(options, fields), top_k, record=True)


def translate(tr: Translator, text: str, options: DecodeOptions | None = None, **fields):
    """The output tokens only (without the final <eos>), decoded as ``decode`` would, with
    nothing recorded: what evaluation needs."""
    return _run(tr, text, _options(options, fields), TOP_K, record=False)


def _options(options: DecodeOptions | None, fields: dict) -> DecodeOptions:
    if options is None:
        return DecodeOptions.of(**fields)
    if fields:
        raise TypeError("give DecodeOptions or its fields, not both")
    return options


@torch.inference_mode()
def _run(tr: Translator, text: str, options: DecodeOptions, top_k: int, record: bool):
    """One decoding: the trace, or (``record`` False) the output tokens."""
    mode, reference, prefix = options.mode, options.reference, options.prefix
    mark = tr.task.final_mark(text) if options.complete else None
    tokens, src, oov = _source(tr, text, mark)
    memory, state = tr.model.start(src, torch.tensor([len(tokens)]))
    max_steps = tr.task.max_output(len(tokens))
    forced: list[int] = []
    reference_tokens = prefix_tokens = None
    if mode == "forced":
        reference_tokens = tr.task.tokenize_target(reference or "")
        if not reference_tokens:
            raise InputError("empty_reference", "forced decoding needs a reference translation")
        _check_target_length(tr, reference_tokens)
        forced = tr.tgt_vocab.encode(reference_tokens) + [Vocab.eos_id]
        max_steps = max(max_steps, len(forced))
    elif prefix:
        prefix_tokens = tr.task.tokenize_target(prefix)
        _check_target_length(tr, prefix_tokens)
        forced = tr.tgt_vocab.encode(prefix_tokens)
        max_steps = max(max_steps, len(forced) + 1)
    override_t = {t: _override_tensor(w, len(tokens)) for t, w in options.overrides}

    if mode == "beam":  # DecodeOptions: no reference, prefix or override with a beam
        beam, alpha = options.beam, options.length_penalty
        found = beam_search(
            tr, tokens, oov, text, memory, state, beam, max_steps, alpha, top_k, record
        )
        if record:
            found.added_mark = mark
        return found

    records, logps, chosen = greedy_steps(tr.model, memory, state, max_steps, forced, override_t)
    out_ids = chosen[:-1] if chosen[-1] == Vocab.eos_id else chosen
    output_tokens = tr.tgt_vocab.decode(out_ids)
    if not record:
        return output_tokens
    rec = numpy_records(records)
    logp = torch.cat(logps)  # (T, V)
    values, ids = logp.topk(min(top_k, logp.size(1)), dim=-1)
    topk = (values.exp().numpy()[:, None], ids.numpy()[:, None])  # (T, 1, k): row axis for beam
    logp_np = logp.numpy()
    steps = [
        make_step(
            tr, t, rec, 0, logp_np[t], topk, tok, tr.tgt_vocab.tokens[chosen[t - 1]] if t else SOS
        )
        for t, tok in enumerate(chosen)
    ]
    return new_trace(
        tr,
        mode if mode == "forced" else "greedy",
        text,
        tokens,
        oov,
        output_tokens,
        memory,
        state,
        steps,
        reference_tokens=reference_tokens,
        prefix_tokens=prefix_tokens,
        overrides={t: w.reshape(-1).tolist() for t, w in override_t.items()},
        added_mark=mark,
    )


@torch.inference_mode()
def translate_batch(tr: Translator, texts: list[str], batch_size: int = 64) -> list[list[str]]:
    """Greedy output tokens for many sentences at once (evaluation); no recording.

    Runs the same ``step`` on a batch; sentences are sorted by length so batches pad little.
    """
    token_lists = [
        tr.task.tokenize_source(t)[: tr.task.max_source_tokens] or ["<unk>"] for t in texts
    ]
    order = sorted(range(len(texts)), key=lambda i: len(token_lists[i]))
    results: list[list[str]] = [[] for _ in texts]
    for start in range(0, len(order), batch_size):
        idx = order[start : start + batch_size]
        ids = [tr.src_vocab.encode(token_lists[i]) for i in idx]
        lengths = torch.tensor([len(x) for x in ids])
        src = torch.zeros(len(ids), int(lengths.max()), dtype=torch.long)
        for r, x in enumerate(ids):
            src[r, : len(x)] = torch.tensor(x)
        memory, state = tr.model.start(src, lengths)
        prev = torch.full((len(ids),), Vocab.sos_id)
        done = torch.zeros(len(ids), dtype=torch.bool)
        outputs = []
        for _ in range(tr.task.max_output(int(lengths.max()))):
            out, state, _ = tr.model.decoder.step(prev, state, memory)
            prev = tr.model.generator(out).argmax(dim=-1)  # (n,)
            outputs.append(prev)
            done |= prev == Vocab.eos_id
            if done.all():
                break
        out_ids = torch.stack(outputs, dim=1).tolist()  # (n, T)
        for r, i in enumerate(idx):
            seq = out_ids[r]
            seq = seq[: seq.index(Vocab.eos_id)] if Vocab.eos_id in seq else seq
            # each sentence keeps its own step limit, as in one-sentence decoding
            results[i] = tr.tgt_vocab.decode(seq[: tr.task.max_output(len(ids[r]))])
    return results


def set_threads(n: int) -> None:
    """How many threads torch may use for one decode (the app: 1, since each session decodes in
    its own script thread and the sessions share the cores)."""
    torch.set_num_threads(max(1, int(n)))
