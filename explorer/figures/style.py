"""The look every figure shares: colours, fonts, token labels (escaped), layout helpers and
presenter mode. Pure: no Streamlit.

Token labels are escaped with ``token_html`` before they reach tick text, hover or cell text
(Plotly reads an HTML subset and decodes entities); a space shows as "␣".
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from attention_core import Trace

WEIGHTS_SCALE = "Viridis"  # sequential, colour-blind safe, for weights and probabilities
VALUES_SCALE = "RdBu"  # diverging, for signed values (read with zmid 0)
HIGHLIGHT = "#D55E00"  # Okabe-Ito vermillion: the current step, the unknown tokens
BAR = "#0072B2"  # Okabe-Ito blue
CHOSEN = "#E69F00"  # Okabe-Ito orange
SPACE = "␣"
MAX_TEXT_CELLS = 400  # write values into heatmap cells only up to this many cells
MAX_TEXT_COLUMNS = 30  # ... and only when a row has at most this many cells
# Value labels on source bars only up to this many bars: the weights panel beside the matrix is
# about 270 px wide, and "0.00" labels of more bars ran into each other (issue 25).
MAX_BAR_LABELS = 14
FONT = "Noto Sans, Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif"


def token_text(token: str) -> str:
    """A token as plain text: a space becomes "␣" and an empty token "∅"."""
    if token == "":
        return "∅"
    return token.replace(" ", SPACE) if token.isspace() else token


def token_html(token: str) -> str:
    """A token safe for Plotly labels, hover and text: shown literally, never interpreted."""
    return html.escape(token_text(token), quote=False)


def source_labels(trace: Trace) -> list[str]:
    """Escaped source tokens; unknown ones (read as <unk>) in the highlight colour."""
    return [
        f'<span style="color:{HIGHLIGHT}">{token_html(tok)}</span>' if oov else token_html(tok)
        for tok, oov in zip(trace.source_tokens, trace.source_oov)
    ]


def output_labels(trace: Trace) -> list[str]:
    """Escaped output token of every step (the last one is usually <eos>)."""
    return [token_html(s.token) for s in trace.steps]


def value_limit(*arrays) -> float:
    """Symmetric colour limit: the largest magnitude over all the arrays given (never 0)."""
    values = [float(np.max(np.abs(a))) for a in arrays if a is not None and np.size(a)]
    return max(values + [1e-6])


def compact(z: np.ndarray) -> np.ndarray:
    """float32 (what the model computes in): Plotly sends a numpy array as a base64 typed array,
    a fraction of the size and the time of a nested list of floats."""
    return np.asarray(z, dtype=np.float32)


def cell_data(rows: int, cols: int, cell) -> np.ndarray:
    """customdata for a heatmap, ``cell(i, j)`` per cell, as one numpy object array (Plotly
    validates a nested list element by element, which dominated building a step's figures)."""
    out = np.empty((rows, cols), dtype=object)
    for i in range(rows):
        for j in range(cols):
            out[i, j] = cell(i, j)
    return out


LEGEND_ON_TOP = dict(orientation="h", yanchor="bottom", y=1.02, x=0)  # above the plot, left


def layout(fig: go.Figure, height: int, *, top: int = 30, **extra) -> go.Figure:
    """Every figure's frame: its height, narrow margins (``top`` leaves room for a title or a
    legend), the app's font in labels and hover boxes; ``extra`` goes to ``update_layout``."""
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=top, b=10),
        font=dict(family=FONT),
        hoverlabel=dict(font=dict(family=FONT)),
        **extra,
    )
    return fig


def token_axis(labels: list[str], title: str) -> dict:
    return dict(
        tickmode="array",
        tickvals=list(range(len(labels))),
        ticktext=labels,
        # Room between the tokens and the axis title: measured before a CJK web font has
        # loaded, Korean titles were laid over the ticks (issue 25).
        title=dict(text=title, standoff=14),
        showgrid=False,
        zeroline=False,
    )


def text_fits(rows: int, cols: int) -> bool:
    return rows * cols <= MAX_TEXT_CELLS and cols <= MAX_TEXT_COLUMNS


PRESENTER_MIN_PX = 18  # no text of a figure smaller than this on a projector (issue 25)


def presenter(fig: go.Figure, scale: float = 1.5) -> go.Figure:
    """The same figure for a projector: every font ``scale`` times larger and at least
    PRESENTER_MIN_PX (cell numbers, bar labels, legends, axis and colour-bar titles included),
    and the height larger."""
    base = fig.layout.font.size or 12

    def big(size) -> int:
        size = size if isinstance(size, (int, float)) else base
        return max(PRESENTER_MIN_PX, round(size * scale))

    fig.update_layout(font=dict(size=big(base)), legend=dict(font=dict(size=big(base))))
    if fig.layout.title.text:
        fig.update_layout(title_font_size=big(fig.layout.title.font.size))
    for trace in fig.data:  # cell numbers, bar labels, diagram and tree labels
        if "textfont" in trace:
            trace.textfont.size = big(trace.textfont.size)
        if trace.type == "scatter" and trace.textposition == "middle center":
            # a label inside its box (the step pipeline): the box grows with its text
            trace.marker.size = round(trace.marker.size * scale)
        if "colorbar" in trace:
            trace.colorbar.tickfont.size = big(trace.colorbar.tickfont.size)
            trace.colorbar.title.font.size = big(trace.colorbar.title.font.size)
        # only a scale that is drawn: setting a font on a marker's colour bar makes plotly.js
        # draw one, an empty box of ticks beside the token points and the top-k bars (issue 25)
        if "marker" in trace and "colorbar" in trace.marker and trace.marker.showscale:
            bar = trace.marker.colorbar
            bar.tickfont.size, bar.title.font.size = (
                big(bar.tickfont.size),
                big(bar.title.font.size),
            )
    for note in fig.layout.annotations:
        note.font.size = big(note.font.size)
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        axis.tickfont.size = big(axis.tickfont.size)
        axis.title.font.size = big(axis.title.font.size)
    if fig.layout.height:
        fig.update_layout(height=round(fig.layout.height * min(scale, 1.4)))
    return fig
