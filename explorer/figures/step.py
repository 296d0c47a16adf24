"""Plotly figures of one decoder step, and the timeline of a trace: pure functions
(trace, step, lang) -> go.Figure; no Streamlit.

Rules that every figure here follows (see the field notes):
- token axes are numeric, with ``tickvals``/``ticktext``, so repeated tokens never merge;
- every token is escaped with ``token_html`` before it reaches tick text, hover or text
  (Plotly reads an HTML subset and decodes entities); a space shows as "␣";
- colour scales are fixed and labelled, with explicit limits: weights 0-1 on a sequential
  scale, signed values on a diverging scale symmetric around 0 whose limit holds for the whole
  trace, so moving from step to step never rescales a figure;
- exact values appear on hover, and as text where the cells are large enough.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from attention_core import Trace
from explorer.figures.matrix import matrix_figure
from explorer.figures.style import (
    BAR,
    CHOSEN,
    HIGHLIGHT,
    MAX_TEXT_CELLS,
    MAX_TEXT_COLUMNS,
    VALUES_SCALE,
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


def attention_heatmap(trace: Trace, t: int, lang: str, hide_from: int | None = None) -> go.Figure:
    """Weights of every step (rows) over the source tokens (columns); step t outlined.

    ``hide_from``: rows from this step on are left blank (the class guesses before the reveal).
    The no-attention model has no weights: its figure shows the context of every step instead.
    """
    matrix = trace.attention_matrix
    if matrix is None:
        return context_steps(trace, t, lang)
    src, out = source_labels(trace), output_labels(trace)
    if hide_from is not None:  # nor what the hidden steps produced
        out = [label if s < hide_from else "?" for s, label in enumerate(out)]
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
        z = z.copy()
        z[hide_from:] = np.nan
    heat = go.Heatmap(
        z=z,
        x=list(range(n_src)),
        y=list(range(steps)),
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
    fig = go.Figure(heat)
    # Explicit ranges: a guess-mode matrix whose rows are blank keeps its shape and colour bar.
    fig.update_xaxes(
        **token_axis(src, tr("axis_source", lang)), side="top", range=[-0.5, n_src - 0.5]
    )
    fig.update_yaxes(**token_axis(out, tr("axis_output", lang)), range=[steps - 0.5, -0.5])
    _highlight_row(fig, t, n_src)
    return layout(fig, max(220, 90 + 24 * steps))


def _highlight_row(fig: go.Figure, t: int, width: int) -> None:
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


def context_steps(trace: Trace, t: int, lang: str) -> go.Figure:
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


# ----- (2) the figures of one step ----------------------------------------------------------


def vector_figure(trace: Trace, values, name: str, lang: str, limit: float) -> go.Figure:
    """One vector (query, context, ...) as a strip of coloured cells, one per hidden unit."""
    return matrix_figure(values, [name], lang, limit=limit, height=130)


def query_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    name = "s<sub>t−1</sub>" if trace.attention_kind == "bahdanau" else "s<sub>t</sub>"
    limit = value_limit(*(s.query for s in trace.steps))
    return vector_figure(trace, trace.steps[t].query, name, lang, limit)


def keys_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    """The encoder states h_i (keys and values), one row per source token."""
    return matrix_figure(
        trace.keys,
        source_labels(trace),
        lang,
        row_title=tr("axis_source", lang),
        limit=value_limit(trace.keys),
    )


def query_proj_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    """Bahdanau: W_b s_{t-1}, the query projected into the attention space."""
    limit = value_limit(*(s.query_proj for s in trace.steps))
    fig = vector_figure(
        trace, trace.steps[t].query_proj, "W<sub>b</sub>s<sub>t−1</sub>", lang, limit
    )
    fig.update_xaxes(title=dict(text=tr("axis_attention_unit", lang)))
    return fig


def keys_proj_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    """Bahdanau: W_c h_i for every source token (computed once per sentence)."""
    fig = matrix_figure(
        trace.keys_proj,
        source_labels(trace),
        lang,
        row_title=tr("axis_source", lang),
        col_title=tr("axis_attention_unit", lang),
        limit=value_limit(trace.keys_proj),
    )
    return fig


def energies_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    """Bahdanau: tanh(W_b s_{t-1} + W_c h_i), always between -1 and 1."""
    return matrix_figure(
        trace.steps[t].energies,
        source_labels(trace),
        lang,
        row_title=tr("axis_source", lang),
        col_title=tr("axis_attention_unit", lang),
        scale="tanh",
    )


def _source_bars(trace: Trace, values, lang: str, *, weights: bool, limit: float) -> go.Figure:
    labels = source_labels(trace)
    plain = [token_html(tok) for tok in trace.source_tokens]
    n = len(labels)
    values = np.asarray(values, dtype=float)
    if weights:
        marker = dict(color=values.tolist(), colorscale=WEIGHTS_SCALE, cmin=0.0, cmax=1.0)
        marker["colorbar"] = dict(title=dict(text=tr("colorbar_weight", lang)), thickness=12)
        marker["showscale"] = True
        y_range, fmt, name = [0.0, 1.05], ".5f", "α"
    else:
        marker = dict(color=values.tolist(), colorscale=VALUES_SCALE, cmin=-limit, cmax=limit)
        marker["cmid"] = 0.0
        y_range, fmt, name = [-limit * 1.1, limit * 1.1], ".5g", "e"
    bars = go.Bar(
        x=list(range(n)),
        y=values.tolist(),
        marker=marker,
        customdata=[[plain[i], i + 1] for i in range(n)],
        hovertemplate=(
            f"{tr('hover_source', lang)} %{{customdata[1]}}: %{{customdata[0]}}<br>"
            f"{name} = %{{y:{fmt}}}<extra></extra>"
        ),
    )
    if n <= MAX_TEXT_COLUMNS:
        # An explicit text colour: with numeric bar colours plotly.js would otherwise look for a
        # contrasting one for every bar, and warn (slowly, with a stack trace) that it cannot.
        bars.update(
            texttemplate="%{y:.2f}", textposition="outside", textfont=dict(size=9, color="#14161c")
        )
    fig = go.Figure(bars)
    fig.update_xaxes(**token_axis(labels, tr("axis_source", lang)))
    title = tr("colorbar_weight" if weights else "colorbar_score", lang)
    fig.update_yaxes(range=y_range, title=dict(text=title), zeroline=True)
    # Compact: the weights share the first screen with the matrix and the step's equation.
    return layout(fig, 195, top=14, showlegend=False)


def scores_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    limit = value_limit(*(s.scores for s in trace.steps))
    return _source_bars(trace, trace.steps[t].scores, lang, weights=False, limit=limit)


def weights_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    return _source_bars(trace, trace.steps[t].weights, lang, weights=True, limit=1.0)


def weighted_parts(trace: Trace, t: int) -> np.ndarray:
    """α_i·h_i for every source token (S, H); their sum is the context a_t."""
    return trace.steps[t].weights[:, None].astype(float) * trace.keys.astype(float)


def parts_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    """Rows α_i·h_i, then their sum, which is the context a_t."""
    parts = weighted_parts(trace, t)
    context = np.asarray(trace.steps[t].context, dtype=float)
    z = np.vstack([parts, context[None, :]])
    labels = source_labels(trace) + ["Σ = a<sub>t</sub>"]
    fig = matrix_figure(
        z,
        labels,
        lang,
        row_title=tr("axis_source", lang),
        limit=value_limit(trace.keys, *(s.context for s in trace.steps)),
    )
    fig.add_hline(y=len(labels) - 1.5, line=dict(color="black", width=2))
    return fig


def output_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    """What the output layer reads: its inputs and s̃_t (the ``output_input`` field)."""
    step = trace.steps[t]
    a_name = "c" if trace.attention_kind == "none" else "a<sub>t</sub>"
    rows = [(a_name, step.context), ("s<sub>t</sub>", step.state)]
    if trace.attention_kind == "bahdanau":
        rows.reverse()
    rows.append(("s̃<sub>t</sub>", step.output_input))
    z = np.vstack([np.asarray(v, dtype=float) for _, v in rows])
    every = (np.concatenate([s.context, s.state, s.output_input]) for s in trace.steps)
    limit = value_limit(*every)
    fig = matrix_figure(z, [name for name, _ in rows], lang, limit=limit)
    fig.add_hline(y=len(rows) - 1.5, line=dict(color="black", width=2))
    return fig


def topk_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    """The most likely next tokens with their probabilities; the emitted token in orange."""
    step = trace.steps[t]
    tokens = [tok for tok, _ in step.top_k]
    probs = [float(p) for _, p in step.top_k]
    labels = [token_html(tok) for tok in tokens]
    colours = [CHOSEN if tok == step.token else BAR for tok in tokens]
    bars = go.Bar(
        x=probs,
        y=list(range(len(tokens))),
        orientation="h",
        marker=dict(color=colours),
        customdata=labels,
        texttemplate="%{x:.3f}",
        textposition="outside",
        hovertemplate=f"%{{customdata}}<br>{tr('hover_probability', lang)} = %{{x:.6f}}"
        "<extra></extra>",
    )
    fig = go.Figure(bars)
    fig.update_yaxes(**token_axis(labels, tr("axis_next_token", lang)), autorange="reversed")
    fig.update_xaxes(range=[0, 1.15], title=dict(text=tr("axis_probability", lang)))
    return layout(fig, max(180, 60 + 22 * len(tokens)), showlegend=False)


# ----- (3) when the query is taken ----------------------------------------------------------


def timeline_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    """One decoder step as a row of boxes; the state used as the query is outlined."""
    kind = trace.attention_kind
    attend = tr("timeline_attention", lang)
    if kind == "bahdanau":
        nodes = ["s<sub>t−1</sub>", attend, "a<sub>t</sub>", "GRU", "s<sub>t</sub>"]
        query_at = 0
    elif kind == "none":
        nodes = ["s<sub>t−1</sub>", "GRU", "s<sub>t</sub>", "c", "s̃<sub>t</sub>"]
        query_at = None
    else:
        nodes = ["s<sub>t−1</sub>", "GRU", "s<sub>t</sub>", attend, "a<sub>t</sub>"]
        query_at = 2
    nodes += ["s̃<sub>t</sub>", "p(y<sub>t</sub>)"] if kind != "none" else ["p(y<sub>t</sub>)"]
    xs = list(range(len(nodes)))
    colours = [CHOSEN if i == query_at else "#FFFFFF" for i in xs]
    fig = go.Figure(
        go.Scatter(
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
    note_key = {"bahdanau": "timeline_note_bahdanau", "none": "timeline_note_none"}
    note = tr(note_key.get(kind, "timeline_note_dot"), lang)
    fig.add_annotation(x=(len(xs) - 1) / 2, y=-0.9, text=note, showarrow=False, xref="x", yref="y")
    fig.update_xaxes(visible=False, range=[-0.6, len(xs) - 0.4])
    fig.update_yaxes(visible=False, range=[-1.3, 0.7])
    return layout(fig, 170, showlegend=False)


# ----- which figures a step shows, in order -------------------------------------------------

PANELS = {
    "dot": ("query", "keys", "scores", "weights", "parts", "output", "topk"),
    "general": ("query", "keys", "scores", "weights", "parts", "output", "topk"),
    "bahdanau": (
        "query",
        "keys",
        "query_proj",
        "keys_proj",
        "energies",
        "scores",
        "weights",
        "parts",
        "output",
        "topk",
    ),
    "none": ("query", "output", "topk"),
}


def context_figure(trace: Trace, t: int, lang: str) -> go.Figure:
    return context_steps(trace, t, lang)


BUILDERS = {
    "query": query_figure,
    "keys": keys_figure,
    "query_proj": query_proj_figure,
    "keys_proj": keys_proj_figure,
    "energies": energies_figure,
    "scores": scores_figure,
    "weights": weights_figure,
    "parts": parts_figure,
    "context": context_figure,
    "output": output_figure,
    "topk": topk_figure,
}


def panel_names(trace: Trace) -> tuple[str, ...]:
    return PANELS.get(trace.attention_kind, PANELS["dot"])


def step_figures(trace: Trace, t: int, lang: str) -> list[tuple[str, go.Figure]]:
    """(panel name, figure) for every figure of step t, in reading order."""
    return [(name, BUILDERS[name](trace, t, lang)) for name in panel_names(trace)]
