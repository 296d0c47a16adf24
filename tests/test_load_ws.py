"""The websocket load test (benchmarks/load_ws.py): its reading of the figures and widgets, and
a small run of it (3 sessions, 1 round) against a real ``streamlit run app.py``."""

from __future__ import annotations

import json

from streamlit.proto.Checkbox_pb2 import Checkbox
from streamlit.proto.Radio_pb2 import Radio
from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.TextInput_pb2 import TextInput

from attention_core import decode
from benchmarks import load_ws
from explorer.figures import sentence
from support.translators import make_translator

SENTENCE = "<b>5</b> & März 2024"  # HTML-like characters, and letters the dates model lacks


def _spec(fig) -> dict:
    return json.loads(fig.to_json())


def test_tick_text_and_outlined_step_are_read_as_the_figures_write_them():
    trace = decode(make_translator("dot"), SENTENCE, mode="forced", reference="2024-03-05")
    assert any(trace.source_oov)  # unknown characters are drawn in the highlight colour
    spec = _spec(sentence.attention_heatmap(trace, 2, "en"))
    assert load_ws.ticks_of(spec) == load_ws.spec_ticks(SENTENCE)
    assert "&lt;" in "".join(load_ws.spec_ticks(SENTENCE))  # escaped, as Plotly receives them
    assert load_ws.outlined_step(spec) == 3
    assert load_ws.ticks_of(_spec(sentence.attention_heatmap(trace, 0, "en"))) != (
        load_ws.spec_ticks("March 5, 2024")
    )
    other = decode(make_translator("none"), SENTENCE, mode="forced", reference="2024-03-05")
    hidden_units = _spec(sentence.attention_heatmap(other, 4, "en"))
    assert load_ws.ticks_of(hidden_units) is None
    assert load_ws.outlined_step(hidden_units) == 5


def test_widgets_store_what_the_frontend_stores_when_drawn():
    radio = Radio(id="r", options=["Dot", "Additive"], default=1)
    assert load_ws.mounted("radio", radio).string_value == "Additive"
    radio.raw_value, radio.set_value = "Dot", True
    assert load_ws.mounted("radio", radio).string_value == "Dot"
    slider = Slider(id="s", default=[3.0], min=1, max=9)
    assert list(load_ws.mounted("slider", slider).double_array_value.data) == [3.0]
    select = Slider(id="q", default=[1.0], options=["0.5 s", "1 s"])
    assert list(load_ws.mounted("slider", select).string_array_value.data) == ["1 s"]
    assert load_ws.mounted("checkbox", Checkbox(id="c", default=True)).bool_value is True
    text = TextInput(id="t", default="x", value="typed", set_value=True)
    assert load_ws.mounted("text_input", text).string_value == "typed"
    assert load_ws.mounted("text_input", TextInput(id="t")) is None
    assert load_ws.mounted("button", Radio(id="b")) is None


def test_three_sessions_on_streamlits_websocket_protocol():
    report = load_ws.measure(sessions=3, rounds=1, seconds=240, stagger=0.1)
    assert report["errors"] == {"count": 0, "first": []}
    assert report["completed_sessions"] == 3
    leaking = report["no_leaking"]
    assert leaking["every_session_saw_only_its_own_sentence"], leaking["violations"]
    assert leaking["checks"] == 3 * 5  # typed, 3 switches, a rerun (stepping: in the browser)
    heat = report["latency_action_to_heatmap"]
    assert (heat["type_sentence"]["n"], heat["switch_model"]["n"], heat["rerun"]["n"]) == (3, 9, 3)
    assert "step" not in heat
    assert 0 < heat["all"]["p50_ms"] <= heat["all"]["max_ms"]
    finished = report["latency_action_to_script_finished"]["all"]
    assert finished["n"] == 15 and finished["p50_ms"] > 0
    assert report["page_load_ms"]["n"] == 3
    rss = report["rss_mb"]
    assert rss["before"] > rss["idle"] > 0 and rss["during_peak"] >= rss["before"]
    assert report["condition"]["cached_message_references"] > 0  # ref_hash messages resolved


def test_three_sessions_typing_english_sentences():
    report = load_ws.measure(sessions=3, rounds=1, seconds=240, stagger=0.1, task="fra-eng")
    assert report["task"] == "fra-eng"
    assert report["errors"] == {"count": 0, "first": []}
    assert report["completed_sessions"] == 3
    leaking = report["no_leaking"]
    assert leaking["every_session_saw_only_its_own_sentence"], leaking["violations"]
    assert load_ws.TASK == "dates"  # measure() leaves the module as it found it
