"""The beam-search and what-if pages in a real browser (Debian Chromium through Playwright).

Beam: a click on a node of the drawn search tree picks the best hypothesis through that node,
and the page then brings the step player, which now shows that hypothesis's attention matrix,
into view. What-if: putting
all of step 1's attention on one source token gives the translation that ``decode`` gives with
the same override, next to the original, with the step marked. Expected values come from the
shipped dates checkpoint decoded here in the test process.
"""

from __future__ import annotations

import pytest

from attention_core import decode
from attention_core.checkpoint import load
from explorer.content.examples import EXAMPLES, default_sentence
from explorer.figures import beam as bf
from explorer.figures import whatif as wf
from explorer.figures.style import token_text
from explorer.numbers import alignment
from explorer.strings import tr
from support.browser import BROWSER_TIMEOUT_S, screenshot, wait_idle
from support.marks import needs_browser
from support.server import ROOT

pytestmark = needs_browser

MODEL = ROOT / "checkpoints" / "dates-dot"
EXCEPTION = "[data-testid='stException']"
TREE = ".st-key-beam_tree"
X_TICKS = " .xaxislayer-above > g.xtick > text"


@pytest.fixture
def page(chromium, server):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
    yield page
    try:
        boxes = page.locator(EXCEPTION)
        assert boxes.count() == 0, boxes.first.inner_text()
    finally:
        context.close()


def _codes(page) -> list[str]:
    return [t.strip() for t in page.locator("[data-testid='stCode'] code").all_inner_texts()]


def _wait_code(page, text: str) -> None:
    page.wait_for_function(
        "want => [...document.querySelectorAll('[data-testid=stCode] code')]"
        "  .some(e => e.textContent.trim() === want)",
        arg=text,
    )
    wait_idle(page)


def test_clicking_a_tree_node_shows_its_hypothesis(page, server):
    sentence = default_sentence("dates")
    trace = decode(load(MODEL), sentence, mode="beam", beam=3)
    # A node on the second-best hypothesis's path that the best one does not go through.
    best = set(bf.path_ids(trace, trace.hypotheses[0].node))
    node = next(i for i in bf.path_ids(trace, trace.hypotheses[1].node) if i not in best)
    pick = bf.hypothesis_for_node(trace, node)
    assert pick is not None and pick > 0
    expected = bf.hypothesis_trace(trace, pick)
    x, y = bf.tree_layout(trace)[node]

    page.goto(f"{server.url}/beam?model=dates-dot&lang=en")
    page.locator(TREE + " .scatterlayer").wait_for(state="attached")
    wait_idle(page)
    _wait_code(page, trace.output_text)
    page.locator(TREE).scroll_into_view_if_needed()  # a mouse click needs it in the viewport
    # Where Plotly drew the node: its axes map data coordinates to pixels in the plot area.
    at = page.evaluate(
        """([sel, x, y]) => {
            const gd = document.querySelector(sel + ' .js-plotly-plot');
            const area = gd.querySelector('.nsewdrag').getBoundingClientRect();
            const l = gd._fullLayout;
            return [area.left + l.xaxis.l2p(x), area.top + l.yaxis.l2p(y)];
        }""",
        [TREE, x, y],
    )
    page.mouse.move(*at)
    page.mouse.click(*at)
    # The player, far above the tree, draws that hypothesis: one heatmap row per output token.
    tokens = [token_text(s.token) for s in expected.steps]
    page.wait_for_function(
        """want => JSON.stringify([...document.querySelectorAll(
             '.attn-heatmap .yaxislayer-above > g.ytick > text')].map(e => e.textContent))
           === JSON.stringify(want)""",
        arg=tokens,
    )
    wait_idle(page)
    # ... and comes into view by itself: its controls and matrix are on the screen now.
    page.wait_for_function(
        """() => { const r = document.querySelector('.attn-heatmap').getBoundingClientRect();
                   const c = document.querySelector('.attn-controls').getBoundingClientRect();
                   return c.top >= 0 && r.top < window.innerHeight; }"""
    )
    label = bf.hypothesis_labels(trace, "en")[pick]
    shown = page.eval_on_selector(
        ".st-key-beam_pick",
        "e => e.textContent + ' ' + [...e.querySelectorAll('input')].map(i => i.value).join(' ')",
    )
    assert label in shown, shown
    screenshot(page, "beam-picked-hypothesis")


