"""The step player in a real browser: stepping every way sends and receives no websocket frame,
and at every step the drawn values equal the trace's (decoded here in the test process).

Stepping: previous / next, the slider's keyboard, arrow keys and Home / End on the player, a
click on a row of the attention matrix, autoplay to the end. Then: a rerun caused by another
widget keeps the step, a new sentence starts at step 1, a new trace leaves no old timer.
"""

from __future__ import annotations

import numpy as np
import pytest

from attention_core import decode
from attention_core.checkpoint import load
from explorer.numbers import equations
from explorer.strings import tr
from support.browser import BROWSER_TIMEOUT_S, screenshot, step_line, wait_idle
from support.marks import needs_browser
from support.server import ROOT

pytestmark = needs_browser

MODEL = "fra-eng-bahdanau"
SENTENCE = "my grandmother used to tell us stories about the war when we were children ."
COUNTER = ".attn-counter"
HEATMAP = ".attn-heatmap"


@pytest.fixture
def frames():
    return {"sent": [], "received": []}


@pytest.fixture
def page(chromium, server, frames):
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)

    def watch(ws):
        ws.on("framesent", lambda payload: frames["sent"].append(len(payload)))
        ws.on("framereceived", lambda payload: frames["received"].append(len(payload)))

    page.on("websocket", watch)  # before the page opens its socket
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    try:
        assert errors == [], errors
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        context.close()


@pytest.fixture(scope="module")
def trace():
    return decode(load(ROOT / "checkpoints" / MODEL), SENTENCE)


def _step_line(trace, t: int) -> str:
    return step_line(trace, t)


def _open(page, server, sentence: str = SENTENCE) -> None:
    from urllib.parse import quote

    page.goto(f"{server.url}/?model={MODEL}&lang=en&sentence={quote(sentence)}")
    page.locator(COUNTER).wait_for()
    wait_idle(page)
    page.wait_for_function("sel => document.querySelector(sel)?._fullLayout", arg=HEATMAP)


def _wait_step(page, trace, t: int, panels=("weights",)) -> None:
    """Until step t is drawn: the words, the matrix, and the given panels (scrolled into view:
    the player draws a panel only on screen or near it)."""
    page.locator(COUNTER).filter(has_text=_step_line(trace, t)).wait_for()
    page.locator(f"{HEATMAP}[data-step='{t}']").wait_for(state="attached")
    for name in panels:
        box = page.locator(f".attn-panel[data-panel={name}]")
        box.scroll_into_view_if_needed()
        page.locator(f".attn-panel[data-panel={name}][data-step='{t}']").wait_for()


def _check_step(page, trace, t: int) -> None:
    """The drawn step equals the trace's step t: outline, weights, scores, equations."""
    _wait_step(page, trace, t, panels=("weights", "scores"))
    outline = page.eval_on_selector(
        HEATMAP, "gd => [gd.layout.shapes[0].y0, gd.layout.shapes[0].y1]"
    )
    assert outline == [t - 0.5, t + 0.5]
    weights = page.eval_on_selector(
        ".attn-panel[data-panel=weights] .js-plotly-plot", "gd => Array.from(gd.data[0].y)"
    )
    np.testing.assert_allclose(weights, trace.steps[t].weights, rtol=1e-5, atol=1e-6)
    scores = page.eval_on_selector(
        ".attn-panel[data-panel=scores] .js-plotly-plot", "gd => Array.from(gd.data[0].y)"
    )
    np.testing.assert_allclose(scores, trace.steps[t].scores, rtol=1e-5, atol=1e-5)
    latex = page.eval_on_selector_all(  # as written (a wide one is drawn on several lines)
        ".attn-equations .attn-math",
        "els => els.map(e => e.querySelector('.katex-display') && e.dataset.latex)",
    )
    assert latex == [eq for _, eq in equations.step_equations(trace, t)]


