"""A labelled matrix as a heatmap: numeric token axes with tick text (repeated tokens never
merge), a fixed colour scale and limits, the exact value on hover and in the cells where they
fit. The attention matrix, the compare and training pages' matrices and the playground's use
it. A plain figure (``plain.Fig``): ``.figure()`` makes it a go.Figure. Pure: no Streamlit."""

from __future__ import annotations

import numpy as np

from explorer.figures.plain import Fig, new_trace
from explorer.figures.style import (
    VALUES_SCALE,
    WEIGHTS_SCALE,
    cell_data,
    compact,
    layout,
    text_fits,
    token_axis,
    value_limit,
)
from explorer.strings import tr


def matrix_figure(
    z,
    row_labels: list[str],
    lang: str,
    *,
    col_labels: list[str] | None = None,
    col_title: str | None = None,
    row_title: str = "",
    scale: str = "values",
    limit: float | None = None,
    colorbar: str | None = None,
    height: int | None = None,
) -> Fig:
    """A heatmap with one row per label. Columns are tokens (``col_labels``) or hidden units.

    scale "weights": 0..1 sequential; "values": diverging, symmetric at ``limit``; "tanh": -1..1.
    """
    z = np.asarray(z, dtype=float)
    if z.ndim == 1:
        z = z[None, :]
    rows, cols = z.shape
    if scale == "weights":
        zmin, zmax, colorscale, fmt = 0.0, 1.0, WEIGHTS_SCALE, ".5f"
    else:
        lim = 1.0 if scale == "tanh" else (limit or value_limit(z))
        zmin, zmax, colorscale, fmt = -lim, lim, VALUES_SCALE, ".5g"
    col_title = col_title or tr("axis_hidden_unit", lang)
    if col_labels is not None:  # token columns: both labels per cell
        custom = cell_data(rows, cols, lambda i, j: [row_labels[i], col_labels[j]])
        row_ref, col_ref = "%{customdata[0]}", "%{customdata[1]}"
    else:  # hidden units: the column is its number, so only the row label is stored
        custom = np.repeat(np.array(row_labels, dtype=object)[:, None], cols, axis=1)
        row_ref, col_ref = "%{customdata}", "%{x}"
    hover = (
        f"{row_title or tr('hover_row', lang)}: {row_ref}<br>"
        f"{col_title}: {col_ref}<br>"
        f"{tr('hover_value', lang)}: %{{z:{fmt}}}<extra></extra>"
    )
    heat = new_trace(
        "heatmap",
        z=compact(z),
        x=list(range(cols)),
        y=list(range(rows)),
        zmin=zmin,
        zmax=zmax,
        zmid=None if scale == "weights" else 0.0,
        colorscale=colorscale,
        # A strip of 1-3 rows leaves the colour bar little height: three ticks, not seven
        # printed over each other (issue 14).
        colorbar=dict(
            title=dict(text=colorbar or tr("colorbar_value", lang)),
            thickness=12,
            **({"nticks": 3} if rows <= 3 else {}),
        ),
        customdata=custom,
        hovertemplate=hover,
        xgap=1 if cols <= 80 else 0,
        ygap=1,
    )
    if text_fits(rows, cols):
        heat.update(texttemplate="%{z:.2f}", textfont=dict(size=10))
    fig = Fig(heat)
    if col_labels is not None:
        fig.update_xaxes(**token_axis(col_labels, col_title))
    else:
        fig.update_xaxes(title=dict(text=col_title), showgrid=False, zeroline=False)
    fig.update_yaxes(**token_axis(row_labels, row_title), autorange="reversed")
    return layout(fig, max(height or 0, 70 + 22 * rows, 160 if rows <= 3 else 120))


# ----- (1) the attention matrix -------------------------------------------------------------
