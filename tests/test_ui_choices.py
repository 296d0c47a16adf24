"""``ui.keep_choice``: a radio's or selectbox's value comes back from the browser as its label,
and a label of an earlier run (another sentence's tokens, another language) no longer maps to
an option; Streamlit then hands the page that string (the what-if crash of issue 14)."""

from __future__ import annotations

import pytest

from explorer.strings import MODE_KEYS, tr
from explorer.views import ui


@pytest.fixture
def state(monkeypatch):
    fake: dict = {}
    monkeypatch.setattr(ui.st, "session_state", fake)
    return fake


def test_a_valid_value_is_kept(state):
    state["pick"] = 2
    ui.keep_choice("pick", range(4), 0)
    assert state["pick"] == 2


def test_a_stale_token_label_falls_back_to_the_default(state):
    state["pick"] = "3: x"  # the label of an option of the previous sentence
    ui.keep_choice("pick", range(4), 1)
    assert state["pick"] == 1


def test_a_missing_value_takes_the_default(state):
    ui.keep_choice("pick", ["a", "b"], "b")
    assert state["pick"] == "b"


def test_a_label_in_another_language_maps_back_to_its_option(state):
    modes = ("greedy", "beam", "forced")
    formats = ui.lang_formats(lambda lg: lambda m: tr(MODE_KEYS[m], lg))
    for lang in ui.LANGS:
        state["mode"] = tr(MODE_KEYS["beam"], lang)
        ui.keep_choice("mode", modes, "greedy", *formats)
        assert state["mode"] == "beam"


def test_a_value_of_another_type_is_not_taken_for_an_option(state):
    state["pick"] = "1"  # equal as text, not as the option 1
    ui.keep_choice("pick", range(3), 0)
    assert state["pick"] == 0
    state["flag"] = 1.0
    ui.keep_choice("flag", [1, 2], 2)
    assert state["flag"] == 2
