"""Any text a user can type, through tokens -> trace -> figures, tables and equations.

Property-based (hypothesis): any Unicode (emoji and ZWJ sequences, right-to-left scripts and
bidi controls, zero-width and combining characters, control characters), very long words,
only punctuation, only unknown words, markup and template look-alikes, inputs around the caps.
Lone surrogates are left out: a browser cannot send them (Streamlit's messages are UTF-8).
Tiny random models (conftest.make_translator) for both tasks and the kinds dot/bahdanau/none.

Invariants: the input is either refused with an ``InputError`` whose code is the one the caps
predict and which ``explorer.strings.error_message`` translates in both languages, or it gives
a trace where every step's weights are a distribution over the source tokens (sum 1); every
figure has one column per source token, and no token reaches Plotly unescaped.

Volume: 5,000 + 5,000 inputs through text -> tokens -> trace (both tasks), and 1,200 more
through the whole chain to figures, tables and equations (~60 ms per example for the figures
alone, so 10,000 there would take ten minutes). Measured for the whole file: 76 s on one thread
(2-core machine with two trainings running beside it).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import string
from functools import cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from attention_core import MAX_BEAM, MAX_INPUT_CHARS, InputError, Trace, decode
from attention_core.vocab import EOS, SOS
from explorer.figures import sentence, style, tables
from explorer.figures.plain import as_go
from explorer.numbers import equations, inputs
from explorer.player.panels import REGISTRY, panels_of
from explorer.strings import ERROR_KEYS, error_message, tr
from support.translators import FRA_ENG_WORDS, make_translator

KINDS = ("dot", "bahdanau", "none")
DECODE_EXAMPLES = 5_000  # per task
FIGURE_EXAMPLES = 1_000
SETTINGS = dict(
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree; failures print their seed
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NASTY = [
    # emoji, ZWJ sequences, flags, skin tones, variation selectors
    "😀",
    "👨‍👩‍👧‍👦",
    "🇰🇷",
    "👍🏽",
    "❤️",
    "\U0001f600" * 3,
    # right-to-left scripts and bidi controls
    "שלום",
    "مرحبا",
    "\u202eabc\u202c",
    "\u200f",
    "\u200e",
    "\u2067x\u2069",
    # zero-width, BOM, soft hyphen, combining marks (alone, stacked, on digits)
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "e\u0301",
    "\u0301",
    "Z\u0334\u0321\u0322\u0327",
    "5\u20e3",
    "\u0e01\u0e49",
    # control characters and unusual whitespace
    "\x00",
    "\x07",
    "\x1b[31m",
    "\t",
    "\n",
    "\r\n",
    "\x85",
    "\u2028",
    "\u2029",
    "\xa0",
    "\u202f",
    "\u3000",
    "\x7f",
    # markup, entities, specials of the vocabulary
    "<b>x</b>",
    "<script>alert(1)</script>",
    '<a href="https://example.com">y</a>',
    "&amp;",
    "&lt;",
    "&#60;",
    "<unk>",
    "<eos>",
    "<pad>",
    "<sos>",
    "<",
    ">",
    "&",
    "<br>",
    "</span>",
    # Markdown, LaTeX, Plotly templates, format strings, CSV formulas
    "$x^2$",
    "\\(a\\)",
    "**b**",
    "_i_",
    "`c`",
    "# h",
    "%{x}",
    "%{customdata[0]}",
    "{0}",
    "{lang}",
    "%s",
    "=1+1",
    "+1",
    "-",
    "@SUM(A1)",
    # quotes, dashes, CJK and other scripts, dates in many forms
    "'",
    "’",
    "«",
    "»",
    "—",
    "…",
    "화요일",
    "2024年3月5日",
    "Dienstag",
    "mardi",
    "ß",
    "İ",
    "Tuesday, March 5, 2024",
    "5 mars 2024",
    "05.03.24",
    "2024-03-05",
    "the the the",
]

_any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
_words = st.sampled_from(FRA_ENG_WORDS + ["Tuesday", "March", "5", "2024", ","])
_joined = st.lists(st.one_of(st.sampled_from(NASTY), _words, _any_text), max_size=14)
TEXT = st.one_of(
    _any_text,
    _joined.map("".join),
    _joined.map(" ".join),
    st.text(string.punctuation + "¡¿«»—…·、。", min_size=1, max_size=40),  # only punctuation
    st.lists(  # only unknown words (letters of other scripts)
        st.text(st.characters(categories=("Lo", "Lm")), min_size=1, max_size=12), max_size=10
    ).map(" ".join),
    st.builds(  # very long words, and lengths around the 1,000-character cap
        lambda piece, n: piece * n,
        st.sampled_from(["a", "x", "é", "😀", "ab ", "<b>", "\u200b", "5", "e\u0301"]),
        st.integers(1, 1100),
    ),
    st.builds(
        lambda d, fmt: d.strftime(fmt),
        st.dates(),
        st.sampled_from(["%A, %B %d, %Y", "%d.%m.%y", "%Y-%m-%d", "%d %b %Y", "%m/%d/%Y"]),
    ),
)


@cache
def translator(task: str, kind: str):
    return make_translator(kind, task=task)


def expected_error(task, text: str, mode: str, reference: str) -> str | None:
    """The refusal the caps predict, from the task's own tokenizer (decode must agree)."""
    if len(text) > MAX_INPUT_CHARS:
        return "too_long"
    tokens = task.tokenize_source(text)
    if not tokens:
        return "empty"
    if len(tokens) > task.max_source_tokens:
        return "too_many_tokens"
    if mode == "forced":
        target = task.tokenize_target(reference)
        if not target:
            return "empty_reference"
        if len(target) > task.max_target_tokens - 1:  # room is left for <eos>
            return "target_too_long"
    return None