def test_attending_elsewhere_changes_the_translation(page, server):
    sentence = default_sentence("dates")
    model = load(MODEL)
    original = decode(model, sentence)
    tokens = original.source_tokens
    # The first source position whose one-hot override at step 1 changes the output.
    for pos in range(len(tokens)):
        whatif = decode(model, sentence, overrides={0: wf.one_hot(len(tokens), pos)})
        if whatif.output_text != original.output_text:
            break
    else:
        pytest.skip("no single-token override at step 1 changes this sentence's translation")

    page.goto(f"{server.url}/whatif?model=dates-dot&lang=en")
    page.locator(".st-key-whatif_pos").wait_for()
    wait_idle(page)
    page.locator(".st-key-whatif_pos [role='combobox']").click()
    option = f"{pos + 1}: {token_text(tokens[pos])}"
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_function(  # the step player's second view: the what-if output
        """want => { const v = document.querySelectorAll('.attn-view')[1];
                     return v && [...v.querySelectorAll('.attn-sofar .attn-token')]
                       .map(e => e.textContent).filter(t => t !== '<eos>').join('') === want; }""",
        arg=whatif.output_text,
    )
    wait_idle(page)
    outputs = page.eval_on_selector_all(
        ".attn-view .attn-sofar",
        "els => els.map(v => [...v.querySelectorAll('.attn-token')].map(e => e.textContent)"
        "  .filter(t => t !== '<eos>').join(''))",
    )
    assert outputs == [original.output_text, whatif.output_text]
    d = alignment.first_difference(original, whatif)
    page.get_by_text(tr("whatif_diverge", "en", t=d + 1), exact=True).wait_for()
    page.wait_for_function("() => document.querySelectorAll('.attn-heatmap')[1]?._fullLayout")
    columns = page.eval_on_selector_all(
        ".attn-view:nth-child(2) .attn-heatmap" + X_TICKS, "els => els.map(e => e.textContent)"
    )
    assert columns == [token_text(t) for t in tokens]
    screenshot(page, "whatif-one-hot")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_what_if_step_moves_after_an_example(page, server, lang):
    """The what-if crash of issue 14: an example sentence, then the step slider one notch."""
    page.goto(f"{server.url}/whatif?model=dates-dot&lang={lang}")
    page.locator(".st-key-whatif_pos").wait_for()
    wait_idle(page)
    for n in (2, 5):  # two different examples: the token labels change twice
        sentence = EXAMPLES["dates"][n][0]
        button = page.get_by_role("button", name=sentence, exact=True)
        if not button.is_visible():  # the examples fold away (issue 13)
            page.locator(".st-key-whatif_examples summary").click()
        button.click()
        page.locator(".st-key-whatif_sentence-dates input").and_(
            page.locator(f"[value='{sentence}']")
        ).wait_for()
        wait_idle(page)
        page.wait_for_timeout(1000)  # the run that sets the new sentence's step has ended
        wait_idle(page)
        thumb = page.locator(".st-key-whatif_step input[type='range']")
        before = thumb.input_value()
        thumb.focus()  # one notch, whichever way there is room (it may open on the last step)
        last = before == thumb.get_attribute("max")
        page.keyboard.press("ArrowLeft" if last else "ArrowRight")
        page.wait_for_function(
            "([sel, was]) => document.querySelector(sel)?.value !== was",
            arg=[".st-key-whatif_step input[type='range']", before],
        )
        wait_idle(page)
        assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()
        page.locator(".st-key-whatif_pos [role='combobox']").wait_for()  # the picker is still there
    screenshot(page, f"whatif-after-example-{lang}")


def test_server_log_has_no_traceback(server):
    log = server.log_text()
    assert "Traceback" not in log, log[-3000:]
