"""explorer/figures/whatif.py: hand-typed weights, where two decodings part, the marked
attention matrices; on real what-if traces of small random models."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest

from attention_core import decode, get_task
from explorer.figures import whatif as wf
from explorer.numbers import alignment
from explorer.strings import STRINGS
from support.translators import make_translator

SOURCE = "Tuesday, March 5, 2024"


@pytest.fixture(scope="module")
def tr():
    return make_translator("dot")


@pytest.mark.parametrize(
    "values, problem",
    [
        ([0, 0, 0], "whatif_err_zero"),
        ([], "whatif_err_not_number"),
        ([1, -0.5, 2], "whatif_err_negative"),
        ([1, float("nan")], "whatif_err_not_number"),
        ([1, float("inf")], "whatif_err_not_number"),
        (["a", 1], "whatif_err_not_number"),
        ([None, 1], "whatif_err_not_number"),
    ],
)
def test_unusable_weights_get_a_message(values, problem):
    assert wf.normalise(values) == (None, problem)
    assert problem in STRINGS["en"] and problem in STRINGS["ko"]


@pytest.mark.parametrize("values", [[1, 1, 2], [0, 0, 5], [0.2, 0.3, 0.5], ["1", "3"]])
def test_weights_are_renormalised(values):
    weights, problem = wf.normalise(values)
    assert problem is None and math.isclose(sum(weights), 1.0)
    numbers = [float(v) for v in values]
    for w, v in zip(weights, numbers):  # the ratios are kept
        assert math.isclose(w * sum(numbers), v)


def test_one_hot():
    assert wf.one_hot(4, 2) == [0.0, 0.0, 1.0, 0.0]
    assert sum(wf.one_hot(7, 0)) == 1.0


def test_first_difference(tr):
    base = decode(tr, SOURCE, mode="forced", reference="2024-03-05")
    assert alignment.first_difference(base, base) is None
    for t in (0, 4, len(base.steps) - 1):
        other = replace(base, steps=list(base.steps))
        other.steps[t] = replace(base.steps[t], token="x")
        assert alignment.first_difference(base, other) == t
        assert alignment.first_difference(other, base) == t
    shorter = replace(base, steps=base.steps[:5])
    assert alignment.first_difference(base, shorter) == 5


def test_divergence_of_a_real_override(tr):
    """An override at step t never changes the steps before t."""
    base = decode(tr, SOURCE)
    n = len(base.source_tokens)
    for t in range(min(3, len(base.steps))):
        whatif = decode(tr, SOURCE, overrides={t: wf.one_hot(n, t)})
        d = alignment.first_difference(base, whatif)
        assert d is None or d >= t
        assert whatif.steps[t].weights.tolist() == wf.one_hot(n, t)


def test_prefix_checks():
    dates = get_task("dates")
    assert wf.prefix_problem(dates, "   ") == ("whatif_prefix_empty", {})
    assert wf.prefix_problem(dates, "1999") == (None, {})
    key, fields = wf.prefix_problem(dates, "2024-03-05-01")
    assert key == "whatif_prefix_long" and fields == {"length": 13, "limit": 10}


def test_prefix_mismatch_names_the_unknown_tokens(tr):
    trace = decode(tr, SOURCE, prefix="19x9")  # "x" is not in the dates target vocabulary
    assert trace.prefix_tokens == list("19x9")
    assert wf.prefix_mismatch(trace) == ["x"]
    assert wf.prefix_mismatch(decode(tr, SOURCE, prefix="1999")) == []


def test_weights_frame_and_comparison_table(tr):
    base = decode(tr, SOURCE, mode="forced", reference="2024-03-05")
    frame = wf.weights_frame(base, 2, "ko")
    assert list(frame.columns) == [
        STRINGS["ko"][k] for k in ("col_position", "col_token", "col_weight")
    ]
    assert frame.iloc[:, 1].tolist()[:8] == list("Tuesday,")
    np.testing.assert_allclose(frame.iloc[:, 2], base.steps[2].weights, atol=1e-4)
    other = replace(base, steps=base.steps[:3])
    table = wf.comparison_table(base, other, "en")
    assert len(table) == len(base.steps)
    same = table[STRINGS["en"]["whatif_col_same"]].tolist()
    assert same[:3] == ["yes"] * 3 and set(same[3:]) == {"no"}


def _spec(fig) -> dict:
    spec = json.loads(fig.to_json())
    spec["layout"].pop("template", None)
    return spec


def test_marked_heatmap(tr):
    base = decode(tr, SOURCE, mode="forced", reference="2024-03-05")
    plain = _spec(wf.marked_heatmap(base, "en"))
    assert not plain["layout"].get("shapes") and not plain["layout"].get("annotations")
    assert "texttemplate" not in plain["data"][0]
    spec = _spec(wf.marked_heatmap(base, "ko", step=2, diverge=4, forced=3))
    shapes = spec["layout"]["shapes"]
    outline = [s for s in shapes if s["type"] == "rect" and s.get("xref") != "paper"]
    assert [(s["y0"], s["y1"]) for s in outline] == [(1.5, 2.5)]
    band = [s for s in shapes if s["type"] == "rect" and s.get("xref") == "paper"]
    assert [(s["y0"], s["y1"]) for s in band] == [(-0.5, 2.5)]
    line = [s for s in shapes if s["type"] == "line"]
    assert [(s["y0"], s["y1"]) for s in line] == [(3.5, 3.5)]
    note = spec["layout"]["annotations"][0]
    assert note["text"].endswith(STRINGS["ko"]["whatif_diverge_mark"].format(t=5))
    # under the plot (paper y 0, hanging down), never over the source tokens along the top
    assert (note["yref"], note["y"], note["yanchor"]) == ("paper", 0, "top")
    assert spec["layout"]["margin"]["b"] >= 30


def test_marked_heatmap_escapes_tokens(tr):
    trace = decode(tr, "x" * 4, mode="forced", reference="1999")
    trace.source_tokens = ["<b>x</b>", "&amp;", "<script>", " "]
    for step, token in zip(trace.steps, ["<a href='e'>l</a>", "<eos>"] * 3):
        step.token = token
    dumped = json.dumps(_spec(wf.marked_heatmap(trace, "en", step=1, diverge=2)))
    for raw in ("<b>", "<script", "<a ", "<eos>"):
        assert raw not in dumped
    assert "&amp;amp;" in dumped
