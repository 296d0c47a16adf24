"""animation.py: the GIF has one frame per decoder step, coloured like the heatmap."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from attention_core import decode
from explorer.figures import animation
from support.translators import make_translator


@pytest.fixture(scope="module")
def trace():
    return decode(make_translator("dot", "dates", seed=2), "<b>5</b> 5 March 2024")


def _frames(data: bytes) -> list[Image.Image]:
    image = Image.open(io.BytesIO(data))
    frames = []
    for k in range(image.n_frames):
        image.seek(k)
        frames.append(image.convert("RGB"))
    return frames


def test_one_frame_per_step_and_it_loops(trace):
    data = animation.attention_gif(trace, ms_per_step=500)
    assert data[:6] in (b"GIF87a", b"GIF89a")
    image = Image.open(io.BytesIO(data))
    assert image.n_frames == len(trace.steps)
    assert image.info.get("loop") == 0 and image.info.get("duration") == 500


def test_cells_fill_in_step_by_step_in_the_heatmap_colours(trace):
    frames = _frames(animation.attention_gif(trace))
    cols, rows = len(trace.source_tokens), len(trace.steps)
    cell = animation.cell_size(cols)
    # The last row's first cell: empty (grey) until its step, then the colour of its weight.
    width, height = frames[0].size
    assert width >= animation.SLIDE_WIDTH  # large enough for a slide (issue 25)
    x0 = animation.grid_left(cols)  # the grid's left edge
    y0 = height - 20 - cell  # the last row's top
    corner = (x0 + 2, y0 + 2)  # off the printed number
    assert frames[0].getpixel(corner) == animation.EMPTY
    expected = animation.cell_colour(trace.attention_matrix[rows - 1, 0])
    got = frames[-1].getpixel(corner)
    assert max(abs(a - b) for a, b in zip(got, expected)) <= 8  # GIF palette rounding


def test_no_attention_no_animation():
    none = decode(make_translator("none", "dates", seed=2), "5 March 2024")
    assert animation.attention_gif(none) is None


def test_cell_colours_are_viridis_ends():
    assert animation.cell_colour(0.0) == (68, 1, 84)
    assert animation.cell_colour(1.0) == (253, 231, 37)
    assert animation.cell_colour(7.0) == animation.cell_colour(1.0)  # clamped
