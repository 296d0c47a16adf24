"""The step player's data: every step of a trace, designed here, shipped to the browser once.

Pure: no Streamlit. Each panel (explorer/player/panels, one module each) gives its figure of
step 1 and, from its numbers at every other step, only what differs from it (per trace
attribute, per top-level layout key), with its table and texts; ``equations`` gives the step's
equations. The browser (explorer/player/js) only swaps in the current step, so stepping costs
no server round trip. To keep the payload small, large numeric arrays travel as Plotly's base64
typed arrays (float32, exact), and a table column that is the same at every step is sent once.

Texts: our own strings (Markdown with $math$) become segments the browser renders with
``textContent`` and KaTeX; user tokens are only ever plain text there, and inside figures they
are escaped by ``style.token_html`` as everywhere else.
"""

from __future__ import annotations

import json
import re

import numpy as np
import plotly.graph_objects as go

from attention_core import Trace
from explorer.figures import sentence, style, tables
from explorer.numbers import equations
from explorer.player import panels
from explorer.player.wire import compact_rows, decoded, encoded, plain, stepped_tables, table_dict
from explorer.strings import tr

# Markdown in our strings: **bold** and $math$ (KaTeX); everything else is text. A lesson's
# texts (rich) also have *italic* and `code`.
_MARKUP = re.compile(r"(\*\*.+?\*\*|\$[^$]+\$)")
_RICH = re.compile(r"(\*\*.+?\*\*|\*[^*\s][^*]*?\*|`[^`]+`|\$[^$]+\$)")
# kind -> (start, end) marks, in the order they are tried ("**" before "*")
_MARKS = {"b": ("**", "**"), "m": ("$", "$"), "c": ("`", "`"), "i": ("*", "*")}
# A light template given explicitly: Streamlit's own uses placeholder colours that only its
# chart element replaces (field notes), and the browser draws these figures with plotly.js.
TEMPLATE = go.layout.Template(
    layout=dict(
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        font=dict(color="#14161c"),
        xaxis=dict(gridcolor="#e5e5e5", linecolor="#aaaaaa", automargin=True),
        yaxis=dict(gridcolor="#e5e5e5", linecolor="#aaaaaa", automargin=True),
        colorway=["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"],
    )
).to_plotly_json()


def segments(text: str, rich: bool = False) -> list[list[str]]:
    """Our Markdown as [kind, text] pairs: "t" text, "b" bold text, "m" inline math; with
    ``rich`` also "i" italic and "c" code."""
    out = []
    for part in (_RICH if rich else _MARKUP).split(text):
        if not part:
            continue
        for kind, (start, end) in _MARKS.items():
            if not rich and kind in ("c", "i"):
                continue
            inner = len(part) - len(start) - len(end)
            if part.startswith(start) and part.endswith(end) and inner > 0:
                out.append([kind, part[len(start) : len(part) - len(end)]])
                break
        else:
            out.append(["t", part])
    return out


def figure_dict(fig, present: bool) -> dict:
    """The figure (a plain one or a go.Figure) as data for plotly.js, without its template (the
    payload has one)."""
    spec = fig.to_plotly_json()
    if present:
        spec = style.presenter_json(spec)
    spec = plain(spec)
    spec["layout"].pop("template", None)
    return {"data": spec.get("data", []), "layout": spec["layout"]}


def _figure(trace: Trace, build, update, lang: str, present: bool, compact=None, updates=None):
    """Step 1's figure whole (hover labels compact), then each step's update (``compact``: its
    compact form, where the panel has one; ``updates``: the updates, already made)."""
    n = len(trace.steps)
    base = figure_dict(build(trace, 0, lang), present)
    for data in base["data"]:
        if "customdata" in data:
            data["customdata"] = compact_rows(data["customdata"])
    if compact is not None:
        steps = [encoded(compact(trace, k)) for k in range(n)]
    elif updates is not None or update is not None:
        steps = [encoded(u) for u in updates or (update(trace, k) for k in range(n))]
    else:
        steps = [{} for _ in range(n)]
    return {"base": base, "steps": steps}


