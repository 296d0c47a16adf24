"""The geometry and line-view panels (explorer/figures/geometry.py): what they draw is what
``attention_core.geometry`` computes, at every step, and tokens stay literal."""

from __future__ import annotations

import json

import numpy as np
import pytest

from attention_core import decode
from attention_core import geometry as geo
from explorer.figures import geometry as gf
from explorer.figures import lines as lf
from explorer.figures.plain import as_go
from explorer.player import data as player_data
from explorer.player import panels
from support.translators import make_translator

TRACES = {kind: decode(make_translator(kind), "5 mars 2024") for kind in ("dot", "bahdanau")}


@pytest.mark.parametrize("kind", TRACES)
def test_the_geometry_draws_keys_query_and_context_of_every_step(kind):
    trace = TRACES[kind]
    spaces = ["state", "additive"] if kind == "bahdanau" else ["state"]
    for space in spaces:
        g = gf.geometry_of(trace, space)
        for t in range(len(trace.steps)):
            fig = as_go(gf.geometry_figure(trace, t, "en", space))
            keys, path, arrow, context = fig.data[:4]
            np.testing.assert_allclose(np.c_[keys.x, keys.y], g.keys)
            np.testing.assert_allclose(keys.marker.color, trace.steps[t].weights, rtol=1e-6)
            # the star is the weighted mean of the projected keys (the projected context)
            mean = trace.steps[t].weights.astype(float) @ np.c_[keys.x, keys.y]
            np.testing.assert_allclose([context.x[0], context.y[0]], mean, atol=1e-9)
            np.testing.assert_allclose(np.c_[arrow.x, arrow.y], [g.origin, g.queries[t]])
            assert len(path.x) == t + 1  # the queries so far
        assert gf.geometry_fields(trace, space)["variance"] == pytest.approx(100 * g.variance_kept)


def test_the_geometry_is_computed_once_per_trace():
    trace = TRACES["dot"]
    assert gf.geometry_of(trace, "state") is gf.geometry_of(trace, "state")
    other = decode(make_translator("dot"), "5 mars 2024")
    assert gf.geometry_of(other, "state") is not gf.geometry_of(trace, "state")


def test_the_additive_view_scores_its_picture_with_the_trace_v_a():
    trace = TRACES["bahdanau"]
    g = gf.geometry_of(trace, "additive")
    assert g.projected_scores is not None and np.isfinite(g.pearson)


@pytest.mark.parametrize("kind", TRACES)
def test_the_line_view_draws_one_line_per_pair_over_the_threshold(kind):
    trace = TRACES[kind]
    matrix = trace.attention_matrix
    every = geo.line_view(trace, None).lines
    for t in range(len(trace.steps)):
        fig = as_go(lf.line_figure(trace, t, "en"))
        lines = fig.data[2:]
        assert len(lines) == len(every)
        shown = [(ln, d) for ln, d in zip(every, lines) if d.visible]
        want = {(t_, i) for t_ in range(t + 1) for i in np.flatnonzero(matrix[t_] >= 0.05)}
        assert {(ln.output, ln.source) for ln, _ in shown} == want
        current = sorted((ln.weight, d.opacity) for ln, d in shown if ln.output == t)
        assert all(a[1] <= b[1] for a, b in zip(current, current[1:]))  # opacity rises with α
        assert all(d.opacity < 0.5 for ln, d in shown if ln.output < t)  # earlier: faint


def test_repeated_tokens_stay_separate_and_are_escaped():
    trace = decode(make_translator("dot"), "<b>5</b> 5 5")
    fig = as_go(lf.line_figure(trace, 0, "en"))
    xs = list(fig.data[0].x)
    assert len(set(xs)) == len(trace.source_tokens)  # every position its own point
    for figure in (fig, as_go(gf.geometry_figure(trace, 0, "en"))):
        dumped = json.dumps(figure.to_plotly_json(), default=str)
        assert "<b>" not in dumped and "&lt;" in dumped


def test_the_views_follow_the_weights_in_the_player_and_reveal_them():
    trace = TRACES["bahdanau"]
    names = [p.name for p in panels.panels_of(trace)]
    at = names.index("weights")
    assert names[at + 1 : at + 4] == ["geometry", "geometry_additive", "lines"]
    assert all(panels.REGISTRY[n].reveals for n in ("geometry", "geometry_additive", "lines"))
    assert "geometry" not in [
        p.name for p in panels.panels_of(decode(make_translator("none"), "5"))
    ]
    view = player_data.view(trace, "ko")
    caption = "".join(text for _, text in view["panels"][at + 1]["caption"])
    assert f"{gf.geometry_fields(trace, 'state')['variance']:.0f}%" in caption  # no space: 62%


def test_each_score_kind_gets_its_own_geometry_caption():
    """The picture's dot products stand for the dot model's scores only: general attention
    (s_tᵀ W_a h_i) and Bahdanau's each have their own caption, never the dot model's."""
    from support.translators import make_translator

    keys = {}
    for kind in ("dot", "general", "bahdanau"):
        trace = decode(make_translator(kind), "Tuesday, March 5, 2024")
        keys[kind] = panels.REGISTRY["geometry"].caption_key(trace)
    assert len(set(keys.values())) == 3, keys
    assert keys["general"] == "panel_geometry_caption_general"
