"""The Streamlit app end to end with AppTest: both languages, model and step changes, hostile
input, URL parameters, unavailable models. Uses checkpoints/dates-* (skipped without them);
the unavailable-model test builds its own checkpoints folder from tiny random models."""

from __future__ import annotations

import json

import pytest

from attention_core import save
from explorer.catalog import ENV_ROOT
from explorer.strings import STRINGS, tr
from support.apptest import (
    HOSTILE,
    figures_json,
    heatmap,
    ok,
    player,
    run_app,
    translation,
    z_of,
)
from support.marks import DATES, needs_dates
from support.server import ROOT
from support.translators import make_translator


@needs_dates
def test_every_run_shows_the_sidebar_and_the_page():
    """No page file runs alone: app.py lists them (explorer/pages/ is no auto-discovered
    pages/ folder), so a rerun draws the sidebar and the same page again."""
    at = run_app()
    for _ in range(2):
        ok(at)
        assert at.sidebar.radio(key="lang").value == "en"
        assert at.title[0].value == STRINGS["en"]["explorer_title"]
        assert len(player(at)["views"][0]["panels"]) >= 5
        at.run()


@needs_dates
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_runs_in_both_languages(lang):
    at = run_app(lang=lang)
    ok(at)
    assert at.title[0].value == STRINGS[lang]["explorer_title"]
    assert at.session_state["lang"] == lang
    view = player(at)["views"][0]  # the step player: matrix, timeline, panels, equations
    assert len(view["panels"]) >= 5 and view["equations"][0]
    assert player(at)["labels"]["next"] == STRINGS[lang]["next"]
    assert not at.error and not at.warning
    heat = heatmap(at)["data"][0]
    assert heat["zmin"] == 0 and heat["zmax"] == 1
    assert translation(at) == "2024-03-05"  # the default sentence, translated


@needs_dates
def test_language_switch_translates_the_page():
    at = run_app()
    assert at.session_state["lang"] == "en"  # st.context.locale is None under AppTest
    at.sidebar.radio(key="lang").set_value("ko").run()
    ok(at)
    assert at.title[0].value == STRINGS["ko"]["explorer_title"]
    axis = heatmap(at)["layout"]["xaxis"]["title"]["text"]
    assert axis == STRINGS["ko"]["axis_source"]
    assert at.query_params["lang"] == "ko"


@needs_dates
def test_changing_the_model_changes_the_figures():
    at = run_app()
    before = heatmap(at)
    for kind in ("bahdanau", "none"):
        at.sidebar.radio(key="kind").set_value(kind).run()
        ok(at)
        after = heatmap(at)
        assert after != before and player(at)["views"][0]["kind"] == kind
        assert at.query_params["model"] == f"dates-{kind}"
        before = after
    # the no-attention model: the heatmap shows identical context rows
    z = z_of(heatmap(at))
    assert (z == z[0]).all()


@needs_dates
def test_a_shared_step_opens_the_player_there():
    """The browser steps by itself; the server only says where a shared link opens."""
    at = run_app(step="4")
    ok(at)
    assert player(at)["start"] == 3
    shape = heatmap(at)["layout"]["shapes"][0]
    assert (shape["y0"], shape["y1"]) == (2.5, 3.5)
    assert at.query_params["step"] == "4"  # the server leaves the browser's step alone
    at.text_input(key="sentence:dates").input("17/08/1999").run()
    ok(at)
    assert player(at)["start"] == 0  # a new sentence starts at step 1


@needs_dates
def test_sidebar_shows_the_held_out_test_figures():
    """evaluation.json's test figures, not the training-time validation ones."""
    evaluation = json.loads((DATES[0] / "evaluation.json").read_text(encoding="utf-8"))
    at = run_app()
    captions = [c.value for c in at.sidebar.caption]
    assert tr("metric_test_exact_match", "en", value=evaluation["exact_match"]) in captions
    assert not any(c.startswith("Validation") for c in captions)


@needs_dates
def test_figure_downloads_are_named_and_take_the_chosen_format():
    """Plotly's camera button: the file is named after model, figure and step; PNG or SVG."""
    at = run_app()

    # the player names each file <model>-<figure>-step<t> (explorer/player/js)
    assert (player(at)["name"], player(at)["image_format"]) == ("dates-dot", "png")
    at.sidebar.radio(key="img_format").set_value("svg").run()
    ok(at)
    assert player(at)["image_format"] == "svg"


