"""Classroom settings with the step player (explorer/views/stepper.py) through AppTest: guess mode
and presenter mode change what the server designs; stepping itself is in the browser
(tests/test_browser_player.py). Uses the committed dates checkpoints (skipped without them)."""

from __future__ import annotations

from explorer.strings import STRINGS
from support.apptest import heatmap, ok, player, run_app, translation
from support.marks import needs_dates

pytestmark = needs_dates


def test_guess_mode_ships_the_hidden_steps_and_hides_the_translation():
    at = run_app(guess="1")
    ok(at)
    assert at.toggle(key="guess").value is True
    data = player(at)
    assert data["guess"] is True
    view = data["views"][0]
    assert len(view["heatmap"]["guess"]) == view["n"]  # one hidden matrix per step
    assert all("?" in text for text in view["step_text_hidden"])
    assert not at.text, "the translation would give the answer away"
    at.toggle(key="guess").set_value(False).run()
    ok(at)
    assert "guess" not in player(at)["views"][0]["heatmap"]
    assert translation(at) == "2024-03-05"
    assert at.query_params.get("guess") is None


def test_presenter_mode_enlarges_the_figures_and_stays_in_the_url():
    at = run_app()
    normal = heatmap(at)["layout"]
    at.toggle(key="present").set_value(True).run()
    ok(at)
    assert player(at)["present"] is True
    large = heatmap(at)["layout"]
    assert large["font"]["size"] > normal.get("font", {}).get("size", 12)
    assert large["height"] > normal["height"]
    assert at.query_params["present"] == "1"
    shared = run_app(present="1")  # a shared link opens in presenter mode
    assert shared.toggle(key="present").value is True


def test_the_player_speaks_the_page_language():
    at = run_app(lang="ko")
    labels = player(at)["labels"]
    assert labels["next"] == STRINGS["ko"]["next"] and labels["reveal"] == STRINGS["ko"]["reveal"]
