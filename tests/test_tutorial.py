"""tutorial.py and tutorial_import.py: the PyTorch tutorial's model, exported with the README's
snippet, read back and recorded by our decoding loop, equals the tutorial's own forward pass."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.torch import save as save_safetensors

from attention_core import InputError, decode
from attention_core.kinds import kind
from attention_core.tutorial import normalize
from attention_core.tutorial_import import MAX_BYTES, build, inspect, load_files
from examples.pytorch_tutorial import tutorial_model as tm

ROOT = Path(__file__).resolve().parents[1]
SNIPPET = ROOT / "examples" / "pytorch_tutorial" / "export_snippet.py"
EXAMPLE = ROOT / "checkpoints" / "pytorch-tutorial-example"
# French -> English, already in the tutorial's normalised form
PAIRS = [
    ("je suis grand", "i am tall"),
    ("je suis petit", "i am short"),
    ("il est grand", "he is tall"),
    ("il est petit", "he is short"),
    ("elle est grande", "she is tall"),
    ("nous sommes grands", "we are tall"),
    ("vous etes petits", "you are short"),
    ("ils sont grands !", "they are tall !"),
]
H = 16


def _trained(seed: int = 0):
    """The tutorial's model (our own code from its description), trained a few steps."""
    torch.manual_seed(seed)
    input_lang, output_lang = tm.Lang("fra"), tm.Lang("eng")
    for a, b in PAIRS:
        input_lang.add_sentence(a)
        output_lang.add_sentence(b)
    src, tgt = tm.tensors(PAIRS, input_lang, output_lang)
    encoder = tm.EncoderRNN(input_lang.n_words, H)
    decoder = tm.AttnDecoderRNN(H, output_lang.n_words)
    opts = [torch.optim.Adam(m.parameters(), lr=0.01) for m in (encoder, decoder)]
    for _ in range(30):
        tm.train_epoch(src, tgt, encoder, decoder, *opts, batch_size=4)
    return encoder.eval(), decoder.eval(), input_lang, output_lang


def _export(tmp_path, encoder, decoder, input_lang, output_lang) -> list[tuple[str, bytes]]:
    """Run the README's snippet, as a student pastes it at the end of the tutorial."""
    names = dict(encoder=encoder, decoder=decoder, input_lang=input_lang, hidden_size=H)
    names.update(output_lang=output_lang, MAX_LENGTH=tm.MAX_LENGTH)
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(SNIPPET.read_text(), str(SNIPPET), "exec"), names)
    finally:
        os.chdir(here)
    return [(p.name, p.read_bytes()) for p in sorted(tmp_path.iterdir())]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    parts = _trained()
    files = _export(tmp_path_factory.mktemp("export"), *parts)
    return parts, files


def test_the_readme_gives_the_snippet_that_the_tests_run():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert SNIPPET.read_text(encoding="utf-8").strip() in readme


def test_the_trace_equals_the_tutorials_forward_pass_at_every_step(exported):
    (encoder, decoder, input_lang, output_lang), files = exported
    translator = load_files(files)
    for sentence, _ in PAIRS:
        trace = decode(translator, sentence)
        ids = [input_lang.word2index[w] for w in sentence.split()] + [tm.EOS_token]
        with torch.no_grad():
            keys, hidden = encoder(torch.tensor([ids]))
            np.testing.assert_allclose(trace.keys, keys[0].numpy(), atol=1e-5)
            prev = torch.tensor([[tm.SOS_token]])
            for step in trace.steps:
                np.testing.assert_allclose(step.query, hidden[0, 0].numpy(), atol=1e-5)
                out, hidden, weights = decoder.forward_step(prev, hidden, keys)
                context = torch.bmm(weights, keys)[0, 0]
                logp = torch.log_softmax(out[0, 0], dim=-1)
                np.testing.assert_allclose(step.weights, weights[0, 0].numpy(), atol=1e-5)
                np.testing.assert_allclose(step.context, context.numpy(), atol=1e-5)
                np.testing.assert_allclose(step.state, hidden[0, 0].numpy(), atol=1e-5)
                word = output_lang.index2word[int(logp.argmax())]
                assert step.token == {"SOS": "<sos>", "EOS": "<eos>"}.get(word, word)
                assert step.log_prob == pytest.approx(float(logp.max()), abs=1e-4)
                for token, p in step.top_k[:3]:  # the same probabilities, in our ids
                    tid = {"<sos>": 0, "<eos>": 1, **output_lang.word2index}[token]
                    assert p == pytest.approx(float(logp[tid].exp()), abs=1e-5)
                prev = logp.argmax().reshape(1, 1)
        expected = tm.evaluate(encoder, decoder, sentence, input_lang, output_lang)
        assert trace.output_tokens == expected


def test_the_trace_keeps_the_kinds_invariants(exported):
    _, files = exported
    translator = load_files(files)
    trace = decode(translator, "Je suis grand!")
    assert trace.attention_kind == "tutorial" and kind("tutorial").query_time == "previous"
    assert trace.source_tokens == ["je", "suis", "grand", "!", "<eos>"]
    v_a = translator.model.decoder.score.Va
    bias = float(v_a.bias.detach())
    for t, step in enumerate(trace.steps):
        assert abs(step.weights.sum() - 1) < 1e-5
        previous = trace.initial_state if t == 0 else trace.steps[t - 1].state
        np.testing.assert_allclose(step.query, previous, atol=1e-6)  # the query is s_{t-1}
        np.testing.assert_allclose(step.output_input, step.state)  # out reads s_t itself
        energies = np.tanh(step.query_proj[None, :] + trace.keys_proj)
        np.testing.assert_allclose(step.energies, energies, atol=1e-5)
        np.testing.assert_allclose(step.scores, energies @ trace.score_vector + bias, atol=1e-4)


