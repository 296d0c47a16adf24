"""The string table: complete in both languages, every key the code uses exists, every
InputError code the core can raise has a translated message."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from attention_core import InputError
from explorer.player import data as player_data
from explorer.strings import (
    ERROR_KEYS,
    KEY_MAPS,
    LANGUAGES,
    PLURALS,
    STRINGS,
    error_message,
    fold,
    plural_category,
    read_language,
    tr,
)

ROOT = Path(__file__).resolve().parents[1]
PAGES_DIR = ROOT / "explorer" / "pages"  # the page files (app.py lists them)
APP_FILES = [ROOT / "app.py", *sorted((ROOT / "explorer").rglob("*.py"))]  # pages and texts too
# Strings that are the same in both languages on purpose: formulas and names.
SAME_IN_BOTH = {
    "panel_output_dot",
    "panel_output_bahdanau",
    "panel_output_none",
    "panel_scores_caption_bahdanau",
}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_languages():
    assert LANGUAGES == ("en", "ko")


def test_every_key_exists_in_both_languages():
    assert set(STRINGS["en"]) == set(STRINGS["ko"])


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_empty_strings(lang):
    empty = [key for key, text in STRINGS[lang].items() if not text or not text.strip()]
    assert not empty


def test_korean_is_translated():
    same = {k for k in STRINGS["en"] if STRINGS["en"][k] == STRINGS["ko"][k]}
    assert same <= SAME_IN_BOTH
    hangul = re.compile(r"[\uac00-\ud7a3]")
    untranslated = [
        k for k, text in STRINGS["ko"].items() if k not in SAME_IN_BOTH and not hangul.search(text)
    ]
    # names and formulas aside, every Korean string has Korean in it
    assert set(untranslated) <= {
        "metric_bleu",
        "metric_chrf",
        "panel_query_proj",
        "panel_keys_proj",
    }


def test_format_fields_match_between_languages():
    for key, text in STRINGS["en"].items():
        assert _fields(text) == _fields(STRINGS["ko"][key]), key


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in APP_FILES:
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\btr\(\s*["']([A-Za-z0-9_\-]+)["']""", source))
        # the other branch of tr("a" if ... else "b", lang)
        used |= set(re.findall(r"""\belse\s+["']([a-z_]+)["']\s*,\s*lang""", source))
    used |= {key for mapping in KEY_MAPS for key in mapping.values()}
    used |= {"err_input_other", "kind_other", "task_other", "status_other"}
    assert used, "the scan found nothing"
    missing = sorted(key for key in used if key not in STRINGS["en"])
    assert not missing


def test_equation_captions_exist():
    import numpy as np

    from attention_core import decode
    from explorer.numbers import equations
    from support.translators import make_translator

    for kind in ("dot", "bahdanau", "none", "general"):
        trace = decode(make_translator(kind), "5 mars 2024", mode="forced", reference="2024-03-05")
        for key, _ in equations.step_equations(trace, 1):
            assert key in STRINGS["en"], key
        assert np.isfinite(trace.steps[1].query).all()


def _core_error_codes() -> set[str]:
    codes = set()
    # the modules the app calls (cli.py has one more code, for a command-line option)
    names = ("tasks.py", "options.py", "decoding.py", "beam.py", "trace.py", "checkpoint.py")
    for name in (*names, "tutorial.py"):
        path = ROOT / "attention_core" / name
        codes |= set(re.findall(r"InputError\(\s*\"([a-z_]+)\"", path.read_text(encoding="utf-8")))
    return codes


def test_every_input_error_code_has_a_message():
    codes = _core_error_codes()
    assert {"empty", "too_long", "too_many_tokens", "bad_beam", "empty_reference"} <= codes
    assert codes <= set(ERROR_KEYS)
    expected = {"empty", "too_long", "too_many_tokens", "not_text", "bad_beam"}
    expected |= {"empty_reference", "bad_override", "bad_mode", "target_too_long"}
    expected |= {"unknown_words"}  # the PyTorch tutorial's model has no unknown-word token
    assert set(ERROR_KEYS) == expected
    for key in ERROR_KEYS.values():
        for lang in LANGUAGES:
            assert STRINGS[lang][key]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_error_messages_use_the_params(lang):
    too_long = InputError("too_long", "...", length=10000, limit=1000)
    text = error_message(too_long, lang)
    assert "10,000" in text and "1,000" in text and "{" not in text
    tokens = error_message(InputError("too_many_tokens", "...", length=61, limit=60), lang)
    assert "61" in tokens and "60" in tokens
    assert "10" in error_message(InputError("bad_beam", "...", limit=10), lang)
    assert error_message(InputError("empty", "..."), lang) == STRINGS[lang]["err_empty"]
    assert error_message(InputError("brand_new", "..."), lang) == STRINGS[lang]["err_input_other"]


def test_real_core_errors_are_translated():
    from attention_core import decode
    from support.translators import make_translator

    tr_ = make_translator("dot")
    cases = {
        "": "err_empty",
        "x" * 10_000: "err_too_long",
        "1" * 49: "err_too_many_tokens",
    }
    for text, key in cases.items():
        with pytest.raises(InputError) as info:
            decode(tr_, text)
        assert ERROR_KEYS[info.value.code] == key
        assert "{" not in error_message(info.value, "ko")


