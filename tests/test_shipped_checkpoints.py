"""Every checkpoint in checkpoints/ loads and still meets its quality floor.

Always-on checks use data committed here: 50 everyday English-French pairs written for this
project (tests/data/everyday-en-fr.tsv) and the dates generator. A larger check scores 500
test-split pairs of the Tatoeba corpus when it is present (it is never committed).
"""

from pathlib import Path

import pytest

from attention_core import load
from attention_core.evaluate import evaluate
from support.marks import CORPUS, needs_corpus

ROOT = Path(__file__).resolve().parents[1]
NONE_DATES_FLOOR = 90.0  # measured 95.12 % on 5,000 (checkpoints/README.md)
SHIPPED = sorted(p.parent for p in (ROOT / "checkpoints").glob("*/config.json"))
EVERYDAY = ROOT / "tests/data/everyday-en-fr.tsv"

# Floors sit a margin below the figures measured when the models were committed
# (checkpoints/README.md gives those figures and the commands that produce them). The issue's
# quality bar (BLEU >= 35 for the attention models) is on the whole test split; that figure is
# in checkpoints/*/evaluation.json and checked below without decoding anything.
# Dates: generated held-out dates 1000-2999 in every form (the split is by date), and the two
# independent check sets in tests/data (Babel skeletons on held-out dates; dates as typed).
DATES_FLOOR = {
    "dot": 99.0,
    "general": 99.0,
    "bahdanau": 99.0,
    "none": NONE_DATES_FLOOR,
}  # exact match, %
DATES_CHECKS = ("dates-typed.tsv", "dates-babel-check.tsv")
EVERYDAY_FLOOR = {"dot": 75.0, "bahdanau": 75.0, "none": 70.0}  # BLEU on 50 pairs
CORPUS_FLOOR = {"dot": 34.0, "bahdanau": 33.0, "none": 23.0}  # BLEU on 500 test pairs
TEST_SPLIT_FLOOR = {"dot": 35.0, "bahdanau": 35.0}  # BLEU, whole test split (evaluation.json)


def _ids(paths):
    return [p.name for p in paths]


@pytest.mark.skipif(not SHIPPED, reason="no checkpoints shipped yet")
@pytest.mark.parametrize("path", SHIPPED, ids=_ids(SHIPPED))
def test_shipped_checkpoint_meets_its_floor(path):
    tr = load(path)
    if tr.task.name == "dates":
        result = evaluate(tr, limit=1000)
        assert result["data"] == "generated held-out dates 1000-2999"
        assert result["exact_match"] >= DATES_FLOOR[tr.attention], result
        if tr.attention != "none":  # every locale and width on its own, and the check sets
            for key in ("by_locale", "by_width", "by_century"):
                worst = min(g["exact_match"] for g in result[key].values())
                assert worst >= 97.0, (key, result[key])
            for name in DATES_CHECKS:
                checked = evaluate(tr, ROOT / "tests/data" / name)
                assert checked["exact_match"] >= DATES_FLOOR[tr.attention], (name, checked)
    else:
        result = evaluate(tr, EVERYDAY)
        assert result["sentences"] == 50
        assert result["bleu"] >= EVERYDAY_FLOOR[tr.attention], result


FRA_ENG = [p for p in SHIPPED if p.name.startswith("fra-eng")]


@needs_corpus
@pytest.mark.skipif(not FRA_ENG, reason="no English-French checkpoints shipped yet")
@pytest.mark.parametrize("path", FRA_ENG, ids=_ids(FRA_ENG))
def test_shipped_fra_eng_on_the_corpus_test_split(path):
    tr = load(path)
    result = evaluate(tr, CORPUS, limit=500, split="test")
    assert result["sentences"] == 500
    assert result["bleu"] >= CORPUS_FLOOR[tr.attention], result


@pytest.mark.skipif(not FRA_ENG, reason="no English-French checkpoints shipped yet")
@pytest.mark.parametrize("path", FRA_ENG, ids=_ids(FRA_ENG))
def test_recorded_test_split_figures_meet_the_bar(path):
    """evaluation.json is `evaluate --save` on the whole test split, greedy decoding."""
    import json

    result = json.loads((path / "evaluation.json").read_text(encoding="utf-8"))
    kind = json.loads((path / "config.json").read_text(encoding="utf-8"))["model"]["attention"]
    assert result["data"] == "fra-eng.tsv: test" and result["decoding"] == "greedy"
    assert result["sentences"] > 3000
    assert result["bleu"] >= TEST_SPLIT_FLOOR.get(kind, 0), result
