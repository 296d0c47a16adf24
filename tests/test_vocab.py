import itertools

import pytest

from attention_core.vocab import EOS, PAD, SOS, SPECIALS, UNK, Vocab

SENTENCES = [
    ["b", "a", "c", "a"],
    ["d", "c", "b"],
    ["e", "a"],
    ["z", "y"],
]  # counts: a 3; b 2, c 2; d 1, e 1, y 1, z 1


def test_specials_come_first_with_fixed_ids():
    vocab = Vocab.build(SENTENCES)
    assert vocab.tokens[:4] == [PAD, SOS, EOS, UNK] == list(SPECIALS)
    assert (vocab.pad_id, vocab.sos_id, vocab.eos_id, vocab.unk_id) == (0, 1, 2, 3)
    for i, tok in enumerate(SPECIALS):
        assert vocab.index[tok] == i


def test_most_frequent_first_ties_broken_alphabetically():
    vocab = Vocab.build(SENTENCES)
    assert vocab.tokens[4:] == ["a", "b", "c", "d", "e", "y", "z"]


def test_build_is_deterministic_whatever_the_order():
    expected = Vocab.build(SENTENCES).tokens
    for perm in itertools.permutations(SENTENCES):
        shuffled = [list(reversed(s)) for s in perm]
        assert Vocab.build(shuffled).tokens == expected


def test_build_accepts_a_generator_and_ignores_specials_in_the_data():
    vocab = Vocab.build(iter([["x", PAD, UNK, "x", EOS]]))
    assert vocab.tokens == [*SPECIALS, "x"]


@pytest.mark.parametrize("max_size", [0, 1, 4, 5, 6, 8, 11, 50])
def test_max_size_includes_the_specials(max_size):
    vocab = Vocab.build(SENTENCES, max_size=max_size)
    full = Vocab.build(SENTENCES)
    assert len(vocab) == max(len(SPECIALS), min(max_size, len(full)))
    assert vocab.tokens == full.tokens[: len(vocab)]  # the most frequent survive


@pytest.mark.parametrize("min_freq, expected", [(1, 7), (2, 3), (3, 1), (4, 0)])
def test_min_freq(min_freq, expected):
    vocab = Vocab.build(SENTENCES, min_freq=min_freq)
    assert len(vocab) == len(SPECIALS) + expected
    counts = {"a": 3, "b": 2, "c": 2, "d": 1, "e": 1, "y": 1, "z": 1}
    assert all(counts[t] >= min_freq for t in vocab.tokens[4:])


def test_max_size_and_min_freq_together():
    vocab = Vocab.build(SENTENCES, max_size=6, min_freq=2)
    assert vocab.tokens == [*SPECIALS, "a", "b"]


def test_encode_unknown_tokens_map_to_unk():
    vocab = Vocab.build(SENTENCES)
    ids = vocab.encode(["a", "nope", "z", "", "A"])
    assert ids == [vocab.index["a"], vocab.unk_id, vocab.index["z"], vocab.unk_id, vocab.unk_id]
    assert "nope" not in vocab and "a" in vocab


def test_decode_inverts_encode_for_known_tokens():
    vocab = Vocab.build(SENTENCES)
    tokens = ["z", "a", "a", "c", EOS, PAD]
    assert vocab.decode(vocab.encode(tokens)) == tokens
    assert vocab.encode(vocab.decode(range(len(vocab)))) == list(range(len(vocab)))


def test_json_round_trip():
    vocab = Vocab.build(SENTENCES + [["é", "日本", "'s"]])
    data = vocab.to_json()
    assert isinstance(data, list) and all(isinstance(t, str) for t in data)
    again = Vocab.from_json(data)
    assert again.tokens == vocab.tokens
    assert again.index == vocab.index
    data.append("mutated")  # to_json hands out a copy
    assert "mutated" not in vocab


@pytest.mark.parametrize(
    "data",
    [
        ["a", *SPECIALS],
        list(SPECIALS[:3]),
        [SOS, PAD, EOS, UNK, "a"],
        [],
    ],
    ids=["specials-last", "specials-incomplete", "specials-misordered", "empty"],
)
def test_from_json_rejects_lists_not_starting_with_the_specials(data):
    with pytest.raises(ValueError, match="start with"):
        Vocab.from_json(data)


@pytest.mark.parametrize("data", [[*SPECIALS, "a", "b", "a"], [*SPECIALS, UNK]])
def test_from_json_rejects_duplicates(data):
    with pytest.raises(ValueError, match="duplicate"):
        Vocab.from_json(data)


@pytest.mark.parametrize(
    "data",
    [[*SPECIALS, 5], [*SPECIALS, None], [*SPECIALS, ["a"]], [*SPECIALS, b"a"]],
    ids=["int", "none", "list", "bytes"],
)
def test_from_json_rejects_non_string_items(data):
    with pytest.raises(ValueError, match="strings"):
        Vocab.from_json(data)


@pytest.mark.parametrize("data", [None, "abc", {"tokens": list(SPECIALS)}, tuple(SPECIALS), 3])
def test_from_json_rejects_non_lists(data):
    with pytest.raises(ValueError):
        Vocab.from_json(data)
