"""The step player's wire format: values as JSON can carry them (float32 precision, NaN as
null), numeric arrays as Plotly's base64 typed arrays, and the compact forms that keep a
sentence's payload small (rows repeated along a matrix, columns the same at every step), with
``apply`` and ``table_at`` undoing them exactly as explorer/player/js/wire.js does. Pure."""

from __future__ import annotations

import base64
import json
import math
import re

import numpy as np
from _plotly_utils.utils import to_typed_array_spec

from explorer.figures.plain import float32_spec


def plain(value):
    """JSON-ready: numpy to lists, floats as the float32 they are, NaN and ±inf to None."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if all(type(v) is str for v in value):  # labels and hover text: nothing to convert
            return list(value)
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):  # (Plotly already turns numeric arrays into base64)
        return plain(value.tolist())
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        # the model computes in float32: its shortest decimal keeps every digit it has
        return float(str(np.float32(v))) if math.isfinite(v) else None
    return value


def encode(value):
    """An update's values as the figure has them: numeric arrays as Plotly's base64 typed
    arrays (float32, exact), everything else plain."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        if value.size == 0:  # (Plotly's spec keeps an empty array as it is)
            return []
        return float32_spec(value)
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return plain(value)


# ----- compact forms on the wire --------------------------------------------------------------
# Three forms keep a sentence's payload small (the browser, js/wire.js ``expand``, undoes them
# with the same rules as ``expand`` here, and the tests check both against the figures built
# for each step):
# - {"$rows": labels, "n": n}: a customdata matrix whose row i is labels[i] n times (the hover
#   labels of a heatmap over hidden units);
# - {"$op": "scale_rows", "of": panel, "by": w, "append": a}: rows w_i * z_i of that panel's
#   z, then the row a (the weighted values α_i h_i and their sum, the context); float32
#   products, so exactly the server's numbers;
# - {"$op": "tanh_add", "of": panel, "row": q}: tanh(q + z_i) for every row z_i of that
#   panel's z (Bahdanau's tanh layer output from W_b s_{t-1} and W_c h_i); the browser's tanh
#   is within one float32 unit in the last place (6e-8) of the model's.
# A table column may be {"$zrow": r} or {"$zcol": c}: that row or column of the panel's z at
# the same step (the table of a heatmap is its z, so it is not sent twice).


def decoded(value) -> np.ndarray:
    """A typed-array spec (or plain list) as a float32 numpy array."""
    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = tuple(int(n) for n in str(value.get("shape", len(flat))).split(","))
        return flat.reshape(shape).astype(np.float32)
    return np.asarray(value, dtype=np.float32)


def compact_rows(custom):
    """customdata whose every row repeats one label, as {"$rows", "n"}; else as it is."""
    if not isinstance(custom, list) or len(custom) == 0:
        return custom
    rows = []
    for row in custom:
        if not isinstance(row, list) or not row or any(cell != row[0] for cell in row):
            return custom
        if not isinstance(row[0], str) or len(row) != len(custom[0]):
            return custom
        rows.append(row[0])
    return {"$rows": rows, "n": len(custom[0])}


def expand(value, sources: dict | None = None):
    """A compact form as the full value (``sources``: panel name -> its base z)."""
    if not isinstance(value, dict):
        return value
    if "$rows" in value:
        return [[label] * value["n"] for label in value["$rows"]]
    op = value.get("$op")
    if op is None:
        return value
    z = decoded((sources or {})[value["of"]])  # (S, D)
    if op == "scale_rows":
        by = decoded(value["by"]).astype(np.float64)
        rows = (by[:, None] * z.astype(np.float64)).astype(np.float32)
        out = np.vstack([rows, decoded(value["append"])[None, :]])
    elif op == "tanh_add":
        row = decoded(value["row"])
        out = np.tanh((row[None, :] + z).astype(np.float32).astype(np.float64))
    else:
        raise ValueError(f"unknown compact form {op!r}")
    return to_typed_array_spec(np.ascontiguousarray(out, dtype=np.float32))


def encoded(update: dict) -> dict:
    out = {}
    if update.get("data"):
        out["data"] = {
            str(i): {path: encode(v) for path, v in attrs.items()}
            for i, attrs in update["data"].items()
        }
    if update.get("layout"):
        out["layout"] = {path: encode(v) for path, v in update["layout"].items()}
    return out


