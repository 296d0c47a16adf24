"""The line view as a step-player panel (issue 18). Pure: no Streamlit.

Source tokens above, output tokens below, one line per (step, source token) pair whose weight
reaches the threshold of ``attention_core.geometry.line_view``; the step's lines strong, earlier
ones faint, later ones hidden. Pointing at a token brings out its lines (``js/draw.js`` reads the
figure's ``meta.lines_of``). Every token is escaped (``style.token_html``).
"""

from __future__ import annotations

import numpy as np

from attention_core import Trace
from attention_core import geometry as geo
from explorer.figures.per_trace import once
from explorer.figures.plain import Fig, new_trace
from explorer.figures.style import (
    BAR,
    HIGHLIGHT,
    layout,
    source_labels,
    token_html,
    token_text,
)
from explorer.strings import tr


def _every_line(trace: Trace) -> tuple[geo.Line, ...]:
    # each pair over the threshold, at any step
    return once(trace, "lines", lambda: geo.line_view(trace, None).lines)


def _xs(n: int) -> list[float]:
    return [(i + 0.5) / n for i in range(n)]


# From this many tokens in a row, their labels alternate above and below the points: in a
# panel about 300 px wide (presenter mode puts four in a row) they ran into each other.
STAGGER_FROM = 7


def _positions(n: int, outside: str) -> str | list[str]:
    """Where each token's label goes: ``outside`` the two rows, or alternately inside."""
    if n < STAGGER_FROM:
        return f"{outside} center"
    inside = "bottom" if outside == "top" else "top"
    return [f"{outside if i % 2 == 0 else inside} center" for i in range(n)]


def line_figure(trace: Trace, t: int, lang: str) -> Fig:
    """Source tokens (top) and output tokens (bottom), a line per pair with weight >= the
    threshold up to step t; one trace per line so each has its own width and opacity."""
    source, outputs = _xs(len(trace.source_tokens)), _xs(len(trace.steps))
    fig = Fig()
    plain = [token_html(tok) for tok in trace.source_tokens]
    out = [token_html(s.token) for s in trace.steps]
    fig.add_trace(
        new_trace(
            "scatter",  # 0: the source tokens
            x=source,
            y=[1.0] * len(source),
            mode="markers+text",
            text=source_labels(trace),
            textposition=_positions(len(source), "top"),
            textfont=dict(size=12, color="#14161c"),
            marker=dict(size=9, color=BAR),
            customdata=[[p, i + 1] for i, p in enumerate(plain)],
            hovertemplate=f"{tr('hover_source', lang)} %{{customdata[1]}}: %{{customdata[0]}}"
            "<extra></extra>",
            showlegend=False,
        )
    )
    fig.add_trace(
        new_trace(
            "scatter",  # 1: the output tokens, step t's in the highlight colour
            x=outputs,
            y=[0.0] * len(outputs),
            mode="markers+text",
            text=out,
            textposition=_positions(len(outputs), "bottom"),
            textfont=dict(size=12, color="#14161c"),
            marker=dict(size=9, color=_output_colours(len(outputs), t)),
            customdata=[[p, s + 1] for s, p in enumerate(out)],
            hovertemplate=f"{tr('hover_step', lang)} %{{customdata[1]}}: %{{customdata[0]}}"
            "<extra></extra>",
            showlegend=False,
        )
    )
    now = {(ln.source, ln.output): ln for ln in geo.line_view(trace, t).lines}
    for ln in _every_line(trace):
        shown = now.get((ln.source, ln.output))
        fig.add_trace(
            new_trace(
                "scatter",
                x=[source[ln.source], outputs[ln.output]],
                y=[1.0, 0.0],
                mode="lines",
                line=dict(
                    color=HIGHLIGHT if ln.output == t else "#555555", width=(shown or ln).width
                ),
                opacity=shown.opacity if shown else 0.0,
                visible=shown is not None,
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.update_xaxes(visible=False, range=[0.0, 1.0])
    fig.update_yaxes(visible=False, range=[-0.35, 1.35])
    layout(
        fig,
        260,
        top=10,
        # js/draw.js: hovering a token brings out its lines (the trace indices of each point's)
        meta={"lines_of": _lines_of(trace)},
    )
    return fig


def _output_colours(n: int, t: int) -> list[str]:
    return [HIGHLIGHT if s == t else "#888888" if s > t else BAR for s in range(n)]


def _lines_of(trace: Trace) -> dict:
    """For each token point, the indices of the line traces that touch it (lines from 2 on)."""
    lines = _every_line(trace)
    source = [
        [2 + n for n, ln in enumerate(lines) if ln.source == i]
        for i in range(len(trace.source_tokens))
    ]
    output = [
        [2 + n for n, ln in enumerate(lines) if ln.output == s] for s in range(len(trace.steps))
    ]
    return {"0": source, "1": output}


def _line_attrs(trace: Trace, t: int) -> list[dict]:
    now = {(ln.source, ln.output): ln for ln in geo.line_view(trace, t).lines}
    out = []
    for ln in _every_line(trace):
        shown = now.get((ln.source, ln.output))
        out.append(
            {
                "visible": shown is not None,
                "opacity": shown.opacity if shown else 0.0,
                "line.width": (shown or ln).width,
                "line.color": HIGHLIGHT if ln.output == t else "#555555",
            }
        )
    return out


def line_update(trace: Trace, t: int) -> dict:
    """What differs at step t from step 1: the output colours, and the visibility, opacity,
    width and colour of the lines whose look changed (the step's own lines in orange)."""
    data = {1: {"marker.color": _output_colours(len(trace.steps), t)}}
    firsts = once(trace, "line_attrs_0", lambda: _line_attrs(trace, 0))
    for n, (now, first) in enumerate(zip(_line_attrs(trace, t), firsts)):
        changed = {path: value for path, value in now.items() if first[path] != value}
        if changed:
            data[2 + n] = changed
    return {"data": data}


def line_table(trace: Trace, t: int, lang: str) -> dict:
    """The lines drawn at step t: output step and token, source position and token, weight."""
    rows = geo.line_view(trace, t).lines
    return {  # (tables.Columns)
        tr("col_step", lang): [ln.output + 1 for ln in rows],
        tr("col_output_token", lang): [token_text(trace.steps[ln.output].token) for ln in rows],
        tr("col_token", lang): [
            f"{ln.source + 1}:{token_text(trace.source_tokens[ln.source])}" for ln in rows
        ],
        tr("col_weight", lang): np.array([ln.weight for ln in rows], dtype=float),
    }
