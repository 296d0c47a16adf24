"""The whole lesson as one offline file, opened from disk with every network request refused:
it asks for nothing, every part draws its player at the part's step, each check is answered
wrong once and right once and graded as the page grades it, Page Down moves on, and the exit
ticket downloads with the answers (issue 29)."""

from __future__ import annotations

import pytest

from explorer.strings import tr
from support import lesson_file
from support.browser import BROWSER_TIMEOUT_S, offline_context, screenshot
from support.marks import needs_browser

pytestmark = needs_browser


def _give(page, check: dict, right: bool) -> None:
    if check["kind"] == "number":
        value = check["right"] + (0 if right else 0.5)
        page.locator(".attn-lesson-number").fill(f"{value:.3f}")
        page.locator(".attn-lesson-number").press("Enter")
        return
    values = [value for value, _ in check["options"]]
    index = values.index(check["right"])
    if not right:
        index = next(
            i for i, v in enumerate(values) if v != check["right"] and v not in check["accepted"]
        )
    page.locator(".attn-lesson-option").nth(index).click()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_lesson_file_plays_grades_and_gives_the_ticket_offline(chromium, tmp_path, lang):
    lesson, data, text = lesson_file.build("attention", lang)
    path = tmp_path / f"lesson-attention-{lang}.html"
    path.write_text(text, encoding="utf-8")
    asked: list[str] = []
    options = {"viewport": {"width": 1366, "height": 900}, "accept_downloads": True}
    context = offline_context(chromium, asked, **options)
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        page.goto(path.as_uri())
        checked = 0
        for n, part in enumerate(data["parts"], start=1):
            page.locator(".attn-lesson-title").filter(has_text=f"{n}. {part['title']}").wait_for()
            page.wait_for_function(
                "() => document.querySelector('.attn-heatmap')?._fullLayout !== undefined"
            )
            k = part["payload"]["start"]
            slider = page.locator(".attn-slider")
            assert slider.input_value() == str(k + 1)  # the part's step
            if part["check"] is not None:
                _give(page, part["check"], right=False)
                page.locator(".attn-lesson-wrong").wait_for()
                _give(page, part["check"], right=True)
                page.locator(".attn-lesson-right").wait_for()
                checked += 1
            if n == 4:
                assert page.locator(".attn-lesson-columns math").count() >= 1  # KaTeX, MathML
                screenshot(page, f"lesson-file-{lang}-part04", full_page=False)
            if n < len(data["parts"]):
                page.locator("body").click(position={"x": 5, "y": 5})
                page.keyboard.press("PageDown")
        with page.expect_download() as download:
            page.locator(".attn-lesson-download").click()
        ticket = download.value.path().read_text(encoding="utf-8")
        rows = [line for line in ticket.splitlines() if line.startswith("| ") and "---" not in line]
        assert len(rows) == 1 + checked  # the header, then one row per check
        right = tr("lesson_result_right", lang)
        assert all(row.split(" | ")[-2] == right for row in rows[1:]), ticket
        assert asked == [], asked
        assert problems == [], problems
    finally:
        context.close()
