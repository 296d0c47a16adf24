"""data.py: length-bucketed batches, padding, length filters, evaluation sets and TSV pairs."""

import pytest
import torch

from attention_core import dates
from attention_core.data import (
    PROBES,
    EvalSet,
    batches,
    build_vocabs,
    collate,
    encode_pairs,
    group,
    read_tsv_pairs,
    subsample,
    task_splits,
)
from attention_core.tasks import get_task
from attention_core.tatoeba import DataError
from attention_core.vocab import SPECIALS, Vocab


def numbered_pairs(n: int):
    """Token-id pairs whose first source id (100 + i) names the pair; lengths vary."""
    return [([100 + i] + [5] * (i * 7 % 11), [6] * (1 + i % 4) + [200 + i]) for i in range(n)]


def pair_ids(batch) -> list[int]:
    src, lengths, tgt_in, tgt_out = batch
    return [int(x) - 100 for x in src[:, 0]]


def as_lists(batch_iter):
    return [[t.tolist() for t in b] for b in batch_iter]


# 230 pairs and batch_size 4: two pools of 200 and 30 (pool = 50 batches), uneven last batches
N, BS = 230, 4


@pytest.mark.parametrize("shuffle", [True, False])
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_batches_cover_every_pair_exactly_once(seed, shuffle):
    encoded = numbered_pairs(N)
    seen = []
    for batch in batches(encoded, BS, seed=seed, shuffle=shuffle):
        src, lengths, tgt_in, tgt_out = batch
        assert 1 <= src.size(0) <= BS
        for r, i in enumerate(pair_ids(batch)):
            s, t = encoded[i]
            assert src[r, : lengths[r]].tolist() == s  # the row is that pair, whole
            assert tgt_out[r, : len(t)].tolist() == t
        seen += pair_ids(batch)
    assert sorted(seen) == list(range(N))


def test_batches_are_deterministic_for_a_seed_and_differ_between_seeds():
    """Resuming inside an epoch skips the batches already done: the order must replay exactly."""
    encoded = numbered_pairs(N)
    first = as_lists(batches(encoded, BS, seed=3))
    assert as_lists(batches(encoded, BS, seed=3)) == first
    assert as_lists(batches(encoded, BS, seed=4)) != first
    # without shuffling the seed does not matter
    plain = as_lists(batches(encoded, BS, seed=3, shuffle=False))
    assert as_lists(batches(encoded, BS, seed=4, shuffle=False)) == plain


