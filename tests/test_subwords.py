"""subwords.py: BPE pieces learned on words, greedy longest-match cuts, labels for display."""

from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from attention_core import subwords
from attention_core.data import build_vocabs
from attention_core.tasks import get_task
from attention_core.text import detokenize

WORDS = Counter({"lower": 5, "lowest": 3, "newer": 6, "wider": 3, "new": 4, "low": 7})


def test_learning_merges_the_most_frequent_pair_first():
    pieces = subwords.learn(dict(WORDS), n_pieces=40, min_freq=1)
    chars = {c + m for w in WORDS for c in w for m in ("", subwords.MARK)}
    assert set(pieces[: len(chars)]) == chars  # characters, both forms, come first
    # "l@@ o@@" occurs in lower (5), lowest (3), low (7): 15, more than any other pair
    # ("w@@ e@@" and "e@@ r" 14 each, in lower/lowest/newer and lower/newer/wider)
    assert pieces[len(chars)] == "lo@@"
    assert len(pieces) <= 40 and len(set(pieces)) == len(pieces)


def test_frequent_words_become_one_piece_and_cuts_rebuild_the_word():
    pieces = subwords.learn(dict(WORDS), n_pieces=60, min_freq=1)
    cut = subwords.Segmenter(pieces)
    assert cut(["low"]) == ["low"]
    for word in [*WORDS, "slower", "knewest"]:
        assert "".join(subwords.join(cut([word]))) == word or "<unk>" in cut([word])
    assert cut(["lowest"])[-1].endswith(subwords.MARK) is False


def test_an_unknown_character_is_unk_and_the_rest_still_cut():
    cut = subwords.Segmenter(["a@@", "b", "a", "b@@"])
    assert cut(["abzb"]) == ["a@@", "b@@", "<unk>", "b"]


@given(st.lists(st.text("abcdéz'-", min_size=1, max_size=8), min_size=1, max_size=6))
def test_join_inverts_segmentation(words):
    pieces = subwords.learn({w: 2 for w in words}, n_pieces=30, min_freq=1)
    cut = subwords.Segmenter(pieces)
    assert subwords.join(cut(words)) == words
    spans = subwords.word_spans(cut(words))
    assert len(spans) == len(words) and spans[-1][1] == len(cut(words))


def test_display_labels_mark_the_joins():
    tokens = ["un@@", "believ@@", "able", "news", "."]
    assert subwords.display_labels(tokens) == ["un…", "…believ…", "…able", "news", "."]
    assert subwords.word_spans(tokens) == [(0, 3), (3, 4), (4, 5)]
    assert detokenize(tokens, "en") == "unbelievable news."


def test_a_piece_vocabulary_fixes_the_cuts_of_every_training_word():
    task = get_task("fra-eng")
    sentences = ["the cats were sleeping.", "the dog sleeps.", "cats and dogs sleep."]
    tokenized = [(task.tokenize_source(s), task.tokenize_source(s)) for s in sentences]
    src, _ = build_vocabs(task, tokenized, 30, 30, 1, pieces=True)
    assert len(src) <= 30 + 4 + 40  # the cap, the specials, at most every character's two forms
    sub = task.with_subwords(src.tokens, src.tokens)
    for s in sentences:
        tokens = sub.tokenize_source(s)
        assert "<unk>" not in tokens and all(t in src for t in tokens)
        assert sub.detokenize_target(tokens) == s
    assert sub.tokenize_source("tacos") and "<unk>" not in sub.tokenize_source("tacos")
    assert sub.settings()["subwords"] is True and "segmenters" not in sub.settings()


def test_a_subword_checkpoint_loads_with_its_pieces(tmp_path):
    from attention_core import decode, load
    from attention_core.train import TrainConfig, train

    data = Path(__file__).parent / "data" / "everyday-en-fr.tsv"
    cfg = TrainConfig.defaults_for(
        "fra-eng",
        "dot",
        epochs=1,
        hidden=8,
        emb_dim=8,
        attn_dim=8,
        src_vocab=200,
        tgt_vocab=200,
        min_freq=1,
        batch_size=16,
        valid_size=5,
        subwords=True,
        scaled=True,
    )
    train(cfg, tmp_path / "m", data_path=str(data), log=lambda *_: None)
    tr = load(tmp_path / "m")
    assert tr.task.subwords and tr.meta["tokenizer"]["subwords"] is True
    tokens = tr.task.tokenize_source("the photographers are unbelievable.")
    assert any(t.endswith(subwords.MARK) for t in tokens) and "<unk>" not in tokens
    assert all(t in tr.src_vocab for t in tokens)
    assert subwords.join(tokens) == ["the", "photographers", "are", "unbelievable", "."]
    trace = decode(tr, "the photographers are unbelievable.")
    assert trace.source_tokens == tokens and "@@" not in trace.output_text


def test_first_epoch_points_are_evenly_spread_and_leave_out_the_end():
    from attention_core.probes import first_epoch_points

    assert first_epoch_points(100, 10) == {10 * k: k / 10 for k in range(1, 10)}
    assert first_epoch_points(3, 10) == {1: 0.3333, 2: 0.6667}  # fewer batches than points
    assert first_epoch_points(1, 10) == {}
