"""attention_core.geometry: the 2-D projection of keys and queries, and the line view.

Properties on tiny synthetic traces (built in numpy, no model), then the shipped dates models.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attention_core.geometry import (
    EARLIER_FADE,
    additive_geometry,
    agreement,
    fit_pca2,
    line_view,
    pearson,
    spearman,
    state_geometry,
)
from attention_core.trace import Step, Trace

ROOT = Path(__file__).resolve().parents[1]
SEEDS = st.integers(0, 2**32 - 1)
FEW = settings(max_examples=40, deadline=None)


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _points(rng, n, dim, rank=None, offset=False):
    """n points in R^dim; with ``rank``, on a rank-dimensional subspace (affine if offset)."""
    if rank is None:
        return rng.normal(size=(n, dim))
    pts = rng.normal(size=(n, rank)) @ rng.normal(size=(rank, dim))
    return pts + (rng.normal(size=dim) if offset else 0.0)


def synthetic(rng, S=5, T=4, H=6, kind="dot", scale=1.0, rank=None, A=None, tokens=None):
    """A trace whose numbers obey the model's equations (dot or Bahdanau)."""
    pts = _points(rng, S + T, H)
    keys, queries = pts[:S], pts[S:]
    keys_proj = query_proj = energies = v_a = None
    if kind == "dot":
        if rank is not None:
            pts = _points(rng, S + T, H, rank)
            keys, queries = pts[:S], pts[S:]
        scores = scale * queries @ keys.T  # (T, S)
    else:
        A = A or H
        W_b, W_c = rng.normal(size=(A, H)), rng.normal(size=(A, H))
        v_a = rng.normal(size=A)
        keys_proj, query_proj = keys @ W_c.T, queries @ W_b.T  # (S, A), (T, A)
        if rank is not None:  # points on a 2-D affine plane of the additive space
            pts = _points(rng, S + T, A, rank, offset=True) * 0.3
            keys_proj, query_proj = pts[:S], pts[S:]
        energies = np.tanh(query_proj[:, None, :] + keys_proj[None, :, :])  # (T, S, A)
        scores = energies @ v_a
    weights = _softmax(scores)
    f32 = lambda a: None if a is None else np.asarray(a, dtype=np.float32)  # noqa: E731
    arrays = {
        "query": queries,
        "context": weights @ keys,
        "state": queries,
        "output_input": queries,
        "scores": scores,
        "weights": weights,
        "query_proj": query_proj,
        "energies": energies,
    }
    steps = [
        Step(
            t,
            "<sos>",
            f"y{t}",
            4 + t,
            -0.1,
            [],
            **{k: f32(v[t]) for k, v in arrays.items() if v is not None},
        )
        for t in range(T)
    ]
    tokens = tokens or [f"x{i}" for i in range(S)]
    trace = Trace(
        "dates",
        kind,
        "greedy",
        " ".join(tokens),
        tokens,
        [False] * S,
        [s.token for s in steps],
        "",
        f32(keys),
        f32(queries[0]),
        steps,
        keys_proj=f32(keys_proj),
        score_scale=scale,
    )
    return trace, v_a


# --- the projection ---------------------------------------------------------------------------


@FEW
@given(SEEDS, st.integers(1, 12), st.integers(2, 20))
def test_components_are_orthonormal_and_variance_share_in_unit_interval(seed, n, dim):
    pca = fit_pca2(np.random.default_rng(seed).normal(size=(n, dim)))
    assert pca.components.shape == (2, dim)
    np.testing.assert_allclose(pca.components @ pca.components.T, np.eye(2), atol=1e-9)
    assert 0.0 <= pca.variance_kept <= 1.0


@FEW
@given(SEEDS, st.integers(3, 12), st.integers(2, 12), st.booleans())
def test_variance_share_is_one_for_two_dimensional_data(seed, n, dim, offset):
    rng = np.random.default_rng(seed)
    pts = rng.normal(size=(n, 2)) if dim == 2 else _points(rng, n, dim, 2, offset)
    assert fit_pca2(pts).variance_kept == pytest.approx(1.0)


