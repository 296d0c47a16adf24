"""``python -m attention_core {train,translate,evaluate,report}``: the command-line contract.

Errors a user can cause (bad arguments, missing or damaged files, empty input) print one line
and exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys

from .model import ATTENTION_KINDS
from .options import DecodeOptions
from .tasks import MAX_BEAM, TASKS, InputError

EXIT_USAGE, EXIT_ERROR = 2, 1


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m attention_core", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("train", help="train a model and save a checkpoint every epoch")
    t.add_argument("--task", required=True, choices=sorted(TASKS))
    t.add_argument("--attention", required=True, choices=ATTENTION_KINDS)
    t.add_argument("--data", help="Tatoeba-style TSV (English<TAB>French); fra-eng only")
    t.add_argument("--out", required=True, help="checkpoint directory")
    t.add_argument("--epochs", type=int)
    t.add_argument("--resume", action="store_true", help="continue an interrupted run in --out")
    t.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    t.add_argument("--seed", type=int)
    for name, kind in [
        ("batch-size", int),
        ("lr", float),
        ("hidden", int),
        ("emb-dim", int),
        ("attn-dim", int),
        ("dropout", float),
        ("label-smoothing", float),
        ("src-vocab", int),
        ("tgt-vocab", int),
        ("min-freq", int),
        ("max-len", int),
        ("train-size", int),
        ("warmup-steps", int),
        ("threads", int),
        ("valid-size", int),
        ("probe-points", int),
        ("save-minutes", float),
        ("keep-epochs", int),
    ]:
        t.add_argument(f"--{name}", type=kind)
    t.add_argument(
        "--subwords",
        action="store_true",
        help="fra-eng: BPE pieces; --src-vocab/--tgt-vocab count pieces",
    )
    t.add_argument(
        "--stop-after-minutes",
        type=float,
        help="save and stop after this long (continue later with --resume)",
    )
    t.add_argument("--no-input-feeding", action="store_true", help="Luong decoders only")
    t.add_argument("--scaled", action="store_true", help="dot only: divide scores by sqrt(hidden)")

    tr = sub.add_parser("translate", help="translate one sentence and show its attention")
    tr.add_argument("--checkpoint", required=True)
    tr.add_argument("--beam", type=int, default=1, help="beam width (1 = greedy)")
    tr.add_argument("--reference", help="force this translation (teacher forcing)")
    tr.add_argument("--prefix", help="force the translation to start with this text")
    tr.add_argument(
        "--attend",
        action="append",
        default=[],
        metavar="STEP:POS",
        help="what-if: at decoder step STEP (from 1) put all attention on source "
        "token POS (from 1); repeatable",
    )
    tr.add_argument(
        "--override",
        action="append",
        default=[],
        metavar="STEP:W1,W2,...",
        help="what-if: at step STEP use these source weights (renormalised)",
    )
    tr.add_argument("--format", choices=["table", "json"], default="table")
    tr.add_argument("sentence")

    e = sub.add_parser("evaluate", help="BLEU/chrF (or exact match) on a data file")
    e.add_argument("--checkpoint", required=True)
    e.add_argument("--data", help="TSV file; dates models may omit it (generated test dates)")
    e.add_argument("--split", default="auto", choices=["auto", "test", "valid", "train", "all"])
    e.add_argument("--limit", type=int)
    e.add_argument("--beam", type=int, default=1)
    e.add_argument(
        "--also-beam",
        type=int,
        metavar="K",
        help="also score beam search of width K on the same sentences",
    )
    e.add_argument("--format", choices=["text", "json"], default="text")
    e.add_argument("--save", action="store_true", help="also write evaluation.json next to it")
    e.add_argument(
        "--check",
        action="append",
        default=[],
        metavar="TSV",
        help="also score this whole file, saved under 'checks'; repeatable",
    )

    a = sub.add_parser("average", help="average a run's last epochs into one checkpoint")
    a.add_argument("--run", required=True, help="a training run's folder (--out of train)")
    a.add_argument("--last", type=int, required=True, help="how many of its last epochs")
    a.add_argument("--out", required=True, help="checkpoint directory to write")
    a.add_argument("--valid-size", type=int, help="validation sentences scored (default all)")

    r = sub.add_parser("report", help="the Markdown table of every checkpoint's measured figures")
    r.add_argument("--root", default="checkpoints", help="folder of checkpoint directories")
    return p


def _table(trace) -> str:
    """The attention matrix as text: one row per output token, one column per source token."""
    shown = [t if t.strip() else "␣" for t in trace.source_tokens]  # a space is a token too
    lines = [f"source: {' '.join(shown)}", f"output: {trace.output_text}"]
    oov = [t for t, o in zip(trace.source_tokens, trace.source_oov) if o]
    if oov:
        lines.append(f"unknown source words (read as <unk>): {' '.join(oov)}")
    matrix = trace.attention_matrix
    if matrix is None:
        lines.append("no attention: every step reads the same fixed context vector")
        return "\n".join(lines)
    width = max(6, *(len(t) for t in shown))
    rows = [s.token for s in trace.steps]
    first = max(6, *(len(r) for r in rows))
    lines.append(" " * first + " " + " ".join(t.rjust(width) for t in shown))
    for label, row in zip(rows, matrix):
        lines.append(label.ljust(first) + " " + " ".join(f"{w:.2f}".rjust(width) for w in row))
    return "\n".join(lines)


def _run(args, argv) -> int:
    if args.command == "report":
        from .report import table

        print(table(args.root))
        return 0
    from . import checkpoint  # imported late: torch is slow to import, --help should not wait

    if args.command == "average":
        from .average import average_run

        config = average_run(args.run, args.last, args.out, args.valid_size)
        valid = config["metrics"]["valid"]
        shown = {k: valid[k] for k in ("bleu", "chrf", "exact_match", "unk_share") if k in valid}
        print(json.dumps({"averaged": config["averaged"], "valid": shown}))
        return 0

    if args.command == "train":
        from .train import TrainConfig, train

        if args.task == "fra-eng" and not args.data:
            raise InputError("missing_data", "the fra-eng task needs --data PATH")
        overrides = {
            k: getattr(args, k)
            for k in (
                "epochs",
                "seed",
                "batch_size",
                "lr",
                "hidden",
                "emb_dim",
                "attn_dim",
                "dropout",
                "label_smoothing",
                "src_vocab",
                "tgt_vocab",
                "min_freq",
                "max_len",
                "train_size",
                "warmup_steps",
                "threads",
                "valid_size",
                "probe_points",
                "save_minutes",
                "keep_epochs",
            )
        }
        if args.no_input_feeding:
            overrides["input_feeding"] = False
        if args.scaled:
            overrides["scaled"] = True
        if args.subwords:
            overrides["subwords"] = True
        if args.resume and args.epochs is None:  # keep the run's own length (and schedule)
            overrides["epochs"] = checkpoint.read_config(args.out)["training"]["config"]["epochs"]
        cfg = TrainConfig.defaults_for(args.task, args.attention, **overrides)
        command = "python -m attention_core " + shlex.join(argv)
        stop = None if args.stop_after_minutes is None else 60 * args.stop_after_minutes
        result = train(
            cfg, args.out, args.data, args.resume, args.device, command, stop_after_seconds=stop
        )
        keys = ("epoch", "valid_loss", "valid", "stopped", "epochs_done", "batch")
        print(json.dumps({k: result.get(k) for k in keys}))
        return 0

    if not 1 <= args.beam <= MAX_BEAM:
        raise InputError("bad_beam", f"beam width must be 1 to {MAX_BEAM}, not {args.beam}")
    tr = checkpoint.load(args.checkpoint)
    if args.command == "translate":
        from .decoding import decode

        if args.beam > 1 and args.reference is not None:
            raise InputError("bad_mode", "--beam does not combine with --reference")
        mode = "forced" if args.reference is not None else ("beam" if args.beam > 1 else "greedy")
        overrides = _overrides(tr, args.sentence, args.attend, args.override)
        options = DecodeOptions.of(
            mode=mode,
            beam=args.beam,
            reference=args.reference,
            prefix=args.prefix,
            overrides=overrides or None,
        )  # the same checks as the app's: --beam with --prefix or a what-if fails
        trace = decode(tr, args.sentence, options)
        print(trace.to_json() if args.format == "json" else _table(trace))
        return 0

    from .evaluate import evaluate

    if args.also_beam is not None and not 2 <= args.also_beam <= MAX_BEAM:
        raise InputError("bad_beam", f"--also-beam must be 2 to {MAX_BEAM}, not {args.also_beam}")
    result = evaluate(tr, args.data, args.limit, args.split, args.beam, also_beam=args.also_beam)
    if args.check:
        from pathlib import Path

        result["checks"] = {}
        for path in args.check:
            scored = evaluate(tr, path, split="all", beam=args.beam)
            result["checks"][Path(path).name] = {k: v for k, v in scored.items() if k != "model"}
    if args.save:
        from pathlib import Path

        path = Path(args.checkpoint) / "evaluation.json"
        path.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        keys = ("bleu", "chrf", "exact_match", "char_accuracy", "unk_share", "sentences")
        for part in [result] + ([result["beam"]] if "beam" in result else []):
            print(
                f"model {result['model']} on {result['data']} ({part.get('decoding', 'greedy')}): "
                + ", ".join(f"{k} {part[k]}" for k in keys if k in part)
            )
        if "exact_match" in result:  # dates: exact match per group, then per-character accuracy
            for key in ("by_locale", "by_width", "by_weekday", "by_century", "by_length"):
                for name, m in result.get(key, {}).items():
                    unit = " characters" if key == "by_length" else ""
                    print(
                        f"  {key[3:]:>8} {name + unit:>16}: exact {m['exact_match']:7.3f} %"
                        f"  chars {m['char_accuracy']:7.3f} %  ({m['sentences']})"
                    )
        for name, m in result.get("checks", {}).items():
            shown = ", ".join(f"{k} {m[k]}" for k in keys if k in m)
            print(f"  check {name}: {shown}")
        for bucket, m in result.get("by_length", {}).items() if "bleu" in result else ():
            print(
                f"  {bucket:>5} words: BLEU {m['bleu']:6.2f}  chrF {m['chrf']:6.2f}"
                f"  ({m['sentences']} sentences)"
            )
    return 0


def _overrides(tr, sentence: str, attend: list[str], override: list[str]) -> dict:
    """--attend STEP:POS and --override STEP:W,... as decode's {step (from 0): weights}."""
    n = len(tr.task.source_tokens(sentence)) if attend else 0
    result = {}
    for text, one_hot in [(a, True) for a in attend] + [(o, False) for o in override]:
        step, sep, rest = text.partition(":")
        try:
            t = int(step) - 1
            if one_hot:
                pos = int(rest) - 1
                if not 0 <= pos < n:
                    raise ValueError
                values = [1.0 if i == pos else 0.0 for i in range(n)]
            else:
                values = [float(x) for x in rest.split(",")]
            if not sep or t < 0:
                raise ValueError
        except ValueError:
            form = "STEP:POS" if one_hot else "STEP:W1,W2,..."
            raise InputError(
                "bad_override", f"expected {form} counted from 1, not {text!r}"
            ) from None
        result[t] = values
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)  # argparse prints usage and exits 2 on bad arguments
    from .checkpoint import CheckpointError
    from .tatoeba import DataError

    try:
        return _run(args, argv)
    except (InputError, CheckpointError, DataError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_ERROR
