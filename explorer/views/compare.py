"""Streamlit glue of the compare page: choosing two models and decoding with each.

Decoding goes through ``sv.safe_decode`` (cached, never raises); the numbers come
from ``alignment`` and the figures from ``compare_figures``.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from explorer.catalog import discover
from explorer.figures import compare as cf
from explorer.figures.compare import (
    coverage_figure,
    coverage_frame,
    metrics_table,
    with_weights,
)
from explorer.numbers import alignment
from explorer.player import data as player_data
from explorer.strings import kind_label, tr
from explorer.views import sentence as sv
from explorer.views import ui

__all__ = ["coverage_figure", "coverage_frame", "metrics_table", "with_weights"]

DEFAULTS = ("dot", "bahdanau")


def usable_kinds(sel: ui.Selection) -> list[str]:
    return [kind for kind, loaded in sel.statuses.items() if loaded.status == "ok"]


def choose_models(sel: ui.Selection, kinds: list[str], boxes=None) -> tuple[str, str]:
    """Two selectboxes (A, B); defaults dot and Bahdanau, else the first two models."""
    lang = sel.lang
    labels = ui.lang_formats(lambda lg: partial(kind_label, lang=lg))
    picks = [k for k in DEFAULTS if k in kinds] or kinds[:1]
    picks += [k for k in kinds if k not in picks]
    ss = st.session_state
    for key, kind in zip(("compare_a", "compare_b"), ss.pop("_url_models", ())):
        if kind in kinds:  # a shared link's ?a=&b=, on the session's first run
            ss[key] = kind
    for key, default in (("compare_a", picks[0]), ("compare_b", picks[1])):
        # Translated labels: after a language switch the browser holds the other language's.
        ui.keep_choice(key, kinds, default, *labels)
    columns = boxes or st.columns(2)
    a, b = (
        column.selectbox(
            tr(f"compare_model_{side}", lang),
            kinds,
            key=f"compare_{side}",
            help=tr("compare_models_help", lang),
            format_func=lambda k: kind_label(k, lang),
        )
        for column, side in zip(columns, "ab")
    )
    return a, b


def side(sel: ui.Selection, kind: str) -> ui.Selection:
    """The selection of another model of the same task."""
    entry = discover()[sel.task][kind]
    return ui.Selection(sel.lang, sel.task, entry, sel.statuses[kind], sel.statuses)


def decode_both(sel: ui.Selection, sentence: str, kinds: tuple[str, str]):
    """The two traces, or None after a translated message (shown once, not per model)."""
    traces = []
    for n, kind in enumerate(kinds):
        trace = sv.safe_decode(side(sel, kind), sentence, advise=n == 0)
        if trace is None:
            return None
        traces.append(trace)
    return traces


def version(sel: ui.Selection, kind: str):
    """What names a model's weights in the player's cache key."""
    entry = discover()[sel.task][kind]
    return (entry.name, entry.version)


# The panels of each model's column in the player: the query, the step's weights, its
# geometry (issue 18: the two models' pictures side by side) and the next-token probabilities,
# beside the matrix and the diagram of when the query is taken.
PANELS = ("query", "weights", "geometry", "topk")


def shared_figures(a, b, pairs, lang: str, present: bool) -> list[dict]:
    """The difference of the two matrices and the entropy of each, on the player's cursor."""
    n = max(len(a.steps), len(b.steps))
    out = []
    if a.attention_matrix is not None and b.attention_matrix is not None:
        out.append(
            player_data.shared_panel(
                "difference",
                n,
                lambda t: cf.difference_figure(a, b, t, lang),
                lambda t: cf.difference_update(a, b, t),
                tr("compare_diff_title", lang),
                tr("compare_diff_caption", lang),
                present,
            )
        )
    if cf.with_weights(pairs):
        out.append(
            player_data.shared_panel(
                "entropy",
                n,
                lambda t: cf.entropy_figure(pairs, t, lang),
                cf.entropy_update,
                tr("compare_entropy_title", lang),
                "",
                present,
            )
        )
    return out


def difference_notes(a, b, lang: str) -> None:
    """Where the two outputs part, and why there may be no difference figure."""
    if a.attention_matrix is None or b.attention_matrix is None:
        st.info(tr("compare_diff_needs_weights", lang))
        return
    k = min(len(a.steps), len(b.steps))
    if len(a.steps) != len(b.steps):
        st.info(tr("compare_diff_lengths", lang, a=len(a.steps), b=len(b.steps), k=k))
    d = alignment.first_difference(a, b)
    if d is None:
        st.caption(tr("compare_diff_same", lang))
    elif d < k:
        st.caption(tr("compare_diff_tokens", lang, t=d + 1))
