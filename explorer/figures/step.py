"""Plotly figures of one decoder step: pure functions (trace, step, lang) -> a plain figure
(``plain.Fig``: the dicts plotly.js reads; ``.figure()`` is the checked go.Figure); no
Streamlit. The figures of the whole sentence (the attention matrix, the timeline) are in
``sentence.py``.

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

from attention_core import Trace
from attention_core.kinds import kind
from explorer.figures.matrix import matrix_figure
from explorer.figures.plain import Fig, new_trace
from explorer.figures.style import (
    BAR,
    CHOSEN,
    MAX_BAR_LABELS,
    VALUES_SCALE,
    WEIGHTS_SCALE,
    layout,
    source_labels,
    token_axis,
    token_html,
    value_limit,
)
from explorer.strings import tr

# ----- (2) the figures of one step ----------------------------------------------------------


def vector_figure(trace: Trace, values, name: str, lang: str, limit: float) -> Fig:
    """One vector (query, context, ...) as a strip of coloured cells, one per hidden unit."""
    return matrix_figure(values, [name], lang, limit=limit, height=130)


# The kinds' LaTeX symbols as figure labels (Plotly's HTML subset).
SYMBOL_HTML = {
    "s_t": "s<sub>t</sub>",
    "s_{t-1}": "s<sub>t−1</sub>",
    "a_t": "a<sub>t</sub>",
    "c": "c",
    "s~_t": "s̃<sub>t</sub>",
}


def query_figure(trace: Trace, t: int, lang: str) -> Fig:
    name = SYMBOL_HTML[kind(trace.attention_kind).query_symbol]
    limit = value_limit(*(s.query for s in trace.steps))
    return vector_figure(trace, trace.steps[t].query, name, lang, limit)


def keys_figure(trace: Trace, t: int, lang: str) -> Fig:
    """The encoder states h_i (keys and values), one row per source token."""
    return matrix_figure(
        trace.keys,
        source_labels(trace),
        lang,
        row_title=tr("axis_source", lang),
        limit=value_limit(trace.keys),
    )


def query_proj_figure(trace: Trace, t: int, lang: str) -> Fig:
    """Bahdanau: W_b s_{t-1}, the query projected into the attention space."""
    limit = value_limit(*(s.query_proj for s in trace.steps))
    fig = vector_figure(
        trace, trace.steps[t].query_proj, "W<sub>b</sub>s<sub>t−1</sub>", lang, limit
    )
    fig.update_xaxes(title=dict(text=tr("axis_attention_unit", lang)))
    return fig


def keys_proj_figure(trace: Trace, t: int, lang: str) -> Fig:
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


def energies_figure(trace: Trace, t: int, lang: str) -> Fig:
    """Bahdanau: tanh(W_b s_{t-1} + W_c h_i), always between -1 and 1."""
    return matrix_figure(
        trace.steps[t].energies,
        source_labels(trace),
        lang,
        row_title=tr("axis_source", lang),
        col_title=tr("axis_attention_unit", lang),
        scale="tanh",
    )


def _source_bars(trace: Trace, values, lang: str, *, weights: bool, limit: float) -> Fig:
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
    bars = new_trace(
        "bar",
        x=list(range(n)),
        y=values.tolist(),
        marker=marker,
        customdata=[[plain[i], i + 1] for i in range(n)],
        hovertemplate=(
            f"{tr('hover_source', lang)} %{{customdata[1]}}: %{{customdata[0]}}<br>"
            f"{name} = %{{y:{fmt}}}<extra></extra>"
        ),
    )
    if n <= MAX_BAR_LABELS:
        # An explicit text colour: with numeric bar colours plotly.js would otherwise look for a
        # contrasting one for every bar, and warn (slowly, with a stack trace) that it cannot.
        # (not clipped at the axis: the label of a weight near 1 stands above the plot area)
        bars.update(
            texttemplate="%{y:.2f}",
            textposition="outside",
            textfont=dict(size=9, color="#14161c"),
            cliponaxis=False,
        )
    fig = Fig(bars)
    fig.update_xaxes(**token_axis(labels, tr("axis_source", lang)))
    title = tr("colorbar_weight" if weights else "colorbar_score", lang)
    fig.update_yaxes(range=y_range, title=dict(text=title), zeroline=True)
    # Compact: the weights share the first screen with the matrix and the step's equation.
    return layout(fig, 195, top=14, showlegend=False)


def scores_figure(trace: Trace, t: int, lang: str) -> Fig:
    limit = value_limit(*(s.scores for s in trace.steps))
    return _source_bars(trace, trace.steps[t].scores, lang, weights=False, limit=limit)


def weights_figure(trace: Trace, t: int, lang: str) -> Fig:
    return _source_bars(trace, trace.steps[t].weights, lang, weights=True, limit=1.0)


def weighted_parts(trace: Trace, t: int) -> np.ndarray:
    """α_i·h_i for every source token (S, H); their sum is the context a_t."""
    return trace.steps[t].weights[:, None].astype(float) * trace.keys.astype(float)


def parts_figure(trace: Trace, t: int, lang: str) -> Fig:
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


def output_rows(trace: Trace, t: int) -> list[tuple[str, np.ndarray]]:
    """(symbol, vector) for what the output layer reads, in its kind's order, then s̃_t. The
    embedding that Bahdanau's deep output also reads is not recorded (it is a table lookup)."""
    step = trace.steps[t]
    record = kind(trace.attention_kind)
    vectors = {"context": (record.context_symbol, step.context), "state": ("s_t", step.state)}
    rows = [vectors[name] for name in record.output_reads if name in vectors]
    if record.deep_output:  # else the output layer reads s_t itself, already a row
        rows.append(("s~_t", step.output_input))
    return [(symbol, np.asarray(v, dtype=float)) for symbol, v in rows]


