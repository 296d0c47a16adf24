"""Lessons as data (explorer/lessons): every shipped lesson loads and fits its models; a broken
file is one clear error naming the file, the part and the field; checks are graded from the
trace (change the model or the sentence and the answer follows); the exit ticket says what was
answered."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import numpy as np
import pytest

from attention_core import decode
from attention_core.checkpoint import load
from explorer import lessons
from explorer.lessons import Check, LessonError, checks, ticket
from explorer.player import panels
from explorer.strings import STRINGS, tr
from support.translators import make_translator

ROOT = Path(__file__).resolve().parents[1]
CHECKPOINTS = ROOT / "checkpoints"
MODELS = {p.name: p.name.split("-")[0].replace("fra", "fra-eng") for p in CHECKPOINTS.iterdir()}
MODELS = {name: ("dates" if name.startswith("dates") else "fra-eng") for name in MODELS}
SHIPPED = sorted(lessons.HERE.glob("*.*.toml"))
_LOADED: dict = {}


def _model(name: str):
    if name not in _LOADED:
        _LOADED[name] = load(CHECKPOINTS / name)
    return _LOADED[name]


# ----- the shipped lessons --------------------------------------------------------------------


def test_the_shipped_lessons_are_there_in_both_languages():
    found = lessons.available()
    assert set(found) >= {"attention", "dates"}
    for lesson_id, files in found.items():
        assert set(files) == {"en", "ko"}, lesson_id
    assert len(lessons.load(found["attention"]["en"]).steps) == 12
    assert 5 <= len(lessons.load(found["dates"]["en"]).steps) <= 6


def test_the_panels_a_lesson_may_name_are_the_players():
    assert set(lessons.PANELS) == set(panels.REGISTRY) - {"context"} | {"heatmap"}


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_part_fits_its_model_and_has_a_right_answer(path):
    lesson = lessons.load(path, MODELS)
    for n, part in enumerate(lesson.steps, start=1):
        trace = decode(_model(part.model), part.sentence)
        lessons.check_decoded(lesson, n, len(trace.steps))  # the step exists
        if part.check is None:
            continue
        needs = checks.needs_attention(part.check)
        assert not (needs and trace.attention_matrix is None), (path.name, n)
        run = lambda o, p=part: decode(_model(p.model), p.sentence, overrides=o)  # noqa: E731
        answer = checks.answer(part.check, trace, part.step - 1, run)
        assert checks.grade(part.check, answer, answer.right), (path.name, n)
        if part.check.kind in ("most_weight", "next_token", "choice"):
            assert answer.right in answer.options, (path.name, n)
        for key in (answer.why, *[f"lesson_problem_{c}" for c in ("missing",)]):
            assert key in STRINGS["en"] and key in STRINGS["ko"]


def test_both_languages_teach_the_same_lesson():
    """The same models, sentences, steps, panels and checks: only the words differ."""
    for files in lessons.available().values():
        en, ko = (lessons.load(files[lang]) for lang in ("en", "ko"))
        assert len(en.steps) == len(ko.steps)
        for a, b in zip(en.steps, ko.steps):
            same = ("task", "model", "sentence", "step", "panel", "own_sentence", "compare")
            assert [getattr(a, f) for f in same] == [getattr(b, f) for f in same]
            assert (a.check is None) == (b.check is None)
            if a.check:
                keep = ("kind", "quantity", "tolerance", "position", "fact")
                assert [getattr(a.check, f) for f in keep] == [getattr(b.check, f) for f in keep]
                assert [k for k, _ in a.check.options] == [k for k, _ in b.check.options]


def _glossary():
    spec = importlib.util.spec_from_file_location(
        "glossary_checks", ROOT / "tests" / "test_glossary.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_lesson_texts_keep_the_glossary_register_and_citations(lang):
    glossary = _glossary()
    texts = {}
    for files in lessons.available().values():
        lesson = lessons.load(files[lang])
        texts[f"{lesson.file}:summary"] = lesson.summary
        for n, part in enumerate(lesson.steps, 1):
            texts[f"{lesson.file}:{n}:text"] = part.text
            texts[f"{lesson.file}:{n}:teacher"] = part.teacher
            if part.check:
                texts[f"{lesson.file}:{n}:question"] = part.check.question
    assert glossary._violations(texts, lang) == []
    if lang == "ko":
        assert glossary._register(texts) == []
    cite = glossary.GLOSSARY["citations"]
    odd = [
        (key, m.group(0))
        for key, text in texts.items()
        for m in re.finditer(cite["pattern"], text)
        if not re.fullmatch(cite["style"], m.group(0))
    ]
    assert odd == []


# ----- broken files: one clear error each --------------------------------------------------------

GOOD = """
[lesson]
title = "T"
summary = "S"