def test_tr():
    assert tr("step_label", "ko") == "디코더 시점"
    assert tr("step_label", "fr") == tr("step_label", "en")  # unknown language: English
    assert tr("no_such_key", "en") == "no_such_key"
    assert tr("panels_title", "en", t=3) == "Inside step 3"
    assert tr("panels_title", "en", wrong=3) == STRINGS["en"]["panels_title"]  # never raises


def test_every_page_in_the_menu_has_a_title():
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    entries = re.findall(r"""\("([a-z]+)", "(page_[a-z]+)", """, source)
    assert ("explorer", "page_explorer") in entries
    present = [key for slug, key in entries if (PAGES_DIR / f"{slug}.py").is_file()]
    assert [key for key in present if key not in STRINGS["en"]] == []


def _formatted_keys() -> set[str]:
    """The keys the code formats with values: tr("key", lang, name=...), and the mapped ones."""
    call = re.compile(r"""\btr\(\s*["']([A-Za-z0-9_\-]+)["']\s*,\s*lang\s*,\s*\w+\s*=""")
    keys = set()
    for path in APP_FILES:
        keys |= set(call.findall(path.read_text(encoding="utf-8")))
    keys |= set(ERROR_KEYS.values()) | {"kind_other", "task_other"}
    keys |= set(player_data.FORMATTED_IN_BROWSER)  # the step player fills {t} in the browser
    keys |= {key for mapping in KEY_MAPS for key in mapping.values() if key.startswith("metric_")}
    return keys


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_strings_formatted_with_values_hold_no_latex_braces(lang):
    """str.format would read a LaTeX brace (s_{t-1}) as a field: such strings keep math plain."""
    keys = _formatted_keys()
    assert {"step_tokens", "guess_prompt", "beam_alpha_caption", "panels_title"} <= keys
    for key in keys:
        fields = _fields(STRINGS[lang][key])
        assert all(name.isidentifier() for name in fields), (key, fields)
        assert "$" not in STRINGS[lang][key] or not fields, key


def test_user_tokens_are_quoted_not_repr():
    """Tokens shown in messages are quoted typographically, not with Python's repr (!r)."""
    for lang in LANGUAGES:
        assert not [key for key, text in STRINGS[lang].items() if "!r}" in text]
    text = tr("step_tokens", "en", t=1, n=2, given="j'", chosen="ai")
    assert "“j'”" in text and "“ai”" in text


def test_folding_joins_wrapped_lines_and_keeps_paragraphs_and_list_items():
    assert fold("one\ntwo\n  three") == "one two three"
    wrapped = "\nfirst line\nwrapped\n\nsecond paragraph"
    assert fold(wrapped) == "first line wrapped\n\nsecond paragraph"
    assert fold("Two things:\n\n- a\n  long a\n- b") == "Two things:\n\n- a long a\n- b"
    assert fold(r"$s_t^\top h_i$ stays") == r"$s_t^\top h_i$ stays"  # literal strings: no escapes


def test_the_files_are_read_as_the_app_shows_them():
    """Every string survives being re-wrapped in its file: no double spaces or stray breaks."""
    for lang in LANGUAGES:
        for key, text in STRINGS[lang].items():
            assert text == text.strip() and "  " not in text and "\n\n\n" not in text, key
            assert fold(text) == text, key


def test_a_key_defined_in_two_files_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text('x = "one"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('x = "two"\n', encoding="utf-8")
    with pytest.raises(KeyError, match="redefines 'x'"):
        read_language(tmp_path)


def test_every_area_has_one_file_per_language():
    texts = ROOT / "explorer" / "texts"
    areas = {lang: sorted(p.name for p in (texts / lang).glob("[!_]*.toml")) for lang in LANGUAGES}
    assert len(areas["en"]) > 10 and all(names == areas["en"] for names in areas.values())
    for name in areas["en"]:  # the same keys in the same area, so a translator sees one file
        keys = [set(read_language_file(texts / lang / name)) for lang in LANGUAGES]
        assert all(k == keys[0] for k in keys), name


def read_language_file(path: Path) -> dict:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_plural_rules_agree_with_cldr(lang):
    """Our two-line rules against Babel's copy of the CLDR plural rules, for whole counts."""
    from babel import Locale

    rule = Locale.parse(lang).plural_form
    assert [plural_category(lang, n) for n in range(0, 1001)] == [rule(n) for n in range(0, 1001)]


def test_plural_strings_give_each_category_of_their_language():
    assert {"oov_caption", "notice_unk_output", "compare_need_two"} <= set(PLURALS["en"])
    assert set(PLURALS["en"]) == set(PLURALS["ko"])
    for lang in LANGUAGES:
        categories = {plural_category(lang, n) for n in range(0, 1001)}
        for key, plural in PLURALS[lang].items():
            assert set(plural.forms) == categories, (lang, key)
            assert plural.count == PLURALS["en"][key].count, key
            english = _fields(STRINGS["en"][key])
            assert all(_fields(text) == english for text in plural.forms.values()), (lang, key)
            assert plural.count in _fields(plural.forms["other"]), key


def test_tr_picks_the_plural_form():
    assert tr("oov_caption", "en", count=1).startswith("1 token is not")
    assert tr("oov_caption", "en", count=3).startswith("3 tokens are not")
    assert tr("compare_step_done", "en", t=4, n=1).endswith("after 1 step.")
    assert tr("compare_step_done", "en", t=4, n=2).endswith("after 2 steps.")
    assert "1개" in tr("oov_caption", "ko", count=1) and "3개" in tr("oov_caption", "ko", count=3)
    assert tr("oov_caption", "en") == STRINGS["en"]["oov_caption"]  # no count: the "other" form
