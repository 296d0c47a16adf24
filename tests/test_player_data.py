"""The step player's data (explorer/player/data.py, explorer/player/panels/): what the browser
rebuilds at step t equals what the server's figure, table and equation code give for step t.

The browser applies each step's update to step 1's figure with the same rules as
``wire.apply``; the browser tests check that the drawn values match too.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from attention_core import ATTENTION_KINDS, decode
from attention_core.checkpoint import load
from explorer.figures import sentence, style, tables
from explorer.numbers import equations
from explorer.player import data as player_data
from explorer.player import panels, wire
from explorer.strings import STRINGS
from support.marks import needs_dates
from support.translators import make_translator

HOSTILE = "<b>bold</b> & <a href='x'>a</a> $x^2$ the the"


def _traces():
    out = []
    for kind in ATTENTION_KINDS:
        tr = make_translator(kind)
        out.append(decode(tr, "5 mars 2024"))
    return out


TRACES = _traces()


def z_of(fig: dict) -> np.ndarray:
    return wire.decoded(fig["data"][0]["z"])


# The tanh layer's output is computed again from the two projections (in the browser, and by
# wire.apply here) rather than sent; tanh's last bit depends on the CPU and library (issue 25:
# a value one float32 unit apart failed on another machine), so these compare within two units
# at 1.0 (float32's spacing there is 6e-8). Every other number is copied, and compared exactly.
TANH_ATOL = 1.2e-7


def _same(rebuilt: dict, built: dict, tanh: bool) -> None:
    """Equal figures; the tanh layer's output within TANH_ATOL."""
    if tanh:
        np.testing.assert_allclose(z_of(rebuilt), z_of(built), rtol=0, atol=TANH_ATOL)
        rebuilt["data"][0].pop("z"), built["data"][0].pop("z")
    assert rebuilt == built


def _same_table(got: dict, want: dict, tanh: bool) -> None:
    """Equal tables; with ``tanh``, their number columns within TANH_ATOL."""
    if not tanh:
        assert got == want
        return
    assert got["columns"] == want["columns"] and len(got["cells"]) == len(want["cells"])
    for a, b in zip(got["cells"], want["cells"]):
        if isinstance(b, dict):
            np.testing.assert_allclose(wire.decoded(a), wire.decoded(b), rtol=0, atol=TANH_ATOL)
        else:
            assert a == b


@pytest.mark.parametrize("trace", TRACES, ids=[t.attention_kind for t in TRACES])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_step_of_every_panel_equals_its_own_build(trace, lang):
    view = player_data.view(trace, lang)
    by_name = {p["name"]: p for p in view["panels"]}
    sources = player_data.sources(view)
    assert list(by_name) == [p.name for p in panels.panels_of(trace)]
    for panel in panels.panels_of(trace):
        spec = by_name[panel.name]
        for t in range(len(trace.steps)):
            built = player_data.figure_dict(panel.figure(trace, t, lang), False)
            rebuilt = wire.apply(spec["figure"]["base"], spec["figure"]["steps"][t], sources)
            z = z_of(rebuilt) if "z" in rebuilt["data"][0] else None
            table = wire.table_dict(panel.table(trace, t, lang))
            tanh = panel.name == "energies"
            _same_table(wire.table_at(spec["table"], t, z), table, tanh)
            _same(rebuilt, built, tanh)


@pytest.mark.parametrize("trace", TRACES, ids=[t.attention_kind for t in TRACES])
def test_large_step_matrices_travel_in_compact_forms(trace):
    """The weighted values and the tanh layer output are computed from what the payload
    already has; a heatmap's table refers to its z; hover labels go once per row."""
    view = player_data.view(trace, "en")
    by_name = {p["name"]: p for p in view["panels"]}
    if "parts" in by_name:
        assert by_name["parts"]["figure"]["steps"][0]["data"]["0"]["z"]["$op"] == "scale_rows"
        cells = by_name["parts"]["table"]["base"]["cells"]
        assert sum(isinstance(c, dict) and "$zrow" in c for c in cells) == len(trace.keys) + 1
    if "energies" in by_name:
        assert by_name["energies"]["figure"]["steps"][0]["data"]["0"]["z"]["$op"] == "tanh_add"
    if "keys" in by_name:
        keys = by_name["keys"]["figure"]["base"]["data"][0]
        assert keys["customdata"]["$rows"] == style.source_labels(trace)
    table = view["heatmap"]["table"]["base"]["cells"]
    assert all(isinstance(c, dict) and "$zcol" in c for c in table[2:])


def test_compact_rows_keeps_what_it_cannot_compact():
    assert wire.compact_rows([["a", "a"], ["b", "b"]]) == {"$rows": ["a", "b"], "n": 2}
    for custom in ([["a", "b"]], [["a"], ["b", "b"]], [[1, 1]], [], "x"):
        assert wire.compact_rows(custom) == custom
    assert wire.expand({"$rows": ["a", "b"], "n": 2}) == [["a", "a"], ["b", "b"]]


@pytest.mark.parametrize("trace", TRACES, ids=[t.attention_kind for t in TRACES])
def test_the_matrix_outlines_each_step(trace):
    view = player_data.view(trace, "en")
    heat = view["heatmap"]["figure"]
    for t in range(len(trace.steps)):
        built = player_data.figure_dict(sentence.attention_heatmap(trace, t, "en"), False)
        assert wire.apply(heat["base"], heat["steps"][t]) == built
        shape = built["layout"]["shapes"][0]
        assert (shape["y0"], shape["y1"]) == (t - 0.5, t + 0.5)