def test_stepping_every_way_sends_no_frame_and_draws_the_trace(page, server, frames, trace):
    n = len(trace.steps)
    _open(page, server)
    _wait_step(page, trace, 0)
    _check_step(page, trace, 0)
    page.wait_for_timeout(1500)  # let the page's own start-up messages finish
    frames["sent"].clear()
    frames["received"].clear()

    controls = page.locator(".attn-controls button")
    for t in range(1, 6):  # five "Next" clicks
        controls.filter(has_text=tr("next", "en")).click()
        _wait_step(page, trace, t)
        _check_step(page, trace, t)
    controls.filter(has_text=tr("previous", "en")).click()
    _wait_step(page, trace, 4)
    _check_step(page, trace, 4)
    page.locator(".attn-slider").press("End")  # the slider's own keys
    _wait_step(page, trace, n - 1)
    _check_step(page, trace, n - 1)
    page.locator(".attn-player-root").focus()
    page.keyboard.press("Home")
    _wait_step(page, trace, 0)
    page.keyboard.press("ArrowRight")
    _wait_step(page, trace, 1)
    _check_step(page, trace, 1)
    # a click on row 7 of the matrix (Plotly's own axis mapping finds its pixels)
    page.locator(HEATMAP).scroll_into_view_if_needed()
    at = page.eval_on_selector(
        HEATMAP,
        """gd => { const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
                   const l = gd._fullLayout;
                   return [box.left + l.xaxis.l2p(1), box.top + l.yaxis.l2p(6)]; }""",
    )
    page.mouse.click(*at)
    _wait_step(page, trace, 6)
    _check_step(page, trace, 6)
    # autoplay at 0.5 s a step, to the end; then it stops by itself
    page.locator(".attn-speed").select_option("0.5")
    controls.filter(has_text=tr("play_label", "en")).click()
    page.locator(COUNTER).filter(has_text=_step_line(trace, n - 1)).wait_for(
        timeout=(n * 0.5 + 10) * 1000
    )
    page.locator(".attn-play").filter(has_text=tr("play_label", "en")).wait_for()
    _check_step(page, trace, n - 1)
    assert page.evaluate("() => new URL(location.href).searchParams.get('step')") == str(n)
    assert frames == {"sent": [], "received": []}, "stepping reached the server"
    screenshot(page, "player-last-step", full_page=False)


def test_matrices_sent_in_compact_form_are_drawn_with_the_trace_values(page, server, trace):
    """The weighted values and the tanh layer output are computed in the browser from what the
    payload has (player_data's compact forms); drawn and in their tables, they are the trace's."""
    _open(page, server)
    page.locator(".attn-controls button").filter(has_text=tr("next", "en")).click()
    page.locator(".attn-controls button").filter(has_text=tr("next", "en")).click()
    t = 2
    _wait_step(page, trace, t, panels=("energies", "parts"))
    step = trace.steps[t]

    def z(name):
        return np.array(
            page.eval_on_selector(
                f".attn-panel[data-panel={name}] .js-plotly-plot",
                "gd => Array.from(gd.data[0].z, (row) => Array.from(row))",
            )
        )

    np.testing.assert_allclose(z("energies"), step.energies, rtol=0, atol=6e-8)
    parts = np.vstack([step.weights[:, None] * trace.keys, step.context[None, :]])
    np.testing.assert_allclose(z("parts"), parts, rtol=1e-6, atol=1e-7)
    box = page.locator(".attn-panel[data-panel=parts]")
    box.locator("summary").click()
    first_row = box.locator("table.attn-table tbody tr").first
    first_row.locator("td").first.wait_for()  # the table is filled when it is opened
    cells = first_row.locator("td").all_inner_texts()
    # row "unit 0": the unit, then α_i h_i[0] for each source token, then a_t[0]
    assert int(cells[0]) == 0
    np.testing.assert_allclose([float(c) for c in cells[1:]], parts[:, 0], rtol=1e-4, atol=1e-6)


def test_geometry_and_line_views_step_in_the_browser(page, server, frames, trace):
    """Issue 18: both views follow the step with no server message; pointing at a token in the
    line view brings out its lines."""
    from explorer.figures import geometry as gf
    from explorer.figures import lines as lf

    _open(page, server)
    page.wait_for_timeout(1500)
    frames["sent"].clear()
    frames["received"].clear()
    for _ in range(3):
        page.locator(".attn-controls button").filter(has_text=tr("next", "en")).click()
    t = 3
    _wait_step(page, trace, t, panels=("geometry", "geometry_additive", "lines"))
    g = gf.geometry_of(trace, "state")
    star = page.eval_on_selector(
        ".attn-panel[data-panel=geometry] .js-plotly-plot",
        "gd => [gd.data[3].x[0], gd.data[3].y[0]]",
    )
    np.testing.assert_allclose(star, g.contexts[t], rtol=1e-5, atol=1e-6)
    lines = ".attn-panel[data-panel=lines] .js-plotly-plot"
    shown = page.eval_on_selector(
        lines, "gd => gd.data.slice(2).filter(d => d.visible !== false).length"
    )
    assert shown == len(gf.geo.line_view(trace, t).lines)
    every = gf.geo.line_view(trace, None).lines
    drawn = [[k for k in ids if every[k - 2].output <= t] for ids in lf._lines_of(trace)["0"]]
    i = max(range(len(drawn)), key=lambda k: len(drawn[k]))  # most lines drawn at step t
    assert drawn[i]
    mine = {i: drawn[i]}
    at = page.eval_on_selector(
        lines,
        """(gd, i) => { const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
                        const l = gd._fullLayout;
                        return [box.left + l.xaxis.l2p(gd.data[0].x[i]),
                                box.top + l.yaxis.l2p(gd.data[0].y[i])]; }""",
        i,
    )
    page.mouse.move(*at)
    page.wait_for_function(
        "([sel, ids]) => { const gd = document.querySelector(sel);"
        "  return ids.every(k => gd.data[k].visible !== false && gd.data[k].opacity === 1); }",
        arg=[lines, mine[i]],
    )
    assert frames == {"sent": [], "received": []}, "stepping reached the server"


