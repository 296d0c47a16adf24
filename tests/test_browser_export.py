"""An exported view opened from disk in a real browser with every network request refused: it
asks for nothing, draws, steps every way with the trace's numbers, renders its equations (KaTeX's
MathML) and shows a typed sentence's tokens as text (issue 29)."""

from __future__ import annotations

import numpy as np
import pytest

from attention_core import decode
from attention_core.checkpoint import load
from explorer.figures.style import token_text
from explorer.numbers import equations
from explorer.player import data as player_data
from explorer.player import export
from explorer.strings import tr
from support.browser import BROWSER_TIMEOUT_S, offline_context, screenshot
from support.marks import needs_browser
from support.server import ROOT

pytestmark = needs_browser

MODEL = "fra-eng-bahdanau"
SENTENCE = "<b>tom</b> & <script>x</script> said $x^2$ ."
COUNTER = ".attn-counter"
HEATMAP = ".attn-heatmap"


@pytest.fixture(scope="module")
def trace():
    return decode(load(ROOT / "checkpoints" / MODEL), SENTENCE)


@pytest.fixture(params=["en", "ko"])
def opened(request, chromium, trace, tmp_path):
    lang = request.param
    payload = player_data.payload(
        [player_data.view(trace, lang)], lang, id="export-test", assets="/app/static/vendor/"
    )
    path = tmp_path / export.file_name(MODEL, SENTENCE)
    path.write_text(export.offline_html(payload, lang=lang, title="t"), encoding="utf-8")
    asked: list[str] = []
    context = offline_context(chromium, asked, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file://", "data:", "blob:")) else asked.append(r.url),
    )
    page.goto(path.as_uri())
    page.locator(COUNTER).wait_for()
    page.wait_for_function("sel => document.querySelector(sel)?._fullLayout", arg=HEATMAP)
    yield page, lang
    try:
        assert asked == [], asked
        assert problems == [], problems
    finally:
        context.close()


def _line(trace, t: int, lang: str) -> str:
    step = trace.steps[t]
    given, chosen = token_text(step.input_token), token_text(step.token)
    return tr("step_tokens", lang, t=t + 1, n=len(trace.steps), given=given, chosen=chosen)


def _check(page, trace, t: int, lang: str) -> None:
    page.locator(COUNTER).filter(has_text=_line(trace, t, lang)).wait_for()
    page.locator(f"{HEATMAP}[data-step='{t}']").wait_for(state="attached")
    outline = page.eval_on_selector(HEATMAP, "gd => gd.layout.shapes[0].y0")
    assert outline == t - 0.5
    box = page.locator(".attn-panel[data-panel=weights]")
    box.scroll_into_view_if_needed()
    page.locator(f".attn-panel[data-panel=weights][data-step='{t}']").wait_for()
    weights = box.locator(".js-plotly-plot").evaluate("gd => Array.from(gd.data[0].y)")
    np.testing.assert_allclose(weights, trace.steps[t].weights, rtol=1e-5, atol=1e-6)
    latex = page.eval_on_selector_all(
        ".attn-equations .attn-math",
        "els => els.map(e => e.querySelector('math') && e.dataset.latex)",
    )
    assert latex == [eq for _, eq in equations.step_equations(trace, t)]


def test_an_exported_view_steps_offline_with_the_traces_numbers(opened, trace):
    page, lang = opened
    n = len(trace.steps)
    _check(page, trace, 0, lang)
    page.locator(".attn-controls button").nth(1).click()  # next
    _check(page, trace, 1, lang)
    page.locator(".attn-player-root").focus()
    page.keyboard.press("End")
    _check(page, trace, n - 1, lang)
    page.keyboard.press("Home")
    _check(page, trace, 0, lang)
    slider = page.locator(".attn-slider")
    slider.focus()
    page.keyboard.press("ArrowRight")
    _check(page, trace, 1, lang)
    # the typed tokens are text in the figures (escaped) and in the step's words
    ticks = page.eval_on_selector(HEATMAP, "gd => gd.layout.xaxis.ticktext.join(' ')")
    assert "&lt;" in ticks and "<script" not in ticks
    assert page.locator("script:not([type])").count() == 3 - (lang == "en")  # only our own
    screenshot(page, f"export-offline-{lang}", full_page=False)