def _z_at(update: dict | None, base_z) -> np.ndarray | None:
    """The panel's z (trace 0) at a step, float32, from that step's update, or None for a
    figure without one."""
    raw = (update or {}).get("data", {}).get(0, {})
    if "z" in raw:
        return np.asarray(raw["z"], dtype=np.float32)
    return None if base_z is None else decoded(base_z)


def _panel(trace: Trace, panel: panels.Panel, lang: str, present: bool, names) -> dict:
    n = len(trace.steps)
    caption = panel.caption_key(trace)
    compact = panel.compact if panel.compact and panel.compact_from in names else None
    stepped = panel.stepped(trace, lang)  # [(update, table)] per step
    updates = [u for u, _ in stepped]
    figure = _figure(trace, panel.figure, None, lang, present, compact, updates[0] and updates)
    base_z = figure["base"]["data"][0].get("z") if figure["base"]["data"] else None
    table = [table_dict(columns, _z_at(u, base_z)) for u, columns in stepped]
    text = tr(caption, lang) if caption else ""
    if panel.figures_line is not None:  # the sentence's measured figures, no math in them
        text = f"{text} {panel.figures_line(trace, lang)}".strip()
    return {
        "name": panel.name,
        "title": segments(tr(panel.title_key(trace), lang)),
        "caption": segments(text) if text else [],
        "reveals": panel.reveals,
        "figure": figure,
        "table": stepped_tables(table * (n if panel.static else 1)),
    }


def sources(view_: dict) -> dict:
    """Panel name -> its base z: what the compact forms of a view refer to."""
    return {p["name"]: p["figure"]["base"]["data"][0].get("z") for p in view_["panels"]}


def _step_text(trace: Trace, k: int, lang: str, hidden: bool) -> str:
    step = trace.steps[k]
    chosen = "?" if hidden else style.token_text(step.token)
    return tr(
        "step_tokens",
        lang,
        t=k + 1,
        n=len(trace.steps),
        given=style.token_text(step.input_token),
        chosen=chosen,
    )


def shared_panel(
    name: str, n: int, build, update, title: str, caption: str = "", present: bool = False
) -> dict:
    """A figure of several traces together (compare: the difference of two matrices), on the
    player's one cursor: ``build(t)`` is its figure at step t, ``update(t)`` what differs from
    step 1 (as a panel's update). It has no table of its own."""
    return {
        "name": name,
        "title": segments(title),
        "caption": segments(caption) if caption else [],
        "reveals": False,
        "figure": {
            "base": figure_dict(build(0), present),
            "steps": [encoded(update(k)) for k in range(n)],
        },
        "table": None,
    }


