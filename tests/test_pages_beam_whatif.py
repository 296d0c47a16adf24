"""The beam-search and what-if pages end to end with AppTest, on checkpoints/dates-* (skipped
without them): both languages, beam width, the hypothesis picker, overrides, a forced prefix,
the no-attention model and hostile input."""

from __future__ import annotations

import json

import pytest

from explorer.strings import STRINGS
from support.apptest import HOSTILE, figures_json, heatmap, ok, player, run_app, specs, z_of
from support.marks import needs_dates

pytestmark = needs_dates
BEAM, WHATIF = "explorer/pages/beam.py", "explorer/pages/whatif.py"


def _page(path, **params):
    at = run_app(**params)
    at.switch_page(path).run()
    ok(at)
    return at


def _played(at) -> str:
    """The output the step player shows, as the page writes outputs (tokens joined)."""
    tokens = [t for t in player(at)["views"][0]["tokens"] if t != "<eos>"]
    return "".join(tokens)


def _tree_nodes(at) -> list[int]:
    tree = specs(at)[0]
    return sorted(c[0] for d in tree["data"] if d.get("customdata") for c in d["customdata"])


def _no_raw_markup(at):
    for spec in [*specs(at), figures_json(at)]:
        dumped = json.dumps(spec)
        assert "<b>" not in dumped and "<script" not in dumped


def _outputs(at) -> list[str]:
    """Each view's output in the step player (a dates model writes characters)."""
    views = player(at)["views"]
    return ["".join(tok for tok in v["tokens"] if tok != "<eos>") for v in views]


def _matrices(at) -> list[dict]:
    """Each view's attention matrix at the step the player opens at."""
    from explorer.player.wire import apply

    data = player(at)
    figures = [v["heatmap"]["figure"] for v in data["views"]]
    return [apply(f["base"], f["steps"][data["start"]]) for f in figures]


def _marks(fig: dict, kind: str) -> list[tuple[float, float]]:
    shapes = fig["layout"].get("shapes", [])
    if kind == "override":  # the dashed blue frame
        found = [s for s in shapes if s["type"] == "rect" and s["line"].get("dash") == "dash"]
    elif kind == "forced":  # the grey band across the plot
        found = [s for s in shapes if s["type"] == "rect" and s.get("xref") == "paper"]
    else:
        found = [s for s in shapes if s["type"] == "line"]
    return [(s["y0"], s["y1"]) for s in found]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_beam_page_in_both_languages(lang):
    at = _page(BEAM, lang=lang)
    assert at.title[0].value == STRINGS[lang]["beam_title"]
    assert not at.error and not at.warning
    assert at.code[0].value == "2024-03-05"  # the default sentence, best hypothesis
    assert at.selectbox(key="beam_pick").value == 0  # the picker starts on the best one
    assert _played(at) == at.code[0].value  # ... which the step player shows
    tree = specs(at)[0]
    assert tree["layout"]["xaxis"]["title"]["text"] == STRINGS[lang]["hover_step"]
    assert len(specs(at)) == 1  # the tree; the hypothesis' steps are in the step player
    assert len(player(at)["views"][0]["panels"]) >= 5
    assert any("β = 1.0" in c.value for c in at.caption)  # the length normalisation, stated


def test_beam_width_changes_the_tree():
    at = _page(BEAM)
    at.slider(key="beam_width").set_value(1).run()
    ok(at)
    narrow = _tree_nodes(at)
    assert len(at.selectbox(key="beam_pick").options) >= 1
    at.slider(key="beam_width").set_value(6).run()
    ok(at)
    wide = _tree_nodes(at)
    assert len(wide) > len(narrow)
    assert at.code[0].value == "2024-03-05"
    assert len(at.selectbox(key="beam_pick").options) > 1


def test_picking_a_hypothesis_shows_it():
    at = _page(BEAM)
    at.slider(key="beam_width").set_value(4).run()
    picker = at.selectbox(key="beam_pick")
    heat_before = heatmap(at)
    last = len(picker.options) - 1
    picker.set_value(last).run()
    ok(at)
    assert at.selectbox(key="beam_pick").value == last
    assert at.code[0].value == "2024-03-05"  # the search's best output does not move
    label = at.selectbox(key="beam_pick").options[last]
    shown = _played(at)
    assert shown in label  # the picked hypothesis' output, also in its label
    assert heatmap(at) != heat_before  # its own attention matrix
    selected = [d for d in specs(at)[0]["data"] if d.get("name") == "selected"]
    assert len(selected) == 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_whatif_page_in_both_languages(lang):
    at = _page(WHATIF, lang=lang)
    assert at.title[0].value == STRINGS[lang]["whatif_title"]
    assert not at.error and not at.warning
    original, whatif = _outputs(at)  # side by side on one step player
    assert original == "2024-03-05"
    # it opens on an override that changes the translation, and says where they part
    assert whatif != original
    assert [i.value for i in at.info][0].startswith(STRINGS[lang]["whatif_diverge"].split("{")[0])
    assert at.selectbox(key="whatif_how").options == [
        STRINGS[lang][k] for k in ("whatif_how_attend", "whatif_how_weights", "whatif_how_prefix")
    ]
    data = player(at)
    assert [v["title"] for v in data["views"]] == [
        STRINGS[lang]["whatif_original"],
        STRINGS[lang]["whatif_whatif"],
    ]
    assert [p["name"] for p in data["views"][1]["panels"]] == ["weights", "topk"]
    assert data["start"] == at.slider(key="whatif_step").value - 1  # opens at the override
    assert not specs(at)  # every figure is in the player


