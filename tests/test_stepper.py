"""explorer/stepper.py through AppTest: previous / next, guess-then-reveal, presenter mode and
autoplay's step. Uses the committed dates checkpoints (skipped without them)."""

from __future__ import annotations

from test_app import _app, _app_setup, _heatmap, _ok, _specs, needs_dates  # noqa: F401

from explorer.strings import STRINGS

pytestmark = needs_dates


def _button(at, label_key: str, lang: str = "en"):
    return next(b for b in at.button if b.label == STRINGS[lang][label_key])


def _outlined_row(at) -> float:
    return _heatmap(at)["layout"]["shapes"][0]["y0"] + 0.5


def test_previous_and_next_move_one_step():
    at = _app(step="3")
    _ok(at)
    assert at.slider(key="step").value == 3
    _button(at, "next").click().run()
    assert at.slider(key="step").value == 4 and _outlined_row(at) == 3
    _button(at, "previous").click().run()
    _button(at, "previous").click().run()
    assert at.slider(key="step").value == 2 and at.query_params["step"] == "2"
    at.slider(key="step").set_value(1).run()
    assert _button(at, "previous").disabled


def test_guess_hides_the_step_until_the_reveal():
    at = _app(step="3", guess="1")
    _ok(at)
    assert at.toggle(key="guess").value is True
    z = _heatmap(at)["data"][0]["z"]
    assert all(v is not None for row in z[:2] for v in row)  # earlier steps stay visible
    assert all(v is None for row in z[2:] for v in row)  # this step and later: hidden
    ticks = _heatmap(at)["layout"]["yaxis"]["ticktext"]
    assert ticks[2:] == ["?"] * (len(ticks) - 2)  # nor what they produced
    assert not at.latex, "the equations carry the weights: hidden too"
    hidden_count = len(_specs(at))
    _button(at, "reveal").click().run()
    _ok(at)
    z = _heatmap(at)["data"][0]["z"]
    assert all(v is not None for row in z for v in row)
    assert at.latex and len(_specs(at)) > hidden_count
    _button(at, "next").click().run()  # a new step is hidden again
    assert all(v is None for v in _heatmap(at)["data"][0]["z"][3])


def test_presenter_mode_enlarges_the_figures_and_stays_in_the_url():
    at = _app()
    normal = _heatmap(at)["layout"]
    at.toggle(key="present").set_value(True).run()
    _ok(at)
    large = _heatmap(at)["layout"]
    assert large["font"]["size"] > normal.get("font", {}).get("size", 12)
    assert large["height"] > normal["height"]
    assert at.query_params["present"] == "1"
    shared = _app(present="1")  # a shared link opens in presenter mode
    assert shared.toggle(key="present").value is True


def test_autoplay_moves_one_step_per_run_and_stops_at_the_end():
    at = _app(step="1")
    n = len(_heatmap(at)["data"][0]["z"])
    at.toggle(key="playing").set_value(True).run()
    _ok(at)
    assert at.slider(key="step").value == 2
    at.slider(key="step").set_value(n).run()  # the last step: the next run stops playing
    at.run()
    _ok(at)
    assert at.session_state["playing"] is False
    assert at.slider(key="step").value == n