[[steps]]
title = "One"
task = "dates"
model = "dates-dot"
sentence = "5 mars 2024"
step = 2
panel = "weights"
text = "Text."
[steps.check]
kind = "most_weight"
question = "Where?"
"""


def _write(tmp_path, text: str, name: str = "x.en.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "step", "field", "code"),
    [
        (('panel = "weights"', ""), 1, "panel", "missing"),
        (('panel = "weights"', 'panel = "weight"'), 1, "panel", "unknown_panel"),
        (('model = "dates-dot"', 'model = "dates-nope"'), 1, "model", "unknown_model"),
        (('model = "dates-dot"', 'model = "fra-eng-dot"'), 1, "model", "task_mismatch"),
        (("step = 2", 'step = "2"'), 1, "step", "bad_type"),
        (("step = 2", "step = 0"), 1, "step", "bad_value"),
        (('text = "Text."', 'text = "Text."\ncolour = "red"'), 1, "colour", "unknown_field"),
        (('kind = "most_weight"', 'kind = "essay"'), 1, "check.kind", "unknown_check"),
        (('question = "Where?"', ""), 1, "check.question", "missing"),
        (
            ('kind = "most_weight"', 'kind = "number"\nquantity = "weight"'),
            1,
            "check.tolerance",
            "missing",
        ),
        (
            ('kind = "most_weight"', 'kind = "choice"\nfact = "luck"\noptions.a = "A"'),
            1,
            "check.fact",
            "unknown_fact",
        ),
        (
            ('kind = "most_weight"', 'kind = "choice"\nfact = "query_state"\noptions.s_t = "A"'),
            1,
            "check.options.s_prev",
            "missing",
        ),
        (('title = "T"', ""), None, "lesson.title", "missing"),
        (("[lesson]", "[lesson\n"), None, "file", "unreadable"),
    ],
)
def test_a_broken_lesson_is_one_error_naming_the_place(tmp_path, change, step, field, code):
    old, new = change
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(LessonError) as caught:
        lessons.load(path, MODELS)
    exc = caught.value
    assert (exc.file, exc.step, exc.field, exc.code) == ("x.en.toml", step, field, code)
    for lang in ("en", "ko"):  # the page says it in its language, with every field filled
        problem = tr(
            f"lesson_problem_{exc.code}", lang, **{k: str(v) for k, v in exc.fields.items()}
        )
        assert "{" not in problem and problem != f"lesson_problem_{exc.code}"


def test_a_decoder_step_past_the_end_is_an_error(tmp_path):
    lesson = lessons.load(_write(tmp_path, GOOD.replace("step = 2", "step = 40")), MODELS)
    trace = decode(_model("dates-dot"), lesson.steps[0].sentence)
    with pytest.raises(LessonError) as caught:
        lessons.check_decoded(lesson, 1, len(trace.steps))
    assert (caught.value.step, caught.value.field, caught.value.code) == (
        1,
        "step",
        "step_past_end",
    )
    lessons.check_decoded(lessons.load(_write(tmp_path, GOOD), MODELS), 1, len(trace.steps))


def test_the_good_file_loads_and_a_file_name_needs_a_language(tmp_path):
    lesson = lessons.load(_write(tmp_path, GOOD), MODELS)
    assert (lesson.id, lesson.lang, lesson.steps[0].check.kind) == ("x", "en", "most_weight")
    with pytest.raises(LessonError) as caught:
        lessons.load(_write(tmp_path, GOOD, "plain.toml"), MODELS)
    assert caught.value.code == "bad_name"


# ----- grading follows the trace -----------------------------------------------------------------


def _check(**fields) -> Check:
    return Check(question="?", **fields)


@pytest.mark.parametrize("kind", ["dot", "bahdanau", "general"])
def test_the_right_token_is_the_traces_largest_weight_whatever_the_sentence(kind):
    tr_ = make_translator(kind)
    check = _check(kind="most_weight")
    seen = set()
    for sentence in ("5 mars 2024", "Tuesday, March 5, 2024", "2024-03-05", "le 14 juillet 1789"):
        trace = decode(tr_, sentence)
        for k in range(len(trace.steps)):
            answer = checks.answer(check, trace, k)
            weights = trace.steps[k].weights
            assert weights[answer.right] == weights.max()
            assert checks.grade(check, answer, answer.right)
            wrong = int(np.argmin(weights))
            assert checks.grade(check, answer, wrong) == (weights[wrong] >= weights.max() - 1e-6)
            seen.add((sentence, answer.right))
    assert len({right for _, right in seen}) > 1  # the answer moves with the sentence


def test_next_token_number_and_choice_follow_the_trace():
    trace = decode(make_translator("dot"), "5 mars 2024")
    k = 0
    nxt = checks.answer(_check(kind="next_token"), trace, k)
    assert nxt.right == trace.steps[k].token and nxt.right in nxt.options
    assert nxt.options == tuple(sorted(nxt.options))  # not the model's ranking
    for quantity, value in (
        ("weight", float(trace.steps[k].weights.max())),
        ("score", float(trace.steps[k].scores[trace.steps[k].weights.argmax()])),
        ("probability", float(np.exp(trace.steps[k].log_prob))),
    ):
        check = _check(kind="number", quantity=quantity, tolerance=0.01)
        answer = checks.answer(check, trace, k)
        assert answer.right == pytest.approx(value)
        assert checks.grade(check, answer, value + 0.009)
        assert not checks.grade(check, answer, value + 0.02)
        assert not checks.grade(check, answer, "abc") and not checks.grade(check, answer, None)
    at = _check(kind="number", quantity="weight", tolerance=0.01, position=2)
    assert checks.answer(at, trace, k).right == pytest.approx(float(trace.steps[k].weights[1]))


def test_choice_facts_come_from_the_model():
    query = _check(kind="choice", fact="query_state", options=(("s_t", "a"), ("s_prev", "b")))
    same = _check(kind="choice", fact="same_context", options=(("yes", "a"), ("no", "b")))
    for kind, state, constant in (
        ("dot", "s_t", "no"),
        ("general", "s_t", "no"),
        ("bahdanau", "s_prev", "no"),
        ("none", None, "yes"),
    ):
        trace = decode(make_translator(kind), "5 mars 2024", prefix="2024-03-05")
        if state:
            assert checks.answer(query, trace, 0).right == state
        assert checks.answer(same, trace, 0).right == constant


def test_override_changes_decodes_again():
    tr_ = make_translator("dot")
    sentence = "5 mars 2024"
    trace = decode(tr_, sentence)
    check = _check(
        kind="choice", fact="override_changes", position=1, options=(("yes", "a"), ("no", "b"))
    )
    asked = []

    def run(overrides):
        asked.append(overrides)
        return decode(tr_, sentence, overrides=overrides)

    answer = checks.answer(check, trace, 0, run)
    ((step, weights),) = asked[0].items()
    assert step == 0 and weights[0] == 1.0 and sum(weights) == 1.0
    changed = decode(tr_, sentence, overrides={0: weights}).output_tokens != trace.output_tokens
    assert answer.right == ("yes" if changed else "no")


# ----- the exit ticket ---------------------------------------------------------------------------


def test_the_exit_ticket_says_what_was_answered(tmp_path):
    text = GOOD + GOOD[GOOD.index("[[steps]]") :].replace('title = "One"', 'title = "Two"')
    text += '\n[[steps]]\ntitle = "Three"\ntask = "dates"\nmodel = "dates-dot"\n'
    text += 'sentence = "x"\nstep = 1\npanel = "heatmap"\ntext = "No check."\n'
    lesson = lessons.load(_write(tmp_path, text), MODELS)
    hostile = "<script>alert(1)</script> | `x`"
    records = {
        1: {"given": hostile, "right": "5 (3)", "why": "because", "correct": False},
        2: {"given": "0.980", "right": "0.978", "why": "α = 0.978", "correct": True},
    }
    times = {1: 30.0, 2: 90.0, 3: 60.0}
    table = ticket.rows(lesson, records, times)
    assert [r["n"] for r in table] == [1, 2]  # part 3 has no check
    assert ticket.totals(table, times) == {"answered": 2, "right": 1, "total": 2, "minutes": "3.0"}
    for lang in ("en", "ko"):
        md = ticket.markdown(lesson, records, times, lang)
        assert (
            tr("lesson_ticket_total", lang, answered=2, right=1, total=2, minutes="3.0").split()[0]
            in md
        )
        assert "<script>" not in md and "\\<script\\>" in md and "\\|" in md
        assert md.count("\n| ") == 3  # the header and two rows
        page = ticket.page(lesson, records, times, lang)
        assert "<script>alert" not in page and "&lt;script&gt;" in page
        assert "default-src 'none'" in page and f'lang="{lang}"' in page
        assert tr("lesson_result_wrong", lang) in page and tr("lesson_result_right", lang) in page
    unanswered = ticket.rows(lesson, {}, {})
    assert ticket.totals(unanswered, {}) == {
        "answered": 0,
        "right": 0,
        "total": 2,
        "minutes": "0.0",
    }
