"""The explorer in a real browser: ``streamlit run app.py`` driven through Debian Chromium.

What a user sees is checked in the rendered page (Plotly's SVG, Streamlit's DOM), against the
shipped dates checkpoints decoded here in the test process: one heatmap column per source token
with its literal text (a repeated character, HTML-like characters), model switching, stepping,
hostile inputs (shown as typed or refused with a translated notice; no dialog, no injected
element, no exception box) and the Korean interface. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import json
import re

import numpy as np
import pytest
from PIL import Image

from attention_core import MAX_INPUT_CHARS, decode, get_task
from attention_core.checkpoint import load
from explorer.content.examples import default_sentence
from explorer.figures.style import token_text
from explorer.strings import tr
from support.browser import BROWSER_TIMEOUT_S, screenshot, wait_idle
from support.marks import needs_browser
from support.server import ROOT

pytestmark = needs_browser

CHECKPOINTS = ROOT / "checkpoints"
VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT = BROWSER_TIMEOUT_S * 1000  # per wait, in ms
SENTENCE = "<b>5</b> 5 March 2024"  # HTML-like characters, "5" "<" "b" ">" and spaces repeated
HOSTILE = [
    "<script>alert(1)</script>",
    '<a href="https://example.com">y</a>',
    "$x^2$ **5** _March_ 2024",
    "&amp; 5 March 2024",
    "<unk> <eos> 5/3/2024",
    "the the the",
]
HEATMAP = ".attn-heatmap"  # the step player's attention matrix (explorer/player/js)
MORE = ".st-key-explorer_more"  # the expander with examples, options, tokens and downloads
X_TICKS = HEATMAP + " .xaxislayer-above > g.xtick > text"
Y_TICKS = HEATMAP + " .yaxislayer-above > g.ytick > text"
ALERTS = "[data-testid='stAlert']"
EXCEPTION = "[data-testid='stException']"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _tokens(sentence: str) -> list[str]:
    """The source tokens as the figures must show them (a space as "␣")."""
    return [token_text(t) for t in get_task("dates").tokenize_source(sentence)]


@pytest.fixture
def page(chromium, server):
    """A fresh browser session; fails the test on any dialog or Streamlit exception box."""
    context = chromium.new_context(viewport=VIEWPORT, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    try:
        assert dialogs == [], f"a dialog fired: {dialogs}"
        _assert_no_exception(page, server)
    finally:
        context.close()


def _assert_no_exception(page, server) -> None:
    boxes = page.locator(EXCEPTION)
    if boxes.count():
        pytest.fail(
            f"Streamlit exception box: {boxes.first.inner_text()}\n"
            f"server log:\n{server.log_text()[-3000:]}"
        )


def _open(page, server, lang: str = "en", model: str = "dates-dot") -> None:
    page.goto(f"{server.url}/?model={model}&lang={lang}")
    page.wait_for_selector(X_TICKS, state="attached")
    wait_idle(page)


def _texts(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")


def _wait_ticks(page, expected: list[str]) -> None:
    """Until the rendered heatmap has exactly these x tick labels, then until the run ends."""
    page.wait_for_function(
        """([sel, want]) => {
            const got = [...document.querySelectorAll(sel)].map(e => e.textContent);
            return JSON.stringify(got) === JSON.stringify(want);
        }""",
        arg=[X_TICKS, expected],
    )
    wait_idle(page)


def _type(page, sentence: str) -> None:
    box = page.locator(".st-key-sentence-dates input")
    box.fill(sentence)
    box.press("Enter")


def _injected(page) -> dict[str, int]:
    """Elements that typed markup would create if it were interpreted anywhere in the page."""
    return page.evaluate(
        """() => ({
            links: document.querySelectorAll('a[href^="https://example.com"]').length,
            scripts: [...document.querySelectorAll('script')]
                .filter(s => s.textContent.includes('alert(')).length,
            bold_in_main: document.querySelectorAll('[data-testid=stMain] b').length,
            svg_links: document.querySelectorAll('.main-svg text a').length,
            svg_bold: [...document.querySelectorAll('.main-svg text tspan')]
                .filter(t => /bold/.test(t.getAttribute('style') || '')).length,
        })"""
    )


def _alerts(page) -> list[str]:
    return [t.strip() for t in page.locator(ALERTS).all_inner_texts()]


def _highlight_top(page) -> float:
    """Where the outlined row (the selected step) is drawn in the heatmap."""
    return page.eval_on_selector(
        HEATMAP + " .layer-above .shapelayer path",
        "e => e.getBBox().y",  # in the figure's own coordinates: scrolling does not move it
    )


def _step_line(trace, t: int) -> str:
    """The line above the heatmap for step t (1-based), from the trace decoded here."""
    step = trace.steps[t - 1]
    given, chosen = token_text(step.input_token), token_text(step.token)
    return tr("step_tokens", "en", t=t, n=len(trace.steps), given=given, chosen=chosen)


def _at_step(page, trace, t: int) -> None:
    page.wait_for_function(f"() => /[?&]step={t}(&|$)/.test(location.search)")
    page.locator(".attn-counter").filter(has_text=_step_line(trace, t)).wait_for()
    wait_idle(page)


def _open_more(page) -> None:
    """Open the expander that holds the examples, options, tokens and downloads."""
    page.locator(MORE + " summary").first.click()
    wait_idle(page)


def _no_injection(page) -> None:
    found = _injected(page)
    assert found == dict.fromkeys(found, 0), found


def _click_kind(page, kind: str) -> None:
    label = tr(f"kind_{kind}", "en")
    page.locator("[data-testid='stSidebar'] .st-key-kind label").filter(has_text=label).click()


def test_each_token_gets_its_own_literal_column_through_models_and_steps(page, server):
    """A repeated character and HTML-like characters: one column each, as typed, every model."""
    traces = {k: decode(load(CHECKPOINTS / f"dates-{k}"), SENTENCE) for k in ("dot", "bahdanau")}
    tokens = _tokens(SENTENCE)
    assert tokens[:8] == ["<", "b", ">", "5", "<", "/", "b", ">"] and tokens.count("5") == 2
    _open(page, server)
    _type(page, SENTENCE)
    _wait_ticks(page, tokens)

    assert _texts(page, X_TICKS) == tokens  # one column per token, repeated ones too
    dot = traces["dot"]
    assert _texts(page, Y_TICKS) == [token_text(s.token) for s in dot.steps]
    _open_more(page)
    page.get_by_text(dot.output_text, exact=True).first.wait_for()
    said = [a for a in _alerts(page) if tr("warn_markup", "en") in a]  # in the one notice block
    assert len(said) == 1  # said once, not interpreted
    _no_injection(page)
    assert "example" not in page.evaluate("document.querySelector('.attn-heatmap').innerHTML")
    screenshot(page, "explorer-en")

    # Dot -> Bahdanau: the query is taken before the RNN update; the columns stay the same.
    _click_kind(page, "bahdanau")
    # The new player first (the panel scrolled to before the rerun may move off screen with it).
    page.wait_for_function("() => /[?&]model=dates-bahdanau(&|$)/.test(location.search)")
    wait_idle(page)
    page.locator(".attn-panel[data-panel='query']").scroll_into_view_if_needed()  # drawn on view
    page.wait_for_function(  # Plotly writes s<sub>t−1</sub> with zero-width spaces around t−1
        "sel => [...document.querySelectorAll(sel)]"
        "  .some(e => e.textContent.replaceAll('\\u200b', '') === 'st−1')",
        arg=".attn-panel[data-panel='query'] .yaxislayer-above > g.ytick > text",
    )
    _wait_ticks(page, tokens)
    assert "model=dates-bahdanau" in page.url
    bahdanau = traces["bahdanau"]
    assert _texts(page, Y_TICKS) == [token_text(s.token) for s in bahdanau.steps]

    # Step: next, previous, then the slider's keyboard End; the outlined row follows.
    n = len(bahdanau.steps)
    page.locator(".attn-counter").filter(has_text=_step_line(bahdanau, 1)).wait_for()
    first_row = _highlight_top(page)
    button = page.locator(".attn-controls button")
    button.filter(has_text=tr("next", "en")).click()
    _at_step(page, bahdanau, 2)
    assert _highlight_top(page) > first_row
    button.filter(has_text=tr("previous", "en")).click()
    _at_step(page, bahdanau, 1)
    assert _highlight_top(page) == first_row
    page.locator(".attn-slider").press("End")
    _at_step(page, bahdanau, n)
    assert _highlight_top(page) > first_row
    screenshot(page, "explorer-bahdanau-last-step")

    # Bahdanau -> none: no weights; the figure shows the (fixed) context over hidden units.
    _click_kind(page, "none")
    page.locator(".attn-player-root h4").filter(has_text=tr("none_title", "en")).wait_for()
    page.wait_for_function(
        "([sel, want]) => document.querySelector(sel)?.textContent === want",
        arg=[HEATMAP + " .g-xtitle text", tr("axis_hidden_unit", "en")],
    )
    wait_idle(page)
    assert "model=dates-none" in page.url
    assert _texts(page, X_TICKS) != tokens
    _no_injection(page)
    screenshot(page, "explorer-none")


@pytest.mark.parametrize("sentence", HOSTILE)
def test_hostile_input_is_shown_literally(page, server, sentence):
    _open(page, server)
    _type(page, sentence)
    tokens = _tokens(sentence)
    _wait_ticks(page, tokens)
    assert _texts(page, X_TICKS) == tokens
    panels = page.locator(".attn-panel")  # every panel drawn (the player draws them on view)
    for n in range(panels.count()):
        panels.nth(n).scroll_into_view_if_needed()
        panels.nth(n).and_(page.locator("[data-step]")).wait_for()
    for name in ("geometry", "lines"):  # issue 18's views label the keys with the tokens
        labels = f".attn-panel[data-panel={name}] .scatterlayer .trace:first-of-type text"
        assert _texts(page, labels) == tokens, name
    _no_injection(page)
    assert page.locator(".st-key-sentence-dates input").input_value() == sentence
    # Nothing the user typed went through Markdown or KaTeX: no formula holds "x^2" as typed.
    katex = " ".join(page.locator(".katex-mathml").all_inner_texts())
    assert "x^2" not in katex.replace(" ", "")
    assert tr("err_unexpected", "en") not in _alerts(page)


def test_ten_thousand_characters_get_a_translated_notice(page, server):
    _open(page, server, lang="ko")
    _type(page, "5 March 2024 " * 770)  # 10,010 characters
    length = len("5 March 2024 " * 770)
    notice = tr("err_too_long", "ko", length=length, limit=MAX_INPUT_CHARS)
    page.locator(ALERTS).filter(has_text=notice).wait_for()
    wait_idle(page)
    assert page.locator(HEATMAP).count() == 0  # no stale figure of the previous sentence
    assert HANGUL.search(notice)
    assert tr("err_unexpected", "ko") not in _alerts(page)


def test_korean_interface_renders_hangul(page, server):
    _open(page, server, lang="ko")
    title = page.locator("h1").first.inner_text().strip()
    assert title == tr("explorer_title", "ko") and HANGUL.search(title)
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert tr("kind_dot", "ko") in sidebar and tr("model_label", "ko") in sidebar
    axis = page.eval_on_selector(HEATMAP + " .g-xtitle text", "e => e.textContent")
    assert axis == tr("axis_source", "ko") and HANGUL.search(axis)
    assert _texts(page, X_TICKS) == _tokens(default_sentence("dates"))
    shot = screenshot(page, "explorer-ko")
    assert shot.stat().st_size > 20_000


def test_first_sidebar_change_on_a_shared_link_is_kept(page, server):
    """A shared link (?model=...) then one click: the new model stays, the task too."""
    _open(page, server)
    _click_kind(page, "bahdanau")
    page.wait_for_function("() => location.search.includes('model=dates-bahdanau')")
    wait_idle(page)
    page.wait_for_timeout(1000)  # the old bug undid the change in the rerun that followed
    wait_idle(page)
    assert "model=dates-bahdanau" in page.url
    assert _texts(page, X_TICKS) == _tokens(default_sentence("dates"))


def _download(page, label: str, tmp_path) -> tuple[str, str]:
    """Click a download button; return the suggested file name and the file's text."""
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return download.suggested_filename, path.read_text(encoding="utf-8")