def test_batches_hold_similar_source_lengths():
    """Within one pool the batches are consecutive runs of the length-sorted pairs."""
    encoded = numbered_pairs(150)  # one pool
    spans = []
    for batch in batches(encoded, BS, seed=0):
        lengths = batch[1].tolist()
        spans.append((min(lengths), max(lengths)))
    spans.sort()
    assert all(hi <= next_lo for (_, hi), (next_lo, _) in zip(spans, spans[1:]))
    assert len(spans) == -(-150 // BS)  # only the last batch of the pool is short


def test_batches_without_shuffle_keep_pools_in_order_sorted_by_length():
    encoded = numbered_pairs(N)
    ids = [i for b in batches(encoded, BS, seed=0, shuffle=False) for i in pair_ids(b)]
    pool = BS * 50
    for start in range(0, N, pool):
        part = ids[start : start + pool]
        assert sorted(part) == list(range(start, min(start + pool, N)))  # pools never mix
        lengths = [len(encoded[i][0]) for i in part]
        assert lengths == sorted(lengths)


def test_collate_pads_with_zero_and_returns_real_lengths():
    items = [([4, 5, 6], [7]), ([8], [9, 10, 11]), ([12, 13], [14, 15])]
    src, lengths, tgt_in, tgt_out = collate(items)
    assert lengths.tolist() == [3, 1, 2]
    assert src.shape == (3, 3) and tgt_in.shape == tgt_out.shape == (3, 4)  # longest target + 1
    assert src.dtype == tgt_in.dtype == tgt_out.dtype == torch.long
    for r, (s, t) in enumerate(items):
        n = len(t) + 1
        assert src[r].tolist() == s + [0] * (3 - len(s))
        assert tgt_in[r].tolist() == [Vocab.sos_id, *t] + [0] * (4 - n)
        assert tgt_out[r].tolist() == [*t, Vocab.eos_id] + [0] * (4 - n)
        # teacher forcing: the input at step k+1 is the target of step k
        assert tgt_in[r, 1:n].tolist() == tgt_out[r, : n - 1].tolist()


def test_encode_pairs_drops_pairs_over_max_len_on_either_side():
    task = get_task("dates")  # characters are tokens: lengths are easy to read
    vocab = Vocab.build([list("0123456789-abc")])
    pairs = [
        ("abc", "1-2"),  # both exactly max_len: kept
        ("abcd", "1"),  # source too long
        ("a", "1-23"),  # target too long
        ("   ", "1"),  # empty source once cleaned
        ("b", "\t"),  # empty target once cleaned
        ("c  a", "z"),  # "c a" is 3 characters; z is unknown
    ]
    out = encode_pairs(task, pairs, vocab, vocab, max_len=3)
    assert out == [
        (vocab.encode(list("abc")), vocab.encode(list("1-2"))),
        (vocab.encode(list("c a")), [vocab.unk_id]),
    ]
    assert len(encode_pairs(task, pairs, vocab, vocab, max_len=4)) == 4  # the two long ones too


@pytest.mark.parametrize("total", [7, 10, 33, 100])
@pytest.mark.parametrize("n", [1, 3, 6])
def test_subsample_is_evenly_spread_and_keeps_sources_with_their_references(total, n):
    es = EvalSet([f"s{i}" for i in range(total)], [[f"r{i}", f"q{i}"] for i in range(total)])
    picked = subsample(es, n)
    idx = [int(s[1:]) for s in picked.sources]
    assert len(idx) == n and idx[0] == 0
    gaps = {b - a for a, b in zip(idx, idx[1:])} | {total - idx[-1]}
    assert gaps <= {total // n, -(-total // n)}  # even steps, the last one wrapping to the end
    assert picked.references == [[f"r{i}", f"q{i}"] for i in idx]
    assert subsample(es, n) == picked  # deterministic


def test_subsample_zero_or_none_means_everything():
    es = EvalSet(["a", "b"], [["x"], ["y"]])
    assert subsample(es, 0) is es and subsample(es, None) is es and subsample(es, 2) is es


def test_group_merges_sources_that_normalise_alike_and_keeps_first_spellings():
    pairs = [
        ("I’m  here.", "Je suis là."),
        ("Go.", "Va !"),
        ("i'm here.", "Je suis ici."),
        ("I'M HERE.", "Je suis là."),  # same reference again: kept once
        ("go.", "Va!"),  # a different spelling of the reference is another reference
    ]
    es = group(pairs)
    assert es.sources == ["I’m  here.", "Go."]  # order of first appearance, raw first spelling
    assert es.references == [["Je suis là.", "Je suis ici."], ["Va !", "Va!"]]


def write_tsv(tmp_path, body: str):
    path = tmp_path / "pairs.tsv"
    path.write_bytes(body.encode("utf-8"))
    return path


def test_read_tsv_pairs_gives_plain_tuples_in_file_order(tmp_path):
    path = write_tsv(
        tmp_path,
        "Hi.\tSalut !\tCC-BY 2.0 (France) Attribution: tatoeba.org #1\r\n\nGo.\tVa !\nGo.\tVa !\n",
    )
    pairs = read_tsv_pairs(path)
    assert pairs == [("Hi.", "Salut !"), ("Go.", "Va !"), ("Go.", "Va !")]  # duplicates stay
    assert all(type(p) is tuple for p in pairs)


def test_read_tsv_pairs_refuses_a_line_without_a_tab(tmp_path):
    path = write_tsv(tmp_path, "Hi.\tSalut !\nGo. Va !\n")
    with pytest.raises(DataError, match=":2:"):
        read_tsv_pairs(path)


def test_task_splits_partition_a_tsv_by_english_sentence(tmp_path):
    lines = [f"Sentence number {i}.\tPhrase {i}." for i in range(300)]
    lines += ["sentence NUMBER 0.\tLa phrase zéro."]  # same English, normalised: same split
    path = write_tsv(tmp_path, "\n".join(lines) + "\n")
    splits = task_splits(get_task("fra-eng"), str(path), seed=0, n_dates=0)
    assert set(splits) == {"train", "valid", "test"}
    assert sorted(p for s in splits.values() for p in s) == sorted(read_tsv_pairs(path))
    assert all(splits[name] for name in splits)  # 300 sentences: every split gets some
    homes = {name for name, pairs in splits.items() for src, _ in pairs if src.endswith(" 0.")}
    assert len(homes) == 1  # both spellings of sentence 0 landed in one split
    with pytest.raises(ValueError, match="--data"):
        task_splits(get_task("fra-eng"), None, seed=0, n_dates=0)


def test_build_vocabs_caps_count_the_specials_and_sides_stay_apart():
    task = get_task("fra-eng")
    tokenized = [(["the", "cat", "the"], ["le", "chat"]), (["a", "cat"], ["un", "chat", "le"])]
    src, tgt = build_vocabs(task, tokenized, src_cap=6, tgt_cap=50, min_freq=1)
    assert src.tokens == [*SPECIALS, "cat", "the"]  # most frequent first, cut at the cap
    assert tgt.tokens == [*SPECIALS, "chat", "le", "un"]  # French only
    src, _ = build_vocabs(task, tokenized, src_cap=50, tgt_cap=50, min_freq=2)
    assert src.tokens == [*SPECIALS, "cat", "the"]


def test_build_vocabs_for_dates_is_every_character_whatever_the_data():
    task = get_task("dates")
    src, tgt = build_vocabs(task, [(["x"], ["1"])], src_cap=5, tgt_cap=5, min_freq=9)
    assert src.tokens[len(SPECIALS) :] == sorted(dates.source_alphabet())
    assert tgt.tokens[len(SPECIALS) :] == sorted(dates.target_alphabet())


def test_dates_probes_are_readable_by_every_dates_model():
    """Probes are recorded after every epoch: none may hold an unknown character or too many."""
    task = get_task("dates")
    alphabet = set(dates.source_alphabet())
    for probe in PROBES["dates"]:
        tokens = task.source_tokens(probe)
        assert set(tokens) <= alphabet and len(tokens) <= task.max_source_tokens
