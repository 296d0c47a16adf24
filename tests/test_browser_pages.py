"""Every page in a real browser, in Korean and English: it renders without an exception box,
shows its translated title (Hangul drawn with the CJK font in Korean), passes axe-core's
WCAG 2.1 A/AA rules, and leaves a screenshot in artifacts/screenshots/page-<slug>-<lang>.png
(the README's pictures come from these files).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from explorer.strings import tr
from support.browser import BROWSER_TIMEOUT_S, screenshot, wait_idle
from support.marks import needs_browser

pytestmark = needs_browser

APP_PAGES = {  # URL path -> string key of its title (as app.py lists them)
    "": "page_explorer",
    "compare": "page_compare",
    "beam": "page_beam",
    "whatif": "page_whatif",
    "why": "page_why",
    "playground": "page_playground",
    "theory": "page_theory",
    "training": "page_training",
    "about": "page_about",
}
# axe-core's rule sets for WCAG 2.0 and 2.1, levels A and AA.
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EXCEPTION = "[data-testid='stException']"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
    ]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("slug", list(APP_PAGES))
def test_page_renders_accessibly(chromium, server, slug, lang):
    context = chromium.new_context(viewport={"width": 1280, "height": 1800}, locale=lang)
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    try:
        page.goto(f"{server.url}/{slug}?lang={lang}")
        title = tr(APP_PAGES[slug], lang)
        # The menu entry of the current page, then the page's own content, fully drawn.
        page.locator("[data-testid='stSidebarNav'] a[aria-current='page']").filter(
            has_text=title
        ).wait_for()
        page.locator("[data-testid='stMain'] h1").first.wait_for()
        wait_idle(page)
        boxes = page.locator(EXCEPTION)
        assert boxes.count() == 0, boxes.first.inner_text()
        if lang == "ko":
            assert HANGUL.search(page.locator("[data-testid='stMain']").inner_text())
        name = slug or "explorer"
        screenshot(page, f"page-{name}-{lang}")
        if slug == "":  # every panel of the step player drawn (it draws them when on screen)
            panels = page.locator(".attn-panel")
            for n in range(panels.count()):
                panels.nth(n).scroll_into_view_if_needed()
                page.locator(".attn-panel").nth(n).and_(page.locator("[data-step]")).wait_for()
        assert _violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_page_answers_at_its_own_path(chromium, server, lang):
    """/explorer is the explorer (it is also "/"): no Streamlit "Page not found" dialog."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale=lang)
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    try:
        page.goto(f"{server.url}/explorer?lang={lang}&model=dates-dot")
        page.locator(".attn-counter").wait_for()
        wait_idle(page)
        page.wait_for_timeout(1000)
        assert page.locator("[role='dialog']").count() == 0
        assert (
            page.locator("[data-testid='stMain'] h1")
            .first.inner_text()
            .startswith(tr("explorer_title", lang))
        )
    finally:
        context.close()


def test_server_log_has_no_traceback(server):
    log = server.log_text()
    assert "Traceback" not in log, log[-3000:]


def _settled_box(page, locator, *, polls: int = 20) -> dict:
    """The element's box once the page stops moving it (charts above it draw late)."""
    last = None
    for _ in range(polls):
        box = locator.bounding_box()
        if box is not None and box == last:
            return box
        last = box
        page.wait_for_timeout(400)
    return last


def test_playground_grids_are_large_and_editable_in_presenter_mode(chromium, server):
    """The playground's editable tables draw on a canvas at the theme's size (14 px): presenter
    mode zooms them (≥ 18 px type), and a double-click still edits the cell under the pointer."""
    sizes = {}
    for mode in ("", "&present=1"):
        context = chromium.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
        try:
            page.goto(f"{server.url}/playground?lang=en{mode}")
            wait_idle(page)
            grid = page.locator("[data-testid='stDataFrame']").first
            grid.wait_for()
            box = _settled_box(page, grid)
            sizes[mode] = box["height"]
            if not mode:
                continue
            # the query's first component: row 1 (of a header and one row), column 2 of 3. The
            # position is relative to the grid, so Playwright scrolls it into view first; a slow
            # machine may still be laying out the page, hence the retries.
            for _attempt in range(3):
                box = _settled_box(page, grid)
                grid.dblclick(position={"x": box["width"] * 0.5, "y": box["height"] * 0.75})
                # the grid's cell editor (an <input> over the canvas) opens on the double-click;
                # typing before it has opened would go to the grid instead
                editor = page.locator("input.gdg-input")
                try:
                    editor.wait_for(timeout=10_000)
                except PlaywrightTimeoutError:
                    continue
                editor.fill("2.5")
                editor.press("Enter")
                edited = page.get_by_text("largest weight is 0.697", exact=False)
                try:
                    edited.wait_for(timeout=20_000)
                    break
                except PlaywrightTimeoutError:
                    continue
            else:
                screenshot(page, "playground-presenter-edit-failed", full_page=True)
                raise AssertionError("the double-clicked cell was not edited (see the screenshot)")
            screenshot(page, "playground-presenter-edited", full_page=False)
        finally:
            context.close()
    assert sizes["&present=1"] >= 18 / 14 * sizes[""], sizes


def test_a_page_load_fails_no_request_but_streamlits_own_base_path_guess(chromium, server):
    """Opening a page directly, the only failed requests are the two of Streamlit's base-path
    guess (streamlit/streamlit#7074, explained in the README): `<page>/_stcore/health` and
    `<page>/_stcore/host-config`. Any other 4xx/5xx (a missing asset, a vendored file) fails."""
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    try:
        for slug in ("", "compare", "lesson"):
            page.goto(f"{server.url}/{slug}?lang=ko")
            wait_idle(page)
            page.wait_for_timeout(1000)
        paths = {url.removeprefix(server.url) for url in failed}
        ends = ("health", "host-config")
        guesses = {f"/{s}/_stcore/{e}" for s in ("compare", "lesson") for e in ends}
        assert paths <= guesses, paths
    finally:
        context.close()
