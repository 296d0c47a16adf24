"""The app under Streamlit's AppTest (no browser): run it with URL parameters, and read what
it drew (the step player's payload, the translation, Plotly specs)."""

from __future__ import annotations

import json

import numpy as np

from support.server import ROOT

APP = str(ROOT / "app.py")
HOSTILE = ["", "   ", "!!! ?", "😀😀", "x" * 10_000, "<b>x</b>", "<script>alert(1)</script>"]


def run_app(**params):
    """The app with these URL parameters; the dates dot model unless ``model`` says otherwise
    (``model=None``: no model in the URL, the app's own default)."""
    from streamlit.testing.v1 import AppTest

    params.setdefault("model", "dates-dot")
    params = {k: v for k, v in params.items() if v is not None}
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    return at.run()


def ok(at):
    assert not at.exception, [e.value for e in at.exception]


def specs(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def player(at) -> dict | None:
    """The step player's payload (explorer/player/data.py), None when no player is shown."""
    found = [c for c in at.get("bidi_component") if c.proto.bytes]  # (the lesson keys: none)
    return json.loads(found[0].proto.bytes.decode("utf-8")) if found else None


def translation(at) -> str:
    """The explorer's translation: plain text in the options expander (the unknown-word line,
    also plain text, starts with ⟦)."""
    return next(t.value for t in at.text if not t.value.startswith("⟦"))


def heatmap(at) -> dict:
    """The attention matrix at the step the player opens at (as the browser rebuilds it)."""
    from explorer.player.wire import apply

    data = player(at)
    heat = data["views"][0]["heatmap"]["figure"]
    return apply(heat["base"], heat["steps"][data["start"]])


def z_of(figure: dict) -> np.ndarray:
    """A figure's z, decoded from Plotly's base64 typed array."""
    import base64

    spec = figure["data"][0]["z"]
    flat = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.float32)
    return flat.reshape([int(x) for x in spec["shape"].split(",")])


def figures_json(at) -> str:
    """Every figure of the player's payload, as JSON text (what reaches Plotly)."""
    data = player(at)
    views = data["views"] if data else []
    parts = [v["heatmap"]["figure"] for v in views] + [
        p["figure"] for v in views for p in v["panels"]
    ]
    return json.dumps(parts)
