"""Streamlit glue of the playground: the controls, the vector editors, the written-out arithmetic.

The numbers come from ``playground`` (pure numpy); the editors only hold floats, and the LaTeX
is built there from floats, so nothing typed reaches LaTeX or Markdown as text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from explorer.figures.playground import key_names
from explorer.numbers import playground as pg
from explorer.strings import tr
from explorer.views import ui

PRESETS = ("example", "sharp", "flat")
MATRICES = {"general": ("W",), "additive": ("W_b", "W_c", "v")}
LABELS = {"W": "pg_W_label", "W_b": "pg_Wb_label", "W_c": "pg_Wc_label", "v": "pg_v_label"}


def _set_preset(name: str) -> None:
    ss = st.session_state
    ss["pg_preset"] = name
    ss["pg_version"] = ss.get("pg_version", 0) + 1  # new editors, filled from the preset


def controls(lang: str) -> tuple[str, float, int, int]:
    ss = st.session_state
    ss.setdefault("pg_kind", "dot")
    ss.setdefault("pg_temperature", 1.0)
    ss.setdefault("pg_dims", 2)
    ss.setdefault("pg_count", 3)
    ui.keep_choice(
        "pg_kind", pg.KINDS, "dot", *ui.lang_formats(lambda lg: lambda k: tr(f"pg_kind_{k}", lg))
    )
    kind = st.radio(
        tr("pg_kind_label", lang),
        pg.KINDS,
        key="pg_kind",
        horizontal=True,
        format_func=lambda k: tr(f"pg_kind_{k}", lang),
        help=tr("pg_kind_help", lang),
    )
    left, mid, right = st.columns([3, 1, 1])
    temperature = left.slider(
        tr("pg_temperature_label", lang),
        0.1,
        5.0,
        step=0.1,
        key="pg_temperature",
        help=tr("pg_temperature_help", lang),
    )
    d = mid.selectbox(tr("pg_dims_label", lang), pg.DIMS, key="pg_dims")
    n = right.selectbox(tr("pg_count_label", lang), pg.COUNTS, key="pg_count")
    st.caption(tr("pg_presets_label", lang))
    for col, name in zip(st.columns(len(PRESETS)), PRESETS):
        col.button(
            tr(f"pg_preset_{name}", lang),
            key=f"pg_preset:{name}",
            on_click=_set_preset,
            args=(name,),
            width="stretch",
        )
    st.caption(tr("pg_presets_caption", lang))
    return kind, float(temperature), int(d), int(n)


def _frame(values: np.ndarray, index: list[str]) -> pd.DataFrame:
    values = np.atleast_2d(values)
    columns = [str(j + 1) for j in range(values.shape[1])]
    return pd.DataFrame(values, index=index, columns=columns)


def _editor(name: str, frame: pd.DataFrame, d: int, n: int) -> np.ndarray | None:
    """A number editor; the floats typed, or None when a cell is empty or out of range."""
    ss = st.session_state
    key = f"pg_edit:{name}:{ss.get('pg_preset', 'example')}:{ss.get('pg_version', 0)}:{d}:{n}"
    config = {
        c: st.column_config.NumberColumn(
            min_value=-pg.LIMIT, max_value=pg.LIMIT, step=0.01, format="%.2f", required=True
        )
        for c in frame.columns
    }
    edited = st.data_editor(frame, key=key, column_config=config, width="content")
    values = pd.DataFrame(edited).apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    if not np.all(np.isfinite(values)) or np.any(np.abs(values) > pg.LIMIT):
        return None
    return values


def editors(lang: str, kind: str, d: int, n: int) -> dict[str, np.ndarray] | None:
    """The editors the chosen score function needs; None after a message if a cell is bad."""
    base = pg.preset(st.session_state.get("pg_preset", "example"), d, n)
    st.caption(tr("pg_editor_caption", lang))
    shown = [("query", "pg_query_label", ["q"]), ("keys", "pg_keys_label", key_names(n))]
    same = st.checkbox(
        tr("pg_values_same", lang),
        value=True,
        key="pg_values_same",
        help=tr("pg_values_same_help", lang),
    )
    if not same:
        shown.append(("values", "pg_values_label", key_names(n, "v")))
    rows = {"W": [str(j + 1) for j in range(d)], "v": ["v_a"]}
    rows["W_b"] = rows["W_c"] = rows["W"]
    shown += [(m, LABELS[m], rows[m]) for m in MATRICES.get(kind, ())]
    data, ok = {}, True
    for name, label, index in shown:
        st.markdown(f"**{tr(label, lang)}**")
        values = _editor(name, _frame(base[name], index), d, n)
        ok = ok and values is not None
        data[name] = values
    if not ok:
        st.warning(tr("pg_bad_cells", lang))
        return None
    data["query"], data["v"] = data["query"][0], data.get("v", base["v"][None])[0]
    data.setdefault("values", data["keys"])
    return {**{k: base[k] for k in ("W", "W_b", "W_c")}, **data}


def matrices(kind: str, data: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {m: data[m] for m in MATRICES.get(kind, ())}


def arithmetic(lang: str, kind: str, data: dict, result: pg.Result, temperature: float) -> None:
    st.caption(tr("pg_arith_scores", lang))
    extra = matrices(kind, data)
    for line in pg.score_lines(kind, data["query"], data["keys"], result, **extra):
        st.latex(line)
    st.caption(tr("pg_arith_weights", lang, t=pg.num(temperature)))
    for line in pg.softmax_lines(result, temperature):
        st.latex(line)
    st.caption(tr("pg_arith_context", lang))
    st.latex(pg.context_line(result, data["values"]))
