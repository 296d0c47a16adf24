"""How a panel's numbers are drawn: a few drawings that every panel shares. Pure: no Streamlit.

A drawing turns a panel's numbers at one step into three things: the figure (a plain
``plain.Fig``), the update that the step player applies to step 1's figure to show that step
(``{"data": {trace index: {attribute path: value}}, "layout": {path: value}}``, Plotly's own
attribute paths, applied by ``wire.apply`` and by the browser alike), and the table of the
numbers (``tables.Columns``). The figure and the update of a drawing place the same numbers at
the same attribute paths, so no panel writes its per-step update by hand;
tests/test_player_data.py checks, for every panel of every kind, that step 1's figure with
step t's update equals the figure built for step t.

The numbers a drawing takes:
- ``Vectors``: ((symbol, vector), ...), one row each (the query; what the output layer reads);
- ``SourceRows``: a (S, D) matrix, one row per source token, plus a total row if it has one;
- ``SourceBars``: (S,) values, one bar per source token (scores, weights);
- ``Ranked``: (((token, probability), ...), the emitted token): the next-token candidates;
- ``Own``: the step index, for a panel that draws itself (the geometry, the line view).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from attention_core import Trace
from explorer.figures import tables
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
    token_text,
)
from explorer.strings import tr

# A vector's symbol (the kinds' LaTeX names) as a figure label (Plotly's HTML subset) and as a
# table column (plain Unicode).
SYMBOL_HTML = {
    "s_t": "s<sub>t</sub>",
    "s_{t-1}": "s<sub>t−1</sub>",
    "a_t": "a<sub>t</sub>",
    "c": "c",
    "s~_t": "s̃<sub>t</sub>",
    "W_b s_{t-1}": "W<sub>b</sub>s<sub>t−1</sub>",
}
SYMBOL_TEXT = {"s~_t": "s̃_t"}


def _z(values) -> dict:
    return {"data": {0: {"z": np.asarray(values, dtype=np.float32)}}}


@dataclass(frozen=True)
class Vectors:
    """Named vectors, one row each, one column per unit; ``total``: the symbol of a last row
    that the rows above make (s̃_t from the output layer's inputs), drawn below a line."""

    col_title: str = "axis_hidden_unit"  # string key
    total: str = ""
    height: int | None = None

    def figure(self, trace: Trace, numbers, lang: str, limit: float) -> Fig:
        names = [SYMBOL_HTML[symbol] for symbol, _ in numbers]
        z = np.vstack([np.asarray(v, dtype=float) for _, v in numbers])  # (rows, H)
        col_title = tr(self.col_title, lang)
        fig = matrix_figure(z, names, lang, col_title=col_title, limit=limit, height=self.height)
        if self.total and numbers[-1][0] == self.total:
            fig.add_hline(y=len(names) - 1.5, line=dict(color="black", width=2))
        return fig

    def update(self, trace: Trace, numbers) -> dict:
        return _z(np.vstack([v for _, v in numbers]))

    def table(self, trace: Trace, numbers, lang: str) -> tables.Columns:
        return tables.by_vector({SYMBOL_TEXT.get(s, s): v for s, v in numbers}, lang)

    def arrays(self, numbers) -> list:
        return [v for _, v in numbers]


@dataclass(frozen=True)
class SourceRows:
    """One row per source token, one column per unit; ``total`` = (label, table column): a
    last row below a line, the sum of the rows above (the context)."""

    col_title: str = "axis_hidden_unit"  # string key
    scale: str = "values"  # or "tanh": fixed at -1..1
    total: tuple[str, str] | None = None

    def figure(self, trace: Trace, numbers, lang: str, limit: float) -> Fig:
        labels = source_labels(trace) + ([self.total[0]] if self.total else [])
        fig = matrix_figure(
            numbers,
            labels,
            lang,
            row_title=tr("axis_source", lang),
            col_title=tr(self.col_title, lang),
            scale=self.scale,
            limit=limit,
        )
        if self.total:
            fig.add_hline(y=len(labels) - 1.5, line=dict(color="black", width=2))
        return fig

    def update(self, trace: Trace, numbers) -> dict:
        return _z(numbers)

    def table(self, trace: Trace, numbers, lang: str) -> tables.Columns:
        n = len(trace.source_tokens)
        extra = {self.total[1]: numbers[n]} if self.total else None
        return tables.by_unit(trace, lang, numbers[:n], extra)

    def arrays(self, numbers) -> list:
        return [numbers]


@dataclass(frozen=True)
class SourceBars:
    """One bar per source token: the weights (0..1, sequential colours) or the scores (signed,
    diverging colours symmetric at the trace's limit)."""

    weights: bool

    def figure(self, trace: Trace, numbers, lang: str, limit: float) -> Fig:
        labels = source_labels(trace)
        plain = [token_html(tok) for tok in trace.source_tokens]
        n = len(labels)
        values = np.asarray(numbers, dtype=float).tolist()
        if self.weights:
            marker = dict(color=values, colorscale=WEIGHTS_SCALE, cmin=0.0, cmax=1.0)
            marker["colorbar"] = dict(title=dict(text=tr("colorbar_weight", lang)), thickness=12)
            marker["showscale"] = True
            y_range, fmt, name = [0.0, 1.05], ".5f", "α"
        else:
            marker = dict(color=values, colorscale=VALUES_SCALE, cmin=-limit, cmax=limit)
            marker["cmid"] = 0.0
            y_range, fmt, name = [-limit * 1.1, limit * 1.1], ".5g", "e"
        bars = new_trace(
            "bar",
            x=list(range(n)),
            y=values,
            marker=marker,
            customdata=[[plain[i], i + 1] for i in range(n)],
            hovertemplate=(
                f"{tr('hover_source', lang)} %{{customdata[1]}}: %{{customdata[0]}}<br>"
                f"{name} = %{{y:{fmt}}}<extra></extra>"
            ),
        )
        if n <= MAX_BAR_LABELS:
            # An explicit text colour: with numeric bar colours plotly.js would otherwise look
            # for a contrasting one for every bar, and warn (slowly, with a stack trace) that it
            # cannot. (Not clipped at the axis: the label of a weight near 1 stands above it.)
            bars.update(
                texttemplate="%{y:.2f}",
                textposition="outside",
                textfont=dict(size=9, color="#14161c"),
                cliponaxis=False,
            )
        fig = Fig(bars)
        fig.update_xaxes(**token_axis(labels, tr("axis_source", lang)))
        title = tr("colorbar_weight" if self.weights else "colorbar_score", lang)
        fig.update_yaxes(range=y_range, title=dict(text=title), zeroline=True)
        # Compact: the weights share the first screen with the matrix and the step's equation.
        return layout(fig, 195, top=14, showlegend=False)

    def update(self, trace: Trace, numbers) -> dict:
        values = np.asarray(numbers, dtype=float).tolist()
        return {"data": {0: {"y": values, "marker.color": values}}}

    def table(self, trace: Trace, numbers, lang: str) -> tables.Columns:
        frame = tables.by_source(trace, lang)
        frame[tr("col_weight" if self.weights else "col_score", lang)] = np.asarray(
            numbers, dtype=float
        )
        return frame

    def arrays(self, numbers) -> list:
        return [numbers]


@dataclass(frozen=True)
class Ranked:
    """The most likely next tokens with their probabilities, best first; the emitted one in
    orange."""

    def _parts(self, numbers):
        top_k, chosen = numbers
        labels = [token_html(tok) for tok, _ in top_k]
        colours = [CHOSEN if tok == chosen else BAR for tok, _ in top_k]
        return labels, [float(p) for _, p in top_k], colours

    def figure(self, trace: Trace, numbers, lang: str, limit: float) -> Fig:
        labels, probs, colours = self._parts(numbers)
        bars = new_trace(
            "bar",
            x=probs,
            y=list(range(len(labels))),
            orientation="h",
            marker=dict(color=colours),
            customdata=labels,
            texttemplate="%{x:.3f}",
            # inside a long bar, after a short one: a label after a bar near 1 was cut off at
            # the plot's edge in presenter mode (issue 25)
            textposition="auto",
            insidetextanchor="end",
            cliponaxis=False,
            hovertemplate=f"%{{customdata}}<br>{tr('hover_probability', lang)} = %{{x:.6f}}"
            "<extra></extra>",
        )
        fig = Fig(bars)
        fig.update_yaxes(**token_axis(labels, tr("axis_next_token", lang)), autorange="reversed")
        fig.update_xaxes(range=[0, 1.15], title=dict(text=tr("axis_probability", lang)))
        return layout(fig, max(180, 60 + 22 * len(labels)), showlegend=False)

    def update(self, trace: Trace, numbers) -> dict:
        labels, probs, colours = self._parts(numbers)
        ticks = list(range(len(labels)))
        return {
            "data": {0: {"x": probs, "marker.color": colours, "customdata": labels, "y": ticks}},
            "layout": {"yaxis.ticktext": labels, "yaxis.tickvals": ticks},
        }

    def table(self, trace: Trace, numbers, lang: str) -> tables.Columns:
        top_k, chosen = numbers
        return {
            tr("col_rank", lang): list(range(1, len(top_k) + 1)),
            tr("col_token", lang): [token_text(tok) for tok, _ in top_k],
            tr("col_probability", lang): np.array([float(p) for _, p in top_k]),
            tr("col_emitted", lang): [
                tr("yes" if tok == chosen else "no", lang) for tok, _ in top_k
            ],
        }

    def arrays(self, numbers) -> list:
        return []


@dataclass(frozen=True)
class Own:
    """A panel that draws itself from the trace (its numbers are the step index): the 2-D
    geometry and the line view, whose pictures are computed once per sentence."""

    build: Callable[[Trace, int, str], Fig]
    step: Callable[[Trace, int], dict]
    numbers_table: Callable[[Trace, int, str], tables.Columns]

    def figure(self, trace: Trace, t: int, lang: str, limit: float) -> Fig:
        return self.build(trace, t, lang)

    def update(self, trace: Trace, t: int) -> dict:
        return self.step(trace, t)

    def table(self, trace: Trace, t: int, lang: str) -> tables.Columns:
        return self.numbers_table(trace, t, lang)

    def arrays(self, numbers) -> list:
        return []