def output_figure(trace: Trace, t: int, lang: str) -> Fig:
    """What the output layer reads: its inputs and s̃_t (the ``output_input`` field)."""
    rows = [(SYMBOL_HTML[symbol], v) for symbol, v in output_rows(trace, t)]
    z = np.vstack([v for _, v in rows])
    every = (np.concatenate([s.context, s.state, s.output_input]) for s in trace.steps)
    limit = value_limit(*every)
    fig = matrix_figure(z, [name for name, _ in rows], lang, limit=limit)
    fig.add_hline(y=len(rows) - 1.5, line=dict(color="black", width=2))
    return fig


def topk_figure(trace: Trace, t: int, lang: str) -> Fig:
    """The most likely next tokens with their probabilities; the emitted token in orange."""
    step = trace.steps[t]
    tokens = [tok for tok, _ in step.top_k]
    probs = [float(p) for _, p in step.top_k]
    labels = [token_html(tok) for tok in tokens]
    colours = [CHOSEN if tok == step.token else BAR for tok in tokens]
    bars = new_trace(
        "bar",
        x=probs,
        y=list(range(len(tokens))),
        orientation="h",
        marker=dict(color=colours),
        customdata=labels,
        texttemplate="%{x:.3f}",
        # inside a long bar, after a short one: a label after a bar near 1 was cut off at the
        # plot's edge in presenter mode (issue 25)
        textposition="auto",
        insidetextanchor="end",
        cliponaxis=False,
        hovertemplate=f"%{{customdata}}<br>{tr('hover_probability', lang)} = %{{x:.6f}}"
        "<extra></extra>",
    )
    fig = Fig(bars)
    fig.update_yaxes(**token_axis(labels, tr("axis_next_token", lang)), autorange="reversed")
    fig.update_xaxes(range=[0, 1.15], title=dict(text=tr("axis_probability", lang)))
    return layout(fig, max(180, 60 + 22 * len(tokens)), showlegend=False)


# ----- which figures a step shows, in order -------------------------------------------------

BUILDERS = {
    "query": query_figure,
    "keys": keys_figure,
    "query_proj": query_proj_figure,
    "keys_proj": keys_proj_figure,
    "energies": energies_figure,
    "scores": scores_figure,
    "weights": weights_figure,
    "parts": parts_figure,
    "output": output_figure,
    "topk": topk_figure,
}


def panel_names(trace: Trace) -> tuple[str, ...]:
    """The step's panels in reading order, as the trace's attention kind lists them."""
    return kind(trace.attention_kind).panels


def step_figures(trace: Trace, t: int, lang: str) -> list[tuple[str, Fig]]:
    """(panel name, figure) for every figure of step t, in reading order."""
    return [(name, BUILDERS[name](trace, t, lang)) for name in panel_names(trace)]
