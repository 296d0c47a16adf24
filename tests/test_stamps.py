"""Translation stamps (explorer/stamps.py): which Korean strings are older than their English."""

from __future__ import annotations

import shutil

import pytest

from explorer import stamps
from explorer.strings import LANGUAGES, PLURALS, SOURCE_LANGUAGE, STRINGS, TEXTS, Plural

OTHERS = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]


@pytest.mark.parametrize("lang", OTHERS)
def test_no_translation_is_older_than_its_english(lang):
    old = stamps.stale(lang)
    assert not old, (
        f"{len(old)} {lang} strings are older than their English source: {old[:10]}. Review "
        f"them, then run: python -m explorer.stamps stamp --lang {lang} KEY ..."
    )


def test_editing_the_english_makes_only_that_translation_stale(monkeypatch):
    assert stamps.stale("ko") == []
    monkeypatch.setitem(STRINGS["en"], "step_label", "Decoder step (new wording)")
    assert stamps.stale("ko") == ["step_label"]


def test_editing_one_plural_form_makes_it_stale(monkeypatch):
    plural = PLURALS["en"]["oov_caption"]
    changed = Plural(plural.count, {**plural.forms, "one": plural.forms["one"] + " (new)"})
    monkeypatch.setitem(PLURALS["en"], "oov_caption", changed)
    assert stamps.stale("ko") == ["oov_caption"]


def test_a_new_key_without_a_stamp_is_stale():
    recorded = stamps.read_stamps("ko")
    del recorded["step_label"]
    assert stamps.stale("ko", recorded) == ["step_label"]


def test_stamping_records_today_and_refuses_unknown_keys(tmp_path, monkeypatch):
    (tmp_path / "ko").mkdir()
    shutil.copy(TEXTS / "ko" / stamps.STAMP_FILE, tmp_path / "ko" / stamps.STAMP_FILE)
    monkeypatch.setitem(STRINGS["en"], "step_label", "Decoder step (new wording)")
    assert "step_label" in stamps.stale("ko", stamps.read_stamps("ko", tmp_path))
    stamps.stamp("ko", ["step_label"], tmp_path)
    assert stamps.stale("ko", stamps.read_stamps("ko", tmp_path)) == []
    with pytest.raises(KeyError, match="no_such_key"):
        stamps.stamp("ko", ["no_such_key"], tmp_path)


def test_the_command_lists_stale_keys_and_fails(monkeypatch, capsys):
    assert stamps.main([]) == 0
    monkeypatch.setitem(STRINGS["en"], "next", "Onward")
    assert stamps.main(["list", "--lang", "ko"]) == 1
    out = capsys.readouterr().out
    assert "next\n    en: Onward\n    ko: " in out