def test_variance_share_matches_the_singular_values():
    pts = np.array([[3, 0, 0], [-3, 0, 0], [0, 2, 0], [0, -2, 0], [0, 0, 1], [0, 0, -1.0]])
    assert fit_pca2(pts).variance_kept == pytest.approx(13 / 14)


@FEW
@given(SEEDS, st.integers(1, 8), st.integers(1, 6), st.integers(2, 10))
def test_keys_and_queries_are_projected_by_one_affine_map(seed, S, T, H):
    trace, _ = synthetic(np.random.default_rng(seed), S, T, H)
    g = state_geometry(trace)
    p, mu = g.projection.components, g.projection.mean
    queries = np.stack([s.query for s in trace.steps])
    np.testing.assert_allclose(g.keys, (trace.keys - mu) @ p.T, atol=1e-9)
    np.testing.assert_allclose(g.queries, (queries - mu) @ p.T, atol=1e-9)
    np.testing.assert_allclose(mu, np.concatenate([trace.keys, queries]).mean(0), atol=1e-6)
    np.testing.assert_allclose(g.origin, -p @ mu, atol=1e-9)


@FEW
@given(SEEDS, st.lists(st.floats(0, 10), min_size=2, max_size=9).filter(lambda w: sum(w) > 0.1))
def test_the_weighted_mean_of_projected_keys_is_the_projected_context(seed, raw):
    """sum_i alpha_i P(h_i - mu) = P(sum_i alpha_i h_i - mu) when sum_i alpha_i = 1."""
    rng = np.random.default_rng(seed)
    keys = rng.normal(size=(len(raw), 7)) * 3 + 5
    pca = fit_pca2(np.concatenate([keys, rng.normal(size=(3, 7))]))
    w = np.array(raw) / sum(raw)
    mean_of_projected = w @ pca.project(keys)
    np.testing.assert_allclose(mean_of_projected, pca.project(w @ keys), atol=1e-9)
    k2 = pca.project(keys)  # inside the hull, so inside the keys' bounding box
    assert np.all(mean_of_projected >= k2.min(0) - 1e-9)
    assert np.all(mean_of_projected <= k2.max(0) + 1e-9)


@FEW
@given(SEEDS, st.sampled_from(["dot", "bahdanau"]))
def test_context_points_are_the_projected_recorded_contexts(seed, kind):
    trace, _ = synthetic(np.random.default_rng(seed), kind=kind)
    g = state_geometry(trace)
    contexts = np.stack([s.context for s in trace.steps])
    np.testing.assert_allclose(g.contexts, g.projection.project(contexts), atol=1e-5)
    np.testing.assert_allclose(g.contexts, g.weights @ g.keys, atol=1e-12)


@FEW
@given(SEEDS, st.integers(3, 9), st.integers(1, 5), st.sampled_from([1.0, 0.5, 2**-0.5]))
def test_the_projection_is_exact_for_two_dimensional_dot_data(seed, S, T, scale):
    rng = np.random.default_rng(seed)
    for H, rank in ((2, None), (8, 2)):
        trace, _ = synthetic(rng, S, T, H, scale=scale, rank=rank)
        g = state_geometry(trace)
        assert g.exact_form and g.variance_kept == pytest.approx(1.0)
        tol = 1e-4 * (1 + np.abs(g.true_scores).max())
        np.testing.assert_allclose(g.projected_scores, g.true_scores, atol=tol)
        assert g.pearson == pytest.approx(1.0, abs=1e-6)
        assert g.spearman == pytest.approx(1.0, abs=1e-6)
        assert g.top3_overlap.min() == 1.0
        np.testing.assert_allclose(g.step_pearson, 1.0, atol=1e-5)


def test_scaled_scores_keep_the_ranking_and_the_scale():
    rng = np.random.default_rng(3)
    plain, _ = synthetic(rng, H=16)
    scaled, _ = synthetic(np.random.default_rng(3), H=16, scale=0.25)
    a, b = state_geometry(plain), state_geometry(scaled)
    np.testing.assert_allclose(b.projected_scores, 0.25 * a.projected_scores, rtol=1e-5)
    assert (a.top1_agrees == b.top1_agrees).all() and a.spearman == pytest.approx(b.spearman)


