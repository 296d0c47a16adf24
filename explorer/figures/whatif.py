"""The attention what-if: weights typed by hand, where two decodings part, and the marked
attention matrices. Pure: no Streamlit.

The decoding itself is ``attention_core.decode(..., overrides={step: weights})`` (the model
continues greedily with the overridden context) or ``decode(..., prefix=text)``; this module
only prepares its input and compares its output with the original trace.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from attention_core import Trace
from explorer.figures.sentence import attention_heatmap
from explorer.figures.style import HIGHLIGHT, token_text
from explorer.numbers import alignment
from explorer.strings import tr

FORCED_FILL = "rgba(120,120,120,0.18)"
OVERRIDE = "#0072B2"  # the overridden step's frame (the orange outline is the cursor)


def normalise(values) -> tuple[list[float] | None, str | None]:
    """Weights typed by hand -> (weights summing to 1, None) or (None, message key)."""
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):
        return None, "whatif_err_not_number"
    if not numbers or any(not math.isfinite(v) for v in numbers):
        return None, "whatif_err_not_number"
    if any(v < 0 for v in numbers):
        return None, "whatif_err_negative"
    total = sum(numbers)
    if total <= 0:
        return None, "whatif_err_zero"
    return [v / total for v in numbers], None


def one_hot(n: int, position: int) -> list[float]:
    """All the attention on source position ``position`` (0-based)."""
    return [1.0 if i == position else 0.0 for i in range(n)]


def telling_override(original: Trace, run, limit: int = 40) -> tuple[int, int]:
    """The first (step, source position), steps in order and at each step the positions in
    order of the model's own weight (least first), whose one-hot override changes the output.

    ``run(step, weights)`` decodes with that override. The page opens on this choice so its
    first message shows what an override can do, not "both produce the same tokens". At most
    ``limit`` decodes; (0, 0) when none of them changes anything.
    """
    n = len(original.source_tokens)
    tried = 0
    for t, step in enumerate(original.steps):
        order = sorted(range(n), key=lambda i: float(step.weights[i]))
        for pos in order:
            if tried >= limit:
                return 0, 0
            tried += 1
            if alignment.first_difference(original, run(t, one_hot(n, pos))) is not None:
                return t, pos
    return 0, 0


def prefix_mismatch(trace: Trace) -> list[str]:
    """Prefix tokens the model could not take as typed (not in its vocabulary: fed as <unk>)."""
    forced = trace.prefix_tokens or []
    return [tok for tok, s in zip(forced, trace.steps) if s.token != tok]


def weights_frame(trace: Trace, t: int, lang: str) -> pd.DataFrame:
    """The table to edit by hand: one row per source token, starting from the model's own
    weights at step t."""
    weights = trace.steps[t].weights
    return pd.DataFrame(
        {
            tr("col_position", lang): range(1, len(trace.source_tokens) + 1),
            tr("col_token", lang): [token_text(tok) for tok in trace.source_tokens],
            tr("col_weight", lang): [round(float(w), 4) for w in weights],
        }
    )


def comparison_table(original: Trace, whatif: Trace, lang: str) -> pd.DataFrame:
    """Step by step: the token each decoding produced, and whether they agree."""
    n = max(len(original.steps), len(whatif.steps))

    def token(trace, t):
        return token_text(trace.steps[t].token) if t < len(trace.steps) else ""

    return pd.DataFrame(
        {
            tr("col_step", lang): range(1, n + 1),
            tr("whatif_col_original", lang): [token(original, t) for t in range(n)],
            tr("whatif_col_whatif", lang): [token(whatif, t) for t in range(n)],
            tr("whatif_col_same", lang): [
                tr("yes" if token(original, t) == token(whatif, t) else "no", lang)
                for t in range(n)
            ],
        }
    )


def marked_heatmap(
    trace: Trace,
    lang: str,
    *,
    cursor: int | None = None,
    step: int | None = None,
    diverge: int | None = None,
    forced: int = 0,
) -> go.Figure:
    """The attention matrix (``sentence.attention_heatmap``) with the what-if marks: the
    overridden ``step`` in a dashed blue frame, the first ``forced`` rows (a forced prefix)
    shaded, and a dashed line above the first step where the outputs ``diverge``. The step
    player's ``cursor`` row is outlined as on every matrix (shapes[0], the one that moves)."""
    fig = attention_heatmap(trace, cursor if cursor is not None else 0, lang).figure()
    fig.update_traces(texttemplate=None, selector=dict(type="heatmap"))  # half width: hover only
    if cursor is None:
        fig.layout.shapes = []
    if step is not None and step < len(trace.steps):
        fig.add_shape(
            type="rect",
            x0=-0.5,
            x1=len(trace.source_tokens) - 0.5,
            y0=step - 0.5,
            y1=step + 0.5,
            line=dict(color=OVERRIDE, width=3, dash="dash"),
            fillcolor="rgba(0,0,0,0)",
            layer="above",
        )
    if forced:
        fig.add_shape(
            type="rect",
            xref="paper",
            x0=0,
            x1=1,
            y0=-0.5,
            y1=min(forced, len(trace.steps)) - 0.5,
            fillcolor=FORCED_FILL,
            line=dict(color="#555555", width=1, dash="dot"),
            layer="above",
        )
    if diverge is not None and diverge < len(trace.steps):
        fig.add_shape(
            type="line",
            xref="paper",
            x0=0,
            x1=1,
            y0=diverge - 0.5,
            y1=diverge - 0.5,
            line=dict(color=HIGHLIGHT, width=3, dash="dash"),
            layer="above",
        )
        # The note under the plot, where nothing else is drawn (the source tokens are along the
        # top, where a note at the line of step 1 covered them; issue 25).
        fig.add_annotation(
            xref="paper",
            yref="paper",
            x=1,
            xanchor="right",
            y=0,
            yanchor="top",
            yshift=-4,
            text=f"╌╌ {tr('whatif_diverge_mark', lang, t=diverge + 1)}",
            showarrow=False,
            font=dict(color=HIGHLIGHT, size=11),
        )
        fig.update_layout(margin_b=max(fig.layout.margin.b or 0, 30))
    return fig


def prefix_problem(task, prefix: str) -> tuple[str | None, dict]:
    """Why a forced prefix cannot be used as typed: (message key, format fields) or (None, {})."""
    if not prefix.strip():
        return "whatif_prefix_empty", {}
    tokens = task.tokenize_target(prefix)
    if not tokens:
        return "whatif_prefix_empty", {}
    if len(tokens) > task.max_forced_tokens:
        return "whatif_prefix_long", {"length": len(tokens), "limit": task.max_forced_tokens}
    return None, {}
