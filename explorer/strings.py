"""Every visible string of the app, in English and Korean, and the lookup ``tr``.

The texts are data: ``explorer/texts/<language>/<area>.toml``, read with the standard library's
tomllib (the format, plural forms and translation stamps: ``explorer/texts/README.md``). English
is the source language; ``explorer/stamps.py`` lists the translations older than their English.

Strings may hold Markdown and KaTeX (``$s_t$``): they are ours, never user text. Strings
formatted with values (``{t}``) hold no LaTeX braces. User tokens are never put in a string
that is rendered as Markdown; where one appears in a message (``step_tokens``) the page shows
it with ``st.text``.

Terms: one word per concept, the Korean course notes' where they have one (컨텍스트 벡터,
어텐션 스코어, t 시점, 닷-프로덕트 어텐션, 바다나우 어텐션, ...). The glossary
``explorer/texts/glossary.toml`` lists them with the synonyms no string may use, and
``tests/test_glossary.py`` checks every string against it. Model names come from the ``kind_*``
keys (``KIND_KEYS``); Korean is written in 합니다체, requests in -세요.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from attention_core.kinds import KINDS

TEXTS = Path(__file__).resolve().parent / "texts"
SOURCE_LANGUAGE = "en"


def fold(raw: str) -> str:
    """A TOML value as the app shows it: lines wrapped in the file join with one space; a blank
    line stays a paragraph break, and a line starting with "- " (a Markdown list item) stays on
    its own line. Leading and trailing blank space of each line is dropped."""
    lines = [line.strip() for line in raw.strip("\n").split("\n")]
    out = lines[0]
    for before, line in zip(lines, lines[1:]):
        if not line:
            out += "\n"
        elif not before or line.startswith("- "):
            out += "\n" + line
        else:
            out += " " + line
    return out


@dataclass(frozen=True)
class Plural:
    """A string with one form per CLDR plural category, chosen by the number in ``count``."""

    count: str  # the format field holding the number, e.g. "count" for "{count} tokens"
    forms: dict[str, str]  # category ("one", "other", ...) -> text


def plural_category(lang: str, n) -> str:
    """The CLDR plural category of ``n`` in ``lang`` (Unicode CLDR, "Language Plural Rules":
    English is "one" for exactly 1 written without decimals, else "other"; Korean has only
    "other"). ``tests/test_strings.py`` checks these against Babel's copy of CLDR."""
    if lang == "en" and isinstance(n, int) and abs(n) == 1:
        return "one"
    return "other"


def read_language(folder: Path) -> tuple[dict[str, str], dict[str, Plural]]:
    """One language's strings and plural forms, from every ``*.toml`` in ``folder``.

    Files starting with "_" are not strings (the translation stamps). A key defined in two files
    is an error: keys are global, so ``tr`` needs no area.
    """
    strings: dict[str, str] = {}
    plurals: dict[str, Plural] = {}
    where: dict[str, str] = {}
    for path in sorted(folder.glob("[!_]*.toml")):
        with path.open("rb") as handle:
            table = tomllib.load(handle)
        for key, value in table.items():
            if key in where:
                raise KeyError(f"{path.name} redefines {key!r} (already in {where[key]})")
            where[key] = path.name
            if isinstance(value, dict):  # a plural: count = "field", one = ..., other = ...
                forms = {cat: fold(text) for cat, text in value.items() if cat != "count"}
                plurals[key] = Plural(value["count"], forms)
                strings[key] = forms["other"]
            else:
                strings[key] = fold(value)
    return strings, plurals


def _languages() -> list[str]:
    names = [path.name for path in TEXTS.iterdir() if path.is_dir() and path.name[0] not in "._"]
    return sorted(names, key=lambda name: (name != SOURCE_LANGUAGE, name))


STRINGS: dict[str, dict[str, str]] = {}
PLURALS: dict[str, dict[str, Plural]] = {}
for _lang in _languages():
    STRINGS[_lang], PLURALS[_lang] = read_language(TEXTS / _lang)
LANGUAGES = tuple(STRINGS)

