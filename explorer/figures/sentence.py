"""Figures of the whole sentence, with step t marked: the attention matrix (every step's
weights; the no-attention model's contexts instead) and the timeline of one decoder step. Pure
functions (trace, step, lang) -> a plain figure (``plain.Fig``), under the rules of ``step.py``.
"""

from __future__ import annotations

import numpy as np

from attention_core import Trace
from attention_core.kinds import kind
from explorer.figures.matrix import matrix_figure
from explorer.figures.plain import Fig, new_trace
from explorer.figures.style import (
    BAR,
    CHOSEN,
    HIGHLIGHT,
    MAX_TEXT_CELLS,
    WEIGHTS_SCALE,
    cell_data,
    layout,
    output_labels,
    source_labels,
    token_axis,
    token_html,
    value_limit,
)
from explorer.strings import tr

# ----- the attention matrix -----------------------------------------------------------------


def attention_heatmap(trace: Trace, t: int, lang: str, hide_from: int | None = None) -> Fig:
    """Weights of every step (rows) over the source tokens (columns); step t outlined.

    ``hide_from``: rows from this step on are left blank (the class guesses before the reveal).
    The no-attention model has no weights: its figure shows the context of every step instead.
    """
    matrix = trace.attention_matrix
    if matrix is None:
        return context_steps(trace, t, lang)
    src, out = source_labels(trace), output_labels(trace)
    if hide_from is not None:  # nor what the hidden steps produced
        out = hidden_labels(out, hide_from)
    plain_src = [token_html(tok) for tok in trace.source_tokens]
    steps, n_src = matrix.shape
    custom = cell_data(steps, n_src, lambda s, i: [plain_src[i], out[s], s + 1, i + 1])
    hover = (
        f"{tr('hover_step', lang)} %{{customdata[2]}}: %{{customdata[1]}}<br>"
        f"{tr('hover_source', lang)} %{{customdata[3]}}: %{{customdata[0]}}<br>"
        f"α = %{{z:.5f}}<extra></extra>"
    )
    z = matrix.astype(np.float32)
    if hide_from is not None:  # NaN cells are gaps; the axes keep every row (explicit ranges)
        z = blank_rows(z, hide_from)
    heat = new_trace(
        "heatmap",
        z=z,
        x=list(range(n_src)),
        y=list(range(len(z))),
        zmin=0.0,
        zmax=1.0,
        colorscale=WEIGHTS_SCALE,
        colorbar=dict(title=dict(text=tr("colorbar_weight", lang)), thickness=12),
        customdata=custom,
        hovertemplate=hover,
        xgap=1,
        ygap=1,
    )
    if steps * n_src <= MAX_TEXT_CELLS:
        heat.update(texttemplate="%{z:.2f}", textfont=dict(size=9))
    fig = Fig(heat)
    # Explicit ranges: a guess-mode matrix whose rows are blank keeps its shape and colour bar.
    fig.update_xaxes(
        **token_axis(src, tr("axis_source", lang)), side="top", range=[-0.5, n_src - 0.5]
    )
    fig.update_yaxes(**token_axis(out, tr("axis_output", lang)), range=[steps - 0.5, -0.5])
    _highlight_row(fig, t, n_src)
    return layout(fig, max(220, 90 + 24 * steps))


def hidden_labels(labels: list[str], hide_from: int) -> list[str]:
    """Guess mode: the labels of the hidden rows read "?"; each keeps its token's width, drawn
    transparent, so the matrix keeps its size (a "?" is narrower than most tokens)."""
    return [
        label if s < hide_from else f"<span style='color:rgba(0,0,0,0)'>{label}</span>?"
        for s, label in enumerate(labels)
    ]


def blank_rows(z: np.ndarray, hide_from: int) -> np.ndarray:
    """Guess mode: rows from ``hide_from`` on blank (NaN cells are gaps, with no hover), plus
    one row of zeros below the axis range, never drawn: plotly.js drops the colour bar of a
    heatmap without one finite cell, and at step 1 every row is blank."""
    out = np.vstack([z, np.zeros((1, z.shape[1]), dtype=np.float32)])  # (T + 1, S)
    out[hide_from:-1] = np.nan
    return out


def _highlight_row(fig: Fig, t: int, width: int) -> None:
    fig.add_shape(
        type="rect",
        x0=-0.5,
        x1=width - 0.5,
        y0=t - 0.5,
        y1=t + 0.5,
        line=dict(color=HIGHLIGHT, width=3),
        fillcolor="rgba(0,0,0,0)",
        layer="above",
    )


def context_steps(trace: Trace, t: int, lang: str) -> Fig:
    """The context a_t of every step, one row each: identical rows for the no-attention model."""
    contexts = np.stack([s.context for s in trace.steps])
    fig = matrix_figure(
        contexts,
        output_labels(trace),
        lang,
        row_title=tr("axis_output", lang),
        limit=value_limit(contexts),
        colorbar=tr("colorbar_value", lang),
    )
    _highlight_row(fig, t, contexts.shape[1])
    return fig


# ----- when the query is taken --------------------------------------------------------------


def timeline_figure(trace: Trace, t: int, lang: str) -> Fig:
    """One decoder step as a row of boxes; the state used as the query is outlined."""
    record = kind(trace.attention_kind)
    attend = tr("timeline_attention", lang)
    if record.query_time == "previous":  # attention first, on s_{t-1}, then the RNN
        nodes = ["s<sub>t−1</sub>", attend, "a<sub>t</sub>", "GRU", "s<sub>t</sub>"]
        query_at = 0
    elif not record.has_attention:  # the RNN, then the same c at every step
        nodes = ["s<sub>t−1</sub>", "GRU", "s<sub>t</sub>", "c", "s̃<sub>t</sub>"]
        query_at = None
    else:  # the RNN first, then attention on the new state s_t
        nodes = ["s<sub>t−1</sub>", "GRU", "s<sub>t</sub>", attend, "a<sub>t</sub>"]
        query_at = 2
    nodes += ["s̃<sub>t</sub>", "p(y<sub>t</sub>)"] if record.has_attention else ["p(y<sub>t</sub>)"]
    xs = list(range(len(nodes)))
    colours = [CHOSEN if i == query_at else "#FFFFFF" for i in xs]
    fig = Fig(
        new_trace(
            "scatter",
            x=xs,
            y=[0] * len(xs),
            mode="markers+text",
            text=nodes,
            textposition="middle center",
            textfont=dict(size=15, color="#111111"),  # dark on white and on the orange query box
            marker=dict(size=54, symbol="square", color=colours, line=dict(color=BAR, width=2)),
            hoverinfo="skip",
        )
    )
    for i in xs[:-1]:
        fig.add_annotation(
            x=i + 0.72,
            y=0,
            ax=i + 0.28,
            ay=0,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=2,
            arrowwidth=1.5,
            arrowcolor="#555555",
            text="",
        )
    note = tr(record.text("timeline_note"), lang)
    fig.add_annotation(x=(len(xs) - 1) / 2, y=-0.9, text=note, showarrow=False, xref="x", yref="y")
    fig.update_xaxes(visible=False, range=[-0.6, len(xs) - 0.4])
    fig.update_yaxes(visible=False, range=[-1.3, 0.7])
    return layout(fig, 170, showlegend=False)
