"""The Streamlit app end to end with AppTest: both languages, model and step changes, hostile
input, URL parameters, unavailable models. Uses checkpoints/dates-* (skipped without them);
the unavailable-model test builds its own checkpoints folder from tiny random models."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import make_translator

from attention_core import save
from explorer.catalog import ENV_ROOT
from explorer.strings import STRINGS, tr

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
DATES = [ROOT / "checkpoints" / f"dates-{kind}" for kind in ("dot", "bahdanau", "none")]
needs_dates = pytest.mark.skipif(
    not all((p / "config.json").is_file() for p in DATES),
    reason="checkpoints/dates-dot, -bahdanau and -none are not there yet (train them first)",
)
HOSTILE = ["", "   ", "!!! ?", "😀😀", "x" * 10_000, "<b>x</b>", "<script>alert(1)</script>"]


def _app(**params):
    """The app with these URL parameters; the dates dot model unless ``model`` says otherwise
    (``model=None``: no model in the URL, the app's own default)."""
    from streamlit.testing.v1 import AppTest

    params.setdefault("model", "dates-dot")
    params = {k: v for k, v in params.items() if v is not None}
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    return at.run()


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]


def _specs(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _player(at) -> dict | None:
    """The step player's payload (explorer/player/data.py), None when no player is shown."""
    found = at.get("bidi_component")
    return json.loads(found[0].proto.bytes.decode("utf-8")) if found else None


def _translation(at) -> str:
    """The explorer's translation: plain text in the options expander (the unknown-word line,
    also plain text, starts with ⟦)."""
    return next(t.value for t in at.text if not t.value.startswith("⟦"))


def _heatmap(at) -> dict:
    """The attention matrix at the step the player opens at (as the browser rebuilds it)."""
    from explorer.player.data import apply

    data = _player(at)
    heat = data["views"][0]["heatmap"]["figure"]
    return apply(heat["base"], heat["steps"][data["start"]])


def _z(figure: dict) -> np.ndarray:
    """A figure's z, decoded from Plotly's base64 typed array."""
    import base64

    spec = figure["data"][0]["z"]
    flat = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.float32)
    return flat.reshape([int(x) for x in spec["shape"].split(",")])


def _figures(at) -> str:
    """Every figure of the player's payload, as JSON text (what reaches Plotly)."""
    data = _player(at)
    views = data["views"] if data else []
    parts = [v["heatmap"]["figure"] for v in views] + [
        p["figure"] for v in views for p in v["panels"]
    ]
    return json.dumps(parts)


@pytest.fixture(autouse=True)
def _app_setup(monkeypatch):
    """The real checkpoints folder, whatever the environment says."""
    monkeypatch.delenv(ENV_ROOT, raising=False)


@needs_dates
def test_every_run_shows_the_sidebar_and_the_page():
    """No page file runs alone: app.py lists them (explorer/pages/ is no auto-discovered
    pages/ folder), so a rerun draws the sidebar and the same page again."""
    at = _app()
    for _ in range(2):
        _ok(at)
        assert at.sidebar.radio(key="lang").value == "en"
        assert at.title[0].value == STRINGS["en"]["explorer_title"]
        assert len(_player(at)["views"][0]["panels"]) >= 5
        at.run()


@needs_dates
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_runs_in_both_languages(lang):
    at = _app(lang=lang)
    _ok(at)
    assert at.title[0].value == STRINGS[lang]["explorer_title"]
    assert at.session_state["lang"] == lang
    view = _player(at)["views"][0]  # the step player: matrix, timeline, panels, equations
    assert len(view["panels"]) >= 5 and view["equations"][0]
    assert _player(at)["labels"]["next"] == STRINGS[lang]["next"]
    assert not at.error and not at.warning
    heat = _heatmap(at)["data"][0]
    assert heat["zmin"] == 0 and heat["zmax"] == 1
    assert _translation(at) == "2024-03-05"  # the default sentence, translated


@needs_dates
def test_language_switch_translates_the_page():
    at = _app()
    assert at.session_state["lang"] == "en"  # st.context.locale is None under AppTest
    at.sidebar.radio(key="lang").set_value("ko").run()
    _ok(at)
    assert at.title[0].value == STRINGS["ko"]["explorer_title"]
    axis = _heatmap(at)["layout"]["xaxis"]["title"]["text"]
    assert axis == STRINGS["ko"]["axis_source"]
    assert at.query_params["lang"] == "ko"


