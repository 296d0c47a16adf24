"""model.py: the configuration, the parameters each kind adds, and the teacher-forced path."""

import json

import pytest
import torch

from attention_core.model import ATTENTION_KINDS, ModelConfig, Seq2Seq

SRC_V, TGT_V, E, H, A = 30, 25, 8, 6, 4
SOURCES = [[4, 5, 6, 7], [8, 9], [10, 11, 12, 13, 14, 15], [16]]
TARGETS = [[5, 6, 7], [8, 9, 10, 11, 12], [13], [14, 15]]


def config(kind, **changes) -> ModelConfig:
    sizes = dict(emb_dim=E, hidden=H, attn_dim=A, dropout=0.3)
    return ModelConfig(kind, SRC_V, TGT_V, **{**sizes, **changes})


def model(kind, seed=0, **changes) -> Seq2Seq:
    torch.manual_seed(seed)
    return Seq2Seq(config(kind, **changes)).eval()


def pad(rows, extra=0):
    width = max(map(len, rows)) + extra
    out = torch.zeros(len(rows), width, dtype=torch.long)
    for r, row in enumerate(rows):
        out[r, : len(row)] = torch.tensor(row)
    return out


def batch():
    """Padded sources, their lengths and teacher-forcing inputs (<sos> = 1 first), as collate."""
    lengths = torch.tensor([len(s) for s in SOURCES])
    return pad(SOURCES), lengths, pad([[1, *t] for t in TARGETS])


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
def test_config_json_round_trip(kind):
    cfg = config(kind, encoder_layers=2, input_feeding=False, scaled=kind == "dot")
    data = json.loads(json.dumps(cfg.to_json()))  # through real JSON text
    again = ModelConfig.from_json(data)
    assert again == cfg and again is not cfg
    # the same configuration builds the same architecture
    shapes = {k: v.shape for k, v in Seq2Seq(cfg).state_dict().items()}
    assert {k: v.shape for k, v in Seq2Seq(again).state_dict().items()} == shapes


def test_from_json_rejects_unknown_missing_settings_and_non_objects():
    """Every bad setting is a ValueError (the loader turns it into one CheckpointError)."""
    data = config("dot").to_json()
    with pytest.raises(ValueError, match="heads"):
        ModelConfig.from_json({**data, "heads": 4})
    with pytest.raises(ValueError, match="object"):
        ModelConfig.from_json(list(data.items()))
    del data["src_vocab_size"]
    with pytest.raises(ValueError, match="missing model settings .'src_vocab_size'."):
        ModelConfig.from_json(data)


@pytest.mark.parametrize("kind", ["general", "bahdanau", "none"])
def test_scaled_applies_to_dot_only(kind):
    with pytest.raises(ValueError, match="dot"):
        config(kind, scaled=True)
    assert config("dot", scaled=True).scaled


def score_parameters(m: Seq2Seq) -> int:
    score = m.decoder.score
    return 0 if score is None else sum(p.numel() for p in score.parameters())


def test_parameter_counts_differ_by_what_each_kind_adds():
    counts = {k: model(k).num_parameters() for k in ATTENTION_KINDS}
    # dot scores with no parameters: the same model as no attention, only the context differs
    assert counts["dot"] == counts["none"]
    assert score_parameters(model("dot")) == score_parameters(model("none")) == 0
    # general adds W_a (H x H)
    assert score_parameters(model("general")) == H * H
    assert counts["general"] - counts["dot"] == H * H
    # Bahdanau adds W_b, W_c (H -> A) and v_a (A -> 1), and its deep output also reads emb(y)
    assert score_parameters(model("bahdanau")) == 2 * H * A + A
    assert counts["bahdanau"] - counts["dot"] == 2 * H * A + A + E * H
    for k in ATTENTION_KINDS:  # num_parameters counts every parameter once
        m = model(k)
        assert counts[k] == sum(p.numel() for p in m.state_dict().values())