@FEW
@given(SEEDS, st.integers(2, 7), st.integers(1, 4))
def test_additive_view_is_exact_on_a_plane_and_its_context_commutes(seed, S, T):
    rng = np.random.default_rng(seed)
    for A, rank in ((2, None), (6, 2)):
        trace, v_a = synthetic(rng, S, T, H=5, kind="bahdanau", A=A, rank=rank)
        g = additive_geometry(trace, v_a)
        assert g.space == "additive" and g.exact_form
        assert g.variance_kept == pytest.approx(1.0)
        np.testing.assert_allclose(g.projected_scores, g.true_scores, atol=1e-4)
        w_c_context = g.weights @ np.asarray(trace.keys_proj, dtype=float)  # sum alpha W_c h_i
        # float32 weights sum to 1 within ~1e-7: the centring cancels to that precision
        np.testing.assert_allclose(g.contexts, g.projection.project(w_c_context), atol=1e-6)
        np.testing.assert_allclose(g.score_direction, g.projection.components @ v_a)


def test_additive_view_without_v_a_draws_but_claims_nothing():
    trace, _ = synthetic(np.random.default_rng(0), kind="bahdanau")
    g = additive_geometry(trace)
    assert g.projected_scores is None and not g.exact_form and np.isnan(g.pearson)
    assert g.keys.shape == (5, 2) and g.queries.shape == (4, 2)
    assert not state_geometry(trace).exact_form  # a dot product set against additive scores


def test_views_refuse_models_they_do_not_describe():
    trace, _ = synthetic(np.random.default_rng(0))
    with pytest.raises(ValueError, match="Bahdanau"):
        additive_geometry(trace)
    for s in trace.steps:
        s.scores = s.weights = None
    with pytest.raises(ValueError, match="attention"):
        state_geometry(trace)
    with pytest.raises(ValueError):
        fit_pca2(np.zeros((3, 1)))


def test_correlations_and_agreement_on_known_values():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert np.isnan(pearson([1, 1, 1], [1, 2, 3]))
    assert spearman([1, 2, 3, 4], [1, 4, 9, 100]) == pytest.approx(1.0)
    assert spearman([1, 1, 2], [1, 2, 3]) == pytest.approx(np.sqrt(3) / 2)  # tied ranks 0.5
    top1, top3 = agreement([[5, 4, 3, 2, 1]], [[1, 4, 3, 5, 0]])
    assert list(top1) == [False] and top3[0] == pytest.approx(2 / 3)


def test_to_dict_is_plain_json():
    trace, v_a = synthetic(np.random.default_rng(1), S=1, kind="bahdanau")
    d = additive_geometry(trace, v_a).to_dict()
    assert json.loads(json.dumps(d, allow_nan=False)) == d
    assert len(d["keys"]) == 1 and len(d["queries"][0]) == 2 and d["step_pearson"][0] is None


# --- the line view -----------------------------------------------------------------------------


@FEW
@given(SEEDS, st.integers(1, 8), st.integers(1, 6), st.floats(0.01, 0.6))
def test_line_view_has_exactly_the_pairs_above_threshold(seed, S, T, threshold):
    trace, _ = synthetic(np.random.default_rng(seed), S, T, H=4)
    m = trace.attention_matrix
    for step in (None, *range(T)):
        view = line_view(trace, step, threshold)
        last = T - 1 if step is None else step
        want = {(i, t) for t in range(last + 1) for i in range(S) if float(m[t, i]) >= threshold}
        got = [(ln.source, ln.output) for ln in view.lines]
        assert len(got) == len(set(got)) and set(got) == want
        assert all(ln.current == (step is None or ln.output == step) for ln in view.lines)
        for flag in (True, False):  # opacity and width monotone in the weight
            group = sorted((ln for ln in view.lines if ln.current == flag), key=lambda x: x.weight)
            assert all(a.opacity <= b.opacity for a, b in zip(group, group[1:]))
            assert all(a.width <= b.width for a, b in zip(group, group[1:]))
            assert all(0 < ln.opacity <= 1 for ln in group)