@needs_dates
def test_changing_the_model_changes_the_figures():
    at = _app()
    before = _heatmap(at)
    for kind in ("bahdanau", "none"):
        at.sidebar.radio(key="kind").set_value(kind).run()
        _ok(at)
        after = _heatmap(at)
        assert after != before and _player(at)["views"][0]["kind"] == kind
        assert at.query_params["model"] == f"dates-{kind}"
        before = after
    # the no-attention model: the heatmap shows identical context rows
    z = _z(_heatmap(at))
    assert (z == z[0]).all()


@needs_dates
def test_a_shared_step_opens_the_player_there():
    """The browser steps by itself; the server only says where a shared link opens."""
    at = _app(step="4")
    _ok(at)
    assert _player(at)["start"] == 3
    shape = _heatmap(at)["layout"]["shapes"][0]
    assert (shape["y0"], shape["y1"]) == (2.5, 3.5)
    assert at.query_params["step"] == "4"  # the server leaves the browser's step alone
    at.text_input(key="sentence:dates").input("17/08/1999").run()
    _ok(at)
    assert _player(at)["start"] == 0  # a new sentence starts at step 1


@needs_dates
def test_sidebar_shows_the_held_out_test_figures():
    """evaluation.json's test figures, not the training-time validation ones."""
    evaluation = json.loads((DATES[0] / "evaluation.json").read_text(encoding="utf-8"))
    at = _app()
    captions = [c.value for c in at.sidebar.caption]
    assert tr("metric_test_exact_match", "en", value=evaluation["exact_match"]) in captions
    assert not any(c.startswith("Validation") for c in captions)


@needs_dates
def test_figure_downloads_are_named_and_take_the_chosen_format():
    """Plotly's camera button: the file is named after model, figure and step; PNG or SVG."""
    at = _app()

    # the player names each file <model>-<figure>-step<t> (explorer/player/player.js)
    assert (_player(at)["name"], _player(at)["image_format"]) == ("dates-dot", "png")
    at.sidebar.radio(key="img_format").set_value("svg").run()
    _ok(at)
    assert _player(at)["image_format"] == "svg"


@needs_dates
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_shows_a_message_not_an_exception(text):
    at = _app()
    at.text_input(key="sentence:dates").input(text).run()
    _ok(at)
    messages = [m.value for m in (*at.warning, *at.error)]
    assert messages, "a translated warning or error"
    dumped = _figures(at)
    assert "<b>" not in dumped and "<script" not in dumped


@needs_dates
def test_hostile_input_message_is_translated():
    at = _app(lang="ko")
    at.text_input(key="sentence:dates").input("x" * 10_000).run()
    _ok(at)
    assert any("10,000" in w.value and "1,000" in w.value for w in at.warning)
    assert any("입력" in w.value for w in at.warning)
    at.text_input(key="sentence:dates").input("😀").run()
    assert [w.value for w in at.warning] == [STRINGS["ko"]["warn_no_content"]]


@needs_dates
def test_markup_is_shown_escaped():
    at = _app()
    at.text_input(key="sentence:dates").input("<b>5</b> mars 2024").run()
    _ok(at)
    ticks = _heatmap(at)["layout"]["xaxis"]["ticktext"]
    assert any("&lt;" in t for t in ticks) and not any("<b>" in t for t in ticks)
    assert STRINGS["en"]["warn_markup"] in [w.value for w in at.warning]


@needs_dates
def test_query_params_round_trip():
    params = {"lang": "ko", "model": "dates-bahdanau", "sentence": "5 mars 2024", "step": "3"}
    at = _app(**params)
    _ok(at)
    assert at.sidebar.radio(key="kind").value == "bahdanau"
    assert at.text_input(key="sentence:dates").value == "5 mars 2024"
    assert _player(at)["start"] == 2
    for name, value in params.items():
        assert at.query_params[name] == value
    at.text_input(key="sentence:dates").input("17/08/1999").run()
    assert at.query_params["sentence"] == "17/08/1999"
    assert _translation(at) == "1999-08-17"


@needs_dates
def test_bad_query_params_are_ignored():
    at = _app(model="nope", step="abc", mode="weird", beam="x", lang="xx")
    _ok(at)
    assert at.session_state["lang"] == "en"
    assert at.session_state["task"] == "fra-eng" or at.sidebar.radio(key="kind").value == "dot"
    assert not at.error and not at.warning  # a model that loads is chosen


@needs_dates
def test_a_step_beyond_the_end_is_clamped():
    at = _app(step="999")
    _ok(at)
    assert _player(at)["start"] == _player(at)["n"] - 1


