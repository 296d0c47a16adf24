"""``python -m attention_core``, run as a user would run it, against the trained dates model.

Every command starts a fresh interpreter (about a second and a half importing torch), so the
module's commands are all started at once, a few at a time, and each test waits for its own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from attention_core import MAX_BEAM, Trace

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "5 mars 2024"
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
STEP_KEYS = {"query", "scores", "weights", "context", "state", "token", "top_k"}


def _commands(ckpt: Path, scratch: Path) -> dict[str, list[str]]:
    c = ["--checkpoint", str(ckpt)]
    as_json = ["--format", "json"]
    return {
        # the slowest first
        "evaluate": ["evaluate", *c, "--limit", "200", *as_json],
        "table": ["translate", *c, SENTENCE],
        "json": ["translate", *c, *as_json, SENTENCE],
        "beam": ["translate", *c, "--beam", "3", *as_json, SENTENCE],
        "reference": ["translate", *c, "--reference", "2024-03-05", *as_json, SENTENCE],
        "reference_other": ["translate", *c, "--reference", "1999-12-31", *as_json, SENTENCE],
        "attend": ["translate", *c, "--attend", "2:3", *as_json, SENTENCE],
        "override": ["translate", *c, "--override", "1:0,0,0,0,0,0,0,0,0,0,1", *as_json, SENTENCE],
        "bad_attend": ["translate", *c, "--attend", "2:99", SENTENCE],
        "bad_override": ["translate", *c, "--override", "1:1,2", SENTENCE],
        "prefix": ["translate", *c, "--prefix", "19", *as_json, SENTENCE],
        "beam_prefix": ["translate", *c, "--beam", "3", "--prefix", "19", SENTENCE],
        "evaluate_text": ["evaluate", *c, "--limit", "100"],
        "also_beam_bad": ["evaluate", *c, "--also-beam", "1"],
        "no_subcommand": [],
        "bad_attention": [
            *"train --task dates --attention luong --out".split(),
            str(scratch / "bad-attention"),
        ],
        "missing_checkpoint": ["translate", "--checkpoint", str(scratch / "nope"), SENTENCE],
        "empty": ["translate", *c, ""],
        "too_long": ["translate", *c, "x" * 2000],
        "beam0": ["translate", *c, "--beam", "0", SENTENCE],
        "beam11": ["translate", *c, "--beam", str(MAX_BEAM + 1), SENTENCE],
        "train_no_data": [
            *"train --task fra-eng --attention dot --out".split(),
            str(scratch / "no-data"),
        ],
    }


def _run(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "attention_core", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )


@pytest.fixture(scope="module")
def cli(trained_dates, tmp_path_factory):
    ckpt, _ = trained_dates
    scratch = tmp_path_factory.mktemp("cli")
    commands = _commands(ckpt, scratch)
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures: dict[str, Future] = {k: pool.submit(_run, v) for k, v in commands.items()}

        def result(name: str) -> subprocess.CompletedProcess:
            return futures[name].result()

        result.scratch = scratch
        yield result


def ok(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def _json(proc: subprocess.CompletedProcess) -> dict:
    return json.loads(ok(proc))


# ----- translate ------------------------------------------------------------------------------


def test_translate_table(cli):
    lines = ok(cli("table")).splitlines()
    shown = [c if c.strip() else "␣" for c in SENTENCE]  # a space token is drawn as ␣
    assert lines[0] == f"source: {' '.join(shown)}"
    assert lines[1].startswith("output: ")
    output = lines[1].removeprefix("output: ")
    assert ISO.fullmatch(output), output
    assert output == json.loads(cli("json").stdout)["output_text"]  # table and JSON agree

    header, rows = lines[2], lines[3:]
    for char in SENTENCE:
        assert char in header
    assert header.split() == shown  # every source token, in order, nothing else
    assert [r.split()[0] for r in rows] == [*output, "<eos>"]
    for row in rows:
        weights = [float(x) for x in row.split()[1:]]
        assert len(weights) == len(SENTENCE)
        assert all(0 <= w <= 1 for w in weights)
        assert sum(weights) == pytest.approx(1, abs=0.01 * len(weights))


def test_translate_json(cli):
    proc = cli("json")
    data = _json(proc)
    assert {"source_tokens", "output_tokens", "attention", "keys", "steps"} <= data.keys()
    assert data["source_tokens"] == list(SENTENCE)
    assert data["mode"] == "greedy" and data["attention_kind"] == "dot"
    assert "".join(data["output_tokens"]) == data["output_text"]
    assert ISO.fullmatch(data["output_text"])

    steps = data["steps"]
    assert len(steps) == len(data["output_tokens"]) + 1
    assert [s["token"] for s in steps] == [*data["output_tokens"], "<eos>"]
    for step in steps:
        assert STEP_KEYS <= step.keys()
        assert len(step["weights"]) == len(step["scores"]) == len(SENTENCE)
        assert sum(step["weights"]) == pytest.approx(1, abs=1e-5)
        probs = [p for _, p in step["top_k"]]
        assert probs == sorted(probs, reverse=True)
        assert step["top_k"][0][0] == step["token"]  # greedy takes the most likely token
    assert data["attention"] == [s["weights"] for s in steps]
    assert len(data["keys"]) == len(SENTENCE)

    trace = Trace.from_json(proc.stdout)
    assert trace.output_tokens == data["output_tokens"]
    assert trace.attention_matrix.tolist() == data["attention"]
    assert json.loads(trace.to_json()) == data  # and back again, unchanged


def test_translate_beam(cli):
    proc = cli("beam")
    data = _json(proc)
    assert data["mode"] == "beam" and data["beam_size"] == 3
    assert ISO.fullmatch(data["output_text"]), data["output_text"]
    assert data["hypotheses"]
    assert any(h["tokens"] == data["output_tokens"] for h in data["hypotheses"])
    assert Trace.from_json(proc.stdout).output_tokens == data["output_tokens"]


@pytest.mark.parametrize(
    "name, reference", [("reference", "2024-03-05"), ("reference_other", "1999-12-31")]
)
def test_translate_reference_is_forced(cli, name, reference):
    data = _json(cli(name))
    assert data["mode"] == "forced"
    assert data["output_tokens"] == list(reference)
    assert data["reference_tokens"] == list(reference)
    assert [s["token"] for s in data["steps"]] == [*reference, "<eos>"]
    assert [s["input_token"] for s in data["steps"]] == ["<sos>", *reference]


def test_translate_what_if(cli):
    attend = _json(cli("attend"))
    assert attend["overrides"] == {"1": [1.0 if i == 2 else 0.0 for i in range(len(SENTENCE))]}
    step = attend["steps"][1]
    assert step["weights"] == attend["overrides"]["1"]
    assert step["context"] == pytest.approx(attend["keys"][2], abs=1e-6)  # the one key, whole
    override = _json(cli("override"))
    assert override["steps"][0]["weights"][-1] == 1.0
    prefix = _json(cli("prefix"))
    assert prefix["prefix_tokens"] == ["1", "9"] and prefix["output_tokens"][:2] == ["1", "9"]
    for name in ("bad_attend", "bad_override", "beam_prefix"):
        proc = cli(name)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert proc.stderr.startswith("error:") and len(proc.stderr.splitlines()) == 1


# ----- evaluate -------------------------------------------------------------------------------


def test_evaluate_json(cli):
    data = _json(cli("evaluate"))
    assert isinstance(data["exact_match"], int | float) and not isinstance(
        data["exact_match"], bool
    )
    assert 0 <= data["exact_match"] <= 100
    assert isinstance(data["sentences"], int) and 0 < data["sentences"] <= 200


def test_evaluate_text_shows_the_dates_breakdowns(cli):
    out = ok(cli("evaluate_text"))
    first = out.splitlines()[0]
    assert "generated held-out dates 1000-2999 (greedy)" in first and "char_accuracy" in first
    for group in ("locale", "width", "weekday", "century", "length"):
        assert re.search(rf"^ +{group} .*exact +\d+\.\d+ %  chars", out, re.M), group
    assert re.search(r"locale +ko: exact", out) and re.search(r"century +1000s: exact", out)


def test_also_beam_needs_a_real_beam(cli):
    assert "--also-beam" in _one_line_error(cli("also_beam_bad"))


def test_train_stops_when_told_and_resumes_with_its_own_length(tmp_path):
    out = tmp_path / "run"
    small = [
        "--train-size",
        "640",
        "--valid-size",
        "20",
        "--hidden",
        "8",
        "--emb-dim",
        "8",
        "--attn-dim",
        "8",
        "--threads",
        "1",
    ]
    first = _run(
        [
            "train",
            "--task",
            "dates",
            "--attention",
            "dot",
            "--out",
            str(out),
            "--epochs",
            "2",
            "--stop-after-minutes",
            "0",
            *small,
        ]
    )
    assert json.loads(ok(first).splitlines()[-1])["stopped"] is True
    state = json.loads((out / "train_state" / "state.json").read_text())
    assert (state["epoch"], state["batch"]) == (0, 1)  # saved after its first batch
    again = _run(["train", "--task", "dates", "--attention", "dot", "--out", str(out), "--resume"])
    last = json.loads(ok(again).splitlines()[-1])
    assert last["epoch"] == 2 and last["stopped"] is None  # 2 epochs, as saved, not the default


# ----- bad usage ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["no_subcommand", "bad_attention"])
def test_usage_errors_exit_2(cli, name):
    proc = cli(name)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "usage:" in proc.stderr
    assert not (cli.scratch / "bad-attention").exists()


def _one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ")
    assert proc.stdout == ""
    return lines[0]


@pytest.mark.parametrize(
    "name, words",
    [
        ("missing_checkpoint", ["nope", "not found"]),
        ("empty", ["empty"]),
        ("too_long", ["2000", "1000"]),
        ("beam0", ["beam"]),
        ("beam11", ["beam", str(MAX_BEAM)]),
    ],
)
def test_input_errors_exit_1_with_one_line(cli, name, words):
    line = _one_line_error(cli(name))
    for word in words:
        assert word in line, line


def test_train_fra_eng_without_data(cli):
    line = _one_line_error(cli("train_no_data"))
    assert "--data" in line
    assert not (cli.scratch / "no-data").exists()  # refused before anything was written
