"""The "why attention" page's data and figures: BLEU by source length for the three models, read
from each checkpoint's evaluation.json (written by ``python -m attention_core evaluate --save``),
and the long example sentence. Pure: no Streamlit; numbers are only ever read, never typed in.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explorer.catalog import number
from explorer.figures.style import LEGEND_ON_TOP, layout
from explorer.strings import kind_label, tr

ORDER = ("none", "dot", "bahdanau", "general")  # baseline first, as in Bahdanau et al., Fig. 2
COLOURS = {"none": "#999999", "dot": "#0072B2", "bahdanau": "#E69F00", "general": "#009E73"}
SYMBOLS = {"none": "x", "dot": "circle", "bahdanau": "diamond", "general": "square"}

# A long sentence on which the baseline visibly fails and the attention models do not (chosen by
# translating candidates with the trained English->French models), with our reference.
# The baseline repeats the first clause and loses "but he did not have enough money".
LONG_SENTENCE = (
    "tom said that he wanted to buy a new car, but he did not have enough money to pay for it.",
    "tom a dit qu'il voulait acheter une nouvelle voiture, mais qu'il n'avait pas assez d'argent "
    "pour la payer.",
)


def _bucket_start(name: str) -> int:
    digits = name.split("-")[0].rstrip("+")
    return int(digits) if digits.isdigit() else 10**6


def by_length(evaluations: dict[str, dict]) -> dict[str, dict[str, dict]]:
    """kind -> bucket -> {"bleu", "sentences"} for the evaluations that have length buckets."""
    found = {}
    for kind, data in evaluations.items():
        buckets = data.get("by_length")
        if not isinstance(buckets, dict):
            continue
        rows = {}
        for name, row in buckets.items():
            bleu = number(row.get("bleu")) if isinstance(row, dict) else None
            if bleu is not None:
                rows[str(name)] = {"bleu": bleu, "sentences": row.get("sentences")}
        if rows:
            found[kind] = rows
    return found


def buckets(table: dict[str, dict[str, dict]]) -> list[str]:
    """All bucket names, shortest sentences first."""
    names = {name for rows in table.values() for name in rows}
    return sorted(names, key=lambda n: (_bucket_start(n), n))


def ordered(kinds) -> list[str]:
    return sorted(kinds, key=lambda k: (ORDER.index(k) if k in ORDER else len(ORDER), k))


def bleu_figure(table: dict[str, dict[str, dict]], lang: str) -> go.Figure:
    """BLEU per source-length bucket, one line per model (a replica of Bahdanau 2015, Fig. 2)."""
    names = buckets(table)
    fig = go.Figure()
    for kind in ordered(table):
        rows = table[kind]
        xs = [i for i, name in enumerate(names) if name in rows]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[rows[names[i]]["bleu"] for i in xs],
                customdata=[[names[i], rows[names[i]]["sentences"]] for i in xs],
                mode="lines+markers",
                name=kind_label(kind, lang),
                line=dict(color=COLOURS.get(kind, "#333333"), width=3),
                marker=dict(symbol=SYMBOLS.get(kind, "circle"), size=10),
                hovertemplate=f"{tr('why_axis_length', lang)}: %{{customdata[0]}}<br>BLEU "
                f"%{{y:.2f}}<br>{tr('why_hover_sentences', lang)}: %{{customdata[1]}}"
                "<extra></extra>",
            )
        )
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(range(len(names))),
        ticktext=names,
        title=dict(text=tr("why_axis_length", lang)),
    )
    fig.update_yaxes(title=dict(text="BLEU"), rangemode="tozero")
    return layout(fig, 380, legend=LEGEND_ON_TOP)


def bleu_table(table: dict[str, dict[str, dict]], lang: str) -> pd.DataFrame:
    """The figure's numbers: one row per bucket, BLEU and sentence count per model."""
    names = buckets(table)
    data = {tr("why_axis_length", lang): names}
    for kind in ordered(table):
        label = kind_label(kind, lang)
        data[f"BLEU · {label}"] = [table[kind].get(n, {}).get("bleu") for n in names]
    first = table[ordered(table)[0]]
    data[tr("why_hover_sentences", lang)] = [first.get(n, {}).get("sentences") for n in names]
    return pd.DataFrame(data)


def overall(evaluations: dict[str, dict], metric: str) -> dict[str, float]:
    """kind -> the evaluation's overall ``metric`` (bleu, chrf or exact_match) where recorded."""
    values = {k: number(v.get(metric)) for k, v in evaluations.items()}
    return {k: v for k, v in values.items() if v is not None}


def overall_figure(values: dict[str, float], lang: str, metric_label: str) -> go.Figure:
    """One bar per model: an overall score (exact match for dates)."""
    kinds = ordered(values)
    fig = go.Figure(
        go.Bar(
            x=list(range(len(kinds))),
            y=[values[k] for k in kinds],
            marker=dict(color=[COLOURS.get(k, "#333333") for k in kinds]),
            texttemplate="%{y:.2f}",
            textposition="outside",
            hovertemplate="%{y:.3f}<extra></extra>",
        )
    )
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(range(len(kinds))),
        ticktext=[kind_label(k, lang) for k in kinds],
    )
    fig.update_yaxes(title=dict(text=metric_label), range=[0, 110])
    return layout(fig, 300, showlegend=False)


def sentence_chrf(hypothesis: str, reference: str) -> float:
    """chrF of one translation against our reference (sacreBLEU, as ``evaluate`` uses)."""
    import sacrebleu

    return round(sacrebleu.sentence_chrf(hypothesis.lower(), [reference.lower()]).score, 1)


def long_scores(evaluations: dict[str, dict]) -> dict[str, dict]:
    """kind -> the evaluation's "long" score (BLEU over sentences of ``min_words`` or more)."""
    found = {}
    for kind, data in evaluations.items():
        long = data.get("long")
        if not isinstance(long, dict):
            continue
        bleu, words = number(long.get("bleu")), long.get("min_words")
        if bleu is not None and isinstance(words, int):
            found[kind] = {"bleu": bleu, "min_words": words, "sentences": long.get("sentences")}
    return found


def summary_figure(evaluations: dict[str, dict], lang: str) -> go.Figure:
    """Per model: BLEU on all test sentences next to BLEU on the long ones."""
    overall_bleu, long = overall(evaluations, "bleu"), long_scores(evaluations)
    kinds = ordered(k for k in overall_bleu if k in long)
    words = long[kinds[0]]["min_words"] if kinds else 0
    fig = go.Figure()
    bars = (
        (tr("why_bar_all", lang), [overall_bleu[k] for k in kinds], "#56B4E9"),
        (tr("why_bar_long", lang, words=words), [long[k]["bleu"] for k in kinds], "#D55E00"),
    )
    for name, values, colour in bars:
        fig.add_trace(
            go.Bar(
                x=list(range(len(kinds))),
                y=values,
                name=name,
                marker=dict(color=colour),
                texttemplate="%{y:.1f}",
                textposition="outside",
                cliponaxis=False,
                hovertemplate="BLEU %{y:.2f}<extra></extra>",
            )
        )
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(range(len(kinds))),
        ticktext=[kind_label(k, lang) for k in kinds],
    )
    fig.update_yaxes(title=dict(text="BLEU"), rangemode="tozero")
    return layout(fig, 320, barmode="group", legend=LEGEND_ON_TOP)