@needs_dates
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_shows_a_message_not_an_exception(text):
    at = run_app()
    at.text_input(key="sentence:dates").input(text).run()
    ok(at)
    messages = [m.value for m in (*at.warning, *at.error)]
    assert messages, "a translated warning or error"
    dumped = figures_json(at)
    assert "<b>" not in dumped and "<script" not in dumped


@needs_dates
def test_hostile_input_message_is_translated():
    at = run_app(lang="ko")
    at.text_input(key="sentence:dates").input("x" * 10_000).run()
    ok(at)
    assert any("10,000" in w.value and "1,000" in w.value for w in at.warning)
    assert any("입력" in w.value for w in at.warning)
    at.text_input(key="sentence:dates").input("😀").run()
    assert [w.value for w in at.warning] == [STRINGS["ko"]["warn_no_content"]]


@needs_dates
def test_markup_is_shown_escaped():
    at = run_app()
    at.text_input(key="sentence:dates").input("<b>5</b> mars 2024").run()
    ok(at)
    ticks = heatmap(at)["layout"]["xaxis"]["ticktext"]
    assert any("&lt;" in t for t in ticks) and not any("<b>" in t for t in ticks)
    assert any(STRINGS["en"]["warn_markup"] in w.value for w in at.warning)


@needs_dates
def test_query_params_round_trip():
    params = {"lang": "ko", "model": "dates-bahdanau", "sentence": "5 mars 2024", "step": "3"}
    at = run_app(**params)
    ok(at)
    assert at.sidebar.radio(key="kind").value == "bahdanau"
    assert at.text_input(key="sentence:dates").value == "5 mars 2024"
    assert player(at)["start"] == 2
    for name, value in params.items():
        assert at.query_params[name] == value
    at.text_input(key="sentence:dates").input("17/08/1999").run()
    assert at.query_params["sentence"] == "17/08/1999"
    assert translation(at) == "1999-08-17"


@needs_dates
def test_bad_query_params_are_ignored():
    at = run_app(model="nope", step="abc", mode="weird", beam="x", lang="xx")
    ok(at)
    assert at.session_state["lang"] == "en"
    assert at.session_state["task"] == "fra-eng" or at.sidebar.radio(key="kind").value == "dot"
    assert not at.error and not at.warning  # a model that loads is chosen


@needs_dates
def test_a_step_beyond_the_end_is_clamped():
    at = run_app(step="999")
    ok(at)
    assert player(at)["start"] == player(at)["n"] - 1


@needs_dates
def test_token_and_hypothesis_tables_only_once_opened():
    """No data frame on a new session's page (it costs the browser Streamlit's table code);
    opening the expander draws the tokens as the model read them."""
    at = run_app()
    ok(at)
    assert not at.dataframe
    at.session_state["source_tokens"] = True
    at.run()
    ok(at)
    sentence = at.text_input(key="sentence:dates").value  # the dates models read characters
    shown = "".join(at.dataframe[0].value.iloc[:, 1]).replace("␣", " ")  # a space shows as ␣
    assert len(at.dataframe) == 1 and shown == sentence
    at.radio(key="mode").set_value("beam").run()
    at.session_state["hypotheses"] = True
    at.run()
    ok(at)
    assert len(at.dataframe) == 2


@needs_dates
def test_beam_and_forced_modes():
    at = run_app()
    at.radio(key="mode").set_value("beam").run()
    ok(at)
    at.slider(key="beam").set_value(3).run()
    ok(at)
    assert translation(at) == "2024-03-05" and at.query_params["beam"] == "3"
    at.radio(key="mode").set_value("forced").run()
    ok(at)
    assert at.text_input(key="reference:dates").value == "2024-03-05"
    at.text_input(key="reference:dates").input("1999-01-01").run()
    ok(at)
    assert translation(at) == "1999-01-01"  # forced: the output is the reference
    at.text_input(key="reference:dates").input("").run()
    assert [w.value for w in at.warning] == [STRINGS["en"]["err_empty_reference"]]


@needs_dates
def test_example_buttons_set_the_sentence():
    at = run_app()
    at.button(key="example:dates:4").click().run()
    ok(at)
    assert at.text_input(key="sentence:dates").value == "17/08/1999"
    assert translation(at) == "1999-08-17"


