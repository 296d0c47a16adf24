"""The app's pure layer: figures, tables and input checks (equations: test_equations.py; the
checkpoint catalogue: test_catalog.py).

Small random models (conftest.make_translator) are enough: these tests check structure
(one column per token, escaping, fixed scales, values that match the trace), not quality.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from attention_core import decode
from explorer import catalog
from explorer.figures import lines, sentence, style, tables
from explorer.figures.plain import as_go
from explorer.numbers import equations, inputs
from explorer.player import panels
from support.translators import make_translator

KINDS = ("dot", "bahdanau", "none")
HOSTILE = ["<b>x</b>", "&amp;", "<unk>", " ", '<a href="http://example.com">link</a>', "<eos>"]


@pytest.fixture(scope="module")
def translators():
    return {kind: make_translator(kind) for kind in KINDS}


def _trace(translators, kind, text="Tuesday, March 5, 2024", **kw):
    """Forced decoding by default: random models may stop at once; this gives 11 steps."""
    kw = kw or {"mode": "forced", "reference": "2024-03-05"}
    return decode(translators[kind], text, **kw)


def _hostile_trace(translators, kind):
    """A real trace whose source and output tokens are replaced by hostile ones."""
    trace = _trace(translators, kind, "x" * len(HOSTILE))
    trace.source_tokens = list(HOSTILE)
    trace.source_oov = [True, False] * (len(HOSTILE) // 2)
    for step, token in zip(trace.steps, HOSTILE * 3):
        step.token = token
        step.top_k = [(token, 0.5)] + step.top_k[1:]
    return trace


def _panel_figure(name, trace, t, lang):
    return panels.REGISTRY[name].figure(trace, t, lang)


def _panel_builder(name):
    """A panel's figure builder, named for the assertion messages."""

    def build(trace, t, lang):
        return _panel_figure(name, trace, t, lang)

    build.__name__ = name
    return build


def _step_figures(trace, t, lang):
    return [(p.name, p.figure(trace, t, lang)) for p in panels.panels_of(trace)]


def _all_figures(trace, t, lang="en"):
    figs = [
        as_go(sentence.attention_heatmap(trace, t, lang)),
        as_go(sentence.timeline_figure(trace, t, lang)),
    ]
    return figs + [as_go(fig) for _, fig in _step_figures(trace, t, lang)]


def _visible_text(fig) -> str:
    """Everything Plotly renders as (HTML-subset) text: ticks, hover data, texts, annotations."""
    spec = json.loads(fig.to_json())
    spec["layout"].pop("template", None)
    return json.dumps(spec, ensure_ascii=False)


# ----- repeated tokens ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ("dot", "bahdanau"))
def test_repeated_date_tokens_keep_one_column_each(translators, kind):
    trace = _trace(translators, kind, "05.05.05")
    assert trace.source_tokens == list("05.05.05")
    fig = as_go(sentence.attention_heatmap(trace, 0, "en"))
    assert len(fig.layout.xaxis.tickvals) == len(trace.source_tokens) == 8
    assert len(fig.layout.xaxis.ticktext) == 8
    assert np.shape(fig.data[0].z) == (len(trace.steps), 8)
    for name in ("keys", "scores", "weights"):
        sub = as_go(panels.REGISTRY[name].figure(trace, 0, "en"))
        axis = sub.layout.yaxis if name == "keys" else sub.layout.xaxis
        assert len(axis.tickvals) == 8, name


@pytest.mark.parametrize("kind", KINDS)
def test_repeated_words_keep_one_column_each(kind):
    trace = decode(make_translator(kind, task="fra-eng"), "the the the", complete=False)
    assert trace.source_tokens == ["the", "the", "the"]
    keys = as_go(_panel_figure("keys", trace, 0, "en"))
    assert list(keys.layout.yaxis.tickvals) == [0, 1, 2]
    assert list(keys.layout.yaxis.ticktext) == ["the"] * 3
    if kind != "none":
        heat = as_go(sentence.attention_heatmap(trace, 0, "en"))
        assert list(heat.layout.xaxis.tickvals) == [0, 1, 2]
        # output tokens repeat too ("0" in dates, "le" in French): one row per step
        assert len(heat.layout.yaxis.tickvals) == len(trace.steps)


