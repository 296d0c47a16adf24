"""Presenter mode: no text of a figure under 18 px (issue 25: matrix cell numbers, bar labels,
legends, axis titles and tree labels stayed at 12-14 px). Every font size a figure sets, in the
step player's payload of every attention kind and in the figures Streamlit draws, is checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attention_core import ATTENTION_KINDS, decode
from explorer.figures import beam, style, training, why
from explorer.player import data as player_data
from explorer.player import wire
from support.translators import make_translator

ROOT = Path(__file__).resolve().parents[1]


def _small_fonts(obj, path: str = "") -> list[tuple[str, float]]:
    """(path, size) of every font size under PRESENTER_MIN_PX in a figure's JSON."""
    found = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            here = f"{path}.{key}"
            if (
                key == "size"
                and path.split(".")[-1].endswith("font")
                and isinstance(value, (int, float))
            ):
                if value < style.PRESENTER_MIN_PX:
                    found.append((here, value))
            found += _small_fonts(value, here)
    elif isinstance(obj, list):
        for value in obj:
            found += _small_fonts(value, path)
    return found


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
def test_the_players_figures_in_presenter_mode(kind):
    trace = decode(make_translator(kind), "Tuesday, March 5, 2024")
    view = player_data.view(trace, "ko", present=True)
    figures = [view["heatmap"]["figure"], view["timeline"]["figure"]]
    figures += [p["figure"] for p in view["panels"]]
    for figure in figures:
        base = figure["base"]
        assert base["layout"]["font"]["size"] >= style.PRESENTER_MIN_PX
        for step in range(len(trace.steps)):
            drawn = wire.apply(base, figure["steps"][step], player_data.sources(view))
            assert _small_fonts(drawn) == []


def test_the_figures_streamlit_draws_in_presenter_mode():
    trace = decode(make_translator("dot"), "5 mars 2024", mode="beam", beam=3)
    figures = [beam.beam_tree(trace, "en")]
    config = json.loads((ROOT / "checkpoints" / "dates-dot" / "config.json").read_text())
    figures.append(training.loss_figure(training.records(config), 0, "en"))
    evaluations = {
        kind: json.loads((ROOT / "checkpoints" / f"dates-{kind}" / "evaluation.json").read_text())
        for kind in ("dot", "none")
    }
    figures.append(why.bleu_figure(why.by_length(evaluations), "en"))
    for fig in figures:
        assert _small_fonts(style.presenter(fig).to_plotly_json()) == []
