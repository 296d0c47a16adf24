"""Figures of the playground: scores, weights and the weighted values. Pure (no Streamlit).

Labels are our own symbols (k₁, v₁, c); the colour scales follow explorer.figures: weights on
a fixed 0..1 sequential scale, signed values on a diverging scale symmetric around 0.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.figures.matrix import matrix_figure
from explorer.figures.plain import Fig
from explorer.figures.style import VALUES_SCALE, WEIGHTS_SCALE, layout
from explorer.numbers.playground import Result
from explorer.strings import tr

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def key_names(n: int, letter: str = "k") -> list[str]:
    return [f"{letter}{str(i + 1).translate(SUB)}" for i in range(n)]


def _bars(values, lang: str, *, weights: bool, limit: float) -> go.Figure:
    values = np.asarray(values, dtype=float)
    names = key_names(len(values))
    if weights:
        marker = dict(color=values.tolist(), colorscale=WEIGHTS_SCALE, cmin=0.0, cmax=1.0)
        y_range, title, fmt = [0.0, 1.1], tr("colorbar_weight", lang), ".3f"
    else:
        marker = dict(color=values.tolist(), colorscale=VALUES_SCALE, cmin=-limit, cmax=limit)
        marker["cmid"] = 0.0
        y_range, title, fmt = [-limit * 1.15, limit * 1.15], tr("colorbar_score", lang), ".3f"
    fig = go.Figure(
        go.Bar(
            x=names,
            y=values.tolist(),
            marker=marker,
            texttemplate=f"%{{y:{fmt}}}",
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{x}}: %{{y:{fmt}}}<extra></extra>",
        )
    )
    fig.update_yaxes(range=y_range, title=dict(text=title), zeroline=True)
    fig.update_xaxes(title=dict(text=tr("pg_axis_keys", lang)))
    return layout(fig, 260, showlegend=False)


def scores_figure(result: Result, lang: str) -> go.Figure:
    """The scores e_i; the scale is symmetric and at least ±1, so small scores look small."""
    limit = max(1.0, float(np.max(np.abs(result.scores))))
    return _bars(result.scores, lang, weights=False, limit=limit)


def weights_figure(result: Result, lang: str) -> go.Figure:
    return _bars(result.weights, lang, weights=True, limit=1.0)


def parts_figure(result: Result, values, lang: str) -> Fig:
    """Rows α_i v_i, then their sum, the context c (one column per component)."""
    values = np.asarray(values, dtype=float)
    parts = result.weights[:, None] * values
    z = np.vstack([parts, result.context[None, :]])
    labels = [f"α{s[1:]}·v{s[1:]}" for s in key_names(len(values))] + ["Σ = c"]
    limit = max(1e-6, float(np.max(np.abs(values))))
    fig = matrix_figure(
        z,
        labels,
        lang,
        col_title=tr("pg_axis_component", lang),
        limit=limit,
        height=90 + 30 * len(z),
    )
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(range(z.shape[1])),
        ticktext=[str(j + 1) for j in range(z.shape[1])],
    )
    fig.add_hline(y=len(labels) - 1.5, line=dict(color="black", width=2))
    return fig