def test_attn_dim_sizes_bahdanau_only():
    for k in ATTENTION_KINDS:
        small, large = model(k, attn_dim=4), model(k, attn_dim=9)
        grows = large.num_parameters() - small.num_parameters()
        assert grows == ((9 - 4) * (2 * H + 1) if k == "bahdanau" else 0), k


def test_input_feeding_widens_only_the_luong_rnn():
    for k in ATTENTION_KINDS:
        grows = model(k).num_parameters() - model(k, input_feeding=False).num_parameters()
        # GRUCell's input weights are (3H, input): s~_{t-1} adds H inputs
        assert grows == (0 if k == "bahdanau" else 3 * H * H), k


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
@torch.no_grad()
def test_output_shapes(kind):
    m = model(kind, encoder_layers=2)
    src, lengths, tgt_in = batch()
    logits = m(src, lengths, tgt_in)
    assert logits.shape == (len(SOURCES), tgt_in.size(1), TGT_V)
    assert torch.isfinite(logits).all()
    memory, state = m.start(src, lengths)
    assert memory.keys.shape == (*src.shape, H) and memory.mask.shape == src.shape
    assert memory.fixed_context.shape == state.hidden.shape == (len(SOURCES), H)


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
@torch.no_grad()
def test_teacher_forced_batch_equals_stepping_each_sentence_alone(kind):
    """The training path (padded batch) and one sentence, one ``step`` at a time (recording)."""
    m = model(kind)
    src, lengths, tgt_in = batch()
    logits = m(src, lengths, tgt_in)
    for b, (s, t) in enumerate(zip(SOURCES, TARGETS)):
        memory, state = m.start(torch.tensor([s]), torch.tensor([len(s)]))
        for step, prev in enumerate([1, *t]):
            out, state, _ = m.decoder.step(torch.tensor([prev]), state, memory)
            alone = m.generator(out)[0]
            torch.testing.assert_close(logits[b, step], alone, rtol=0, atol=1e-5)


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
@torch.no_grad()
def test_logits_at_a_step_depend_on_earlier_targets_only(kind):
    m = model(kind)
    src, lengths, tgt_in = batch()
    changed = tgt_in.clone()
    changed[:, 2] = 20
    a, b = m(src, lengths, tgt_in), m(src, lengths, changed)
    assert torch.equal(a[:, :2], b[:, :2])  # no peeking at later targets
    assert not torch.allclose(a[:, 2:], b[:, 2:])


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
@torch.no_grad()
def test_eval_mode_is_deterministic_and_training_mode_drops_out(kind):
    m = model(kind)
    src, lengths, tgt_in = batch()
    assert torch.equal(m(src, lengths, tgt_in), m(src, lengths, tgt_in))
    m.train()
    torch.manual_seed(1)
    dropped = m(src, lengths, tgt_in)
    m.eval()
    assert not torch.allclose(dropped, m(src, lengths, tgt_in))


def module_attributes(m):
    return {name: set(mod.__dict__) for name, mod in m.named_modules()}


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
def test_a_forward_pass_stores_nothing_on_the_modules(kind):
    """Decoding shares one model between threads: nothing may be cached on it."""
    m = model(kind)
    src, lengths, tgt_in = batch()
    attributes = module_attributes(m)
    weights = {k: v.clone() for k, v in m.state_dict().items()}
    for training in (False, True):
        m.train(training)
        m(src, lengths, tgt_in).sum().backward()
        m.start(src, lengths)
    assert module_attributes(m) == attributes
    after = m.state_dict()
    assert after.keys() == weights.keys()
    assert all(torch.equal(after[k], weights[k]) for k in weights)


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
def test_every_parameter_gets_a_gradient(kind):
    """No dead weights: even without attention, the encoder is trained through its summary.
    The padding embeddings alone get none (padding_idx)."""
    m = model(kind)
    m.train()
    src, lengths, tgt_in = batch()
    m(src, lengths, tgt_in).logsumexp(-1).sum().backward()
    for name, p in m.named_parameters():
        assert p.grad is not None and p.grad.abs().sum() > 0, name
    for embed in (m.encoder.embed, m.decoder.embed):
        assert (embed.weight.grad[0] == 0).all() and (embed.weight[0] == 0).all()
