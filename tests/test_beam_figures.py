"""explorer/figures/beam.py: the search tree and the hypothesis picker, on real beam traces of
small random models (random weights give finished, pruned and cut hypotheses alike)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from attention_core import decode
from explorer.figures import beam as bf
from explorer.figures import sentence, style
from explorer.figures.plain import as_go
from explorer.strings import STRINGS
from support.translators import make_translator

SOURCES = ("Tuesday, March 5, 2024", "5 mars 2024")
HOSTILE = ["<b>x</b>", "&amp;", '<a href="http://e.com">l</a>', "<script>", " ", "<eos>"]


@pytest.fixture(scope="module")
def translators():
    return {seed: make_translator("dot", seed=seed) for seed in (0, 1, 2)}


def _beam(translators, seed=0, k=3, text=SOURCES[0], alpha=1.0):
    return decode(translators[seed], text, mode="beam", beam=k, length_penalty=alpha)


def _traces(translators):
    return [_beam(translators, s, k, t) for s in (0, 1, 2) for k in (1, 3, 6) for t in SOURCES]


def _markers(fig):
    """The marker traces (the ones whose points carry node ids)."""
    return [d for d in fig.data if d.customdata is not None]


def test_one_marker_per_beam_node(translators):
    for trace in _traces(translators):
        fig = bf.beam_tree(trace, "en")
        ids = bf.node_ids_in(fig)
        assert sorted(ids) == [n.id for n in trace.beam_nodes]  # each node exactly once
        assert sum(len(d.x) for d in _markers(fig)) == len(trace.beam_nodes)


def test_nodes_show_token_and_cumulative_log_prob(translators):
    trace = _beam(translators, k=4)
    fig = bf.beam_tree(trace, "en")
    by_id = {n.id: n for n in trace.beam_nodes}
    for d in _markers(fig):
        for text, custom in zip(d.text, d.customdata):
            node = by_id[custom[0]]
            assert text == f"{style.token_html(node.token)}<br>{node.cum_log_prob:.2f}"
            assert custom[4] == node.cum_log_prob and custom[2] == node.step + 1


def test_labels_sit_beside_their_markers_inside_the_plot(translators):
    """Issue 14: labels above the markers reached into the row above and past the top edge."""
    for trace in _traces(translators):
        fig = bf.beam_tree(trace, "en")
        rows = max(y for d in _markers(fig) for y in d.y) + 1
        low, high = fig.layout.yaxis.range
        assert low >= rows - 0.5 and high <= -0.5  # half a row of room at both ends
        assert all(d.textposition == "middle right" for d in _markers(fig))
        steps = max(x for d in _markers(fig) for x in d.x)
        assert fig.layout.xaxis.range[1] >= steps + 0.8


def test_status_styling(translators):
    seen = set()
    for trace in _traces(translators):
        fig = bf.beam_tree(trace, "en")
        status = bf.display_status(trace)
        legend = {STRINGS["en"][key]: kind for kind, key in bf.LEGEND_KEYS.items()}
        for d in _markers(fig):
            kind = legend[d.name.replace("&lt;", "<").replace("&gt;", ">")]
            seen.add(kind)
            assert {status[c[0]] for c in d.customdata} == {kind}
            symbol, _, _, opacity = bf.STYLES[kind]
            assert d.marker.symbol == symbol and d.marker.opacity == opacity
        # the core's ends keep their status; a node is drawn as kept only on a surviving path
        for node in trace.beam_nodes:
            if node.status != "kept":
                assert status[node.id] == node.status
        ends = {h.node for h in trace.hypotheses if h.status in ("finished", "cut")}
        alive = {i for end in ends for i in bf.path_ids(trace, end)}
        assert {i for i, s in status.items() if s in ("kept", "finished", "cut")} == alive
    assert {"finished", "pruned", "kept"} <= seen
    pruned_alpha = bf.STYLES["pruned"][3]
    assert all(style[3] > pruned_alpha for k, style in bf.STYLES.items() if k != "pruned")


def test_tree_layout_is_tidy(translators):
    for trace in _traces(translators):
        pos = bf.tree_layout(trace)
        children = bf.children_of(trace)
        assert pos[None][0] == 0
        for node in trace.beam_nodes:
            assert pos[node.id][0] == node.step + 1
        for parent, kids in children.items():
            ys = [pos[k.id][1] for k in kids]
            assert min(ys) <= pos[parent][1] <= max(ys)
            assert ys == sorted(ys)  # best continuation on top
        assert len(set(pos.values())) == len(pos)  # no two nodes on the same spot


def test_selected_hypothesis_path_is_drawn(translators):
    trace = _beam(translators, k=5)
    for index in (0, len(trace.hypotheses) - 1):
        fig = bf.beam_tree(trace, "en", selected=index)
        path = [d for d in fig.data if d.name == "selected"]
        assert len(path) == 1
        pos = bf.tree_layout(trace)
        ids = bf.path_ids(trace, trace.hypotheses[index].node)
        ends = [(x, y) for x, y in zip(path[0].x, path[0].y) if x is not None][1::2]
        assert ends == [pos[i] for i in ids]
    assert not [d for d in bf.beam_tree(trace, "en").data if d.name == "selected"]


def test_hostile_tokens_are_escaped(translators):
    trace = _beam(translators, k=4)
    nodes = [replace(n, token=HOSTILE[n.id % len(HOSTILE)]) for n in trace.beam_nodes]
    hostile = replace(trace, beam_nodes=nodes)
    for lang in ("en", "ko"):
        spec = json.loads(bf.beam_tree(hostile, lang, selected=0).to_json())
        spec["layout"].pop("template", None)
        dumped = json.dumps(spec, ensure_ascii=False)
        for raw in ("<b>", "<a ", "<script", "<eos>", "<sos>"):
            assert raw not in dumped
        assert "&lt;b&gt;x&lt;/b&gt;" in dumped and "&amp;amp;" in dumped
        assert "&lt;eos&gt;" in dumped  # the legend's own "<eos>" is escaped too


def test_hypothesis_labels(translators):
    for trace in _traces(translators)[:6]:
        for lang in ("en", "ko"):
            labels = bf.hypothesis_labels(trace, lang)
            assert len(labels) == len(trace.hypotheses)
            for rank, (label, h) in enumerate(zip(labels, trace.hypotheses), start=1):
                assert label.startswith(f"{rank}. [")
                status = STRINGS[lang][f"status_{h.status}"]
                assert f"[{status}]" in label
                assert ("".join(h.tokens) or "∅") in label  # dates: characters, joined
                assert f"{h.log_prob:.3f}" in label and f"{h.score:.3f}" in label


def test_hypothesis_labels_are_plain_text(translators):
    """The picker (a selectbox) shows text as typed: no escaping there, and nothing lost."""
    trace = _beam(translators, k=3)
    first = replace(trace.hypotheses[0], tokens=list("<b>1</b>"))
    trace = replace(trace, hypotheses=[first, *trace.hypotheses[1:]])
    assert "<b>1</b>" in bf.hypothesis_labels(trace, "en")[0]


def test_hypothesis_for_node(translators):
    trace = _beam(translators, k=5)
    for node in trace.beam_nodes:
        found = bf.hypothesis_for_node(trace, node.id)
        through = [
            i for i, h in enumerate(trace.hypotheses) if node.id in bf.path_ids(trace, h.node)
        ]
        assert found == (through[0] if through else None)
    for i, h in enumerate(trace.hypotheses):  # an end node picks its own hypothesis
        assert bf.hypothesis_for_node(trace, h.node) == i
    assert bf.hypothesis_for_node(trace, -1) is None


def test_hypothesis_trace_draws_like_any_trace(translators):
    trace = _beam(translators, k=4)
    for i, h in enumerate(trace.hypotheses):
        one = bf.hypothesis_trace(trace, i)
        assert one.steps == h.steps and one.output_tokens == h.tokens
        assert one.output_text == "".join(h.tokens)
        assert one.attention_matrix.shape == (len(h.steps), len(trace.source_tokens))
        heat = as_go(sentence.attention_heatmap(one, len(h.steps) - 1, "en"))
        assert len(heat.data[0].z) == len(h.steps)
    assert bf.hypothesis_trace(trace, 0).output_tokens == trace.output_tokens  # best first


def test_width_one_picks_the_greedy_output(translators):
    for seed in (0, 1, 2):
        greedy = decode(translators[seed], SOURCES[0])
        trace = _beam(translators, seed, k=1)
        assert bf.hypothesis_trace(trace, 0).output_tokens == greedy.output_tokens


def test_status_counts(translators):
    for trace in _traces(translators):
        counts = bf.status_counts(trace)
        assert sum(counts.values()) == len(trace.hypotheses)
        assert counts["finished"] == sum(h.status == "finished" for h in trace.hypotheses)