@pytest.mark.parametrize("trace", [t for t in TRACES if t.attention_kind != "none"])
def test_guess_mode_blanks_the_step_and_later_rows_but_keeps_the_matrix(trace):
    view = player_data.view(trace, "en", guess=True)
    heat = view["heatmap"]
    n, s = len(trace.steps), len(trace.source_tokens)
    for t in range(n):
        hidden = wire.apply(heat["figure"]["base"], heat["guess"][t])
        built = player_data.figure_dict(
            sentence.attention_heatmap(trace, t, "en", hide_from=t), False
        )
        assert hidden["data"][0].pop("hoverongaps") is False  # no hover on the hidden cells
        # ... so their customdata (the step's token, "?" in the full build) is never shown
        hidden["data"][0].pop("customdata"), built["data"][0].pop("customdata")
        assert hidden == built
        z = _decode(hidden["data"][0]["z"])
        assert np.isnan(z[t:n]).all() and not np.isnan(z[:t]).any()
        # one row past the axis range, never drawn, keeps a finite cell (plotly.js draws no
        # colour bar without one: step 1 hides every row)
        assert (z[n] == 0).all() and hidden["data"][0]["y"] == list(range(n + 1))
        ticks = hidden["layout"]["yaxis"]["ticktext"]
        assert [tick.endswith("</span>?") for tick in ticks] == [False] * t + [True] * (n - t)
        # the whole matrix keeps its place and its colour bar, also at step 1
        assert hidden["layout"]["yaxis"]["range"] == [n - 0.5, -0.5]
        assert hidden["layout"]["xaxis"]["range"] == [-0.5, s - 0.5]
        assert hidden["data"][0]["colorbar"]["title"]["text"]
    assert "guess" not in player_data.view(trace, "en")["heatmap"]  # only when asked for


@pytest.mark.parametrize("trace", TRACES, ids=[t.attention_kind for t in TRACES])
def test_equations_and_texts_of_every_step(trace):
    view = player_data.view(trace, "en")
    for t in range(len(trace.steps)):
        latex = [eq[1] for eq in view["equations"][t]]
        assert latex == [eq for _, eq in equations.step_equations(trace, t)]
        assert view["step_text"][t].startswith(f"Step {t + 1} of {len(trace.steps)}")
        assert "?" in view["step_text_hidden"][t]
    assert view["tokens"] == [style.token_text(s.token) for s in trace.steps]


def test_the_payload_is_json_without_nan_and_names_its_trace():
    trace = TRACES[0]
    views = [player_data.view(trace, "ko", guess=True)]
    raw = player_data.payload(views, "ko", id="m|s", assets="/app/static/vendor/", start=99)
    data = json.loads(raw.decode("utf-8"))
    assert data["id"] == "m|s" and data["start"] == len(trace.steps) - 1  # clamped
    assert data["labels"]["next"] == STRINGS["ko"]["next"]
    assert "NaN" not in raw.decode() and "Infinity" not in raw.decode()


def test_user_tokens_are_escaped_in_figures_and_plain_in_texts():
    tr = make_translator("dot", task="fra-eng")
    trace = decode(tr, HOSTILE)
    view = player_data.view(trace, "en")
    heat = view["heatmap"]["figure"]["base"]
    ticks = heat["layout"]["xaxis"]["ticktext"]
    assert len(ticks) == len(trace.source_tokens)  # repeated words: one column each
    assert all("<b>" not in t and "<a " not in t for t in ticks)
    for panel in view["panels"]:
        dumped = json.dumps(panel["figure"])
        assert "<b>" not in dumped and "<a href" not in dumped
    # texts go to the page as textContent: plain, not escaped twice
    assert all("&lt;" not in text for text in view["step_text"])


def test_segments_split_our_markdown():
    assert player_data.segments("The query $s_t$ is **new**.") == [
        ["t", "The query "],
        ["m", "s_t"],
        ["t", " is "],
        ["b", "new"],
        ["t", "."],
    ]
    assert player_data.segments("no math") == [["t", "no math"]]


def test_every_registry_string_exists_in_both_languages():
    """Every panel's title and caption key, as each kind shows it (the dot scores also scaled),
    in both languages."""
    scaled = [dataclasses.replace(t, score_scale=0.5) for t in TRACES if t.attention_kind == "dot"]
    shown = set()
    for trace in TRACES + scaled:
        for panel in panels.panels_of(trace):
            shown.add(panel.name)
            for key in (panel.title_key(trace), panel.caption_key(trace)):
                assert key and key in STRINGS["en"] and key in STRINGS["ko"], (panel.name, key)
    assert shown == set(panels.REGISTRY)
    assert "panel_scores_caption_dot_scaled" in {
        panels.REGISTRY["scores"].caption_key(t) for t in scaled
    }
    for key in player_data.labels("en"):
        if key != "speed_values":
            assert key in STRINGS["en"] and key in STRINGS["ko"], key


@needs_dates
def test_shipped_models_build_quickly_enough_to_cache():
    for name in ("dates-dot", "dates-bahdanau", "dates-none"):
        trace = decode(load(f"checkpoints/{name}"), "Tuesday, March 5, 2024")
        view = player_data.view(trace, "en", guess=True)
        assert view["n"] == len(trace.steps)
        heat = view["heatmap"]["figure"]
        table = tables.attention_table(trace, "en")
        assert heat["base"]["data"] and len(table) > 0


def _decode(spec) -> np.ndarray:
    import base64

    flat = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.float32)
    rows, cols = (int(x) for x in spec["shape"].split(","))
    return flat.reshape(rows, cols)
