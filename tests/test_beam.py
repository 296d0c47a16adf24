"""beam.py: width 1 is greedy; hypotheses and the search tree are consistent."""

from pathlib import Path

import numpy as np
import pytest

from attention_core import InputError, decode
from attention_core.vocab import EOS

SOURCES = ["5 mars 2024", "Tuesday, March 5, 2024"]


def test_beam_one_equals_greedy(translator):
    for s in SOURCES:
        greedy = decode(translator, s)
        beam = decode(translator, s, mode="beam", beam=1)
        assert beam.output_tokens == greedy.output_tokens
        assert len(beam.steps) == len(greedy.steps)
        for a, b in zip(greedy.steps, beam.steps):
            assert a.token == b.token and abs(a.log_prob - b.log_prob) < 1e-5
            np.testing.assert_allclose(a.context, b.context, atol=1e-6)
            if a.weights is not None:
                np.testing.assert_allclose(a.weights, b.weights, atol=1e-6)


@pytest.mark.parametrize("k", [2, 5])
def test_hypotheses_are_consistent(translator, k):
    trace = decode(translator, SOURCES[1], mode="beam", beam=k)
    assert trace.beam_size == k and trace.hypotheses
    statuses = {h.status for h in trace.hypotheses}
    assert statuses <= {"finished", "pruned", "cut"}
    for h in trace.hypotheses:
        assert abs(sum(s.log_prob for s in h.steps) - h.log_prob) < 1e-4
        assert [s.index for s in h.steps] == list(range(len(h.steps)))
        if h.status == "finished":
            assert h.steps[-1].token == EOS
    ranked = [h for h in trace.hypotheses if h.status == "finished"] or [
        h for h in trace.hypotheses if h.status == "cut"
    ]
    best = max(ranked, key=lambda h: h.score)
    assert trace.output_tokens == [s.token for s in best.steps if s.token != EOS]
    # the tree: parents exist and come earlier, one step before
    by_id = {n.id: n for n in trace.beam_nodes}
    for node in trace.beam_nodes:
        if node.parent is not None:
            assert by_id[node.parent].step == node.step - 1
    per_step = {}
    for node in trace.beam_nodes:
        if node.status != "finished":
            per_step[node.step] = per_step.get(node.step, 0) + 1
    assert max(per_step.values()) <= k


SHIPPED = Path(__file__).resolve().parents[1] / "checkpoints" / "dates-dot"


@pytest.mark.skipif(not (SHIPPED / "config.json").is_file(), reason="no shipped dates model")
@pytest.mark.parametrize("source", SOURCES)
def test_beam_finds_at_least_greedys_score(source):
    """With length_penalty 0 beam search ranks by total log-probability: on a trained model
    (whose greedy and beam outputs both end) it is never worse than greedy."""
    from attention_core.checkpoint import load

    translator = load(SHIPPED)
    greedy = decode(translator, source)
    beam = decode(translator, source, mode="beam", beam=5, length_penalty=0.0)
    assert greedy.steps[-1].token == EOS and beam.steps[-1].token == EOS
    assert sum(s.log_prob for s in beam.steps) >= sum(s.log_prob for s in greedy.steps) - 1e-5


def test_beam_width_is_capped(translator):
    for k in (0, 11):
        with pytest.raises(InputError) as err:
            decode(translator, SOURCES[0], mode="beam", beam=k)
        assert err.value.code == "bad_beam"
