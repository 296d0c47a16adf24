"""A stepping view as one offline HTML file: the same player, the same payload, nothing fetched.

The file holds the step player's JavaScript (``assets.script``, the very code the app mounts),
its stylesheet, plotly.js and KaTeX from static/vendor with their licences, and the payload the
app built for the view. Opened from disk or any static host it steps, plays, guesses and shows
tables and equations with no server and no network. Pure: no Streamlit.

Safety: the payload travels as a JSON data block whose every "<" is written \\u003c, so no user
token can close the block; the player puts tokens on the page as text, as in the app. A
Content-Security-Policy allows the file's own scripts (by their SHA-256) and nothing from
anywhere else. Equations: KaTeX writes MathML here (the browser draws it with its own math
fonts), so neither KaTeX's stylesheet nor its 20 font files need to travel.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import re
from pathlib import Path

from explorer.player import assets

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENDOR = ROOT / "static" / "vendor"
PLOTLY = "plotly-cartesian-4.1.1.min.js"
KATEX = "katex-0.16.47.min.js"
LOCALE_KO = "plotly-locale-ko-3.7.0.js"
LICENCES = ("LICENSE-plotly.js.txt", "LICENSE-katex.txt")
# A view of a 15-word sentence must fit in this (issue 29); the page says so before a bigger one.
LIMIT_BYTES = 2_500_000
LESSON_LIMIT_BYTES = 6_000_000  # the 12-part lesson, every part's player inside

# Page frame: the player's own stylesheet does the rest.
_PAGE_CSS = """
body { margin: 0; padding: 1.5rem clamp(0.75rem, 3vw, 3rem); color: #14161c; background: #fff;
  font-family: "Noto Sans", "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
.attn-export-note { color: #555; font-size: 0.9rem; margin: 0 0 1rem; }
"""


# The lesson file's frame (offline/lesson.js): text and check side by side, then the player.
_LESSON_CSS = """
.attn-lesson-nav { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap;
  margin: 0.5rem 0 1rem; }
.attn-lesson-jump { flex: 1 1 16rem; font: inherit; padding: 0.3rem; }
.attn-lesson-progress { flex: 1 1 100%; color: #444; }
.attn-lesson-columns { display: grid; grid-template-columns: 3fr 2fr; gap: 2rem; }
@media (max-width: 900px) { .attn-lesson-columns { grid-template-columns: 1fr; } }
.attn-lesson-check { border: 1px solid #ccc; border-radius: 0.5rem; padding: 0.75rem 1rem; }
.attn-lesson-options { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.attn-lesson-option[aria-pressed="true"] { outline: 3px solid #0072B2; }
.attn-lesson-number { font: inherit; width: 8rem; padding: 0.3rem; }
.attn-lesson-right { background: #e7f5ec; padding: 0.5rem; border-radius: 0.4rem; }
.attn-lesson-wrong { background: #fdecea; padding: 0.5rem; border-radius: 0.4rem; }
.attn-lesson-optional, .attn-lesson-line, .attn-lesson-own { color: #555; font-size: 0.9rem; }
.attn-lesson-ticket { margin-top: 2rem; border-top: 1px solid #ccc; }
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _data_block(payload: bytes) -> str:
    """The payload for an inline JSON block, marked offline (the player then takes plotly.js and
    KaTeX from the page), every "<" escaped."""
    data = json.loads(payload)
    data["assets"] = ""  # offline: libs.js uses the inlined libraries
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")  # (in JSON, "<" only occurs inside strings)


def _player_code() -> str:
    """The player's code with its entry point as a plain function (no module export)."""
    code = assets.script()
    if code.count("export default function player(") != 1:
        raise RuntimeError("the player's entry point is not where export.py expects it")
    return code.replace("export default function player(", "function player(")


def _player_module() -> str:
    """The player's module, run inline: its default export called on the file's payload."""
    return (
        _player_code()
        + "\nplayer({ data: document.getElementById('attn-payload').textContent,"
        + " parentElement: document.getElementById('attn-root') });\n"
    )


def _licences() -> str:
    texts = [(VENDOR / name).read_text(encoding="utf-8") for name in LICENCES]
    body = "\n\n".join(texts).replace("--", "- -")  # (a comment cannot hold "--")
    return f"<!--\nThis file includes plotly.js and KaTeX under these licences:\n\n{body}\n-->"


def offline_html(payload: bytes, *, lang: str, title: str, note: str = "") -> str:
    """The whole file, as text. ``title`` and ``note`` are shown as text (escaped here)."""
    block = f'<script type="application/json" id="attn-payload">{_data_block(payload)}</script>'
    root = '<div id="attn-root"><div class="attn-player-root"></div></div>'
    return _page(lang, title, note, root + "\n" + block, _player_module())


def lesson_html(lesson: dict, *, note: str = "") -> str:
    """A whole lesson (explorer/lessons/offline.lesson_data) as one file: the lesson shell
    (offline/lesson.js) on the player's own code, every part's payload inside."""
    for part in lesson["parts"]:
        part["payload"]["assets"] = ""  # offline: libs.js uses the inlined libraries
    text = json.dumps(lesson, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    block = (
        '<script type="application/json" id="attn-lesson">'
        + text.replace("<", "\\u003c")
        + "</script>"
    )
    code = _player_code() + "\n" + (HERE / "offline" / "lesson.js").read_text(encoding="utf-8")
    module = (
        code
        + "\nlessonFile(document.getElementById('attn-lesson').textContent,"
        + " document.getElementById('attn-root'));\n"
    )
    root = '<div id="attn-root" class="attn-lesson-root"></div>'
    return _page(lesson["lang"], lesson["title"], note, root + "\n" + block, module, _LESSON_CSS)


def _page(lang: str, title: str, note: str, body: str, module: str, css: str = "") -> str:
    libraries = [(VENDOR / PLOTLY).read_text(encoding="utf-8")]
    libraries.append((VENDOR / KATEX).read_text(encoding="utf-8"))
    if lang == "ko":
        libraries.append((VENDOR / LOCALE_KO).read_text(encoding="utf-8"))
    hashes = " ".join(_sha256(code) for code in (*libraries, module))
    policy = (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "  # plotly.js and the player set styles on elements
        "img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )
    scripts = "\n".join(f"<script>{code}</script>" for code in libraries)
    note_html = f'<p class="attn-export-note">{html.escape(note)}</p>' if note else ""
    return f"""<!doctype html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
{_licences()}
<style>{_PAGE_CSS}{assets.style()}{css}</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
{note_html}
{body}
{scripts}
<script type="module">{module}</script>
</body>
</html>
"""


def estimated_bytes(payload: bytes, lang: str) -> int:
    """The file's size before it is made: the payload, the libraries and the player (the page
    frame and licences add about 5 kB)."""
    return len(payload) + _fixed_bytes(lang) + 5_000


@functools.cache
def _fixed_bytes(lang: str) -> int:
    """What every file of a language holds besides the payload: the libraries and the player's
    code. Once per process: reading a dozen files on every rerun cost 5 % of a class's server
    time (py-spy, benchmarks/load_ws.py)."""
    names = [PLOTLY, KATEX, *LICENCES] + ([LOCALE_KO] if lang == "ko" else [])
    fixed = sum((VENDOR / name).stat().st_size for name in names)
    return fixed + len(assets.script().encode()) + len(assets.style().encode())


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe piece of a sentence: letters and digits of any script, "-" between."""
    words = re.findall(r"\w+", text.lower())
    out = "-".join(words)[:limit].strip("-")
    return out or "sentence"


def file_name(model: str, sentence: str) -> str:
    """What the file holds: the model (task and kind) and the sentence."""
    return f"attention-{slug(model, 30)}-{slug(sentence)}.html"
