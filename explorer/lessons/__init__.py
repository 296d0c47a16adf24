"""Guided lessons as data: one TOML file per lesson and language (``<id>.<lang>.toml`` in this
folder; the format is in README.md here). Pure: no Streamlit, no torch.

``load`` reads and checks a file field by field; ``check_decoded`` checks what needs a model
(the decoder step exists). Every problem is one ``LessonError`` naming the file, the lesson
step and the field, with a code the app translates.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from attention_core.kinds import KINDS
from explorer.strings import fold

HERE = Path(__file__).resolve().parent
TASKS = ("fra-eng", "dates")
# What a lesson step may highlight: the attention matrix, or one panel of the step player, as
# the attention kinds' records name them (attention_core/kinds.py; explorer/player/panels/).
PANELS = (
    "heatmap",
    *dict.fromkeys(p for record in KINDS.values() for p in (*record.panels, *record.views)),
)
# Check kinds and the fields each takes (besides "kind" and "question").
CHECKS = {
    "most_weight": {"required": (), "optional": ()},
    "next_token": {"required": (), "optional": ()},
    "number": {"required": ("quantity", "tolerance"), "optional": ("position",)},
    "choice": {"required": ("fact", "options"), "optional": ("position",)},
}
QUANTITIES = ("weight", "score", "probability")
# Facts a multiple choice is graded by, and the answers each can give (the options' keys).
FACTS = {
    "query_state": ("s_t", "s_prev"),
    "same_context": ("yes", "no"),
    "override_changes": ("yes", "no"),
}
STEP_FIELDS = {
    "title": str,
    "text": str,
    "teacher": str,
    "task": str,
    "model": str,
    "sentence": str,
    "step": int,
    "panel": str,
    "own_sentence": bool,
    "compare": str,
    "check": dict,
}
OPTIONAL_STEP_FIELDS = {"teacher", "own_sentence", "compare", "check"}


class LessonError(ValueError):
    """A lesson file the app cannot use. ``code`` and ``fields`` let the app say it in the
    page's language; ``str()`` is the English."""

    def __init__(self, file: str, step: int | None, name: str, code: str, **fields):
        self.file, self.step, self.field, self.code, self.fields = file, step, name, code, fields
        where = f"{file}, step {step}" if step is not None else file
        super().__init__(f"{where}, field {name!r}: {code} {fields or ''}".strip())


@dataclass(frozen=True)
class Check:
    kind: str
    question: str
    quantity: str = ""
    tolerance: float = 0.0
    position: int | None = None  # 1-based source position; None: the most-weighted one
    fact: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (answer id, label)


@dataclass(frozen=True)
class LessonStep:
    title: str
    text: str
    task: str
    model: str
    sentence: str
    step: int  # the decoder step, 1-based
    panel: str
    teacher: str = ""
    own_sentence: bool = False
    compare: str = ""  # a second model beside the first, on the same cursor
    check: Check | None = None


@dataclass(frozen=True)
class Lesson:
    id: str
    lang: str
    title: str
    summary: str
    steps: tuple[LessonStep, ...] = field(default_factory=tuple)
    file: str = ""


def _check(file: str, n: int, raw: dict) -> Check:
    where = "check"
    kind = raw.get("kind")
    if kind not in CHECKS:
        raise LessonError(file, n, f"{where}.kind", "unknown_check", value=str(kind))
    spec = CHECKS[kind]
    allowed = {"kind", "question", *spec["required"], *spec["optional"]}
    for name in raw:
        if name not in allowed:
            raise LessonError(file, n, f"{where}.{name}", "unknown_field")
    for name in ("question", *spec["required"]):
        if name not in raw:
            raise LessonError(file, n, f"{where}.{name}", "missing")
    if not isinstance(raw["question"], str) or not raw["question"].strip():
        raise LessonError(file, n, f"{where}.question", "bad_type", type="text")
    values: dict = {"kind": kind, "question": fold(raw["question"])}
    if "position" in raw:
        if not isinstance(raw["position"], int) or isinstance(raw["position"], bool):
            raise LessonError(file, n, f"{where}.position", "bad_type", type="whole number")
        if raw["position"] < 1:
            raise LessonError(file, n, f"{where}.position", "bad_value", value=raw["position"])
        values["position"] = raw["position"]
    if kind == "number":
        if raw["quantity"] not in QUANTITIES:
            raise LessonError(file, n, f"{where}.quantity", "bad_value", value=raw["quantity"])
        tolerance = raw["tolerance"]
        if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)):
            raise LessonError(file, n, f"{where}.tolerance", "bad_type", type="number")
        if not 0 < tolerance < 1:
            raise LessonError(file, n, f"{where}.tolerance", "bad_value", value=tolerance)
        values.update(quantity=raw["quantity"], tolerance=float(tolerance))
    if kind == "choice":
        fact = raw["fact"]
        if fact not in FACTS:
            raise LessonError(file, n, f"{where}.fact", "unknown_fact", value=str(fact))
        options = raw["options"]
        if not isinstance(options, dict) or not all(isinstance(v, str) for v in options.values()):
            raise LessonError(file, n, f"{where}.options", "bad_type", type="table of texts")
        missing = [a for a in FACTS[fact] if a not in options]
        if missing:
            raise LessonError(file, n, f"{where}.options.{missing[0]}", "missing")
        values.update(fact=fact, options=tuple((k, fold(v)) for k, v in options.items()))
    return Check(**values)