def test_beam_with_one_hypothesis_equals_greedy(exported):
    translator = load_files(exported[1])
    for sentence, _ in PAIRS[:4]:
        greedy = decode(translator, sentence)
        beam = decode(translator, sentence, mode="beam", beam=1)
        assert beam.output_tokens == greedy.output_tokens


def test_unknown_words_are_refused_with_their_names(exported):
    translator = load_files(exported[1])
    with pytest.raises(InputError) as caught:
        decode(translator, "je suis xylophone")
    assert caught.value.code == "unknown_words" and caught.value.params["words"] == "xylophone"
    with pytest.raises(InputError) as caught:
        decode(translator, "je suis grand", mode="forced", reference="i am zebra")
    assert caught.value.code == "unknown_words"


def test_normalisation_is_the_tutorials():
    assert normalize("  Je suis FATIGUÉ, vraiment! ") == "je suis fatigue vraiment !"
    assert normalize("Il est là.") == "il est la"  # the 2023 version drops the full stop
    assert normalize("Il est là.", ".!?") == "il est la ."  # the older one kept it


# ----- files that are not the tutorial's model ---------------------------------------------


def _codes(files) -> list[str]:
    report = inspect(files)
    assert not report.ok and not report.parts
    return [code for code, _ in report.problems]


def _replace(files, name, blob):
    return [(n, blob if n == name else b) for n, b in files]


def test_a_pickle_is_never_opened(exported):
    files = exported[1]
    pickled = pickle.dumps({"embedding.weight": [1.0]})
    assert _codes(_replace(files, "encoder.safetensors", pickled)) == ["pickle"]
    zipped = b"PK\x03\x04" + b"\0" * 64  # a torch.save archive starts like a zip file
    assert _codes(_replace(files, "decoder.safetensors", zipped)) == ["pickle"]


def test_a_truncated_safetensors_file_is_refused(exported):
    files = exported[1]
    blob = dict(files)["decoder.safetensors"]
    assert _codes(_replace(files, "decoder.safetensors", blob[: len(blob) // 2])) == [
        "bad_safetensors"
    ]


def test_a_transformers_weights_are_refused():
    layer = torch.nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16)
    blob = save_safetensors({k: v.contiguous() for k, v in layer.state_dict().items()})
    assert _codes([("model.safetensors", blob)]) == ["not_tutorial"]


def test_the_older_tutorial_is_recognised_and_explained(exported):
    files = exported[1]
    length = tm.MAX_LENGTH
    old = {  # AttnDecoderRNN before pull request 2452: attn scores positions, not keys
        "embedding.weight": torch.zeros(9, H),
        "attn.weight": torch.zeros(length, 2 * H),
        "attn.bias": torch.zeros(length),
        "attn_combine.weight": torch.zeros(H, 2 * H),
        "attn_combine.bias": torch.zeros(H),
        "out.weight": torch.zeros(9, H),
        "out.bias": torch.zeros(9),
    }
    report = inspect(_replace(files, "decoder.safetensors", save_safetensors(old)))
    assert report.version == "old" and report.problems == [("old_tutorial", {"max_length": 10})]


def test_mismatched_shapes_are_named(exported):
    (encoder, decoder, _, _), files = exported
    state = {k: v.contiguous() for k, v in decoder.state_dict().items()}
    state["attention.Wa.weight"] = torch.zeros(H, H + 1)
    report = inspect(_replace(files, "decoder.safetensors", save_safetensors(state)))
    assert [c for c, _ in report.problems] == ["tensor_shape"]
    assert report.problems[0][1]["name"] == "decoder.attention.Wa.weight"
    bad = [r for r in report.tensors if r["status"] != "ok"]
    assert [(r["shape"], r["expected"]) for r in bad] == [((H, H + 1), (H, H))]


def test_a_vocabulary_that_does_not_match_the_embedding_is_refused(exported):
    files = exported[1]
    settings = json.loads(dict(files)["model.json"])
    words = settings["output_index2word"]
    del words[str(len(words) - 1)]
    changed = json.dumps(settings).encode()
    assert _codes(_replace(files, "model.json", changed)) == ["vocab_size"]


def test_a_missing_part_and_damaged_json_are_named(exported):
    files = exported[1]
    assert _codes([f for f in files if f[0] != "model.json"]) == ["settings_missing"]
    assert _codes([f for f in files if f[0] != "encoder.safetensors"]) == ["file_missing"]
    assert _codes(_replace(files, "model.json", b"{not json")) == ["bad_json"]


def test_files_over_the_size_limit_are_not_read(exported):
    files = [*exported[1], ("big.safetensors", b"\0" * (MAX_BYTES + 10 * 2**20))]
    assert _codes(files) == ["too_large"]


def test_every_problem_has_a_message_in_both_languages():
    from explorer.strings import STRINGS, UPLOAD_PROBLEM_KEYS

    for key in [*UPLOAD_PROBLEM_KEYS.values(), "err_unknown_words", "notice_normalized"]:
        assert STRINGS["en"].get(key) and STRINGS["ko"].get(key), key
        assert STRINGS["en"][key] != STRINGS["ko"][key], key


def test_the_shipped_example_is_small_and_loads():
    files = [(p.name, p.read_bytes()) for p in sorted(EXAMPLE.iterdir())]
    assert sum(len(b) for _, b in files) < 600_000
    report = inspect(files)
    assert report.ok, report.problems
    translator = build(report)
    trace = decode(translator, "je suis fatigue")
    assert trace.output_tokens and trace.steps[-1].token == "<eos>"
    settings = json.loads(dict(files)["model.json"])
    assert "tatoeba" in settings["training"]["data"].lower()  # CC-BY: the credit travels
