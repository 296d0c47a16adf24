"""The guided lesson in a real browser, both languages: every part opens with its highlighted
panel on the first screen (1366x768), every check is answered wrong once and right once and the
page grades it as the trace says, stepping inside a part sends no websocket frame, Page Down
moves to the next part, presenter mode hides the answer until it is shown, and axe-core passes.
"""

from __future__ import annotations

import pytest

from attention_core import decode
from attention_core.checkpoint import load
from explorer import lessons
from explorer.lessons import checks
from explorer.strings import STRINGS, tr
from support.browser import BROWSER_TIMEOUT_S, screenshot, wait_idle
from support.marks import needs_browser
from support.server import ROOT

pytestmark = needs_browser

COUNTER = ".attn-counter"
CHECK = ".st-key-lesson_check"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_MODELS: dict = {}


def _trace(part):
    if part.model not in _MODELS:
        _MODELS[part.model] = load(ROOT / "checkpoints" / part.model)
    return decode(_MODELS[part.model], part.sentence)


def _answer(part):
    trace = _trace(part)
    model = _MODELS[part.model]
    run = lambda o: decode(model, part.sentence, overrides=o)  # noqa: E731
    return checks.answer(part.check, trace, part.step - 1, run), trace


def _wait_part(page, n: int) -> None:
    page.wait_for_function(f"() => /[?&]part={n}(&|$)/.test(location.search)")
    wait_idle(page)
    # The last part's player stays in the page, stale, until the new run replaces it.
    page.wait_for_function("sel => document.querySelectorAll(sel).length === 1", arg=COUNTER)
    page.locator(COUNTER).wait_for()
    wait_idle(page)


def _give(page, part, answer, trace, right: bool) -> None:
    """Answer the part's check in the page: the right answer, or a wrong one."""
    check = part.check
    box = page.locator(CHECK)
    if check.kind == "number":
        value = float(answer.right) if right else float(answer.right) + 0.5
        field = box.locator("input")
        field.fill(f"{value:.3f}")
        field.press("Enter")
    elif check.kind == "choice":
        index = list(answer.options).index(answer.right)
        if not right:
            index = (index + 1) % len(answer.options)
        box.locator("[data-testid='stRadio'] [role='radiogroup'] label").nth(index).click()
    else:
        options = list(answer.options)
        index = options.index(answer.right)
        if not right:
            index = next(
                i for i, o in enumerate(options) if o not in (answer.right, *answer.accepted)
            )
        box.locator("button[data-variant='pills']").nth(index).click()
    wait_idle(page)


def _feedback(page, lang: str, right: bool):
    wrong = STRINGS[lang]["lesson_wrong"].split("{")[0].strip()  # the words before the answer
    expected = tr("lesson_right", lang) if right else wrong
    alert = page.locator(f"{CHECK} [data-testid='stAlert']")
    alert.filter(has_text=expected).wait_for()
    return alert.inner_text()


def _axe(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [f"{v['id']}: {v['help']}" for v in result.response["violations"]]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_walk_the_whole_lesson_answering_each_check_wrong_then_right(chromium, server, lang):
    lesson = lessons.load(lessons.available()["attention"][lang])
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale=lang)
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    frames = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(payload)))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{server.url}/lesson?lang={lang}&lesson=attention&part=1")
        for n, part in enumerate(lesson.steps, start=1):
            _wait_part(page, n)
            shown = (
                ".attn-heatmap"
                if part.panel == "heatmap"
                else f".attn-first .attn-panel[data-panel={part.panel}]"
            )
            box = page.locator(shown).first.bounding_box()
            assert box is not None and box["y"] < 768, (n, part.panel, box)  # on the first screen
            screenshot(page, f"lesson-{lang}-part{n:02d}", full_page=False)
            assert _axe(page) == [], n
            answer, trace = _answer(part)
            _give(page, part, answer, trace, right=False)
            _feedback(page, lang, right=False)
            _give(page, part, answer, trace, right=True)
            said = _feedback(page, lang, right=True)
            if part.check.kind == "most_weight":  # the why sentence cites the trace's weight
                assert answer.fields["weight"] in said
            if n == 2:  # stepping inside a part stays in the browser
                before = len(frames)
                page.locator(".attn-controls button").filter(has_text=tr("next", lang)).click()
                page.locator(COUNTER).filter(has_text=f"{part.step + 1}").first.wait_for()
                page.wait_for_timeout(300)
                assert len(frames) == before
            if n < len(lesson.steps):
                if n == 3:  # the keyboard: Page Down outside the player moves to the next part
                    page.evaluate("() => document.activeElement && document.activeElement.blur()")
                    page.keyboard.press("PageDown")
                else:
                    page.locator(".st-key-lesson_next button").click()
        progress = page.locator("[data-testid='stProgress']").inner_text()
        total = len(lesson.steps)
        assert (
            tr("lesson_progress", lang, n=total, total=total, done=total, right=total) in progress
        )
        assert errors == []
    finally:
        context.close()


def _highlighted(part) -> str:
    if part.panel == "heatmap":
        return ".attn-heatmap"
    return f".attn-first .attn-panel[data-panel={part.panel}]"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_part_in_presenter_mode_shows_its_panel_on_the_first_screen(chromium, server, lang):
    lesson = lessons.load(lessons.available()["attention"][lang])
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale=lang)
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    try:
        page.goto(f"{server.url}/lesson?lang={lang}&lesson=attention&part=1&present=1")
        for n, part in enumerate(lesson.steps, start=1):
            _wait_part(page, n)
            box = page.locator(_highlighted(part)).first.bounding_box()
            assert box is not None and box["y"] < 1080, (n, part.panel, box)
            if part.teacher:
                assert page.get_by_text(tr("lesson_teacher", lang)).count() == 1, n
            screenshot(page, f"lesson-present-{lang}-part{n:02d}", full_page=False)
            if n < len(lesson.steps):
                page.locator(".st-key-lesson_next button").click()
    finally:
        context.close()


def test_presenter_mode_keeps_the_answer_until_it_is_shown(chromium, server):
    lang = "en"
    lesson = lessons.load(lessons.available()["attention"][lang])
    part = lesson.steps[1]
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale=lang)
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    try:
        page.goto(f"{server.url}/lesson?lang={lang}&lesson=attention&part=2&present=1")
        _wait_part(page, 2)
        assert page.get_by_text(tr("lesson_teacher", lang)).count() == 1  # the teacher's note
        box = page.locator(".attn-heatmap").bounding_box()
        assert box is not None and box["y"] < 1080
        screenshot(page, "lesson-present-part02", full_page=False)
        answer, trace = _answer(part)
        _give(page, part, answer, trace, right=True)
        page.get_by_text(tr("lesson_answer_hidden", lang)).wait_for()
        assert page.locator(f"{CHECK} [data-testid='stAlert']").count() == 0
        page.locator(f"{CHECK} label").filter(has_text=tr("lesson_reveal_answer", lang)).click()
        _feedback(page, lang, right=True)
    finally:
        context.close()