def test_an_override_changes_the_attention_and_is_marked():
    at = _page(WHATIF)
    at.slider(key="whatif_step").set_value(3).run()
    at.selectbox(key="whatif_pos").set_value(0).run()
    ok(at)
    original, whatif = (z_of(fig).tolist() for fig in _matrices(at))
    assert whatif[2] == [1.0] + [0.0] * (len(whatif[2]) - 1)  # all on the first token
    assert original[2] != whatif[2] and original[:2] == whatif[:2]
    for fig in _matrices(at):
        assert _marks(fig, "override") == [(1.5, 2.5)]  # the overridden step, on both
        outline = fig["layout"]["shapes"][0]
        assert (outline["y0"], outline["y1"]) == (1.5, 2.5)  # the player opens there
    outputs = _outputs(at)
    infos = [i.value for i in at.info]
    if outputs[0] == outputs[1]:
        assert infos == [STRINGS["en"]["whatif_same"]]
    else:  # where they part: said, and a dashed line on both matrices
        d = next(i for i, (a, b) in enumerate(zip(*outputs)) if a != b)
        assert d >= 2
        assert all(_marks(fig, "line") == [(d - 0.5, d - 0.5)] for fig in _matrices(at))


def test_weights_by_hand_render():
    at = _page(WHATIF)
    at.selectbox(key="whatif_how").set_value("weights").run()
    ok(at)
    assert at.caption and STRINGS["en"]["whatif_weights_caption"] in [c.value for c in at.caption]
    # unedited, the table holds the model's own weights (rounded): the same output
    original, whatif = _outputs(at)
    assert original == whatif


def test_forced_prefix_is_kept_and_continued():
    at = _page(WHATIF, lang="ko")
    at.selectbox(key="whatif_how").set_value("prefix").run()
    ok(at)
    assert [i.value for i in at.info] == [STRINGS["ko"]["whatif_prefix_empty"]]
    at.text_input(key="whatif_prefix:dates").input("1999").run()
    ok(at)
    original, whatif = _outputs(at)
    assert original == "2024-03-05" and whatif.startswith("1999")
    band = _marks(_matrices(at)[1], "forced")
    assert band == [(-0.5, 3.5)]  # the 4 forced steps, shaded
    at.text_input(key="whatif_prefix:dates").input("<b>1</b>").run()
    ok(at)
    assert STRINGS["ko"]["whatif_prefix_unknown"] in [w.value for w in at.warning]
    _no_raw_markup(at)


def test_no_attention_model_can_only_force_a_prefix():
    at = _page(WHATIF)
    at.sidebar.radio(key="kind").set_value("none").run()
    ok(at)
    assert STRINGS["en"]["whatif_no_attention"] in [i.value for i in at.info]
    assert at.selectbox(key="whatif_how").options == [STRINGS["en"]["whatif_how_prefix"]]


@pytest.mark.parametrize("path", [BEAM, WHATIF])
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_sentences_render_without_an_exception(path, text):
    at = _page(path)
    key = f"{'beam' if path == BEAM else 'whatif'}_sentence:dates"
    at.text_input(key=key).input(text).run()
    ok(at)
    assert [m.value for m in (*at.warning, *at.error)], "a translated warning or error"
    _no_raw_markup(at)


@pytest.mark.parametrize("path", [BEAM, WHATIF])
def test_pages_start_from_the_explorer_sentence(path):
    at = _page(path, sentence="17/08/1999")

    def output():
        return at.code[0].value if path == BEAM else _outputs(at)[0]

    assert output() == "1999-08-17"
    page = "beam" if path == BEAM else "whatif"
    at.text_input(key=f"{page}_sentence:dates").input("5 mars 2024").run()
    ok(at)
    assert output() == "2024-03-05"
    at.switch_page("explorer/pages/explorer.py").run()  # the explorer keeps its own sentence
    ok(at)
    assert at.text_input(key="sentence:dates").value == "17/08/1999"


def test_the_what_if_step_moves_after_an_example():
    at = _page(WHATIF)
    at.button(key="whatif_example:dates:2").click().run()
    ok(at)
    at.slider(key="whatif_step").set_value(2).run()
    ok(at)
    assert at.selectbox(key="whatif_pos").value in range(
        len(at.selectbox(key="whatif_pos").options)
    )


def _param(at, name):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_a_beam_search_link_reopens_the_same_search():
    """Issue 25: the beam page kept neither its sentence nor its settings in the URL."""
    at = _page(BEAM, sentence="5 mars 2024", k="4", alpha="0.5", pick="2")
    assert at.slider(key="beam_width").value == 4
    assert at.select_slider(key="beam_alpha").value == 0.5
    assert at.selectbox(key="beam_pick").value == 1
    assert (_param(at, "k"), _param(at, "alpha"), _param(at, "pick")) == ("4", "0.5", "2")
    assert _param(at, "sentence") == "5 mars 2024"
    at.slider(key="beam_width").set_value(2).run()
    assert _param(at, "k") == "2" and _param(at, "pick") is None  # a new search starts at 1


def test_a_what_if_link_reopens_the_same_override():
    at = _page(WHATIF, sentence="5 mars 2024", how="attend", at="3", pos="2")
    assert at.selectbox(key="whatif_how").value == "attend"
    assert at.slider(key="whatif_step").value == 3
    assert at.selectbox(key="whatif_pos").value == 1
    assert player(at)["start"] == 2  # the player opens at the overridden step
    assert (_param(at, "how"), _param(at, "at"), _param(at, "pos")) == ("attend", "3", "2")
    prefixed = _page(WHATIF, sentence="5 mars 2024", how="prefix", prefix="2024-0")
    assert prefixed.text_input(key="whatif_prefix:dates").value == "2024-0"
    assert _param(prefixed, "prefix") == "2024-0"
