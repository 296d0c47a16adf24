"""explorer/figures/why.py: the BLEU-by-length figure shows exactly what ``evaluate`` wrote.

The checkpoints are tiny random English->French models in a temporary folder; their
evaluation.json is produced by ``attention_core.evaluate.evaluate`` on a small TSV file, the way
``python -m attention_core evaluate --save`` writes it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attention_core import save
from attention_core.evaluate import evaluate
from explorer.catalog import discover, read_evaluation
from explorer.figures import why
from explorer.strings import kind_label
from support.translators import FRA_ENG_WORDS, make_translator

ROOT = Path(__file__).resolve().parents[1]
EN = [w for w in FRA_ENG_WORDS[:19] if w.isalpha()]
FR = [w for w in FRA_ENG_WORDS[24:] if w.isalpha()]


def _pairs() -> list[str]:
    """Sentences of 3 to 24 words, so that every length bucket has some."""
    lines = []
    for n in range(3, 25):
        src = " ".join(EN[(n + i) % len(EN)] for i in range(n)) + " ."
        tgt = " ".join(FR[(n + i) % len(FR)] for i in range(n)) + " ."
        lines.append(f"{src}\t{tgt}")
    return lines


def make_fra_eng_folder(root: Path, kinds=("none", "dot", "bahdanau"), evaluate_kinds=None):
    """Checkpoints fra-eng-<kind> with an evaluation.json written from ``evaluate``'s result."""
    data = root / "pairs.tsv"
    data.write_text("\n".join(_pairs()) + "\n", encoding="utf-8")
    for n, kind in enumerate(kinds):
        translator = make_translator(kind, task="fra-eng", seed=n)
        out = root / f"fra-eng-{kind}"
        save(out, translator, {})
        if evaluate_kinds is None or kind in evaluate_kinds:
            result = evaluate(translator, data, split="all")
            (out / "evaluation.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    data.unlink()
    return root


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return make_fra_eng_folder(tmp_path_factory.mktemp("checkpoints"))


def _evaluations(folder: Path) -> dict[str, dict]:
    return {k: read_evaluation(e) for k, e in discover(folder)["fra-eng"].items() if e.present}


def test_figure_values_are_the_evaluation_numbers(folder):
    evaluations = _evaluations(folder)
    assert set(evaluations) == {"none", "dot", "bahdanau"}
    fig = why.bleu_figure(why.by_length(evaluations), "en")
    names = list(fig.layout.xaxis.ticktext)
    assert names == ["1-5", "6-10", "11-15", "16-20", "21+"]
    assert [t.name for t in fig.data] == [kind_label(k, "en") for k in ("none", "dot", "bahdanau")]
    for trace, kind in zip(fig.data, ("none", "dot", "bahdanau")):
        saved = json.loads((folder / f"fra-eng-{kind}" / "evaluation.json").read_text())
        expected = [saved["by_length"][names[x]]["bleu"] for x in trace.x]
        assert list(trace.y) == expected
        assert [c[1] for c in trace.customdata] == [
            saved["by_length"][names[x]]["sentences"] for x in trace.x
        ]
    table = why.bleu_table(why.by_length(evaluations), "ko")
    assert len(table) == 5 and table.shape[1] == 5


def test_dates_exact_match_is_read_from_the_shipped_files():
    paths = {k: ROOT / "checkpoints" / f"dates-{k}" / "evaluation.json" for k in why.ORDER}
    if not all(p.is_file() for p in paths.values()):
        pytest.skip("checkpoints/dates-*/evaluation.json are not there")
    values = why.overall(_evaluations_dates(), "exact_match")
    assert values == {k: json.loads(p.read_text())["exact_match"] for k, p in paths.items()}
    fig = why.overall_figure(values, "en", "%")
    assert list(fig.data[0].y) == [values[k] for k in why.ORDER]
    assert why.by_length(_evaluations_dates()) == {}  # dates have no length buckets


def _evaluations_dates() -> dict[str, dict]:
    return {k: read_evaluation(e) for k, e in discover()["dates"].items() if e.present}


def test_broken_or_missing_files_are_skipped(tmp_path):
    make_fra_eng_folder(tmp_path, kinds=("none", "dot"), evaluate_kinds=("none",))
    (tmp_path / "fra-eng-dot" / "evaluation.json").write_text("[1, 2")
    evaluations = _evaluations(tmp_path)
    assert evaluations["dot"] is None and "bahdanau" not in evaluations
    bad = {"by_length": {"1-5": {"bleu": "NaN"}, "6-10": {"bleu": float("inf")}, "x": 3}}
    assert why.by_length({"none": evaluations["none"], "dot": bad}).keys() == {"none"}


def test_buckets_sort_by_length():
    table = {"dot": {"21+": {}, "6-10": {}, "1-5": {}, "11-15": {}}}
    assert why.buckets(table) == ["1-5", "6-10", "11-15", "21+"]
    assert why.ordered(["bahdanau", "general", "dot", "none"]) == [
        "none",
        "dot",
        "bahdanau",
        "general",
    ]


def test_sentence_chrf():
    ref = why.LONG_SENTENCE[1]
    assert why.sentence_chrf(ref, ref) == 100.0
    assert why.sentence_chrf("le chat", ref) < 30


def test_summary_figure_is_the_overall_and_long_scores(folder):
    evaluations = _evaluations(folder)
    long = why.long_scores(evaluations)
    assert set(long) == {"none", "dot", "bahdanau"}
    fig = why.summary_figure(evaluations, "ko")
    every, longer = fig.data
    kinds = ("none", "dot", "bahdanau")
    saved = {k: json.loads((folder / f"fra-eng-{k}/evaluation.json").read_text()) for k in kinds}
    assert list(every.y) == [saved[k]["bleu"] for k in kinds]
    assert list(longer.y) == [saved[k]["long"]["bleu"] for k in kinds]
    assert str(saved["dot"]["long"]["min_words"]) in longer.name
    assert why.long_scores({"dot": {"long": {"bleu": "x", "min_words": 11}}}) == {}


def test_shipped_english_french_evaluations():
    shipped = {k: ROOT / "checkpoints" / f"fra-eng-{k}" / "evaluation.json" for k in why.ORDER}
    shipped = {k: json.loads(p.read_text()) for k, p in shipped.items() if p.is_file()}
    if not shipped:
        pytest.skip("no English->French checkpoint with an evaluation.json is shipped yet")
    evaluations = {k: read_evaluation(e) for k, e in discover()["fra-eng"].items() if k in shipped}
    fig = why.bleu_figure(why.by_length(evaluations), "en")
    names = list(fig.layout.xaxis.ticktext)
    for line, kind in zip(fig.data, why.ordered(shipped)):
        assert line.name == kind_label(kind, "en")
        assert list(line.y) == [shipped[kind]["by_length"][names[x]]["bleu"] for x in line.x]
