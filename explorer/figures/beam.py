"""The beam-search view: the search tree as a Plotly figure, and the hypotheses. Pure: no Streamlit.

A beam trace keeps every node the search created (``Trace.beam_nodes``: token, parent, step,
cumulative log-probability, status) and every hypothesis that ended (``Trace.hypotheses``:
finished with <eos>, pruned, or cut at the length limit), each with its own recorded steps.

The tree is drawn left to right, one column per decoder step, with a tidy layout: leaves take
successive rows (best continuation first) and a parent sits at the mean height of its children,
so no edges cross. Every token is escaped with ``figures.token_html``.
"""

from __future__ import annotations

import html
from dataclasses import replace

import plotly.graph_objects as go

from attention_core import Trace
from attention_core.tasks import TASKS, get_task
from explorer.figures.style import BAR, CHOSEN, LEGEND_ON_TOP, layout, token_html, token_text
from explorer.strings import HYPOTHESIS_KEYS, tr

# how each kind of node looks: (marker symbol, colour, size, opacity)
STYLES = {
    "kept": ("circle", BAR, 10, 1.0),
    "finished": ("star", "#009E73", 16, 1.0),  # Okabe-Ito bluish green
    "cut": ("diamond", "#CC79A7", 13, 1.0),  # Okabe-Ito reddish purple
    "pruned": ("circle", "#999999", 9, 0.35),  # faded: a branch the search dropped
}
LEGEND_KEYS = {
    "kept": "beam_legend_kept",
    "finished": "beam_legend_finished",
    "cut": "beam_legend_cut",
    "pruned": "beam_legend_pruned",
}
ROW_HEIGHT = 40  # pixels per leaf row: two lines of text (token, log-probability) and a marker
MAX_HEIGHT = 3200


def children_of(trace: Trace) -> dict[int | None, list[dict]]:
    """Parent id (None for the root) -> its child nodes, best cumulative log-probability first."""
    children: dict[int | None, list[dict]] = {}
    for node in trace.beam_nodes:
        children.setdefault(node.parent, []).append(node)
    for kids in children.values():
        kids.sort(key=lambda n: (-n.cum_log_prob, n.id))
    return children


def path_ids(trace: Trace, node_id: int) -> list[int]:
    """The node ids from the first step down to ``node_id``."""
    by_id = {n.id: n for n in trace.beam_nodes}
    path = []
    while node_id is not None:
        path.append(node_id)
        node_id = by_id[node_id].parent
    return path[::-1]


def display_status(trace: Trace) -> dict[int, str]:
    """Node id -> "finished", "cut", "pruned" or "kept".

    A node the search kept but whose every continuation was later dropped is drawn as pruned
    too: the whole dead branch fades, not only its last node.
    """
    alive: set[int] = set()
    for node in trace.beam_nodes:
        if node.status in ("finished", "cut"):
            alive.update(path_ids(trace, node.id))
    ended = ("finished", "cut", "pruned")
    return {
        n.id: n.status if n.status in ended else "kept" if n.id in alive else "pruned"
        for n in trace.beam_nodes
    }


def tree_layout(trace: Trace) -> dict[int | None, tuple[float, float]]:
    """Node id -> (x, y): x is the step (the root <sos> at 0), y the row (0 at the top)."""
    children = children_of(trace)
    pos: dict[int | None, tuple[float, float]] = {}
    next_row = 0.0

    def place(node_id, x):
        nonlocal next_row
        kids = children.get(node_id, [])
        if not kids:
            pos[node_id] = (x, next_row)
            next_row += 1
            return
        for kid in kids:
            place(kid.id, x + 1)
        ys = [pos[k.id][1] for k in kids]
        pos[node_id] = (x, (min(ys) + max(ys)) / 2)

    place(None, 0)
    return pos


def _edges(trace, pos, ids, colour, width, opacity, name):
    """One line trace: an edge from each node in ``ids`` to its parent (the root for step 1)."""
    parent = {n.id: n.parent for n in trace.beam_nodes}
    xs, ys = [], []
    for node_id in ids:
        a = parent[node_id]
        xs += [pos[a][0], pos[node_id][0], None]
        ys += [pos[a][1], pos[node_id][1], None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line=dict(color=colour, width=width),
        opacity=opacity,
        hoverinfo="skip",
        showlegend=False,
        name=name,
    )