def check_error(exc: InputError) -> None:
    assert exc.code in ERROR_KEYS, exc.code
    for lang in ("en", "ko"):
        message = error_message(exc, lang)
        assert message and "{" not in message, message  # every format field was filled
        assert message != tr("err_input_other", lang)


def check_trace(tr_, trace: Trace, text: str, mode: str, reference: str) -> None:
    task, kind = tr_.task, tr_.attention
    mark = task.final_mark(text)  # decoding adds the final "." an English sentence lacks
    assert trace.added_mark == mark
    tokens = task.source_tokens(text) + ([mark] if mark else [])
    S, H = len(tokens), tr_.model.config.hidden
    assert trace.source_tokens == tokens
    assert trace.source_oov == [i == tr_.src_vocab.unk_id for i in tr_.src_vocab.encode(tokens)]
    assert trace.keys.shape == (S, H) and np.isfinite(trace.keys).all()
    limit = task.max_output(S)
    if mode == "forced":
        forced = tr_.tgt_vocab.decode(tr_.tgt_vocab.encode(task.tokenize_target(reference)))
        assert [s.token for s in trace.steps] == forced + [EOS]
        limit = max(limit, len(forced) + 1)
    assert 1 <= len(trace.steps) <= limit
    assert len(trace.output_tokens) in (len(trace.steps), len(trace.steps) - 1)
    for t, step in enumerate(trace.steps):
        assert step.input_token == (SOS if t == 0 else trace.steps[t - 1].token)
        probs = [p for _, p in step.top_k]
        assert probs == sorted(probs, reverse=True) and 0 <= probs[-1] <= probs[0] <= 1
        for name in ("query", "context", "state", "output_input"):
            value = getattr(step, name)
            assert value.shape == (H,) and np.isfinite(value).all(), name
        if kind == "none":
            assert step.weights is None and step.scores is None
            np.testing.assert_allclose(step.context, trace.steps[0].context, atol=1e-6)
        else:
            w = step.weights.astype(np.float64)
            assert w.shape == step.scores.shape == (S,)
            assert np.isfinite(step.scores).all() and (w >= 0).all()
            assert abs(w.sum() - 1.0) < 1e-5, w.sum()
    if mode == "beam":
        assert trace.hypotheses and all(np.isfinite(h.score) for h in trace.hypotheses)
    if kind != "none":
        assert trace.attention_matrix.shape == (len(trace.steps), S)
    assert 0.0 <= inputs.unknown_share(trace) <= 1.0


def _event(name: str) -> None:
    """Counted in ``pytest --hypothesis-show-statistics`` (which inputs were refused, how)."""
    if currently_in_test_context():
        event(name)


def run(task_name: str, kind: str, text: str, mode: str, beam: int, reference: str):
    """Decode as the app does; returns the trace, or None after checking the refusal."""
    tr_ = translator(task_name, kind)
    inputs.has_content(text), inputs.looks_like_markup(text)  # the app's own checks: no crash
    want = expected_error(tr_.task, text, mode, reference)
    try:
        trace = decode(tr_, text, mode=mode, beam=beam, reference=reference)
    except InputError as exc:
        assert exc.code == want, (exc.code, want, str(exc))
        check_error(exc)
        _event(f"refused: {exc.code}")
        return None
    assert want is None, (want, text)
    check_trace(tr_, trace, text, mode, reference)
    _event(f"trace: {mode}, {'some' if any(trace.source_oov) else 'no'} unknown tokens")
    return trace


