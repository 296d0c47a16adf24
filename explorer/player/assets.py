"""The step player's browser code as Streamlit mounts it. Pure.

Components v2 takes one script, an ES module with a default export, so the files of ``js/`` are
joined in the order of ``PARTS``: each defines functions the later ones use, and ``player.js``,
last, holds the ``export default``. One file per concern keeps each readable on its own.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = (
    "libs.js",  # plotly.js and KaTeX from static/vendor, once per page
    "wire.js",  # the payload read back: JSON, typed arrays, compact forms (wire.py's rules)
    "dom.js",  # elements, our strings as segments, tables
    "draw.js",  # one figure at one step, with Plotly's cheapest update
    "schedule.js",  # which panels to draw, one per frame, on screen only
    "layout.js",  # the control bar, the views, the panels' boxes
    "player.js",  # the entry point and the stepping
)


def script() -> str:
    """The player's JavaScript, one module."""
    parts = [
        f"// ----- explorer/player/js/{name} -----\n"
        + (HERE / "js" / name).read_text(encoding="utf-8")
        for name in PARTS
    ]
    return "\n".join(parts)


def style() -> str:
    return (HERE / "player.css").read_text(encoding="utf-8")
