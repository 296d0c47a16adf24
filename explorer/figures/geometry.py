"""The geometry of attention as step-player panels (issue 18; the line view: ``lines.py``). Pure:
no Streamlit. The numbers come from ``attention_core.geometry`` (one PCA per sentence); here they
become figures, each with its per-step update (what differs from step 1, as ``panels``
describes) and its table.

Geometry: the keys as labelled points sized and coloured by the step's weights, the query as an
arrow from where the origin lands, the path of the queries so far, and the context vector a_t
as a star (the weighted mean of the projected keys: inside their hull). For Bahdanau a second
picture in the additive space (W_b s_{t-1}, W_c h_i). Every token is escaped
(``style.token_html``).
"""

from __future__ import annotations

import numpy as np

from attention_core import Trace
from attention_core import geometry as geo
from explorer.figures.per_trace import once
from explorer.figures.plain import Fig, new_trace
from explorer.figures.style import (
    CHOSEN,
    LEGEND_ON_TOP,
    WEIGHTS_SCALE,
    layout,
    source_labels,
    token_html,
    token_text,
)
from explorer.strings import tr

QUERY = "#0072B2"  # the query arrow and its path (Okabe-Ito blue)


def geometry_of(trace: Trace, space: str) -> geo.Geometry:
    """The sentence's projection (computed once per trace): "state" or "additive"."""
    if space == "additive":
        return once(
            trace, "geometry_additive", lambda: geo.additive_geometry(trace, v_a=trace.score_vector)
        )
    return once(trace, "geometry_state", lambda: geo.state_geometry(trace))


def _sizes(weights) -> list[float]:
    return [8.0 + 30.0 * float(w) for w in weights]  # px: a key's marker grows with its weight


def _range(points: np.ndarray) -> list[list[float]]:
    low, high = points.min(axis=0), points.max(axis=0)
    pad = 0.12 * max(float((high - low).max()), 1e-6)
    return [[float(low[d] - pad), float(high[d] + pad)] for d in (0, 1)]


def _names(g: geo.Geometry) -> tuple[str, str]:
    html = {
        "h_i": "h<sub>i</sub>",
        "W_c h_i": "W<sub>c</sub>h<sub>i</sub>",
        "s_t": "s<sub>t</sub>",
        "s_{t-1}": "s<sub>t−1</sub>",
        "W_b s_{t-1}": "W<sub>b</sub>s<sub>t−1</sub>",
    }
    return html[g.key_name], html[g.query_name]


def geometry_figure(trace: Trace, t: int, lang: str, space: str = "state") -> Fig:
    """Keys, query arrow, query path and context of step t in the sentence's 2-D projection."""
    g = geometry_of(trace, space)
    key_name, query_name = _names(g)
    w = g.weights[t]
    plain = [token_html(tok) for tok in trace.source_tokens]
    every = np.vstack([g.keys, g.queries, g.contexts, g.origin[None, :]])  # fixed axes
    x_range, y_range = _range(every)
    q, o, c = g.queries[t], g.origin, g.contexts[t]
    fig = Fig()
    fig.add_trace(
        new_trace(
            "scatter",  # 0: the keys
            x=g.keys[:, 0].tolist(),
            y=g.keys[:, 1].tolist(),
            mode="markers+text",
            text=source_labels(trace),
            textposition="top center",
            textfont=dict(size=11, color="#14161c"),
            name=key_name,
            marker=dict(
                size=_sizes(w),
                color=w.tolist(),
                colorscale=WEIGHTS_SCALE,
                cmin=0.0,
                cmax=1.0,
                line=dict(color="#333333", width=1),
                showscale=False,
            ),
            customdata=[[plain[i], i + 1] for i in range(len(plain))],
            hovertemplate=f"{key_name} %{{customdata[1]}}: %{{customdata[0]}}<br>"
            "α = %{marker.color:.4f}<extra></extra>",
        )
    )
    fig.add_trace(
        new_trace(
            "scatter",  # 1: the path of the queries so far
            x=g.queries[: t + 1, 0].tolist(),
            y=g.queries[: t + 1, 1].tolist(),
            mode="lines+markers",
            line=dict(color=QUERY, width=1, dash="dot"),
            marker=dict(size=5, color=QUERY),
            opacity=0.6,
            hoverinfo="skip",
            name=tr("geometry_path", lang),
        )
    )
    fig.add_trace(
        new_trace(
            "scatter",  # 2: the query arrow, from where the origin lands
            x=[float(o[0]), float(q[0])],
            y=[float(o[1]), float(q[1])],
            mode="lines+markers",
            line=dict(color=QUERY, width=3),
            marker=dict(
                symbol=["circle-open", "arrow"], size=[9, 16], angleref="previous", color=QUERY
            ),
            name=query_name,
            hovertemplate=f"{query_name}<extra></extra>",
        )
    )
    fig.add_trace(
        new_trace(
            "scatter",  # 3: the context vector, the weighted mean of the keys
            x=[float(c[0])],
            y=[float(c[1])],
            mode="markers",
            name="a<sub>t</sub>",
            marker=dict(symbol="star", size=18, color=CHOSEN, line=dict(color="#333333", width=1)),
            hovertemplate="a<sub>t</sub> = Σ α<sub>i</sub> " + key_name + "<extra></extra>",
        )
    )
    fig.update_xaxes(range=x_range, title=dict(text=tr("geometry_axis", lang, n=1)), zeroline=False)
    fig.update_yaxes(
        range=y_range,
        title=dict(text=tr("geometry_axis", lang, n=2)),
        zeroline=False,
        scaleanchor="x",
        scaleratio=1,
    )
    return layout(fig, 420, legend=LEGEND_ON_TOP)


def geometry_update(trace: Trace, t: int, space: str = "state") -> dict:
    """What differs at step t from step 1: the keys' sizes and colours, the path, the arrow,
    the context point."""
    g = geometry_of(trace, space)
    q, o, c = g.queries[t], g.origin, g.contexts[t]
    w = g.weights[t]
    return {
        "data": {
            0: {"marker.size": _sizes(w), "marker.color": w.tolist()},
            1: {"x": g.queries[: t + 1, 0].tolist(), "y": g.queries[: t + 1, 1].tolist()},
            2: {"x": [float(o[0]), float(q[0])], "y": [float(o[1]), float(q[1])]},
            3: {"x": [float(c[0])], "y": [float(c[1])]},
        }
    }


def geometry_fields(trace: Trace, space: str = "state") -> dict:
    """The numbers the caption states: variance kept, agreement with the true scores."""
    g = geometry_of(trace, space)
    known = g.projected_scores is not None
    return {
        "variance": 100.0 * g.variance_kept,
        "r": g.pearson if known else float("nan"),
        "top1": 100.0 * float(np.mean(g.top1_agrees)) if known else float("nan"),
        "steps": len(trace.steps),
    }


def geometry_table(trace: Trace, t: int, lang: str, space: str = "state") -> dict:
    """The points of step t: every key with its weight, then the query and the context."""
    g = geometry_of(trace, space)
    names = [f"{i + 1}:{token_text(tok)}" for i, tok in enumerate(trace.source_tokens)]
    rows = names + [g.query_name, "a_t"]
    points = np.vstack([g.keys, g.queries[t][None, :], g.contexts[t][None, :]])
    return {  # (tables.Columns)
        tr("col_point", lang): rows,
        "x": points[:, 0],
        "y": points[:, 1],
        tr("col_weight", lang): np.append(g.weights[t], [np.nan, np.nan]),
    }