# InputError codes (attention_core/tasks.py, decoding.py) -> message keys; params fill them.
ERROR_KEYS = {
    "empty": "err_empty",
    "too_long": "err_too_long",
    "too_many_tokens": "err_too_many_tokens",
    "not_text": "err_not_text",
    "bad_beam": "err_bad_beam",
    "empty_reference": "err_empty_reference",
    "bad_override": "err_bad_override",
    "bad_mode": "err_bad_mode",
    "target_too_long": "err_target_too_long",
    "unknown_words": "err_unknown_words",
}
TASK_KEYS = {"dates": "task_dates", "fra-eng": "task_fra-eng", "tutorial": "task_tutorial"}
# What attention_core.tutorial_import finds wrong in uploaded files -> message keys. Their
# values (file and tensor names, shapes) come from the files: the page shows them as text.
UPLOAD_PROBLEM_KEYS = {
    code: f"yours_problem_{code}"
    for code in (
        "too_large",
        "pickle",
        "bad_json",
        "bad_safetensors",
        "two_files",
        "not_tutorial",
        "file_missing",
        "old_tutorial",
        "too_big",
        "tensor_missing",
        "tensor_unexpected",
        "tensor_shape",
        "tensor_not_finite",
        "settings_missing",
        "hidden_mismatch",
        "bad_max_length",
        "vocab_missing",
        "vocab_bad",
        "vocab_size",
    )
}
KIND_KEYS = {name: record.text("name") for name, record in KINDS.items()}
# every string key an attention kind names (panel titles, captions, equations)
KIND_TEXT_KEYS = {
    f"{name}.{slot}": key
    for name, record in KINDS.items()
    for slot, key in record.texts.items()
    if key
}
MODE_KEYS = {"greedy": "mode_greedy", "beam": "mode_beam", "forced": "mode_forced"}
METRIC_KEYS = {"exact_match": "metric_exact_match", "bleu": "metric_bleu", "chrf": "metric_chrf"}
TEST_METRIC_KEYS = {
    "exact_match": "metric_test_exact_match",
    "bleu": "metric_test_bleu",
    "chrf": "metric_test_chrf",
}
HYPOTHESIS_KEYS = {"finished": "status_finished", "pruned": "status_pruned", "cut": "status_cut"}
MODEL_STATUS_KEYS = {
    "ok": "model_status_ok",
    "missing": "model_status_missing",
    "broken": "model_status_broken",
}
KEY_MAPS = (
    ERROR_KEYS,
    TASK_KEYS,
    KIND_KEYS,
    MODE_KEYS,
    METRIC_KEYS,
    TEST_METRIC_KEYS,
    HYPOTHESIS_KEYS,
    MODEL_STATUS_KEYS,
    KIND_TEXT_KEYS,
    UPLOAD_PROBLEM_KEYS,
)


def tr(key: str, lang: str, **fmt) -> str:
    """The string ``key`` in ``lang`` (English if missing), formatted with ``fmt`` if given.

    A plural string takes the form for the number in its count field (``oov_caption`` with
    ``count=1`` reads "1 token is ...").
    """
    if not STRINGS.get(lang, {}).get(key):
        lang = SOURCE_LANGUAGE
    text = STRINGS[lang].get(key) or key
    plural = PLURALS[lang].get(key)
    if plural is not None and plural.count in fmt:
        text = plural.forms.get(plural_category(lang, fmt[plural.count]), text)
    if not fmt:
        return text
    try:
        return text.format(**fmt)
    except (KeyError, IndexError, ValueError):
        return text


def kind_label(kind: str, lang: str) -> str:
    """The name of an attention kind ("Dot-product attention (Luong)"), any kind included."""
    return tr(KIND_KEYS.get(kind, "kind_other"), lang, kind=kind)


def task_label(task: str, lang: str) -> str:
    return tr(TASK_KEYS.get(task, "task_other"), lang, task=task)


def error_message(exc, lang: str) -> str:
    """A translated message for an ``InputError``, filled with its params (limit, length)."""
    key = ERROR_KEYS.get(getattr(exc, "code", ""), "err_input_other")
    params = getattr(exc, "params", None) or {}
    return tr(key, lang, **params) if params else tr(key, lang)