def beam_tree(trace: Trace, lang: str, selected: int | None = None) -> go.Figure:
    """The search tree: one marker per node (token and cumulative log-probability as text and
    on hover), grouped in one trace per kind of node; ``selected`` (a hypothesis index) has its
    path drawn in orange. Every point's customdata starts with its node id."""
    pos = tree_layout(trace)
    status = display_status(trace)
    fig = go.Figure()
    for kind in ("pruned", "kept"):  # edges under the markers; faded ones first
        ids = [i for i, s in status.items() if (s == "pruned") == (kind == "pruned")]
        colour, opacity = ("#999999", 0.35) if kind == "pruned" else ("#555555", 0.9)
        fig.add_trace(_edges(trace, pos, ids, colour, 1.2, opacity, kind))
    if selected is not None and 0 <= selected < len(trace.hypotheses):
        chosen = path_ids(trace, trace.hypotheses[selected].node)
        fig.add_trace(_edges(trace, pos, chosen, CHOSEN, 4, 1.0, "selected"))
    else:
        chosen = []
    fig.add_trace(
        go.Scatter(
            x=[pos[None][0]],
            y=[pos[None][1]],
            mode="markers+text",
            text=[token_html("<sos>")],
            textposition="top center",
            marker=dict(symbol="square", size=11, color="#111111"),
            hoverinfo="skip",
            showlegend=False,
            name="root",
        )
    )
    step_word, logp_word = tr("hover_step", lang), tr("beam_hover_log_prob", lang)
    cum_word, status_word = tr("beam_hover_cum_log_prob", lang), tr("col_status", lang)
    for kind, (symbol, colour, size, opacity) in STYLES.items():
        nodes = [n for n in trace.beam_nodes if status[n.id] == kind]
        if not nodes:
            continue
        legend = html.escape(tr(LEGEND_KEYS[kind], lang))  # our strings may hold "<eos>"
        fig.add_trace(
            go.Scatter(
                x=[pos[n.id][0] for n in nodes],
                y=[pos[n.id][1] for n in nodes],
                mode="markers+text",
                text=[f"{token_html(n.token)}<br>{n.cum_log_prob:.2f}" for n in nodes],
                # Beside the marker, not above it: two lines above a marker reached into the
                # row above (a neighbour's star) and past the plot's top edge (issue 14).
                textposition="middle right",
                textfont=dict(
                    size=10 if kind != "pruned" else 9,
                    color="#111111" if kind != "pruned" else "#767676",
                ),
                marker=dict(
                    symbol=symbol,
                    size=size,
                    color=colour,
                    opacity=opacity,
                    line=dict(
                        color=[CHOSEN if n.id in chosen else "#FFFFFF" for n in nodes],
                        width=[3 if n.id in chosen else 1 for n in nodes],
                    ),
                ),
                customdata=[
                    [
                        n.id,
                        token_html(n.token),
                        n.step + 1,
                        n.log_prob,
                        n.cum_log_prob,
                        legend,
                    ]
                    for n in nodes
                ],
                hovertemplate=(
                    f"%{{customdata[1]}}<br>{step_word} %{{customdata[2]}}<br>"
                    f"{logp_word} = %{{customdata[3]:.4f}}<br>"
                    f"{cum_word} = %{{customdata[4]:.4f}}<br>"
                    f"{status_word}: %{{customdata[5]}}<extra></extra>"
                ),
                name=legend,
            )
        )
    rows = max((y for _, y in pos.values()), default=0) + 1
    steps = max((x for x, _ in pos.values()), default=0)
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(range(steps + 1)),
        ticktext=[token_html("<sos>")] + [str(t) for t in range(1, steps + 1)],
        title=dict(text=tr("hover_step", lang)),
        showgrid=False,
        zeroline=False,
        range=[-0.5, steps + 0.9],  # room for the last step's labels, right of their markers
    )
    # Reversed, with half a row of room above the first and below the last row.
    fig.update_yaxes(visible=False, range=[rows - 0.4, -0.6])
    layout(
        fig,
        int(min(MAX_HEIGHT, 110 + ROW_HEIGHT * rows)),
        top=40,
        legend=LEGEND_ON_TOP,
        clickmode="event+select",
        dragmode="pan",
    )
    return fig


def node_ids_in(fig: go.Figure) -> list[int]:
    """The node ids drawn as markers (customdata[0] of every marker trace but the root)."""
    return [int(c[0]) for d in fig.data if d.customdata is not None for c in d.customdata]


# ----- hypotheses ---------------------------------------------------------------------------


def output_text(trace: Trace, tokens: list[str]) -> str:
    """A hypothesis as text: our tasks detokenize; an uploaded model's words are spaced."""
    if trace.task not in TASKS:
        return " ".join(tokens)
    return get_task(trace.task).detokenize_target(tokens)


def hypothesis_labels(trace: Trace, lang: str) -> list[str]:
    """Plain-text labels for the picker (a selectbox shows them as typed): rank, status,
    output, log-probability and length-normalised score, best first as the core ranks them."""
    labels = []
    for rank, h in enumerate(trace.hypotheses, start=1):
        text = token_text(output_text(trace, h.tokens)) if h.tokens else "∅"
        status = tr(HYPOTHESIS_KEYS.get(h.status, "status_other"), lang)
        labels.append(
            tr(
                "beam_option",
                lang,
                rank=rank,
                status=status,
                text=text,
                logp=h.log_prob,
                score=h.score,
            )
        )
    return labels


def hypothesis_for_node(trace: Trace, node_id: int) -> int | None:
    """The best-ranked hypothesis whose path goes through ``node_id`` (None if none does)."""
    for i, h in enumerate(trace.hypotheses):
        if node_id in path_ids(trace, h.node):
            return i
    return None


def hypothesis_trace(trace: Trace, index: int) -> Trace:
    """Hypothesis ``index`` as an ordinary trace (its own steps and output), so every figure of
    the explorer draws it."""
    h = trace.hypotheses[index]
    return replace(
        trace,
        steps=h.steps,
        output_tokens=list(h.tokens),
        output_text=output_text(trace, h.tokens),
    )


def status_counts(trace: Trace) -> dict[str, int]:
    counts = {"finished": 0, "pruned": 0, "cut": 0}
    for h in trace.hypotheses:
        counts[h.status] = counts.get(h.status, 0) + 1
    return counts