_PART = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def _set(target: dict, path: str, value) -> None:
    """Plotly's attribute path ("marker.color", "shapes[0].y0") set in nested dicts/lists."""
    parts = path.split(".")
    node = target
    for n, part in enumerate(parts):
        name, index = _PART.fullmatch(part).groups()
        last = n == len(parts) - 1
        if index is None:
            if last:
                node[name] = value
            else:
                node = node.setdefault(name, {})
        else:
            items = node[name]
            if last:
                items[int(index)] = value
            else:
                node = items[int(index)]


def apply(base: dict, update: dict, sources: dict | None = None) -> dict:
    """``base`` with an encoded ``update`` applied (what the browser does at each step), its
    compact forms expanded."""
    fig = json.loads(json.dumps(base))
    for trace in fig["data"]:
        if "customdata" in trace:
            trace["customdata"] = expand(trace["customdata"])
    for i, attrs in update.get("data", {}).items():
        for path, value in attrs.items():
            _set(fig["data"][int(i)], path, expand(value, sources))
    for path, value in update.get("layout", {}).items():
        _set(fig["layout"], path, value)
    return fig


class _Lines:
    """z's rows and (when first asked) columns by their float32 bytes -> the first index."""

    def __init__(self, z: np.ndarray):
        self.z = np.ascontiguousarray(z, dtype=np.float32)
        self.rows: dict[bytes, int] = {}
        for r in range(self.z.shape[0]):
            self.rows.setdefault(self.z[r].tobytes(), r)
        self._cols: dict[bytes, int] | None = None

    def cols(self) -> dict[bytes, int]:
        if self._cols is None:
            self._cols = {}
            for c, column in enumerate(np.ascontiguousarray(self.z.T)):
                self._cols.setdefault(column.tobytes(), c)
        return self._cols


def _reference(values: np.ndarray, lines: _Lines | None):
    """{"$zrow": r} / {"$zcol": c} where ``values`` (float32) is exactly that row / column of
    the figure's z. Bytes compare as array_equal does, except that -0.0 differs from 0.0: a
    zero's sign can only cost the reference (the numbers then travel), never change a number."""
    if lines is None:
        return None
    key = np.ascontiguousarray(values, dtype=np.float32).tobytes()
    if key in lines.rows:
        return {"$zrow": lines.rows[key]}
    if len(values) == lines.z.shape[0] and key in lines.cols():
        return {"$zcol": lines.cols()[key]}
    return None


def table_dict(table, z: np.ndarray | None = None) -> dict:
    """A table (column name -> values, or a DataFrame) by columns: numbers as float32 typed
    arrays (or a reference to the figure's z, when they are one of its rows or columns), other
    cells as text."""
    if not isinstance(table, dict):  # a DataFrame
        table = {name: table[name].to_numpy() for name in table.columns}
    lines = _Lines(z) if z is not None and np.ndim(z) == 2 else None
    columns = []
    for values in table.values():
        if isinstance(values, list) and all(type(v) is str for v in values):
            columns.append(values)  # text: as it is
            continue
        values = np.asarray(values)
        if values.dtype.kind in "iu":  # positions, unit numbers
            columns.append(values.tolist())
            continue
        if values.dtype.kind == "f":
            values = values.astype(np.float32)
            columns.append(_reference(values, lines) or encode(values))
        else:
            columns.append(
                [str(v) if not isinstance(v, (int, np.integer)) else int(v) for v in values]
            )
    return {"columns": [str(c) for c in table], "cells": columns}


def table_at(spec: dict, t: int, z: np.ndarray | None = None) -> dict:
    """Step t's table from its stepped form, references to z resolved (as the browser does)."""
    cells = []
    for j, column in enumerate(spec["base"]["cells"]):
        column = spec["steps"][t].get(str(j), column)
        if isinstance(column, dict) and "$zrow" in column:
            column = encode(z[column["$zrow"]])
        elif isinstance(column, dict) and "$zcol" in column:
            column = encode(np.ascontiguousarray(z[:, column["$zcol"]]))
        cells.append(column)
    return {"columns": spec["base"]["columns"], "cells": cells}


def stepped_tables(tables: list[dict]) -> dict:
    """Step 1's table whole, then per step only the columns that differ from it."""
    base = tables[0]
    steps = []
    for table in tables:
        steps.append({str(j): c for j, c in enumerate(table["cells"]) if c != base["cells"][j]})
    return {"base": base, "steps": steps}
