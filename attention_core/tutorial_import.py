"""Reading a model exported at the end of the PyTorch tutorial: checked, reported, rebuilt.

The export (README, "Your own model") is three files: ``encoder.safetensors`` and
``decoder.safetensors`` (the two ``state_dict``s) and ``model.json`` (hidden size, MAX_LENGTH,
the two ``index2word`` vocabularies). Nothing is ever unpickled: a file that is a pickle or a
``torch.save`` archive is named and refused. ``inspect`` checks everything and says what it
found and what differs, as codes with values that a user interface translates; ``build`` turns
an accepted report into a ``Translator`` that our decoding loop records like our own models.

Shape legend: V vocabulary (the tutorial's ids), H hidden size, L the old version's MAX_LENGTH.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import torch
from safetensors.torch import load as load_safetensors

from .decoding import Translator
from .tasks import InputError
from .tutorial import NEVER, TutorialConfig, TutorialModel, TutorialTask
from .vocab import SPECIALS, Vocab

MAX_BYTES = 50 * 1024 * 1024  # all files together
MAX_VOCAB = 100_000
MAX_HIDDEN = 2048
MAX_LENGTH = 100  # decoder steps
MAX_SOURCE_WORDS = 60


def expected_shapes(v_in: int, v_out: int, h: int) -> dict[str, dict[str, tuple]]:
    """The two state dicts of the tutorial's 2023 version (EncoderRNN, AttnDecoderRNN)."""
    gru = lambda n_in: {  # noqa: E731  nn.GRU(n_in, H): three gates stacked
        "gru.weight_ih_l0": (3 * h, n_in),
        "gru.weight_hh_l0": (3 * h, h),
        "gru.bias_ih_l0": (3 * h,),
        "gru.bias_hh_l0": (3 * h,),
    }
    return {
        "encoder": {"embedding.weight": (v_in, h), **gru(h)},
        "decoder": {
            "embedding.weight": (v_out, h),
            "attention.Wa.weight": (h, h),
            "attention.Wa.bias": (h,),
            "attention.Ua.weight": (h, h),
            "attention.Ua.bias": (h,),
            "attention.Va.weight": (1, h),
            "attention.Va.bias": (1,),
            **gru(2 * h),
            "out.weight": (v_out, h),
            "out.bias": (v_out,),
        },
    }


@dataclass
class Report:
    """What the files hold. ``problems`` are (code, values); empty when the model loads."""

    problems: list[tuple[str, dict]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # file name -> what it was taken for
    tensors: list[dict] = field(default_factory=list)  # part, name, shape, expected, status
    hidden: int | None = None
    vocab_sizes: tuple[int, int] | None = None  # (source, target) in the tutorial's ids
    max_length: int | None = None
    version: str | None = None  # "2023" or "old" (before pull request 2452)
    settings: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict, repr=False)  # "encoder"/"decoder" -> tensors
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, code: str, **values) -> None:
        self.problems.append((code, values))


def _is_pickle(blob: bytes) -> bool:
    """A pickle (protocol 2+ starts with 0x80, then the protocol number) or a ``torch.save``
    zip archive. (A safetensors file starts with its header's size, then "{": not this.)"""
    return (blob[:1] == b"\x80" and blob[1:2] in b"\x02\x03\x04\x05") or blob[:4] == b"PK\x03\x04"


