"""Tables: the numbers behind every figure (the accessible alternative), and the CSV download of
the attention matrix. Pure: no Streamlit.

A step's panel tables are ``Columns``, plain ordered dicts (column name -> values) that the step
player ships as they are; each panel's drawing (explorer/player/panels/drawing.py) makes its
own with the helpers here. Building a pandas DataFrame for each panel at every step was half the
cost of designing a sentence (benchmarks/design.py). ``pd.DataFrame(columns)`` makes one.

Tokens appear as plain text (a space as "␣"); st.dataframe never interprets them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from attention_core import Trace
from explorer.figures.style import token_text
from explorer.strings import HYPOTHESIS_KEYS, METRIC_KEYS, MODEL_STATUS_KEYS, TEST_METRIC_KEYS, tr

_FORMULA_START = ("=", "+", "@", "\t", "\r")


Columns = dict  # column name -> a list or 1-D array of values, all of one length


def by_source(trace: Trace, lang: str) -> Columns:
    """One row per source token: position (from 1), token, known."""
    return {
        tr("col_position", lang): list(range(1, len(trace.source_tokens) + 1)),
        tr("col_token", lang): [token_text(t) for t in trace.source_tokens],
        tr("col_known", lang): [tr("no" if oov else "yes", lang) for oov in trace.source_oov],
    }


def by_unit(trace: Trace, lang: str, values, extra: dict | None = None) -> Columns:
    """One row per hidden unit, one column per source token ("position:token", unique even for
    repeated tokens): each column is that token's vector. Narrow on purpose: st.dataframe
    converts a table column by column, and 256 columns per table cost the server more than the
    rest of a step's run (py-spy, benchmarks/load_ws.py)."""
    values = np.asarray(values, dtype=float)  # (S, H)
    data = {tr("col_unit", lang): np.arange(values.shape[1])}
    for i, token in enumerate(trace.source_tokens):
        data[f"{i + 1}:{token_text(token)}"] = values[i]
    for name, vector in (extra or {}).items():
        data[name] = np.asarray(vector, dtype=float)
    return data


def by_vector(columns: dict[str, np.ndarray], lang: str) -> Columns:
    """One row per hidden unit, one column per vector."""
    size = len(next(iter(columns.values())))
    data = {tr("col_unit", lang): np.arange(size)}
    data.update({name: np.asarray(v, dtype=float) for name, v in columns.items()})
    return data


def source_table(trace: Trace, lang: str) -> pd.DataFrame:
    return pd.DataFrame(by_source(trace, lang))


def attention_table(trace: Trace, lang: str) -> pd.DataFrame:
    """Rows: decoder steps; columns: "position:token" of each source token."""
    matrix = trace.attention_matrix
    if matrix is None:
        matrix = np.stack([s.context for s in trace.steps])
        columns = [f"{tr('col_unit', lang)} {j}" for j in range(matrix.shape[1])]
    else:
        columns = [f"{i + 1}:{token_text(tok)}" for i, tok in enumerate(trace.source_tokens)]
    frame = pd.DataFrame(np.asarray(matrix, dtype=float), columns=columns)
    frame.insert(0, tr("col_output_token", lang), [token_text(s.token) for s in trace.steps])
    frame.insert(0, tr("col_step", lang), range(1, len(trace.steps) + 1))
    return frame


def _csv_safe(value):
    """Keep spreadsheet programs from reading a token as a formula."""
    if isinstance(value, str) and (
        value.startswith(_FORMULA_START) or (value.startswith("-") and len(value) > 1)
    ):
        return "'" + value
    return value


def attention_csv(trace: Trace) -> str | None:
    """The attention matrix as CSV (English headers, step rows); None without attention."""
    if trace.attention_matrix is None:
        return None
    frame = attention_table(trace, "en")
    frame.columns = [_csv_safe(c) for c in frame.columns]
    frame = frame.map(_csv_safe)
    return frame.to_csv(index=False, float_format="%.6g")


def hypotheses_table(trace: Trace, lang: str) -> pd.DataFrame:
    """Beam search: every hypothesis kept at the end, best first."""
    return pd.DataFrame(
        {
            tr("col_rank", lang): range(1, len(trace.hypotheses) + 1),
            tr("col_output", lang): [
                " ".join(token_text(t) for t in h.tokens) for h in trace.hypotheses
            ],
            tr("col_status", lang): [
                tr(HYPOTHESIS_KEYS.get(h.status, "status_other"), lang) for h in trace.hypotheses
            ],
            tr("col_log_prob", lang): [h.log_prob for h in trace.hypotheses],
            tr("col_beam_score", lang): [h.score for h in trace.hypotheses],  # not attention
        }
    )


def models_table(catalog, statuses: dict[str, str], lang: str) -> pd.DataFrame:
    """Every known model: its checkpoint, status, size and test figures (the validation ones
    where it has no evaluation.json)."""
    # catalog is pure too; imported here to keep the top light
    from explorer.catalog import metrics, test_metrics

    rows = []
    for entries in catalog.values():
        for entry in entries.values():
            config = entry.config or {}
            training = config.get("training") if isinstance(config.get("training"), dict) else {}
            tested = {k: v for k, v in test_metrics(entry).items() if k in TEST_METRIC_KEYS}
            keys = TEST_METRIC_KEYS if tested else METRIC_KEYS
            found = tested or metrics(entry)
            rows.append(
                {
                    tr("col_model", lang): entry.name,
                    tr("col_status", lang): tr(
                        MODEL_STATUS_KEYS.get(statuses.get(entry.name), "model_status_missing"),
                        lang,
                    ),
                    tr("col_parameters", lang): config.get("parameters"),
                    tr("col_metrics", lang): ", ".join(
                        tr(keys[k], lang, value=v) for k, v in found.items() if k in keys
                    ),
                    tr("col_train_seconds", lang): training.get("seconds"),
                    tr("col_command", lang): training.get("command"),
                }
            )
    frame = pd.DataFrame(rows)
    size = tr("col_parameters", lang)
    frame[size] = pd.array(frame[size].tolist(), dtype="Int64")
    return frame