@needs_dates
def test_about_page():
    at = run_app()
    at.switch_page("explorer/pages/about.py").run()
    ok(at)
    assert at.title[0].value == STRINGS["en"]["about_title"]
    assert len(at.dataframe) == 1
    commands = at.code[0].value.splitlines()  # each shipped model's recorded training command
    assert any("--task dates --attention dot" in c for c in commands)
    assert all(c.startswith("python -m attention_core train ") for c in commands)
    # copyable: into runs/, not over the shipped checkpoints, no path of the machine they ran on
    assert all(" --out runs/" in c and "/work/" not in c and "--resume" not in c for c in commands)
    assert not any("--out checkpoints/" in c for c in commands)
    assert STRINGS["en"]["about_caveat_title"] in [h.value for h in at.subheader]


def test_unavailable_models_are_shown_as_such(tmp_path, monkeypatch):
    """A broken model and a missing one are explained; the working one still works."""
    save(tmp_path / "dates-dot", make_translator("dot"), {})
    save(tmp_path / "dates-bahdanau", make_translator("bahdanau"), {})
    weights = tmp_path / "dates-bahdanau" / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-10])  # truncated: the checksum fails
    monkeypatch.setenv(ENV_ROOT, str(tmp_path))

    at = run_app(sentence="5 mars 2024")
    ok(at)
    labels = [at.sidebar.radio(key="kind").format_func(k) for k in ("dot", "bahdanau", "none")]
    assert STRINGS["en"]["unavailable_broken"] in labels[1]
    assert STRINGS["en"]["unavailable_missing"] in labels[2]
    assert player(at), "the working model shows its player"

    at.sidebar.radio(key="kind").set_value("bahdanau").run()
    ok(at)
    assert "dates-bahdanau" in at.error[0].value
    assert "checksum" in at.code[0].value  # the loader's own message, as plain text
    assert not player(at)

    at.sidebar.radio(key="kind").set_value("none").run()
    ok(at)
    assert "dates-none" in at.warning[0].value

    at.sidebar.radio(key="kind").set_value("dot").run()
    ok(at)
    assert player(at)


FRA_ENG = [ROOT / "checkpoints" / f"fra-eng-{kind}" for kind in ("bahdanau", "none")]


@pytest.mark.skipif(
    not all((p / "config.json").is_file() for p in FRA_ENG),
    reason="the English-French checkpoints are not shipped yet",
)
def test_english_to_french_opens_by_default():
    at = run_app(model=None)
    ok(at)
    assert at.sidebar.selectbox(key="task").value == "fra-eng"
    assert translation(at)  # a translation of the default sentence
    assert player(at) and not at.error


def test_no_checkpoints_at_all(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_ROOT, str(tmp_path))
    at = run_app(lang="ko")
    ok(at)
    assert STRINGS["ko"]["no_models"] in [i.value for i in at.info]


def test_fra_eng_task_credits_tatoeba(tmp_path, monkeypatch):
    for kind in ("dot", "none"):
        save(tmp_path / f"fra-eng-{kind}", make_translator(kind, task="fra-eng"), {})
    save(tmp_path / "dates-dot", make_translator("dot"), {})
    monkeypatch.setenv(ENV_ROOT, str(tmp_path))
    at = run_app(model="fra-eng-dot", sentence="the the the .")
    ok(at)
    assert at.sidebar.selectbox(key="task").value == "fra-eng"
    assert any("tatoeba.org" in c.value and "CC-BY 2.0 FR" in c.value for c in at.sidebar.caption)
    assert heatmap(at)["layout"]["xaxis"]["ticktext"] == ["the", "the", "the", "."]
    at.sidebar.selectbox(key="task").set_value("dates").run()
    ok(at)
    assert not any("tatoeba.org" in c.value for c in at.sidebar.caption)
    assert at.text_input(key="sentence:dates").value == "Tuesday, March 5, 2024"


def test_a_link_with_an_unknown_model_says_so_once():
    """Issue 25: a bad ``model=`` in a link fell back to the default without a word."""
    at = run_app(model="fra-eng-transformer", lang="en")
    ok(at)
    assert STRINGS["en"]["notice_unknown_model_link"] in [i.value for i in at.info]
    at.run()
    assert STRINGS["en"]["notice_unknown_model_link"] not in [i.value for i in at.info]