MODE = st.one_of(
    st.just(("greedy", 1)),
    st.tuples(st.just("beam"), st.integers(1, 4)),
    st.tuples(st.just("forced"), st.just(1)),
)
REFERENCE = st.one_of(
    st.just("2024-03-05"), st.just("je vois le chat ."), _any_text, _joined.map(" ".join)
)


@pytest.mark.parametrize("task", ("dates", "fra-eng"))
@settings(max_examples=DECODE_EXAMPLES, **SETTINGS)
@given(text=TEXT, kind=st.sampled_from(KINDS), mode=MODE, reference=REFERENCE)
def test_any_text_gives_a_trace_or_a_clear_refusal(task, text, kind, mode, reference):
    run(task, kind, text, mode[0], mode[1], reference)


# ----- figures, tables, equations -----------------------------------------------------------

# The app's own markup in figures: the unknown-token colour, subscripts, hover line breaks.
APP_MARKUP = re.compile(
    rf'<span style="color:{style.HIGHLIGHT}">|</span>|</?sub>|<br>|<extra></extra>'
)
ENTITY = re.compile(r"&(amp|lt|gt);")
UNESCAPED = re.compile(r"[<>]|&(?!(amp|lt|gt);)")


def _strings(value, path=""):
    """Every string in a Plotly figure spec, with where it is (the theme template left out)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if path == "layout" and key == "template":
                continue
            yield from _strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list | tuple):
        if value and isinstance(value[0], int | float):
            return  # numbers (z values, positions)
        for item in value:
            yield from _strings(item, path)


def _plain_labels(labels) -> list[str]:
    return [re.sub(r'^<span style="[^"]*">(.*)</span>$', r"\1", label) for label in labels]


def check_no_raw_markup(fig, name: str) -> None:
    for where, text in _strings(fig.to_plotly_json()):
        rest = APP_MARKUP.sub("", text)
        bad = UNESCAPED.search(rest)
        assert bad is None, (name, where, text[:200])


def check_figures(trace: Trace, t: int, lang: str, panels=None) -> None:
    """The heatmap, and the step figures named in ``panels`` (default: all, and the timeline)."""
    S, T = len(trace.source_tokens), len(trace.steps)
    escaped = [style.token_html(tok) for tok in trace.source_tokens]
    assert all("<" not in label for label in escaped)
    heat = as_go(sentence.attention_heatmap(trace, t, lang))
    if trace.attention_matrix is not None:  # one column per source token, repeats included
        assert list(heat.layout.xaxis.tickvals) == list(range(S))
        assert _plain_labels(heat.layout.xaxis.ticktext) == escaped
        assert np.shape(heat.data[0].z) == (T, S)
        assert [cell[0] for cell in heat.data[0].customdata[0]] == escaped
    else:  # the no-attention model draws its contexts; the keys figure has a row per token
        keys = as_go(REGISTRY["keys"].figure(trace, t, lang))
        assert list(keys.layout.yaxis.tickvals) == list(range(S))
        assert _plain_labels(keys.layout.yaxis.ticktext) == escaped
    assert len(heat.layout.yaxis.tickvals) == T  # one row per step, repeated outputs included
    assert list(heat.layout.yaxis.ticktext) == [style.token_html(s.token) for s in trace.steps]
    built = [("heatmap", heat)]
    if panels is None:  # the timeline shows no token: it depends on the kind and language only
        built.append(("timeline", as_go(sentence.timeline_figure(trace, t, lang))))
    names = [p.name for p in panels_of(trace)] if panels is None else panels
    built += [(name, as_go(REGISTRY[name].figure(trace, t, lang))) for name in names]
    for name, fig in built:
        check_no_raw_markup(fig, name)
        if name in ("scores", "weights"):
            assert list(fig.layout.xaxis.tickvals) == list(range(S)), name
            assert _plain_labels(fig.layout.xaxis.ticktext) == escaped, name


def check_tables(trace: Trace, t: int, lang: str, panels) -> None:
    """Tables show tokens as plain text (never escaped twice, never interpreted)."""
    S = len(trace.source_tokens)
    plain = [style.token_text(tok) for tok in trace.source_tokens]
    source = tables.source_table(trace, lang)
    assert source[tr("col_token", lang)].tolist() == plain
    frame = tables.attention_table(trace, lang)
    assert len(frame) == len(trace.steps)
    for name in panels:
        table = pd.DataFrame(REGISTRY[name].table(trace, t, lang))
        # the line view's table lists the lines drawn: none when every weight is too small
        assert len(table.columns) > 0 and (len(table) > 0 or name == "lines"), name
    if trace.mode == "beam":
        assert len(tables.hypotheses_table(trace, lang)) == len(trace.hypotheses)
    text = tables.attention_csv(trace)
    if trace.attention_matrix is None:
        assert text is None
        return
    assert len(frame.columns) == S + 2
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == len(trace.steps) + 1 and all(len(r) == S + 2 for r in rows)
    for cell in (c for row in rows for c in row):  # no spreadsheet formula survives
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
    np.testing.assert_allclose(
        np.array([[float(v) for v in row[2:]] for row in rows[1:]]),
        trace.attention_matrix,
        atol=1e-5,
    )


def _anonymous(trace: Trace) -> Trace:
    """The same numbers with every token replaced: what the equations must not notice."""
    steps = [
        dataclasses.replace(s, token="x", input_token="x", top_k=[("x", p) for _, p in s.top_k])
        for s in trace.steps
    ]
    return dataclasses.replace(
        trace, source_tokens=["x"] * len(trace.source_tokens), steps=steps, output_tokens=[]
    )


@settings(max_examples=FIGURE_EXAMPLES, **SETTINGS)
@given(
    text=TEXT,
    task=st.sampled_from(("dates", "fra-eng")),
    kind=st.sampled_from(KINDS),
    mode=MODE,
    lang=st.sampled_from(("en", "ko")),
    data=st.data(),
)
def test_any_text_draws_safely(text, task, kind, mode, lang, data):
    reference = "2024-03-05" if task == "dates" else "je vois le chat ."
    trace = run(task, kind, text, mode[0], mode[1], reference)
    assume(trace is not None)  # refusals are checked above; only drawn traces count here
    t = data.draw(st.integers(0, len(trace.steps) - 1), label="step")
    # two of the step's figures (all of them: ~3x slower)
    names = [p.name for p in panels_of(trace)]
    panels = data.draw(st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True))
    check_figures(trace, t, lang, panels)
    check_tables(trace, t, lang, panels)
    latex = equations.step_equations(trace, t)
    assert latex == equations.step_equations(_anonymous(trace), t)  # numbers only, no tokens


# ----- the fixed hostile list, every model and mode -----------------------------------------


COMBOS = [
    (task, kind, mode)
    for task in ("dates", "fra-eng")
    for kind in KINDS
    for mode in (("greedy", 1), ("beam", MAX_BEAM), ("forced", 1))
]


def test_nasty_fragments():
    """Every fragment through every model and mode; the figures once per fragment."""
    texts = NASTY + [" ".join(NASTY), "".join(NASTY), "x" * 10_000, ""]
    for n, text in enumerate(texts):
        for m, (task, kind, mode) in enumerate(COMBOS):
            reference = "2024-03-05" if task == "dates" else "je vois le chat ."
            trace = run(task, kind, text, mode[0], mode[1], reference)
            if trace is not None and m == n % len(COMBOS):
                t, lang = len(trace.steps) - 1, ("en", "ko")[n % 2]
                check_figures(trace, t, lang)
                check_tables(trace, t, lang, [p.name for p in panels_of(trace)])
                again = Trace.from_json(trace.to_json())  # the JSON download keeps the tokens
                assert again.source_tokens == trace.source_tokens


@pytest.mark.parametrize("task", ("dates", "fra-eng"))
@pytest.mark.parametrize("how", ("forced", "prefix"))
def test_reference_and_prefix_are_capped(task, how):
    """Each forced token is a decoder step: a long reference must be refused, not decoded."""
    tr_ = translator(task, "dot")
    long = ("2" if task == "dates" else "chat ") * MAX_INPUT_CHARS
    with pytest.raises(InputError) as info:
        if how == "forced":
            decode(tr_, "5 mars 2024", mode="forced", reference=long)
        else:
            decode(tr_, "5 mars 2024", prefix=long)
    assert info.value.code == "target_too_long"
    check_error(info.value)