def _camera(page, selector: str, tmp_path):
    """Plotly's camera button on one figure: returns the suggested name and the saved path."""
    page.locator(selector).hover()
    with page.expect_download() as info:
        page.locator(selector + " .modebar-btn[data-title^='Download plot']").click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return download.suggested_filename, path


def test_exports_match_the_trace(page, server, tmp_path):
    """The CSV and JSON downloads hold the trace the page shows; the camera button saves the
    heatmap as PNG, then as SVG, under a name that says model, figure and step."""
    trace = decode(load(CHECKPOINTS / "dates-dot"), default_sentence("dates"))
    _open(page, server)
    _open_more(page)
    name, text = _download(page, tr("download_csv", "en"), tmp_path)
    assert name == "dates-dot-attention.csv"
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[2:] == [f"{i + 1}:{token_text(t)}" for i, t in enumerate(trace.source_tokens)]
    assert [r[1] for r in body] == [token_text(s.token) for s in trace.steps]
    got = np.array([[float(x) for x in r[2:]] for r in body])
    np.testing.assert_allclose(got, trace.attention_matrix, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got.sum(axis=1), 1.0, atol=1e-4)

    name, text = _download(page, tr("download_json", "en"), tmp_path)
    assert name == "dates-dot-trace.json"
    data = json.loads(text)
    assert data["output_text"] == trace.output_text
    assert len(data["steps"]) == len(trace.steps)

    with page.expect_download() as info:
        page.get_by_role("button", name=tr("download_gif", "en")).click()
    gif = tmp_path / info.value.suggested_filename
    info.value.save_as(gif)
    assert gif.name == "dates-dot-steps.gif"
    assert Image.open(gif).n_frames == len(trace.steps)

    name, path = _camera(page, HEATMAP, tmp_path)
    assert name == "dates-dot-heatmap-step1.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.locator("[data-testid='stSidebar'] .st-key-img_format label").filter(
        has_text="SVG"
    ).click()
    wait_idle(page)
    page.locator(".attn-controls button").filter(has_text=tr("next", "en")).click()
    _at_step(page, trace, 2)
    name, path = _camera(page, HEATMAP, tmp_path)
    assert name == "dates-dot-heatmap-step2.svg"
    svg = path.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and token_text(trace.source_tokens[0]) in svg


def test_presenter_mode_enlarges_and_is_kept_in_the_url(page, server):
    _open(page, server)
    normal = page.eval_on_selector(X_TICKS, "e => parseFloat(getComputedStyle(e).fontSize)")
    page.locator(".st-key-present label").click()
    page.wait_for_function("() => /[?&]present=1(&|$)/.test(location.search)")
    wait_idle(page)
    page.wait_for_function(
        "([sel, before]) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize)"
        "  > 1.3 * before",
        arg=[X_TICKS, normal],
    )
    screenshot(page, "explorer-presenter", full_page=False)
    # A shared presenter link opens in presenter mode, sidebar collapsed.
    page.goto(page.url)
    page.wait_for_selector(X_TICKS, state="attached")
    wait_idle(page)
    size = page.eval_on_selector(X_TICKS, "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size > 1.3 * normal
    assert page.locator("[data-testid='stSidebar'][data-collapsed='true']").count() == 1


def test_server_log_has_no_traceback(server):
    """Runs last in this module: nothing above made the app log an unexpected error."""
    log = server.log_text()
    assert "Traceback" not in log, log[-3000:]
