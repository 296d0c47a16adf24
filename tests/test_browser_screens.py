"""One screen per step (issue 13), at 1920x1080 in presenter mode and at 1366x768, both
languages. The first viewport of the explorer and of beam search (the chosen hypothesis; the
tree follows) holds the step controls, the attention matrix with the step's row outlined, the
step's weights and its main equation (on the explorer, every row of a 10-step sentence's
matrix); compare's and what-if's (its row of override inputs comes first) hold the controls and
both matrices with their outlined rows. In presenter mode no word of the player is smaller than
18 px. Viewport screenshots are kept as artifacts (artifacts/screenshots/screen-*.png).
"""

from __future__ import annotations

import pytest

from support.browser import BROWSER_TIMEOUT_S, screenshot, wait_idle
from support.marks import needs_browser

pytestmark = needs_browser

PAGES = {
    # ten decoder steps ("il lit un bon livre dans le jardin . <eos>"): the whole matrix fits
    "explorer": "?model=fra-eng-bahdanau&sentence="
    + "he%20is%20reading%20a%20good%20book%20in%20the%20garden%20.",
    "beam": "beam?model=fra-eng-bahdanau&sentence=i%20am%20not%20afraid%20of%20the%20dark%20.",
    "compare": "compare?model=fra-eng-dot&sentence=i%20am%20not%20afraid%20of%20the%20dark%20.",
    "whatif": "whatif?model=dates-dot",
}
SCREENS = {"presenter-1920x1080": (1920, 1080, True), "1366x768": (1366, 768, False)}
ONE_VIEW = ("explorer", "beam")
# what the first screen must hold
FITS = {"explorer": "everything", "beam": "everything", "compare": "matrices", "whatif": "matrices"}
# The smallest type of the player's own words (not figures, not formulas' sub- and superscripts).
SMALLEST_TYPE = """() => Math.min(...[...document.querySelectorAll('.attn-player-root *')]
  .filter((e) => !e.closest('.js-plotly-plot, .katex') && e.offsetParent !== null
    && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
  .map((e) => parseFloat(getComputedStyle(e).fontSize)))"""

# The smallest text drawn in the player's figures on screen (cell numbers, bar labels, ticks,
# axis and colour-bar titles): Plotly writes each size on its SVG text.
SMALLEST_FIGURE_TYPE = """() => Math.min(...[...document.querySelectorAll(
    '.attn-player-root .js-plotly-plot svg text')]
  .filter((e) => e.textContent.trim() && e.getBoundingClientRect().width > 0)
  .map((e) => parseFloat(getComputedStyle(e).fontSize)))"""

# Where each part is, relative to the viewport: [top, bottom] of its box, for every view.
BOXES = """() => {
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
                        return [r.top, r.bottom]; };
  return {
    height: window.innerHeight,
    controls: box(document.querySelector('.attn-controls')),
    views: [...document.querySelectorAll('.attn-view')].map((v) => ({
      outline: box(v.querySelector('.attn-heatmap .shapelayer path')),
      matrix: box(v.querySelector('.attn-heatmap .nsewdrag')),
      weights: box(v.querySelector('.attn-first .attn-panel .nsewdrag')),
      equation: box(v.querySelector('.attn-main-equation .katex-display')),
    })),
  };
}"""


def _inside(box, height) -> bool:
    return box is not None and box[0] >= 0 and box[1] <= height


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", PAGES)
def test_the_step_fits_on_the_first_screen(chromium, server, name, lang, screen):
    width, height, present = SCREENS[screen]
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    try:
        query = PAGES[name] + ("&" if "?" in PAGES[name] else "?") + f"lang={lang}"
        page.goto(f"{server.url}/{query}{'&present=1' if present else ''}")
        page.locator(".attn-counter").wait_for()
        wait_idle(page)
        # every matrix drawn; on a one-model page also the weights beside it (two-model pages
        # stack them under the matrices, and the player draws a panel only near the screen)
        page.wait_for_function(
            """one => [...document.querySelectorAll('.attn-view')].every((v) =>
                 v.querySelector('.attn-heatmap')?._fullLayout
                 && (!one || (v.querySelector('.attn-first .attn-panel')?.dataset.step
                              !== undefined && v.querySelector('.attn-main-equation .katex'))))""",
            arg=name in FITS and name in ONE_VIEW,
        )
        page.wait_for_timeout(500)  # the last panel's paint
        shot = screenshot(page, f"screen-{name}-{lang}-{screen}", full_page=False)
        at = page.evaluate(BOXES)
        assert at["views"] and all(v["matrix"] for v in at["views"]), (shot, at)
        if present:
            assert page.evaluate(SMALLEST_TYPE) >= 18, shot
            assert page.evaluate(SMALLEST_FIGURE_TYPE) >= 18, shot
        assert _inside(at["controls"], at["height"]), (shot, at)
        for view in at["views"]:
            assert _inside(view["outline"], at["height"]), (shot, at)
            assert view["matrix"][0] >= 0 and view["matrix"][0] < at["height"], (shot, at)
            if FITS[name] == "everything":
                if name == "explorer":  # every row of a 10-step sentence, not only step 1's
                    assert _inside(view["matrix"], at["height"]), (shot, at)
                assert _inside(view["weights"], at["height"]), (shot, at)
                assert _inside(view["equation"], at["height"]), (shot, at)
    finally:
        context.close()
