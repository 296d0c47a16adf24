"""An animated GIF of one sentence's decoding: the attention matrix fills in one decoder step per
frame, the current step outlined — for slides and handouts. Pure: trace -> bytes, drawn with
Pillow (installed with Streamlit), so it works wherever the app runs, without a browser.

Colours are the heatmap's (Viridis, 0 to 1). Tokens are drawn as plain text (Pillow interprets
no markup). Pillow's built-in font covers Latin scripts; where a CJK font is installed it is
used, so Korean tokens draw too.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from plotly.colors import sample_colorscale, unlabel_rgb

from attention_core import Trace
from explorer.figures.style import HIGHLIGHT, WEIGHTS_SCALE, token_text

CELL = 34  # pixels per matrix cell, at the smallest
SLIDE_WIDTH = 1000  # pixels: wide enough for a slide; short sentences get larger cells
MAX_CELL = 90
MAX_CELLS = 60  # tokens per side drawn; the core caps inputs below this anyway
EMPTY = (236, 236, 236)  # rows not decoded yet
INK = (20, 22, 28)
FONT_FILES = (  # first one found wins; Pillow's own font otherwise
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


@cache
def _font(size: int) -> ImageFont.ImageFont:
    for path in FONT_FILES:
        if Path(path).is_file():
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    return ImageFont.load_default(size=size)


def _fit(text: str, font, width: int) -> str:
    """The text, cut with "…" so it fits ``width`` pixels."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text + "…"


def cell_colour(weight: float) -> tuple[int, int, int]:
    """The heatmap's colour for an attention weight (Viridis, 0 to 1)."""
    (colour,) = sample_colorscale(WEIGHTS_SCALE, [min(max(float(weight), 0.0), 1.0)])
    return tuple(int(round(v)) for v in unlabel_rgb(colour))


def _vertical(text: str, font, height: int, cell: int = CELL) -> Image.Image:
    """A label turned 90° (read bottom to top), for the source tokens above the columns."""
    text = _fit(text, font, height)
    box = Image.new("RGBA", (height, cell), (255, 255, 255, 0))
    ImageDraw.Draw(box).text((2, cell // 2), text, font=font, fill=INK, anchor="lm")
    return box.rotate(90, expand=True)


def cell_size(cols: int) -> int:
    """Pixels per cell for ``cols`` source tokens: the grid and its labels fill a slide's
    width (the labels' margin grows with the cell), between CELL and MAX_CELL."""
    return max(CELL, min(MAX_CELL, (SLIDE_WIDTH - 20) * CELL // (150 * 1 + cols * CELL)))


def grid_left(cols: int) -> int:
    """Where the grid starts (the output tokens' margin, scaled with the cell)."""
    return round(150 * cell_size(cols) / CELL)


def attention_gif(trace: Trace, ms_per_step: int = 900) -> bytes | None:
    """The GIF (one frame per decoder step, looping), or None for a model without attention."""
    matrix = trace.attention_matrix
    if matrix is None or len(trace.steps) == 0:
        return None
    rows = min(len(trace.steps), MAX_CELLS)
    cols = min(len(trace.source_tokens), MAX_CELLS)
    # Everything scales with the cell, so that the image is at least SLIDE_WIDTH wide.
    cell = cell_size(cols)
    zoom = cell / CELL
    font, small = _font(round(14 * zoom)), _font(round(11 * zoom))
    labels = [f"{j + 1} {token_text(t)}" for j, t in enumerate(trace.source_tokens[:cols])]
    top = int(min(130 * zoom, max(small.getlength(text) for text in labels) + 14 * zoom))
    left, title = grid_left(cols), round(34 * zoom)
    width, height = max(SLIDE_WIDTH, left + cols * cell + 20), title + top + rows * cell + 20
    base = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(base)
    for j, text in enumerate(labels):
        label = _vertical(text, small, top - 8, cell)
        base.paste(label, (left + j * cell, title + 4), label)
    for i, step in enumerate(trace.steps[:rows]):
        y = title + top + i * cell + cell // 2
        draw.text(
            (left - 8, y),
            _fit(token_text(step.token), font, left - 16),
            font=font,
            fill=INK,
            anchor="rm",
        )
        for j in range(cols):
            x0, y0 = left + j * cell, title + top + i * cell
            draw.rectangle((x0, y0, x0 + cell - 2, y0 + cell - 2), fill=EMPTY)
    frames = []
    for t in range(rows):
        frame = base.copy()
        draw = ImageDraw.Draw(frame)
        step = trace.steps[t]
        caption = f"{t + 1}/{len(trace.steps)}: {token_text(step.input_token)} → "
        caption += token_text(step.token)
        draw.text(
            (10, title // 2), _fit(caption, font, width - 20), font=font, fill=INK, anchor="lm"
        )
        for i in range(t + 1):
            for j in range(cols):
                x0, y0 = left + j * cell, title + top + i * cell
                colour = cell_colour(matrix[i, j])
                draw.rectangle((x0, y0, x0 + cell - 2, y0 + cell - 2), fill=colour)
                light = sum(colour) > 382  # dark text on the light (yellow) end
                value = f"{matrix[i, j]:.2f}".removeprefix("0")  # ".81" fits a cell; "1.00" stays
                draw.text(
                    (x0 + cell // 2 - 1, y0 + cell // 2 - 1),
                    value,
                    font=small,
                    fill=INK if light else "white",
                    anchor="mm",
                )
        y0 = title + top + t * cell
        draw.rectangle(
            (left - 2, y0 - 2, left + cols * cell, y0 + cell), outline=HIGHLIGHT, width=3
        )
        frames.append(frame)
    out = io.BytesIO()
    frames[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=ms_per_step,
        loop=0,
        optimize=False,
    )
    return out.getvalue()
