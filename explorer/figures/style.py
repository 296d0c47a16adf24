"""The look every figure shares: colours, fonts, token labels (escaped), layout helpers and
presenter mode. Pure: no Streamlit.

Token labels are escaped with ``token_html`` before they reach tick text, hover or cell text
(Plotly reads an HTML subset and decodes entities); a space shows as "␣".
"""

from __future__ import annotations

import html
import re

import numpy as np
import plotly.graph_objects as go

from attention_core import Trace


def _scale(name: str) -> list[list]:
    """Plotly's named colour scale as its stops, as a checked figure sends it: plain figures
    (plain.py) are not checked, and plotly.js has scales of the same name that differ."""
    return [[p, c] for p, c in go.Heatmap(colorscale=name).colorscale]  # Plotly's own stops


WEIGHTS_SCALE = _scale("Viridis")  # sequential, colour-blind safe, for weights and probabilities
VALUES_SCALE = _scale("RdBu")  # diverging, for signed values (read with zmid 0)
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


# Trace types that have a colour bar of their own (not on a marker), among those we draw.
_COLORBAR_TYPES = ("heatmap", "contour", "histogram2d", "histogram2dcontour", "surface")
_AXIS = re.compile(r"^[xy]axis\d*$")


def presenter(fig, scale: float = 1.5):
    """The same figure for a projector: every font ``scale`` times larger and at least
    PRESENTER_MIN_PX (cell numbers, bar labels, legends, axis and colour-bar titles included),
    and the height larger. A plain figure (plain.Fig) or its JSON comes back as JSON, a
    go.Figure as a go.Figure."""
    if isinstance(fig, go.Figure):
        return go.Figure(presenter_json(fig.to_plotly_json(), scale))
    return presenter_json(fig if isinstance(fig, dict) else fig.to_plotly_json(), scale)


def presenter_json(spec: dict, scale: float = 1.5) -> dict:
    """``presenter`` on a figure's JSON ({"data", "layout"}, changed in place and returned)."""
    layout_ = spec.setdefault("layout", {})
    base = layout_.get("font", {}).get("size") or 12

    def big(size) -> int:
        size = size if isinstance(size, (int, float)) else base
        return max(PRESENTER_MIN_PX, round(size * scale))

    def grow(node: dict, *path: str) -> None:  # node[path...]["size"] made big
        for key in path:
            if isinstance(node.get(key), str):  # a title given as its text alone
                node[key] = {"text": node[key]}
            node = node.setdefault(key, {})
        node["size"] = big(node.get("size"))

    grow(layout_, "font")
    layout_.setdefault("legend", {}).setdefault("font", {})["size"] = big(base)
    title = layout_.get("title")
    if isinstance(title, dict) and title.get("text"):
        grow(title, "font")
    for trace in spec.get("data", []):  # cell numbers, bar labels, diagram and tree labels
        kind = trace.get("type", "scatter")
        grow(trace, "textfont")
        if kind == "scatter" and trace.get("textposition") == "middle center":
            # a label inside its box (the step pipeline): the box grows with its text
            trace["marker"]["size"] = round(trace["marker"]["size"] * scale)
        if kind in _COLORBAR_TYPES:
            grow(trace, "colorbar", "tickfont")
            grow(trace, "colorbar", "title", "font")
        # only a scale that is drawn: setting a font on a marker's colour bar makes plotly.js
        # draw one, an empty box of ticks beside the token points and the top-k bars (issue 25)
        marker = trace.get("marker", {})
        if "colorbar" in marker and marker.get("showscale"):
            grow(marker, "colorbar", "tickfont")
            grow(marker, "colorbar", "title", "font")
    for note in layout_.get("annotations", []):
        grow(note, "font")
    axes = [name for name in layout_ if _AXIS.match(name)]
    cartesian = any(t.get("type", "scatter") in ("scatter", "bar", "heatmap") for t in spec["data"])
    if cartesian:  # (a cartesian plot has its first axes even when nothing set them)
        axes = sorted(set(axes) | {"xaxis", "yaxis"})
    for name in axes:
        grow(layout_, name, "tickfont")
        grow(layout_, name, "title", "font")
    if layout_.get("height"):
        layout_["height"] = round(layout_["height"] * min(scale, 1.4))
    return spec
