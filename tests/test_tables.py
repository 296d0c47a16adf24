"""explorer/figures/tables.py: the numbers under each figure are the trace's own, one column per
source token."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from attention_core import decode
from explorer.player.panels import REGISTRY
from support.translators import make_translator

SENTENCE = "5 5 March 2024"  # a repeated token: its two columns must stay apart


@pytest.fixture(scope="module", params=["dot", "bahdanau"])
def trace(request):
    return decode(make_translator(request.param, "dates", seed=3), SENTENCE)


def test_keys_table_has_one_column_per_token_holding_its_vector(trace):
    frame = pd.DataFrame(REGISTRY["keys"].table(trace, 0, "en"))
    columns = list(frame.columns[1:])
    assert len(columns) == len(set(columns)) == len(trace.source_tokens)
    assert len(frame) == trace.keys.shape[1]
    for i, column in enumerate(columns):
        np.testing.assert_allclose(frame[column].to_numpy(), trace.keys[i], rtol=1e-6)


def test_parts_sum_to_the_context(trace):
    t = len(trace.steps) - 1
    frame = pd.DataFrame(REGISTRY["parts"].table(trace, t, "en"))
    parts = frame[frame.columns[1:-1]].to_numpy()  # (H, S)
    np.testing.assert_allclose(parts.sum(axis=1), frame["Σ = a_t"].to_numpy(), atol=1e-5)
    np.testing.assert_allclose(frame["Σ = a_t"].to_numpy(), trace.steps[t].context, rtol=1e-5)


def test_bahdanau_energies_are_the_traced_ones():
    trace = decode(make_translator("bahdanau", "dates", seed=3), SENTENCE)
    energies = pd.DataFrame(REGISTRY["energies"].table(trace, 1, "en"))
    np.testing.assert_allclose(
        energies[energies.columns[1:]].to_numpy().T, trace.steps[1].energies, rtol=1e-6
    )
    assert np.abs(energies[energies.columns[1:]].to_numpy()).max() <= 1.0  # tanh
