"""explorer/player/panels: one module per panel, each registered once, every kind's panels known;
a new panel is one module (numbers, a drawing, string keys) and the player derives its figure of
every step from its numbers. (tests/test_player_data.py checks every shipped panel of every kind
against its own build at every step.)"""

from __future__ import annotations

import pkgutil

import numpy as np
import pytest

from attention_core import decode
from attention_core.kinds import KINDS
from explorer.player import data as player_data
from explorer.player import panels, wire
from explorer.player.panels import drawing
from explorer.player.panels.panel import Panel
from support.translators import make_translator

ROWS = drawing.SourceRows()
NOT_PANELS = {"drawing", "panel", "heatmap"}  # what the panel modules share


def test_every_panel_module_is_registered_and_every_kind_names_known_panels():
    modules = {m.name for m in pkgutil.iter_modules(panels.__path__)} - NOT_PANELS
    registered = {m.__name__.rsplit(".", 1)[1] for m in panels.STEP} | {"geometry", "lines"}
    assert modules == registered
    for record in KINDS.values():
        assert set(record.panels) | set(record.views) <= set(panels.REGISTRY), record.name
    for name, panel in panels.REGISTRY.items():
        assert panel.name == name and isinstance(panel, Panel)


@pytest.fixture(scope="module")
def trace():
    return decode(make_translator("dot"), "5 mars 2024")


@pytest.mark.parametrize(
    "new",
    [
        # a panel nobody ships: the context a_t alone, as a strip (Vectors)
        Panel("context", lambda tr, t: (("a_t", tr.steps[t].context),), drawing.Vectors(), "x"),
        # α_i h_i without the sum (SourceRows); twice the scores as bars (SourceBars)
        Panel("weighted", lambda tr, t: tr.steps[t].weights[:, None] * tr.keys, ROWS, "x"),
        Panel("bars", lambda tr, t: tr.steps[t].scores * 2, drawing.SourceBars(False), "x"),
    ],
    ids=lambda p: p.name,
)
def test_a_new_panel_is_its_numbers_and_a_drawing(trace, new):
    """Step 1's figure with step t's update, as the browser builds it, is the figure drawn
    from step t's numbers; the table holds those numbers."""
    spec = player_data._panel(trace, new, "en", False, {new.name})
    for t in range(len(trace.steps)):
        rebuilt = wire.apply(spec["figure"]["base"], spec["figure"]["steps"][t])
        assert rebuilt == player_data.figure_dict(new.figure(trace, t, "en"), False)
        cells = wire.table_at(spec["table"], t, wire.decoded(rebuilt["data"][0].get("z", [])))
        numbers = [wire.decoded(c) for c in cells["cells"] if isinstance(c, dict)]
        want = np.asarray(
            new.drawing.arrays(new.numbers(trace, t))[0], dtype=np.float32
        )  # the first array: its rows or its values
        got = np.concatenate([n.ravel() for n in numbers])
        assert np.isin(want.ravel(), got).all()


def test_a_static_panel_sends_no_update(trace):
    spec = player_data._panel(trace, panels.REGISTRY["keys"], "en", False, {"keys"})
    assert all(step == {} for step in spec["figure"]["steps"])
    assert panels.REGISTRY["keys"].update(trace, 1) is None


def test_limits_hold_for_the_whole_sentence(trace):
    """A panel's colour limit is the largest magnitude of its numbers at any step."""
    panel = panels.REGISTRY["query"]
    want = max(float(np.abs(s.query).max()) for s in trace.steps)
    assert panel.limit_of(trace) == pytest.approx(want)
    assert {panel.figure(trace, t, "en").data[0]["zmax"] for t in range(len(trace.steps))} == {
        panel.limit_of(trace)
    }


def test_the_output_line_stands_above_s_tilde_only():
    """The line marks s̃_t as made from the rows above it; the PyTorch tutorial's kind reads
    s_t itself, so its output panel has no line."""
    with_tilde = decode(make_translator("dot"), "5 mars 2024")
    shapes = panels.REGISTRY["output"].figure(with_tilde, 0, "en").layout.get("shapes", [])
    assert len(shapes) == 1
    rows = [("a_t", np.zeros(3)), ("s_t", np.ones(3))]
    bare = drawing.Vectors(total="s~_t").figure(with_tilde, rows, "en", 1.0)
    assert not bare.layout.get("shapes")
