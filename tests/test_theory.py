"""explorer/content/theory.py: the outline's strings exist in both languages, links go to real
pages, formulas are well formed, and the scaled-dot note follows the checkpoint's config."""

from __future__ import annotations

import re
from pathlib import Path

from explorer.content import theory
from explorer.strings import STRINGS

ROOT = Path(__file__).resolve().parents[1]


def test_every_key_exists_in_both_languages():
    for lang in ("en", "ko"):
        missing = sorted(k for k in theory.text_keys() if k not in STRINGS[lang])
        assert not missing, (lang, missing)


def test_the_sections_cover_the_course_notes():
    names = [s.name for s in theory.SECTIONS]
    assert names[:4] == ["bottleneck", "qkv", "dot", "bahdanau"]
    dot = next(s for s in theory.SECTIONS if s.name == "dot")
    captions = [key for kind, key in dot.blocks if kind == "caption"]
    for step in ("scores", "distribution", "weights", "context", "concat", "output"):
        assert f"theory_dot_{step}" in captions
    assert all(s.links for s in theory.SECTIONS)


def test_links_name_pages_of_the_menu():
    menu = set(re.findall(r'\("([a-z]+)", "page_', (ROOT / "app.py").read_text(encoding="utf-8")))
    for section in theory.SECTIONS:
        for slug, _ in section.links:
            assert slug in menu and slug in theory.ICONS


def test_formulas_are_balanced_and_hold_no_words():
    for section in theory.SECTIONS:
        for kind, value in section.blocks:
            if kind == "latex":
                assert value.count("{") == value.count("}"), value
                assert value.count(r"\left") == value.count(r"\right"), value
                assert r"\text" not in value  # the same formula serves both languages


def test_scaled_note_follows_the_config():
    dot = {"model": {"attention": "dot", "scaled": True}}
    assert theory.scaled_note_key(dot) == "theory_dot_is_scaled"
    assert theory.scaled_note_key({"model": {"attention": "dot"}}) == "theory_dot_not_scaled"
    assert theory.scaled_note_key(None) is None
    assert theory.scaled_note_key({"model": {"attention": "bahdanau"}}) is None