def _step(file: str, n: int, raw: dict, models: dict[str, str] | None) -> LessonStep:
    for name in raw:
        if name not in STEP_FIELDS:
            raise LessonError(file, n, name, "unknown_field")
    for name, kind in STEP_FIELDS.items():
        if name not in raw:
            if name in OPTIONAL_STEP_FIELDS:
                continue
            raise LessonError(file, n, name, "missing")
        value = raw[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise LessonError(file, n, name, "bad_type", type=kind.__name__)
        if kind is str and name != "teacher" and not value.strip():
            raise LessonError(file, n, name, "missing")
    if raw["task"] not in TASKS:
        raise LessonError(file, n, "task", "bad_value", value=raw["task"])
    if raw["panel"] not in PANELS:
        raise LessonError(file, n, "panel", "unknown_panel", value=raw["panel"])
    if raw["step"] < 1:
        raise LessonError(file, n, "step", "bad_value", value=raw["step"])
    if models is not None:
        for name in ("model", "compare"):
            if name not in raw:
                continue
            if raw[name] not in models:
                raise LessonError(file, n, name, "unknown_model", value=raw[name])
            if models[raw[name]] != raw["task"]:
                raise LessonError(file, n, name, "task_mismatch", value=raw[name])
    check = _check(file, n, raw["check"]) if "check" in raw else None
    text = {k: fold(raw[k]) for k in ("title", "text", "sentence")}
    return LessonStep(
        **text,
        task=raw["task"],
        model=raw["model"],
        step=raw["step"],
        panel=raw["panel"],
        teacher=fold(raw.get("teacher", "")) if raw.get("teacher", "").strip() else "",
        own_sentence=raw.get("own_sentence", False),
        compare=raw.get("compare", "").strip(),
        check=check,
    )


def load(path: Path, models: dict[str, str] | None = None) -> Lesson:
    """The lesson in ``path``, checked; ``models`` (checkpoint name -> task), when given, are
    the models a step may name. Raises ``LessonError``."""
    path = Path(path)
    file = path.name
    stem, _, lang = path.stem.rpartition(".")
    if not stem or not lang:
        raise LessonError(file, None, "file name", "bad_name")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LessonError(file, None, "file", "unreadable", reason=str(exc)[:200]) from None
    head = raw.get("lesson")
    if not isinstance(head, dict):
        raise LessonError(file, None, "lesson", "missing")
    for name in ("title", "summary"):
        if not isinstance(head.get(name), str) or not head[name].strip():
            raise LessonError(file, None, f"lesson.{name}", "missing")
    steps = raw.get("steps")
    if not isinstance(steps, list) or not steps:
        raise LessonError(file, None, "steps", "missing")
    made = []
    for n, step in enumerate(steps, start=1):
        if not isinstance(step, dict):
            raise LessonError(file, n, "steps", "bad_type", type="table")
        made.append(_step(file, n, step, models))
    return Lesson(stem, lang, fold(head["title"]), fold(head["summary"]), tuple(made), file)


def check_decoded(lesson: Lesson, n: int, steps: int) -> None:
    """Lesson step ``n`` (1-based) against its decoding, which has ``steps`` decoder steps."""
    step = lesson.steps[n - 1]
    if step.step > steps:
        raise LessonError(lesson.file, n, "step", "step_past_end", value=step.step, steps=steps)


def available(folder: Path | None = None) -> dict[str, dict[str, Path]]:
    """Lesson id -> language -> file, for every ``<id>.<lang>.toml`` in ``folder`` (this
    package's folder unless given)."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(Path(folder or HERE).glob("*.*.toml")):
        stem, _, lang = path.stem.rpartition(".")
        found.setdefault(stem, {})[lang] = path
    return found