@needs_dates
def test_token_and_hypothesis_tables_only_once_opened():
    """No data frame on a new session's page (it costs the browser Streamlit's table code);
    opening the expander draws the tokens as the model read them."""
    at = _app()
    _ok(at)
    assert not at.dataframe
    at.session_state["source_tokens"] = True
    at.run()
    _ok(at)
    sentence = at.text_input(key="sentence:dates").value  # the dates models read characters
    shown = "".join(at.dataframe[0].value.iloc[:, 1]).replace("␣", " ")  # a space shows as ␣
    assert len(at.dataframe) == 1 and shown == sentence
    at.radio(key="mode").set_value("beam").run()
    at.session_state["hypotheses"] = True
    at.run()
    _ok(at)
    assert len(at.dataframe) == 2


@needs_dates
def test_beam_and_forced_modes():
    at = _app()
    at.radio(key="mode").set_value("beam").run()
    _ok(at)
    at.slider(key="beam").set_value(3).run()
    _ok(at)
    assert _translation(at) == "2024-03-05" and at.query_params["beam"] == "3"
    at.radio(key="mode").set_value("forced").run()
    _ok(at)
    assert at.text_input(key="reference:dates").value == "2024-03-05"
    at.text_input(key="reference:dates").input("1999-01-01").run()
    _ok(at)
    assert _translation(at) == "1999-01-01"  # forced: the output is the reference
    at.text_input(key="reference:dates").input("").run()
    assert [w.value for w in at.warning] == [STRINGS["en"]["err_empty_reference"]]


@needs_dates
def test_example_buttons_set_the_sentence():
    at = _app()
    at.button(key="example:dates:4").click().run()
    _ok(at)
    assert at.text_input(key="sentence:dates").value == "17/08/1999"
    assert _translation(at) == "1999-08-17"


@needs_dates
def test_about_page():
    at = _app()
    at.switch_page("explorer/pages/about.py").run()
    _ok(at)
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

    at = _app(sentence="5 mars 2024")
    _ok(at)
    labels = [at.sidebar.radio(key="kind").format_func(k) for k in ("dot", "bahdanau", "none")]
    assert STRINGS["en"]["unavailable_broken"] in labels[1]
    assert STRINGS["en"]["unavailable_missing"] in labels[2]
    assert _player(at), "the working model shows its player"

    at.sidebar.radio(key="kind").set_value("bahdanau").run()
    _ok(at)
    assert "dates-bahdanau" in at.error[0].value
    assert "checksum" in at.code[0].value  # the loader's own message, as plain text
    assert not _player(at)

    at.sidebar.radio(key="kind").set_value("none").run()
    _ok(at)
    assert "dates-none" in at.warning[0].value

    at.sidebar.radio(key="kind").set_value("dot").run()
    _ok(at)
    assert _player(at)


FRA_ENG = [ROOT / "checkpoints" / f"fra-eng-{kind}" for kind in ("bahdanau", "none")]


@pytest.mark.skipif(
    not all((p / "config.json").is_file() for p in FRA_ENG),
    reason="the English-French checkpoints are not shipped yet",
)
def test_english_to_french_opens_by_default():
    at = _app(model=None)
    _ok(at)
    assert at.sidebar.selectbox(key="task").value == "fra-eng"
    assert _translation(at)  # a translation of the default sentence
    assert _player(at) and not at.error


def test_no_checkpoints_at_all(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_ROOT, str(tmp_path))
    at = _app(lang="ko")
    _ok(at)
    assert STRINGS["ko"]["no_models"] in [i.value for i in at.info]


def test_fra_eng_task_credits_tatoeba(tmp_path, monkeypatch):
    for kind in ("dot", "none"):
        save(tmp_path / f"fra-eng-{kind}", make_translator(kind, task="fra-eng"), {})
    save(tmp_path / "dates-dot", make_translator("dot"), {})
    monkeypatch.setenv(ENV_ROOT, str(tmp_path))
    at = _app(model="fra-eng-dot", sentence="the the the")
    _ok(at)
    assert at.sidebar.selectbox(key="task").value == "fra-eng"
    assert any("tatoeba.org" in c.value and "CC-BY 2.0 FR" in c.value for c in at.sidebar.caption)
    assert _heatmap(at)["layout"]["xaxis"]["ticktext"] == ["the", "the", "the"]
    at.sidebar.selectbox(key="task").set_value("dates").run()
    _ok(at)
    assert not any("tatoeba.org" in c.value for c in at.sidebar.caption)
    assert at.text_input(key="sentence:dates").value == "Tuesday, March 5, 2024"