def view(
    trace: Trace,
    lang: str,
    *,
    present: bool = False,
    guess: bool = False,
    title: str = "",
    only: tuple[str, ...] | None = None,
    heatmap=None,
    main: str | None = None,
) -> dict:
    """Everything the player shows of one trace, for every step (``only``: just these
    panels, in reading order; a panel that another refers to stays). ``heatmap(trace, t,
    lang)``: another attention matrix (what-if: with its marks), whose shapes[0] is step t's
    outline as in ``sentence.attention_heatmap``. ``main``: the panel beside the matrix, with
    its own equation under it (a lesson's highlighted panel), instead of the weights."""
    n = len(trace.steps)
    attention = trace.attention_matrix is not None
    matrix = _figure(
        trace,
        heatmap or sentence.attention_heatmap,
        lambda tr_, k: panels.outline(k),
        lang,
        present,
    )
    matrix_z = decoded(matrix["base"]["data"][0]["z"])  # the table's columns are its columns
    heatmap = {
        "title": segments(tr("heatmap_title" if attention else "none_title", lang)),
        "caption": segments(tr("heatmap_caption" if attention else "none_caption", lang)),
        "figure": matrix,
        "table": stepped_tables([table_dict(tables.attention_table(trace, lang), matrix_z)]),
    }
    if attention and guess:  # guess mode: the step's row and every later one blank until shown
        heatmap["guess"] = [encoded(panels.guess_rows(trace, k)) for k in range(n)]
    shown = [p for p in panels.panels_of(trace) if only is None or p.name in only]
    needed = {p.compact_from for p in shown if p.compact}
    shown = [p for p in panels.panels_of(trace) if p in shown or p.name in needed]
    names = {p.name for p in shown}
    eqs = [equations.step_equations(trace, k) for k in range(n)]
    wanted = panels.REGISTRY.get(main or "weights", panels.REGISTRY["weights"]).equation
    wanted = wanted or panels.REGISTRY["weights"].equation
    main_eq = next((i for i, (key, _) in enumerate(eqs[0]) if key.startswith(wanted)), 0)
    return {
        "title": title,
        "kind": trace.attention_kind,
        "n": n,
        "attention": attention,
        "tokens": [style.token_text(s.token) for s in trace.steps],
        "step_text": [_step_text(trace, k, lang, False) for k in range(n)],
        "step_text_hidden": [_step_text(trace, k, lang, True) for k in range(n)],
        # beside a longer trace (compare, what-if): the player fills in the step {t}
        "finished": tr("compare_step_done", lang, t="{t}", n=n),
        "heatmap": heatmap,
        "timeline": {
            "title": segments(tr("timeline_title", lang)),
            "figure": _figure(trace, sentence.timeline_figure, None, lang, present),
        },
        "equations": [[[segments(tr(key, lang)), latex] for key, latex in step] for step in eqs],
        "main_equation": main_eq,
        "main_panel": main or panels.main_panel(trace),
        "panels": [_panel(trace, p, lang, present, names) for p in shown],
    }


# Labels with a {t} field that the browser fills with the step number (player.js).
FORMATTED_IN_BROWSER = ("guess_prompt", "equations_title", "panels_title")


def labels(lang: str) -> dict:
    """The player's own words (buttons, headings), in the page's language."""
    keys = (
        "previous",
        "next",
        "step_label",
        "play_label",
        "pause_label",
        "speed_label",
        "reveal",
        "show_table",
        "equations_title",
        "panels_title",
        "translation_so_far",
        "guess_prompt",
        "player_keys_help",
        "player_loading",
        "player_failed",
    )
    out = {key: tr(key, lang) for key in keys}
    out["speed_values"] = {f"{s:g}": tr("speed_value", lang, s=f"{s:g}") for s in SPEEDS}
    return out


SPEEDS = (0.5, 1.0, 2.0, 3.0)  # seconds per step when playing


def payload(
    views: list[dict],
    lang: str,
    *,
    id: str,
    assets: str,
    start: int = 0,
    present: bool = False,
    guess: bool = False,
    name: str = "attention",
    image_format: str = "png",
    shared: list[dict] | None = None,
    group: str = "",
) -> bytes:
    """The player's whole data as UTF-8 JSON (no NaN: ``allow_nan=False`` refuses it).

    ``id`` names what was decoded (model, sentence, options): the browser keeps the current
    step per id, so a rerun for another reason keeps the step and a new sentence starts over.
    ``group``: views of the same input (another model, the same sentence) open at the step
    last shown in the group, so flipping between models keeps the step.
    """
    n = max(v["n"] for v in views)
    data = {
        "version": 1,
        "id": id,
        "group": group,
        "assets": assets,
        "lang": lang,
        "n": n,
        "start": min(max(int(start), 0), n - 1),
        "present": present,
        "guess": guess,
        "name": name,
        "image_format": image_format if image_format in ("png", "svg") else "png",
        "template": plain(TEMPLATE),
        "labels": labels(lang),
        "speeds": list(SPEEDS),
        "views": views,
        "shared": shared or [],
    }
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