def _read_files(files: list[tuple[str, bytes]], report: Report) -> tuple[dict, dict | None]:
    """Sort the uploads into safetensors state dicts and the settings JSON."""
    states: dict[str, dict] = {}
    settings = None
    for name, blob in files:
        if blob[8:9] != b"{" and _is_pickle(blob):
            report.add("pickle", file=name)
            continue
        if blob[8:9] != b"{":  # not safetensors (8 bytes of header size, then a JSON header)
            try:
                value = json.loads(blob.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                report.add("bad_json", file=name, problem=str(exc)[:120])
                continue
            if not isinstance(value, dict):
                report.add("bad_json", file=name, problem="not a JSON object")
                continue
            settings = value
            report.files[name] = "settings"
            continue
        try:
            tensors = load_safetensors(blob)
        except Exception as exc:  # safetensors has its own error types for damaged headers
            report.add("bad_safetensors", file=name, problem=str(exc)[:120])
            continue
        part = _part(tensors)
        if part is None:
            report.add("not_tutorial", names=", ".join(sorted(tensors)[:4]))
            continue
        if part in states:
            report.add("two_files", file=name, part=part)
            continue
        states[part] = tensors
        report.files[name] = part
    return states, settings


def _part(tensors: dict) -> str | None:
    """Which of the tutorial's state dicts this is, by its tensor names (None: neither)."""
    if "out.weight" in tensors or any(k.startswith(("attention.", "attn")) for k in tensors):
        return "decoder"
    if "embedding.weight" in tensors and any(k.startswith("gru.") for k in tensors):
        return "encoder"
    return None


def _vocab(raw, size: int, side: str, report: Report) -> list[str] | None:
    """The tutorial's index2word ({"0": "SOS", "1": "EOS", "2": word, ...}) as a list."""
    if not isinstance(raw, dict):
        report.add("vocab_missing", side=side)
        return None
    try:
        ids = sorted(int(k) for k in raw)
    except (TypeError, ValueError):
        report.add("vocab_bad", side=side, problem="its keys must be the ids 0, 1, 2, ...")
        return None
    words = [raw.get(str(i), raw.get(i)) for i in ids]
    if ids != list(range(len(ids))) or not all(isinstance(w, str) and w.strip() for w in words):
        report.add("vocab_bad", side=side, problem="ids 0..n-1, each with one word")
        return None
    if words[:2] != ["SOS", "EOS"] or len(set(words)) != len(words) or set(words) & set(SPECIALS):
        report.add("vocab_bad", side=side, problem="0 must be SOS, 1 EOS, and no word twice")
        return None
    if len(words) != size:
        report.add("vocab_size", side=side, words=len(words), rows=size)
        return None
    return words


def _shapes(states: dict, report: Report) -> None:
    """Compare every tensor with what the tutorial's modules hold; recognise other models."""
    encoder, decoder = states.get("encoder"), states.get("decoder")
    for part in ("encoder", "decoder"):
        if part not in states:
            report.add("file_missing", part=part)
    if not encoder or not decoder:
        return
    if "attn.weight" in decoder and "attn_combine.weight" in decoder:
        report.version = "old"
        report.max_length = int(decoder["attn.weight"].shape[0])
        report.add("old_tutorial", max_length=report.max_length)
        return
    embedding = encoder.get("embedding.weight")
    out = decoder.get("out.weight")
    if embedding is None or out is None or embedding.dim() != 2 or out.dim() != 2:
        names = sorted({*encoder, *decoder})[:4]
        report.add("not_tutorial", names=", ".join(names))
        return
    (v_in, h), v_out = embedding.shape, out.shape[0]
    if not (1 <= h <= MAX_HIDDEN and 3 <= v_in <= MAX_VOCAB and 3 <= v_out <= MAX_VOCAB):
        report.add(
            "too_big", hidden=h, words=max(v_in, v_out), limit=MAX_VOCAB, hidden_limit=MAX_HIDDEN
        )
        return
    report.hidden, report.vocab_sizes, report.version = h, (v_in, v_out), "2023"
    for part, shapes in expected_shapes(v_in, v_out, h).items():
        found = states[part]
        for name in sorted({*shapes, *found}):
            want, tensor = shapes.get(name), found.get(name)
            got = None if tensor is None else tuple(tensor.shape)
            if want is None:
                status = "unexpected"
            elif got is None:
                status = "missing"
            elif got != want:
                status = "shape"
            elif tensor.dtype not in (torch.float16, torch.bfloat16, torch.float32) or not bool(
                torch.isfinite(tensor).all()
            ):
                status = "not_finite"
            else:
                status = "ok"
            row = {"part": part, "name": name, "shape": got, "expected": want, "status": status}
            report.tensors.append(row)
    bad = [r for r in report.tensors if r["status"] != "ok"]
    if bad:
        first = bad[0]
        report.add(
            f"tensor_{first['status']}",
            count=len(bad),
            name=f"{first['part']}.{first['name']}",
            shape=str(first["shape"]),
            expected=str(first["expected"]),
        )


def inspect(files: list[tuple[str, bytes]]) -> Report:
    """Check uploaded files (name, bytes) and report; never raises for what the files hold."""
    report = Report()
    total = sum(len(blob) for _, blob in files)
    if total > MAX_BYTES:
        report.add("too_large", megabytes=round(total / 2**20, 1), limit=MAX_BYTES // 2**20)
        return report
    if not files:
        report.add("file_missing", part="encoder")
        return report
    digest = hashlib.sha256()
    for blob in sorted(blob for _, blob in files):
        digest.update(hashlib.sha256(blob).digest())
    report.sha256 = digest.hexdigest()
    states, settings = _read_files(files, report)
    if report.problems:
        return report
    _shapes(states, report)
    if report.problems:
        return report
    if settings is None:
        report.add("settings_missing")
        return report
    report.settings = settings
    h, (v_in, v_out) = report.hidden, report.vocab_sizes
    hidden = settings.get("hidden_size", h)
    if type(hidden) is not int or hidden != h:
        report.add("hidden_mismatch", json=str(hidden)[:20], tensors=h)
    length = settings.get("max_length", 10)
    if type(length) is not int or not 1 <= length <= MAX_LENGTH:
        report.add("bad_max_length", value=str(length)[:20], limit=MAX_LENGTH)
    report.max_length = length if type(length) is int else None
    source = _vocab(settings.get("input_index2word"), v_in, "input", report)
    target = _vocab(settings.get("output_index2word"), v_out, "output", report)
    if report.problems:
        return report
    report.parts = {**states, "source": source, "target": target}
    return report


def _to_our_ids(rows: torch.Tensor, fill: float = 0.0) -> torch.Tensor:
    """Rows in the tutorial's ids (SOS 0, EOS 1, words 2..) -> ours (<pad> <sos> <eos> <unk>
    words 4..); the two rows the tutorial lacks are ``fill``."""
    out = torch.full((rows.size(0) + 2, *rows.shape[1:]), fill, dtype=torch.float32)
    out[1:3] = rows[:2]
    out[4:] = rows[2:]
    return out


def build(report: Report, name: str = "your model") -> Translator:
    """The Translator of an accepted report (``inspect`` found no problem)."""
    if not report.ok or not report.parts:
        raise InputError("not_loaded", "the files were not accepted")
    enc, dec = report.parts["encoder"], report.parts["decoder"]
    source, target = report.parts["source"], report.parts["target"]
    h = report.hidden
    config = TutorialConfig(len(source) + 2, len(target) + 2, h, report.max_length)
    model = TutorialModel(config)
    state = {f"encoder.{k}": v.float() for k, v in enc.items() if k != "embedding.weight"}
    state["encoder.embedding.weight"] = _to_our_ids(enc["embedding.weight"].float())
    state["decoder.embedding.weight"] = _to_our_ids(dec["embedding.weight"].float())
    for k, v in dec.items():
        if k.startswith("attention."):
            state[f"decoder.{k}"] = v.float()
        elif k.startswith("gru."):  # nn.GRU's names -> nn.GRUCell's (the same tensors)
            state[f"decoder.{k.removesuffix('_l0')}"] = v.float()
    state["generator.weight"] = _to_our_ids(dec["out.weight"].float())
    state["generator.bias"] = _to_our_ids(dec["out.bias"].float(), fill=NEVER)
    model.load_state_dict(state)
    src_vocab = Vocab([*SPECIALS, *source[2:]])
    tgt_vocab = Vocab([*SPECIALS, *target[2:]])
    marks = ".!?" if "." in source else "!?"  # the older normalisation kept the full stop
    settings = report.settings
    task = TutorialTask(
        "tutorial",
        str(settings.get("input_lang", "?"))[:20],
        str(settings.get("output_lang", "?"))[:20],
        False,
        max_source_tokens=MAX_SOURCE_WORDS,
        max_target_tokens=report.max_length,
        known=frozenset(source[2:]),
        known_target=frozenset(target[2:]),
        marks=marks,
    )
    meta = {
        "name": name,
        "task": "tutorial",
        "model": config.to_json(),
        "weights": {"sha256": report.sha256},
        "parameters": model.num_parameters(),
    }
    return Translator(model, task, src_vocab, tgt_vocab, name=name, meta=meta)


def load_files(files: list[tuple[str, bytes]], name: str = "your model") -> Translator:
    """inspect + build, for scripts and tests: any problem raises ``InputError``."""
    report = inspect(files)
    if not report.ok:
        code, values = report.problems[0]
        raise InputError(f"tutorial_{code}", f"{code}: {values}", **values)
    return build(report, name)