def test_another_widget_keeps_the_step_and_a_new_sentence_starts_over(page, server, trace):
    _open(page, server)
    controls = page.locator(".attn-controls button")
    for t in range(1, 4):
        controls.filter(has_text=tr("next", "en")).click()
        _wait_step(page, trace, t)
    page.locator(".st-key-present label").click()  # a rerun that redraws the player
    page.wait_for_function("() => /[?&]present=1(&|$)/.test(location.search)")
    wait_idle(page)
    _wait_step(page, trace, 3)
    _check_step(page, trace, 3)
    box = page.locator(".st-key-sentence-fra-eng input")
    box.fill("i am not afraid of the dark .")
    box.press("Enter")
    other = decode(load(ROOT / "checkpoints" / MODEL), "i am not afraid of the dark .")
    _wait_step(page, other, 0)
    _check_step(page, other, 0)


def test_a_new_trace_leaves_no_old_timer(page, server, trace):
    _open(page, server)
    page.locator(".attn-speed").select_option("0.5")
    page.locator(".attn-play").click()
    page.locator(COUNTER).filter(has_text=_step_line(trace, 2)).wait_for()
    box = page.locator(".st-key-sentence-fra-eng input")
    box.fill("i am not afraid of the dark .")
    box.press("Enter")
    other = decode(load(ROOT / "checkpoints" / MODEL), "i am not afraid of the dark .")
    _wait_step(page, other, 0)
    page.wait_for_timeout(1500)  # an old timer would have moved it by now
    assert page.locator(COUNTER).inner_text() == _step_line(other, 0)
    page.locator(".attn-play").click()  # one timer: about two steps a second, not four
    page.wait_for_timeout(2100)
    page.locator(".attn-play").click()
    reached = int(page.locator(".attn-slider").input_value())
    # one timer at 0.5 s from step 1: 4-5 after 2.1 s (3 on a loaded machine); two would be 8+
    assert 3 <= reached <= 6, reached


def test_compare_steps_both_models_on_one_cursor_without_the_server(page, server, frames):
    """Compare: both matrices and the difference figure follow one cursor, in the browser;
    the models and the sentence are in the URL."""
    from urllib.parse import quote

    sentence = "the cat sat on the mat ."
    page.goto(f"{server.url}/compare?model=fra-eng-dot&lang=en&sentence={quote(sentence)}")
    page.locator(COUNTER).wait_for()
    wait_idle(page)
    page.wait_for_function("() => document.querySelectorAll('.attn-heatmap').length === 2")
    params = page.evaluate("() => Object.fromEntries(new URL(location.href).searchParams)")
    assert (params["a"], params["b"], params["sentence"]) == ("dot", "bahdanau", sentence)
    page.wait_for_timeout(1500)
    frames["sent"].clear()
    frames["received"].clear()
    for t in range(1, 4):
        page.locator(".attn-controls button").filter(has_text=tr("next", "en")).click()
        page.wait_for_function(
            """t => [...document.querySelectorAll('.attn-heatmap')].every(
                 gd => gd.dataset.step === String(t) && gd.layout.shapes[0].y0 === t - 0.5)""",
            arg=t,
        )
    box = page.locator(".attn-panel[data-panel=difference]")
    box.scroll_into_view_if_needed()
    page.locator(".attn-panel[data-panel=difference][data-step='3']").wait_for()
    y0 = box.locator(".js-plotly-plot").evaluate("gd => gd.layout.shapes[0].y0")
    assert y0 == 2.5
    assert frames == {"sent": [], "received": []}, "stepping reached the server"
    screenshot(page, "compare-player", full_page=False)


def test_server_log_has_no_traceback(server):
    assert "Traceback" not in server.log_text(), server.log_text()[-3000:]


LINKED_PAGES = ["", "compare", "beam", "whatif"]  # every page with a step player


