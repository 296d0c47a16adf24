"""Plain figures: a figure as the dicts plotly.js reads, built without Plotly's object model.

A ``go.Figure`` checks every attribute as it is set, through Plotly's tree of objects: about 7 ms
for one panel, and the step player designs some fifteen panels for every typed sentence (issue
27: design ≤ 50 ms). The step's figures are therefore built here as plain dicts, with the few
``go.Figure`` methods the builders use. ``figure()`` gives the checked ``go.Figure`` of the same
dicts: Streamlit pages and the tests use it, so a misspelt attribute still fails a test.
Pure: no Streamlit.
"""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
from _plotly_utils.utils import to_typed_array_spec

# Plotly's own rule (_plotly_utils.utils.is_skipped_key): these keys never become typed arrays.
_KEEP_AS_IS = ("range", "geojson", "layer", "layers")


def merge(target: dict, values: dict) -> dict:
    """``values`` into ``target``, nested dicts merged (as ``update_layout`` does); a value of
    None sets nothing, as in Plotly."""
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, dict):
            merge(target.setdefault(key, {}), value)
        else:
            target[key] = value
    return target


def new_trace(type_: str, **attrs) -> dict:
    """One trace (heatmap, bar, scatter) as a dict; attributes given as None are left out."""
    return merge({"type": type_}, attrs)


def _json(value, key: str = ""):
    """Plotly's JSON form: numeric numpy arrays as base64 typed arrays, other arrays as lists."""
    if isinstance(value, dict):
        return {k: _json(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, np.ndarray):
        if value.dtype == object:  # labels: strings, numbers, lists of them
            return value.tolist()
        if key in _KEEP_AS_IS or value.dtype.kind not in "biuf" or value.size == 0:
            return [_json(v) for v in value.tolist()]
        if value.dtype == np.float32:
            return float32_spec(value)
        return to_typed_array_spec(np.ascontiguousarray(value))
    return value


def float32_spec(value: np.ndarray) -> dict:
    """A float array as Plotly's typed-array spec in float32 (what ``to_typed_array_spec``
    makes of a float32 array, without its checks of every array library: ~20 µs an array)."""
    value = np.ascontiguousarray(value, dtype=np.float32)
    spec = {"dtype": "f4", "bdata": base64.b64encode(value).decode("ascii")}
    if value.ndim > 1:
        spec["shape"] = str(value.shape)[1:-1]
    return spec


class Fig:
    """A figure as plain data: ``data`` (trace dicts) and ``layout`` (a dict)."""

    def __init__(self, *traces: dict):
        self.data: list[dict] = list(traces)
        self.layout: dict = {}

    def add_trace(self, trace_: dict) -> Fig:
        self.data.append(trace_)
        return self

    def update_layout(self, **attrs) -> Fig:
        merge(self.layout, attrs)
        return self

    def update_xaxes(self, **attrs) -> Fig:
        merge(self.layout.setdefault("xaxis", {}), attrs)
        return self

    def update_yaxes(self, **attrs) -> Fig:
        merge(self.layout.setdefault("yaxis", {}), attrs)
        return self

    def add_shape(self, **attrs) -> Fig:
        self.layout.setdefault("shapes", []).append(merge({}, attrs))
        return self

    def add_annotation(self, **attrs) -> Fig:
        self.layout.setdefault("annotations", []).append(merge({}, attrs))
        return self

    def add_hline(self, y: float, line: dict) -> Fig:
        """A horizontal line across the plot at ``y``, as ``go.Figure.add_hline`` draws it."""
        return self.add_shape(
            type="line", x0=0, x1=1, xref="x domain", y0=y, y1=y, yref="y", line=line
        )

    def to_plotly_json(self) -> dict:
        return {"data": _json(self.data), "layout": _json(self.layout)}

    def to_json(self) -> str:
        """Plotly's JSON of the checked figure."""
        return self.figure().to_json()

    def figure(self) -> go.Figure:
        """The same figure as a checked ``go.Figure`` (for Streamlit and the tests)."""
        return go.Figure({"data": self.data, "layout": self.layout})  # (arrays stay arrays)


def as_go(fig) -> go.Figure:
    """A ``go.Figure`` from a plain figure or a ``go.Figure``."""
    return fig.figure() if isinstance(fig, Fig) else fig


def as_json(fig) -> dict:
    """{"data", "layout"} of a plain figure or a ``go.Figure``, as plotly.js reads it."""
    return fig.to_plotly_json()
