"""trace.py: traces are plain data that load without torch."""

import subprocess
import sys
from pathlib import Path

from attention_core import decode
from support.translators import make_translator


def test_a_trace_reads_back_without_torch(tmp_path):
    path = tmp_path / "trace.json"
    path.write_text(decode(make_translator("bahdanau"), "5 mars 2024").to_json())
    code = (
        "import sys; from attention_core.trace import Trace; "
        f"t = Trace.from_json(open({str(path)!r}).read()); "
        "assert t.attention_matrix.shape[1] == len(t.source_tokens); "
        "assert 'torch' not in sys.modules, 'reading a trace imported torch'"
    )
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_beam_trace_json_keeps_every_hypothesis():
    trace = decode(make_translator("dot"), "Tuesday, March 5, 2024", mode="beam", beam=4)
    data = trace.to_dict()
    assert len(data["hypotheses"]) == len(trace.hypotheses) >= 1
    assert {h["status"] for h in data["hypotheses"]} <= {"finished", "pruned", "cut"}
    assert all(
        set(n) >= {"id", "parent", "step", "token", "cum_log_prob"} for n in data["beam_nodes"]
    )


def test_bahdanau_trace_records_v_a_and_keeps_it_through_json():
    """The score vector v_a, so the additive geometry can score its picture (issue 18)."""
    import numpy as np

    from attention_core import Trace

    tr = make_translator("bahdanau")
    trace = decode(tr, "Tuesday, March 5, 2024")
    v_a = tr.model.decoder.score.v_a.weight.detach()[0].numpy()
    np.testing.assert_array_equal(trace.score_vector, v_a)
    energies = trace.steps[1].energies  # (S, A): the scores are v_a . tanh(...)
    np.testing.assert_allclose(energies @ trace.score_vector, trace.steps[1].scores, atol=1e-5)
    again = Trace.from_json(trace.to_json())
    np.testing.assert_array_equal(again.score_vector, trace.score_vector)
    assert decode(make_translator("dot"), "Tuesday, March 5, 2024").score_vector is None