def _counter_step(page) -> int:
    """The step the player shows (1-based): its counter reads "Step t of n…" or "t / n"."""
    import re

    text = page.inner_text(COUNTER)
    return int(re.search(r"(\d+)", text).group(1))


@pytest.mark.parametrize("path", LINKED_PAGES)
def test_a_shared_links_step_wins_in_a_fresh_browser_and_in_the_same_tab(chromium, server, path):
    """Issue 25: `step=` was ignored (an empty sessionStorage read as step 1), and in the same
    tab the last step viewed beat the link."""
    from urllib.parse import quote

    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    sentence = quote("we have to leave now .")
    base = f"{server.url}/{path}?model=fra-eng-dot&lang=en&sentence={sentence}"
    try:
        page.goto(f"{base}&step=3")
        page.locator(COUNTER).wait_for()
        wait_idle(page)
        assert _counter_step(page) == 3
        page.wait_for_function("() => /[?&]step=3(&|$)/.test(location.search)")
        page.locator(".attn-controls button").filter(has_text=tr("next", "en")).click()
        page.wait_for_function("() => /[?&]step=4(&|$)/.test(location.search)")
        # the same tab, another link: the link wins over the step last viewed
        page.goto(f"{base}&step=2")
        page.locator(COUNTER).wait_for()
        wait_idle(page)
        assert _counter_step(page) == 2
        # past the end: clamped, and said
        page.goto(f"{base}&step=999")
        page.locator(COUNTER).wait_for()
        wait_idle(page)
        notice = page.locator("[data-testid='stAlert']").filter(
            has_text="The link asks for step 999"
        )
        assert notice.count() == 1
        n = int(notice.inner_text().split("steps 1 to ")[1].split(":")[0])
        assert _counter_step(page) == n
        page.goto(f"{base}&step=abc")
        page.locator(COUNTER).wait_for()
        wait_idle(page)
        assert page.get_by_text("not a whole number").count() == 1
        assert _counter_step(page) == 1
    finally:
        context.close()


def test_arrow_keys_step_without_a_click_and_another_model_keeps_the_step(page, server, frames):
    """Issue 25: the arrow keys needed a click on the player first, and flipping between models
    (dot <-> Bahdanau at step 6) went back to step 1."""
    from explorer.strings import kind_label

    _open(page, server)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    sent = len(frames["sent"])
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.locator(COUNTER).filter(has_text="Step 6 of").wait_for()
    assert len(frames["sent"]) == sent  # the keys stepped in the browser
    page.locator("[data-testid='stSidebar'] label").filter(has_text=kind_label("dot", "en")).click()
    page.wait_for_function("() => /[?&]model=fra-eng-dot(&|$)/.test(location.search)")
    wait_idle(page)
    other = decode(load(ROOT / "checkpoints" / "fra-eng-dot"), SENTENCE)
    page.locator(COUNTER).filter(has_text=_step_line(other, 5)).wait_for()


def test_guess_mode_keeps_the_matrix_and_its_colour_bar_at_step_one(page, server, trace):
    """Guess first: at step 1 every row is blank, yet the matrix keeps its size and colour
    bar (plotly.js drops the bar of a heatmap without one finite cell); the reveal fills the
    row with the trace's weights."""
    from urllib.parse import quote

    def drawn():
        return page.evaluate(
            """sel => { const gd = document.querySelector(sel);
                        const r = gd.querySelector('.nsewdrag').getBoundingClientRect();
                        return [gd.querySelectorAll('.colorbar').length, r.width, r.height]; }""",
            HEATMAP,
        )

    _open(page, server)
    shown = drawn()
    page.goto(f"{server.url}/?model={MODEL}&lang=en&guess=1&sentence={quote(SENTENCE)}")
    page.locator(".attn-guess button").wait_for()
    wait_idle(page)
    page.wait_for_function("sel => document.querySelector(sel)?._fullLayout", arg=HEATMAP)
    hidden = drawn()
    screenshot(page, "player-guess-step-1", full_page=False)
    assert hidden[0] == 1 and shown[0] == 1, (hidden, shown)
    # the same size within a "?" (a hidden row's label is its token, transparent, and "?")
    assert hidden[1:] == pytest.approx(shown[1:], abs=10), (hidden, shown)
    cells = "sel => document.querySelector(sel).querySelectorAll('.heatmaplayer text').length"
    assert page.evaluate(cells, HEATMAP) == 0  # no number of a hidden row is drawn
    page.locator(".attn-guess button").click()
    page.wait_for_function(f"sel => ({cells})(sel) === {len(trace.source_tokens)}", arg=HEATMAP)
    assert drawn() == hidden