# ----- escaping -----------------------------------------------------------------------------


def test_token_html():
    assert style.token_html("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert style.token_html("&amp;") == "&amp;amp;"
    assert style.token_html("<unk>") == "&lt;unk&gt;"
    assert style.token_html(" ") == "␣"
    assert style.token_html('"') == '"'  # quote=False: quotes are harmless in Plotly text


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_tokens_are_escaped_everywhere(translators, kind):
    trace = _hostile_trace(translators, kind)
    heat = as_go(sentence.attention_heatmap(trace, 1, "en"))
    if kind != "none":
        ticks = [re.sub(r"<span[^>]*>|</span>", "", t) for t in heat.layout.xaxis.ticktext]
        assert ticks[:4] == ["&lt;b&gt;x&lt;/b&gt;", "&amp;amp;", "&lt;unk&gt;", "␣"]
        hover_tokens = {cell[0] for row in heat.data[0].customdata for cell in row}
        assert "&lt;b&gt;x&lt;/b&gt;" in hover_tokens and "&amp;amp;" in hover_tokens
    assert "&lt;b&gt;x&lt;/b&gt;" in heat.layout.yaxis.ticktext  # output tokens too
    for fig in _all_figures(trace, 1):
        text = _visible_text(fig)
        for raw in ("<b>x", "<unk>", "<eos>", "<a href", '&amp;"', "&amp;,"):
            assert raw not in text, (raw, text[:300])
    topk = as_go(_panel_figure("topk", trace, 1, "en"))
    assert topk.layout.yaxis.ticktext[0] == "&amp;amp;"
    assert topk.data[0].customdata[0] == "&amp;amp;"


def test_unknown_tokens_are_marked(translators):
    trace = _trace(translators, "dot", "5 mars 2024 😀")
    assert trace.source_oov[-1]
    labels = style.source_labels(trace)
    assert style.HIGHLIGHT in labels[-1] and "😀" in labels[-1]
    assert style.HIGHLIGHT not in labels[0]


# ----- values and scales --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ("dot", "bahdanau"))
def test_heatmap_is_the_attention_matrix_with_a_fixed_scale(translators, kind):
    trace = _trace(translators, kind)
    fig = as_go(sentence.attention_heatmap(trace, 2, "en"))
    heat = fig.data[0]
    np.testing.assert_allclose(np.array(heat.z), trace.attention_matrix, rtol=0, atol=1e-7)
    assert (heat.zmin, heat.zmax) == (0.0, 1.0)
    assert heat.colorscale == go.Heatmap(colorscale="Viridis").colorscale  # Plotly's own stops
    assert heat.colorbar.title.text
    (shape,) = fig.layout.shapes
    assert (shape.y0, shape.y1) == (1.5, 2.5)  # the current step is outlined
    assert "%{z" in heat.hovertemplate


def test_presenter_mode_adds_no_colour_bar(translators):
    """A figure without a colour scale gets none in presenter mode (plotly.js draws a marker's
    colour bar once any of its attributes is set)."""
    trace = _trace(translators, "dot", "2024-03-05")
    for build in (lines.line_figure, _panel_builder("topk"), _panel_builder("weights")):
        plain = json.loads(as_go(build(trace, 0, "en")).to_json())["data"]
        big = json.loads(style.presenter(as_go(build(trace, 0, "en"))).to_json())["data"]
        had = ["colorbar" in d.get("marker", {}) for d in plain]
        assert ["colorbar" in d.get("marker", {}) for d in big] == had, build.__name__


def test_line_view_labels_alternate_when_many(translators):
    """Seven or more tokens in a row: their labels alternate outside and inside the two rows
    (they overlapped in a narrow panel); a few tokens keep theirs outside."""
    fig = as_go(lines.line_figure(_trace(translators, "dot", "Tuesday, March 5, 2024"), 0, "en"))
    source = fig.data[0].textposition
    assert list(source[:3]) == ["top center", "bottom center", "top center"]
    few = _trace(translators, "dot", "2024")
    assert len(few.source_tokens) < lines.STAGGER_FROM
    assert as_go(lines.line_figure(few, 0, "en")).data[0].textposition == "top center"


def test_bars_carry_value_labels_only_while_they_fit(translators):
    short = _trace(translators, "dot", "2024-03-05")  # 10 source characters
    long_ = _trace(translators, "dot", "Tuesday, March 5, 2024")  # 22
    assert len(short.source_tokens) <= style.MAX_BAR_LABELS < len(long_.source_tokens)
    assert as_go(_panel_figure("weights", short, 0, "en")).data[0].texttemplate
    assert as_go(_panel_figure("weights", long_, 0, "en")).data[0].texttemplate is None
    assert as_go(_panel_figure("scores", long_, 0, "en")).data[0].texttemplate is None


@pytest.mark.parametrize("kind", ("dot", "bahdanau"))
def test_step_values_match_the_trace(translators, kind):
    trace = _trace(translators, kind)
    t = 3
    step = trace.steps[t]
    weights = as_go(_panel_figure("weights", trace, t, "en"))
    np.testing.assert_allclose(weights.data[0].y, step.weights, atol=1e-7)
    assert list(weights.layout.yaxis.range) == [0.0, 1.05]
    marker = weights.data[0].marker
    assert (marker.cmin, marker.cmax) == (0.0, 1.0)
    scores = as_go(_panel_figure("scores", trace, t, "en"))
    np.testing.assert_allclose(scores.data[0].y, step.scores, atol=1e-6)
    assert scores.data[0].marker.cmin == -scores.data[0].marker.cmax  # symmetric around 0
    parts = as_go(_panel_figure("parts", trace, t, "en"))
    z = np.array(parts.data[0].z)
    np.testing.assert_allclose(z[:-1].sum(axis=0), step.context, atol=1e-5)  # Σ α_i h_i = a_t
    np.testing.assert_allclose(z[-1], step.context, atol=1e-7)
    query = as_go(_panel_figure("query", trace, t, "en"))
    np.testing.assert_allclose(np.array(query.data[0].z)[0], step.query, atol=1e-7)
    topk = as_go(_panel_figure("topk", trace, t, "en"))
    np.testing.assert_allclose(topk.data[0].x, [p for _, p in step.top_k], atol=1e-7)


def test_diverging_limits_hold_for_the_whole_trace(translators):
    trace = _trace(translators, "dot")
    figures = [as_go(_panel_figure("query", trace, t, "en")) for t in range(len(trace.steps))]
    limits = {fig.data[0].zmax for fig in figures}
    assert len(limits) == 1
    heat = as_go(_panel_figure("query", trace, 0, "en")).data[0]
    assert heat.zmin == -heat.zmax and heat.colorscale


def test_bahdanau_energies_are_fixed_to_minus_one_one(translators):
    trace = _trace(translators, "bahdanau")
    heat = as_go(_panel_figure("energies", trace, 1, "en")).data[0]
    assert (heat.zmin, heat.zmax) == (-1.0, 1.0)
    np.testing.assert_allclose(np.array(heat.z), trace.steps[1].energies, atol=1e-7)
    proj = as_go(_panel_figure("keys_proj", trace, 1, "en")).data[0]
    np.testing.assert_allclose(np.array(proj.z), trace.keys_proj, atol=1e-7)


def test_no_attention_shows_the_same_context_at_every_step(translators):
    trace = _trace(translators, "none")
    assert trace.attention_matrix is None
    fig = as_go(sentence.attention_heatmap(trace, 1, "en"))
    z = np.array(fig.data[0].z)
    assert z.shape == (len(trace.steps), trace.keys.shape[1])
    np.testing.assert_allclose(z, np.broadcast_to(z[0], z.shape), atol=0)
    assert [name for name, _ in _step_figures(trace, 0, "en")] == [
        "query",
        "output",
        "topk",
    ]


def test_timeline_outlines_the_query(translators):
    def query_box(kind):
        fig = as_go(sentence.timeline_figure(_trace(translators, kind), 0, "en"))
        scatter = fig.data[0]
        return [text for text, c in zip(scatter.text, scatter.marker.color) if c == style.CHOSEN]

    assert query_box("dot") == ["s<sub>t</sub>"]
    assert query_box("bahdanau") == ["s<sub>t−1</sub>"]
    assert query_box("none") == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", ("en", "ko"))
@pytest.mark.parametrize(
    "mode",
    [
        {"mode": "greedy"},
        {"mode": "beam", "beam": 3},
        {"mode": "forced", "reference": "2024-03-05"},
    ],
)
def test_every_figure_builds(translators, kind, lang, mode):
    trace = _trace(translators, kind, **mode)
    for t in (0, len(trace.steps) - 1):
        for fig in _all_figures(trace, t, lang):
            assert fig.to_json()
        for panel in panels.panels_of(trace):
            assert len(pd.DataFrame(panel.table(trace, t, lang))) > 0, panel.name
        latex = equations.step_equations(trace, t)
        assert latex and all(isinstance(s, str) and s for _, s in latex)


def test_shipped_checkpoints_build_when_present():
    entries = [e for e in catalog.discover()["dates"].values() if e.present and e.problem is None]
    if not entries:
        pytest.skip("no dates checkpoint in checkpoints/ yet")
    from attention_core import load

    for entry in entries:
        trace = decode(load(entry.path), "17/08/1999")
        assert trace.output_text == "1999-08-17"
        for fig in _all_figures(trace, 1):
            assert fig.to_json()


# ----- tables and the CSV download ----------------------------------------------------------


def test_attention_csv(translators):
    trace = _trace(translators, "dot", "05.05.05")
    csv = tables.attention_csv(trace)
    lines = csv.strip().splitlines()
    assert len(lines) == len(trace.steps) + 1
    assert lines[0].split(",")[2:] == [f"{i + 1}:{c}" for i, c in enumerate("05.05.05")]
    assert tables.attention_csv(_trace(translators, "none")) is None


def test_csv_neutralises_formulas(translators):
    trace = _trace(translators, "dot", "xxxx")
    trace.source_tokens = ["=1+1", "+x", "@y", "-"]
    header = tables.attention_csv(trace).splitlines()[0]
    assert "1:=1+1" in header  # a header cell starting with a digit is safe as it is
    assert tables._csv_safe("=1+1") == "'=1+1" and tables._csv_safe("-") == "-"


def test_hypotheses_table(translators):
    trace = _trace(translators, "dot", mode="beam", beam=3)
    frame = tables.hypotheses_table(trace, "ko")
    assert len(frame) == len(trace.hypotheses) and "순위" in frame.columns


# ----- input checks -------------------------------------------------------------------------


def test_input_checks():
    assert not inputs.has_content("!!! ?")
    assert not inputs.has_content("😀🙂")
    assert inputs.has_content("화요일") and inputs.has_content("05")
    assert inputs.looks_like_markup("<b>x</b>") and inputs.looks_like_markup("a &amp; b")
    assert inputs.looks_like_markup("<script>alert(1)</script>")
    assert not inputs.looks_like_markup("3 < 5 and 6 > 2")
    assert inputs.parse_step("3", 10) == 3
    assert inputs.parse_step("99", 10) == 10 and inputs.parse_step("-4", 10) == 1
    assert inputs.parse_step("abc", 10) is None and inputs.parse_step("", 10) is None


@pytest.mark.parametrize("kind", ["dot", "bahdanau"])
def test_presenter_mode_scales_every_label(translators, kind):
    """Tick labels, cell numbers, bar labels, diagram labels and annotations all grow."""
    trace = _trace(translators, kind, "2024-03-05")  # short enough for bar labels

    def sizes(fig) -> list[float]:
        spec = json.loads(fig.to_json())
        out = [
            t.get("textfont", {}).get("size", 12)
            for t in spec["data"]
            if "text" in t or "texttemplate" in t
        ]
        out += [a.get("font", {}).get("size", 12) for a in spec["layout"].get("annotations", [])]
        out += [spec["layout"][ax].get("tickfont", {}).get("size", 12) for ax in ("xaxis", "yaxis")]
        return out

    for build in (sentence.attention_heatmap, _panel_builder("weights"), sentence.timeline_figure):
        small = sizes(as_go(build(trace, 1, "en")))
        big = style.presenter(as_go(build(trace, 1, "en")))
        large = sizes(big)
        assert len(large) == len(small) > 2, build.__name__
        assert all(b >= 1.4 * a for a, b in zip(small, large)), (build.__name__, small, large)
        assert big.layout.font.size >= 18
