"""evaluate.py: multi-reference scoring and length buckets."""

from attention_core.data import EvalSet, group
from attention_core.evaluate import _bleu_chrf, bucket_of, evaluate, score_outputs
from support.marks import CORPUS, needs_corpus
from support.translators import make_translator


def test_multi_reference_bleu_uses_every_reference():
    hyps = ["il fait très beau aujourd'hui", "je suis fatigué"]
    one = [
        [
            "le temps est magnifique",
        ],
        ["je suis fatigué"],
    ]
    both = [["le temps est magnifique", "il fait très beau aujourd'hui"], ["je suis fatigué"]]
    assert _bleu_chrf(hyps, one)[0] < 60
    assert _bleu_chrf(hyps, both)[0] == 100


def test_group_collects_translations_of_one_sentence():
    es = group([("Go.", "Va !"), ("go.", "Allez !"), ("Hi.", "Salut !"), ("Go.", "Va !")])
    assert es.sources == ["Go.", "Hi."]
    assert es.references == [["Va !", "Allez !"], ["Salut !"]]


def test_buckets():
    assert [bucket_of(n) for n in (0, 1, 5, 6, 10, 11, 16, 20, 21, 80)] == [
        "1-5",
        "1-5",
        "1-5",
        "6-10",
        "6-10",
        "11-15",
        "16-20",
        "16-20",
        "21+",
        "21+",
    ]


def test_scores_a_word_model_per_length_bucket():
    tr = make_translator("dot", task="fra-eng")
    es = EvalSet(
        ["i see the cat .", "the dog is in the house and i see ."],
        [["je vois le chat ."], ["le chien est là ."]],
    )
    result = score_outputs(tr, es)
    assert set(result) >= {"bleu", "chrf", "by_length", "sentences"}
    assert set(result["by_length"]) == {"1-5", "6-10"}
    assert result["sentences"] == 2
    assert result["long"] is None  # no sentence of 11+ words


def test_long_sentences_get_their_own_score():
    tr = make_translator("dot", task="fra-eng")
    long = "i see the cat and the dog and the house and i like the apple ."  # 15 words
    es = EvalSet(["i see the cat .", long], [["je vois le chat ."], ["je vois le chat ."]])
    result = score_outputs(tr, es)
    assert result["long"]["sentences"] == 1 and result["long"]["min_words"] == 11
    alone = score_outputs(tr, EvalSet([long], [["je vois le chat ."]]))
    assert result["long"]["bleu"] == alone["bleu"]


def test_evaluate_a_tsv_file_whole(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text(
        "I see the cat.\tJe vois le chat.\tCC-BY x\nI see the cat.\tJe vois la chatte.\n"
    )
    result = evaluate(make_translator("bahdanau", task="fra-eng"), path)
    assert result["sentences"] == 1 and result["references"] == 2
    assert result["data"].endswith(": all")


def test_dates_exact_match(trained_dates):
    from attention_core import load

    result = evaluate(load(trained_dates[0]), limit=300)
    assert result["exact_match"] >= 90 and result["sentences"] == 300
    assert result["data"] == "generated held-out dates 1000-2999"
    for key in ("by_locale", "by_width", "by_century", "by_weekday", "by_length"):
        groups = result[key]
        assert sum(g["sentences"] for g in groups.values()) == 300, key
    assert {"en_US", "en_GB", "fr", "de", "ko", "es"} <= set(result["by_locale"])
    assert result["char_accuracy"] >= result["exact_match"] - 1e-9


def test_exact_match_and_character_accuracy():
    from attention_core.dates import Sample
    from attention_core.evaluate import _exact, dates_breakdown

    hyps = ["2024-03-05", "2024-03-06", "2024-03"]
    refs = [["2024-03-05"], ["2024-03-05"], ["2024-03-05"]]
    result = _exact(hyps, refs)
    assert abs(result["exact_match"] - 100 / 3) < 1e-2
    assert abs(result["char_accuracy"] - 100 * (10 + 9 + 7) / 30) < 1e-2  # missing = wrong
    samples = [
        Sample("5 mars 2024", "2024-03-05", "fr", "long", False),
        Sample("2024-03-05", "2024-03-05", "iso", "iso", False),
        Sample("March 5, 1824", "1824-03-05", "en_US", "long", False),
    ]
    groups = dates_breakdown(["2024-03-05", "2024-03-06", "1824-03-05"], samples)
    assert groups["by_locale"]["fr"]["exact_match"] == 100
    assert groups["by_locale"]["iso"]["exact_match"] == 0
    assert groups["by_width"]["long"]["exact_match"] == 100
    assert set(groups["by_century"]) == {"1800s", "2000s"}
    assert groups["by_century"]["2000s"]["exact_match"] == 50


@needs_corpus
def test_corpus_test_split_is_scored_by_default_for_the_training_file():
    tr = make_translator("none", task="fra-eng")
    from attention_core import tatoeba

    tr.meta = {"training": {"data_sha256": tatoeba.file_checksum(CORPUS)}}
    result = evaluate(tr, CORPUS, limit=20)
    assert result["data"].endswith(": test") and result["sentences"] == 20


def test_subsample_spreads_over_the_whole_set():
    from attention_core.data import subsample

    es = EvalSet([str(i) for i in range(100)], [[str(i)] for i in range(100)])
    picked = subsample(es, 10)
    assert picked.sources == [str(i) for i in range(0, 100, 10)]
    assert picked.references == [[s] for s in picked.sources]
    assert subsample(es, None) is es and subsample(es, 500) is es


def test_unk_share_counts_output_tokens():
    from attention_core.evaluate import unk_share

    result = unk_share([["le", "<unk>", "."], ["oui", "."], ["<unk>", "<unk>", "x", "y", "z"]])
    assert result["unk_tokens"] == 3 and result["output_tokens"] == 10
    assert result["unk_share"] == 30.0
    assert abs(result["sentences_with_unk"] - 66.67) < 0.01


def test_word_model_scores_report_unk_share_and_beam_next_to_greedy(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("I see the cat.\tJe vois le chat.\nThe dog is here.\tLe chien est là.\n")
    result = evaluate(make_translator("dot", task="fra-eng"), path, also_beam=3)
    assert result["decoding"] == "greedy" and result["beam"]["decoding"] == "beam 3"
    assert 0 <= result["unk_share"] <= 100 and result["output_tokens"] > 0
    assert result["beam"]["sentences"] == result["sentences"] == 2