def test_line_view_keeps_repeated_tokens_apart_and_fades_earlier_steps():
    trace, _ = synthetic(np.random.default_rng(0), S=3, T=2, tokens=["a", "a", "b"])
    for s in trace.steps:
        s.weights = np.array([0.45, 0.45, 0.1], dtype=np.float32)
    view = line_view(trace, step=1)
    assert view.source_tokens == ("a", "a", "b") and view.output_tokens == ("y0", "y1")
    now = {ln.source: ln for ln in view.lines if ln.current}
    before = {ln.source: ln for ln in view.lines if not ln.current}
    assert set(now) == set(before) == {0, 1, 2}
    assert before[0].opacity == pytest.approx(EARLIER_FADE * now[0].opacity)
    assert now[0].opacity > now[2].opacity and now[0].width > now[2].width
    with pytest.raises(ValueError):
        line_view(trace, step=2)
    with pytest.raises(ValueError):
        line_view(trace, threshold=0)


# --- the shipped models ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dates_models():
    from attention_core import load

    names = ("dates-dot", "dates-bahdanau")
    if not all((ROOT / "checkpoints" / n / "config.json").is_file() for n in names):
        pytest.skip("the shipped dates models are not in checkpoints/")
    return {n: load(ROOT / "checkpoints" / n) for n in names}


DATES = ("Tuesday, March 5, 2024", "5 mars 2024", "05.03.24", "le 14 juillet 1989")


@pytest.mark.parametrize("text", DATES)
def test_shipped_dot_model_geometry(dates_models, text):
    from attention_core import decode

    trace = decode(dates_models["dates-dot"], text)
    g = state_geometry(trace)
    T, S = len(trace.steps), len(trace.source_tokens)
    assert g.keys.shape == (S, 2) and g.queries.shape == (T, 2) and g.contexts.shape == (T, 2)
    np.testing.assert_allclose(
        g.projection.components @ g.projection.components.T, np.eye(2), atol=1e-12
    )
    contexts = np.stack([s.context for s in trace.steps])  # the recorded a_t
    np.testing.assert_allclose(g.contexts, g.projection.project(contexts), atol=1e-4)
    assert g.exact_form and 0 < g.variance_kept < 1
    # a poor but informative picture: see benchmarks/geometry_fidelity.py for the figures
    assert g.spearman > 0.3


def test_shipped_bahdanau_model_additive_view(dates_models):
    import torch

    from attention_core import decode

    tr = dates_models["dates-bahdanau"]
    trace = decode(tr, DATES[0])
    score = tr.model.decoder.score
    with torch.no_grad():
        contexts = torch.tensor(np.stack([s.context for s in trace.steps]))
        w_c_contexts = score.W_c(contexts).numpy()  # (T, A) W_c a_t
    g = additive_geometry(trace, score.v_a.weight.detach().numpy())
    np.testing.assert_allclose(g.contexts, g.projection.project(w_c_contexts), atol=1e-4)
    assert g.exact_form and g.spearman > 0.3
    lines = line_view(trace, step=3)
    assert {ln.output for ln in lines.lines} == {0, 1, 2, 3}


def test_fidelity_benchmark_runs_on_a_few_dates(dates_models):
    from benchmarks import geometry_fidelity

    figures = geometry_fidelity.measure(ROOT / "checkpoints/dates-dot", 3)
    assert figures["sentences"] == 3 and figures["exact_form"]
    for view in ("state", "state_keys_fit", "state_within_fit", "state_score_fit"):
        f = figures[view]
        assert f["steps"] == 33  # 10 characters and <eos> per date
        assert all(0 <= f[k] <= 1 for k in ("top1", "top3_overlap", "variance_kept"))
        assert f["chance_top1"] < f["top1"]
