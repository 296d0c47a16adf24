"""Figures and tables of the compare page: two traces of one sentence. Pure (no Streamlit).

Traces come as (name, trace) pairs; names are our model labels, escaped all the same. Only
traces with attention weights (not the ``none`` baseline) have entropy, coverage and a place
in the difference.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from attention_core import Trace
from explorer.figures.matrix import matrix_figure
from explorer.figures.plain import Fig
from explorer.figures.style import (
    HIGHLIGHT,
    LEGEND_ON_TOP,
    layout,
    source_labels,
    token_html,
    token_text,
)
from explorer.numbers import alignment
from explorer.strings import tr

COLOURS = ("#0072B2", "#E69F00")  # Okabe-Ito blue and orange: model A and model B
DASHES = ("solid", "dash")


def with_weights(pairs: list[tuple[str, Trace]]) -> list[tuple[str, Trace]]:
    return [(name, t) for name, t in pairs if t.attention_matrix is not None]


def difference_rows(a: Trace, b: Trace) -> list[str]:
    """Row labels of the difference: "step: token of A / token of B", escaped."""
    k = alignment.common_steps(a.attention_matrix, b.attention_matrix)
    return [
        f"{t + 1}: {token_html(a.steps[t].token)} / {token_html(b.steps[t].token)}"
        for t in range(k)
    ]


def difference_figure(a: Trace, b: Trace, t: int, lang: str) -> Fig:
    """A's weights minus B's over the steps both have, on a fixed -1..1 diverging scale."""
    diff = alignment.difference(a.attention_matrix, b.attention_matrix)
    fig = matrix_figure(
        diff,
        difference_rows(a, b),
        lang,
        col_labels=source_labels(a),
        col_title=tr("axis_source", lang),
        row_title=tr("compare_axis_steps", lang),
        scale="tanh",
        colorbar=tr("compare_colorbar_diff", lang),
    )
    fig.update_xaxes(side="top")
    # Step t outlined; past the steps both models have, the outline is hidden (one shape at
    # every step, so the step player only moves it: difference_update).
    row = min(t, diff.shape[0] - 1)
    fig.add_shape(
        type="rect",
        x0=-0.5,
        x1=diff.shape[1] - 0.5,
        y0=row - 0.5,
        y1=row + 0.5,
        line=dict(color=HIGHLIGHT, width=3),
        fillcolor="rgba(0,0,0,0)",
        layer="above",
        visible=t < diff.shape[0],
    )
    return fig


def difference_update(a: Trace, b: Trace, t: int) -> dict:
    """What differs in ``difference_figure`` at step t from step 1 (the step player's form)."""
    rows = alignment.common_steps(a.attention_matrix, b.attention_matrix)
    row = min(t, rows - 1)
    return {
        "layout": {
            "shapes[0].y0": row - 0.5,
            "shapes[0].y1": row + 0.5,
            "shapes[0].visible": t < rows,
        }
    }


def entropy_update(t: int) -> dict:
    """What differs in ``entropy_figure`` at step t from step 1: the step's vertical line
    (shapes[0] is the uniform line)."""
    return {"layout": {"shapes[1].x0": t + 1, "shapes[1].x1": t + 1}}


def entropy_figure(pairs: list[tuple[str, Trace]], t: int, lang: str) -> go.Figure:
    """Entropy of every step's weights, one line per model, with log S (uniform) dashed."""
    fig = go.Figure()
    n_src = 1
    for n, (name, trace) in enumerate(with_weights(pairs)):
        h = alignment.row_entropy(trace.attention_matrix)
        n_src = trace.attention_matrix.shape[1]
        tokens = [token_html(s.token) for s in trace.steps]
        fig.add_trace(
            go.Scatter(
                x=list(range(1, len(h) + 1)),
                y=[float(v) for v in h],
                mode="lines+markers",
                name=html.escape(name, quote=False),
                line=dict(color=COLOURS[n % 2], dash=DASHES[n % 2]),
                customdata=tokens,
                hovertemplate=f"{tr('hover_step', lang)} %{{x}}: %{{customdata}}<br>"
                "H = %{y:.4f}<extra></extra>",
            )
        )
    top = alignment.max_entropy(n_src)
    fig.add_hline(
        y=top,
        line=dict(color="#666666", dash="dot"),
        annotation_text=tr("compare_uniform", lang, value=top),
        annotation_position="top left",
    )
    fig.add_vline(x=t + 1, line=dict(color=HIGHLIGHT, width=2))
    fig.update_xaxes(title=dict(text=tr("compare_axis_steps", lang)), dtick=1)
    fig.update_yaxes(title=dict(text=tr("compare_axis_entropy", lang)), range=[0, top * 1.15])
    return layout(fig, 280, legend=LEGEND_ON_TOP)


def coverage_figure(pairs: list[tuple[str, Trace]], lang: str) -> go.Figure:
    """Total weight each source token received, one bar per model, and the line at 1."""
    fig = go.Figure()
    models = with_weights(pairs)
    labels = source_labels(models[0][1]) if models else []
    plain = [token_html(tok) for tok in models[0][1].source_tokens] if models else []
    for n, (name, trace) in enumerate(models):
        cov = alignment.coverage(trace.attention_matrix)
        fig.add_trace(
            go.Bar(
                x=list(range(len(cov))),
                y=[float(v) for v in cov],
                name=html.escape(name, quote=False),
                marker=dict(color=COLOURS[n % 2]),
                customdata=plain,
                hovertemplate="%{customdata}: %{y:.3f}<extra></extra>",
            )
        )
    fig.add_hline(y=1.0, line=dict(color="#666666", dash="dot"))
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(range(len(labels))),
        ticktext=labels,
        title=dict(text=tr("axis_source", lang)),
    )
    fig.update_yaxes(title=dict(text=tr("compare_axis_coverage", lang)), rangemode="tozero")
    return layout(fig, 300, barmode="group", legend=LEGEND_ON_TOP)


def metrics_table(pairs: list[tuple[str, Trace]], lang: str) -> pd.DataFrame:
    """One row per model: steps, mean entropy, monotonicity, Spearman, least and most attended."""
    rows = []
    for name, trace in pairs:
        row = {tr("compare_col_model", lang): name, tr("compare_col_steps", lang): len(trace.steps)}
        matrix = trace.attention_matrix
        if matrix is not None:
            s = alignment.summary(matrix)
            tokens = trace.source_tokens
            rho = s["spearman"]
            row.update(
                {
                    tr("compare_col_entropy", lang): round(s["mean_entropy"], 4),
                    tr("compare_col_monotonic", lang): round(s["monotonicity"], 4),
                    tr("compare_col_spearman", lang): None if rho is None else round(rho, 4),
                    tr("compare_col_least", lang): token_text(tokens[s["least_covered"]]),
                    tr("compare_col_most", lang): token_text(tokens[s["most_covered"]]),
                }
            )
        rows.append(row)
    return pd.DataFrame(rows)


def coverage_frame(pairs: list[tuple[str, Trace]], lang: str) -> pd.DataFrame:
    """The coverage figure's numbers: one row per source token, one column per model."""
    models = with_weights(pairs)
    if not models:
        return pd.DataFrame()
    tokens = models[0][1].source_tokens
    data = {
        tr("col_position", lang): range(1, len(tokens) + 1),
        tr("col_token", lang): [token_text(t) for t in tokens],
    }
    for name, trace in models:
        data[name] = np.round(alignment.coverage(trace.attention_matrix), 5)
    return pd.DataFrame(data)
