"""Your own model in a real browser: upload the example export of the PyTorch tutorial's model,
step through it in the explorer with no websocket frame per step, and check that another
browser session never sees it; a damaged upload is refused with a message, in Korean too."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from attention_core import decode
from attention_core.tutorial_import import load_files
from explorer.strings import STRINGS, tr
from support.browser import BROWSER_TIMEOUT_S, screenshot, step_line, wait_idle
from support.marks import needs_browser
from support.server import ROOT

pytestmark = needs_browser

EXAMPLE = ROOT / "checkpoints" / "pytorch-tutorial-example"
COUNTER = ".attn-counter"
UPLOAD = "[data-testid='stFileUploader'] input[type=file]"


def _context(chromium, lang: str = "en"):
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale=lang)
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def _upload(page, server, paths: list[Path], lang: str = "en") -> None:
    page.goto(f"{server.url}/yours?lang={lang}")
    wait_idle(page)
    page.locator(UPLOAD).set_input_files([str(p) for p in paths])
    wait_idle(page)


def test_an_uploaded_model_steps_in_the_browser_and_stays_in_its_session(chromium, server):
    files = sorted(EXAMPLE.iterdir())
    trace = decode(load_files([(p.name, p.read_bytes()) for p in files]), "je suis fatigue")
    context, page, errors = _context(chromium)
    frames: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(1)))
    other = None
    try:
        _upload(page, server, files)
        page.locator("[data-testid='stAlert']").filter(
            has_text=tr("yours_loaded", "en").split("{")[0].strip()
        ).wait_for()
        screenshot(page, "yours-loaded", full_page=False)
        page.locator("[data-testid='stPageLink'] a").first.click()
        page.locator(COUNTER).filter(has_text=step_line(trace, 0)).wait_for()
        wait_idle(page)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert tr("kind_tutorial", "en") in sidebar.inner_text()  # its model, chosen
        page.wait_for_timeout(1500)  # the page's own start-up messages
        frames.clear()
        for t in range(1, len(trace.steps)):
            page.locator(".attn-controls button").filter(has_text=tr("next", "en")).click()
            page.locator(COUNTER).filter(has_text=step_line(trace, t)).wait_for()
        text = page.locator(".attn-player-root").inner_text()
        assert "Wa" in text and "Va" in text  # the tutorial's names, in the captions
        assert frames == [], "stepping reached the server"
        screenshot(page, "yours-explorer", full_page=False)

        # another visitor: no uploaded model in their sidebar, none on their page
        other, other_page, other_errors = _context(chromium)
        other_page.goto(f"{server.url}/yours?lang=en")
        wait_idle(other_page)
        other_page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
        options = other_page.get_by_role("option").all_inner_texts()
        assert tr("task_fra-eng", "en") in options
        assert tr("task_tutorial", "en") not in options
        loaded = tr("yours_loaded", "en").split("{")[0].strip()
        assert other_page.get_by_text(loaded).count() == 0
        assert other_errors == []
    finally:
        assert errors == [], errors
        assert page.locator("[data-testid='stException']").count() == 0
        context.close()
        if other is not None:
            other.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_damaged_files_are_refused_with_a_message(chromium, server, tmp_path, lang):
    good = {p.name: p.read_bytes() for p in EXAMPLE.iterdir()}
    (tmp_path / "encoder.safetensors").write_bytes(good["encoder.safetensors"][:1000])
    (tmp_path / "decoder.safetensors").write_bytes(good["decoder.safetensors"])
    (tmp_path / "model.json").write_bytes(good["model.json"])
    (tmp_path / "model.pt").write_bytes(pickle.dumps({"weights": [1.0]}))  # never opened
    context, page, errors = _context(chromium, lang)
    try:
        _upload(page, server, sorted(tmp_path.iterdir()), lang)
        page.get_by_text(STRINGS[lang]["yours_refused"]).wait_for()
        refused = STRINGS[lang]["yours_problem_bad_safetensors"][:20]
        assert page.get_by_text(refused, exact=False).count() >= 1
        assert page.get_by_text("encoder.safetensors", exact=False).count() >= 1
        pickled = STRINGS[lang]["yours_problem_pickle"][:20]
        assert page.get_by_text(pickled, exact=False).count() >= 1
        assert page.locator("[data-testid='stException']").count() == 0
        assert (
            tr("task_tutorial", lang) not in page.locator("[data-testid='stSidebar']").inner_text()
        )
        screenshot(page, f"yours-refused-{lang}", full_page=False)
    finally:
        context.close()
    assert errors == []
