import hashlib
from pathlib import Path

import pytest

from attention_core.tatoeba import (
    DataError,
    Pair,
    file_checksum,
    group_by_source,
    read_pairs,
    split_of,
    split_pairs,
)
from attention_core.text import count_words, normalize

CORPUS = Path(__file__).resolve().parents[2] / "shared/data/tatoeba-fra-eng/fra-eng.tsv"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_file(), reason=f"Tatoeba corpus not found at {CORPUS} (not shipped: CC-BY)"
)


def write(tmp_path, text, name="pairs.tsv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_two_and_three_columns(tmp_path):
    path = write(
        tmp_path,
        "\ufeffGo.\tVa !\n\nHi.\tSalut !\tCC-BY 2.0 (France) Attribution: tatoeba.org #1\r\n"
        "Run!\tCours !\textra\tcols\n",
    )
    assert read_pairs(path) == [
        Pair("Go.", "Va !"),
        Pair("Hi.", "Salut !"),
        Pair("Run!", "Cours !"),
    ]


@pytest.mark.parametrize(
    "body, line, what",
    [
        ("Go.\tVa !\nno tab here\n", 2, "no tab"),
        ("Go.\tVa !\n\nHi.\t\n", 3, "empty French"),
        ("\tSalut\n", 1, "empty English"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path, body, line, what):
    path = write(tmp_path, body, name="broken.tsv")
    with pytest.raises(DataError, match=rf"broken\.tsv:{line}: .*{what}"):
        read_pairs(path)


def test_missing_file(tmp_path):
    path = tmp_path / "nope.tsv"
    with pytest.raises(DataError, match="file not found"):
        read_pairs(path)
    with pytest.raises(DataError, match="file not found"):
        file_checksum(path)


def test_not_utf8(tmp_path):
    path = write(tmp_path, "Café.\tCafé.\n", encoding="latin-1")
    with pytest.raises(DataError, match="not UTF-8"):
        read_pairs(path)


def test_checksum(tmp_path):
    empty = write(tmp_path, "", name="empty.tsv")
    assert file_checksum(empty) == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    # Larger than one read chunk, so the streaming loop runs more than once.
    big = write(tmp_path, "Go.\tVa !\n" * 300_000, name="big.tsv")
    assert file_checksum(big) == hashlib.sha256(big.read_bytes()).hexdigest()


def test_group_by_source_dedups_in_order():
    pairs = [
        Pair("Go.", "Va !"),
        Pair("Go.", "Marche."),
        Pair("go.", "Va !"),  # same normalised source, duplicate target
        Pair("Hi.", "Salut !"),
    ]
    assert group_by_source(pairs) == {"go.": ["Va !", "Marche."], "hi.": ["Salut !"]}


def test_split_of_is_deterministic_and_normalised():
    sentences = [f"Sentence number {i}." for i in range(3000)]
    first = [split_of(s) for s in sentences]
    assert first == [split_of(s) for s in sentences]
    assert set(first) == {"train", "valid", "test"}
    # Sentences the model cannot tell apart must share a split.
    assert all(split_of(s) == split_of(s.upper().replace(" ", "\u00a0 ")) for s in sentences[:200])
    # Roughly the requested proportions.
    assert 0.01 < first.count("test") / len(first) < 0.05
    assert all(split_of(s, valid_pct=0, test_pct=0) == "train" for s in sentences[:100])
    assert all(split_of(s, valid_pct=0, test_pct=100) == "test" for s in sentences[:100])
    with pytest.raises(ValueError):
        split_of("x", valid_pct=60, test_pct=50)


def test_split_pairs_never_shares_a_source():
    pairs = [Pair(f"Sentence {i % 700}.", f"Phrase {i}.") for i in range(2000)]
    pairs += [Pair(f"SENTENCE {i}.", "Autre.") for i in range(700)]
    splits = split_pairs(pairs)
    assert sorted(splits) == ["test", "train", "valid"]
    assert sum(len(v) for v in splits.values()) == len(pairs)
    seen = {}
    for name, items in splits.items():
        for p in items:
            assert seen.setdefault(normalize(p.source), name) == name


def test_split_pairs_keeps_file_order():
    pairs = [Pair(f"S{i}", f"T{i}") for i in range(500)]
    for items in split_pairs(pairs).values():
        assert items == sorted(items, key=lambda p: int(p.source[1:]))


@needs_corpus
def test_real_corpus():
    pairs = read_pairs(CORPUS)
    assert len(pairs) == 162_021
    groups = group_by_source(pairs)
    assert len(groups) > 100_000
    splits = split_pairs(pairs)
    sources = {name: {normalize(p.source) for p in items} for name, items in splits.items()}
    assert not sources["train"] & sources["test"]
    assert not sources["train"] & sources["valid"]
    assert not sources["valid"] & sources["test"]
    # The long-sentence bucket must be represented in test, however thinly.
    assert any(count_words(s) >= 21 for s in sources["test"])
