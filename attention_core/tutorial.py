"""The PyTorch tutorial's attention model, rebuilt from its tensors and run by our decoding loop.

The tutorial is "NLP From Scratch: Translation with a Sequence to Sequence Network and
Attention" (pytorch/tutorials, intermediate_source/seq2seq_translation_tutorial.py, the version
since pull request 2452, 2023). Its parts, as the tutorial describes them:
- ``EncoderRNN``: an embedding (V_in, H) and a one-layer, one-direction GRU (H -> H); its
  outputs are the keys h_i and its last state is the decoder's first state s_0;
- ``BahdanauAttention``: Wa, Ua (H -> H) and Va (H -> 1), each with a bias; the query is the
  previous decoder state: e_i = Va tanh(Wa s_{t-1} + Ua h_i); softmax; context = sum alpha h;
- ``AttnDecoderRNN``: an embedding (V_out, H), the attention, a GRU reading
  [emb(y_{t-1}); a_t] (2H -> H), and ``out`` (H -> V_out) on the new state s_t itself.
On screen (kinds.py, "tutorial") Wa, Ua, Va take the names our Bahdanau model uses, W_b, W_c,
v_a, with their biases inside W_b s and W_c h and the scalar b_v added to every score.

The tutorial's vocabularies start with SOS = 0 and EOS = 1 and have no padding or unknown word;
ours start with <pad> <sos> <eos> <unk>. ``tutorial_import`` moves the embedding and output rows
to our ids and gives <pad> and <unk> an output bias of -1e4, so their probability is exactly 0
in float32 and every other probability is the tutorial's own. Unknown words are refused before
decoding (``TutorialTask``), as the tutorial itself cannot read them.

Shape legend: B batch, S source positions, H hidden size, V vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import torch
from torch import Tensor, nn

from .attention import Score, attend
from .decoders import Memory, State, attention_first_record
from .encoder import Encoded
from .tasks import InputError, Task

NEVER = -1e4  # output bias of the ids the tutorial does not have (<pad>, <unk>): exp -> 0


@dataclass(frozen=True)
class TutorialConfig:
    """The sizes the tutorial's files give; ``attention`` and ``scaled`` as in ModelConfig."""

    src_vocab_size: int  # in our ids: the tutorial's words + <pad> and <unk>
    tgt_vocab_size: int
    hidden: int
    max_length: int  # the tutorial's MAX_LENGTH: how many steps its decoder runs
    attention: str = "tutorial"
    scaled: bool = False

    def to_json(self) -> dict:
        return dict(self.__dict__)


class TutorialScore(Score):
    """The tutorial's ``BahdanauAttention``: e_i = Va tanh(Wa s_{t-1} + Ua h_i) (Bahdanau et al.
    2015, appendix A.1.2, with biases). Attribute names are the tutorial's, so its tensors load
    one to one; on screen they are W_b, W_c and v_a."""

    def __init__(self, hidden: int):
        super().__init__()
        self.Wa = nn.Linear(hidden, hidden)
        self.Ua = nn.Linear(hidden, hidden)
        self.Va = nn.Linear(hidden, 1)

    @property
    def v_a(self) -> nn.Linear:  # the name the trace's ``score_vector`` is read under
        return self.Va

    def prepare(self, keys):
        return self.Ua(keys)  # (B, S, H) Ua h_i + b_U, once per sentence

    def forward(self, query, keys, prepared):
        query_proj = self.Wa(query)  # (B, H) Wa s_{t-1} + b_W
        energies = torch.tanh(query_proj.unsqueeze(1) + prepared)  # (B, S, H)
        scores = self.Va(energies).squeeze(2)  # (B, S), b_V included
        return scores, {"query_proj": query_proj, "energies": energies}


class TutorialEncoder(nn.Module):
    """``EncoderRNN``: embedding, dropout (off when decoding), one GRU direction."""

    def __init__(self, vocab_size: int, hidden: int):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, hidden)
        self.gru = nn.GRU(hidden, hidden, batch_first=True)

    def forward(self, src: Tensor, lengths: Tensor) -> Encoded:
        """One sentence at a time (the tutorial pads nothing): ``lengths`` are all S."""
        out, h_n = self.gru(self.embedding(src))  # (B, S, H), (1, B, H)
        mask = torch.arange(src.size(1))[None, :] < lengths[:, None]
        return Encoded(out, mask, h_n[-1])  # the summary is s_0 itself (B, H)


class TutorialDecoder(nn.Module):
    """``AttnDecoderRNN.forward_step`` as one ``step``: attention on s_{t-1} first, then
    s_t = GRU([emb(y_{t-1}); a_t], s_{t-1}); the output layer reads s_t."""

    def __init__(self, vocab_size: int, hidden: int):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, hidden)
        self.attention = TutorialScore(hidden)
        self.gru = nn.GRUCell(2 * hidden, hidden)  # the same gates as the tutorial's nn.GRU

    @property
    def score(self) -> TutorialScore:
        return self.attention

    def initial_state(self, memory: Memory, summary: Tensor) -> State:
        return State(summary, None)  # decoder_hidden = encoder_hidden

    def step(self, prev: Tensor, state: State, memory: Memory, override: Tensor | None = None):
        emb = self.embedding(prev)  # (B, H)
        s_prev = state.hidden  # the query is the previous state (query = hidden.permute(1, 0, 2))
        att = attend(self.score, s_prev, memory.keys, memory.prepared, memory.mask, override)
        s_t = self.gru(torch.cat([emb, att.context], dim=-1), s_prev)  # (B, H)
        record = attention_first_record(s_prev, att, s_t, s_t)  # no deep output: out reads s_t
        return s_t, State(s_t, None), record


class TutorialModel(nn.Module):
    """Encoder, decoder and ``out``, with the interface of ``model.Seq2Seq`` that decoding and
    beam search use (``config``, ``start``, ``decoder.step``, ``generator``)."""

    def __init__(self, config: TutorialConfig):
        super().__init__()
        self.config = config
        self.encoder = TutorialEncoder(config.src_vocab_size, config.hidden)
        self.decoder = TutorialDecoder(config.tgt_vocab_size, config.hidden)
        self.generator = nn.Linear(config.hidden, config.tgt_vocab_size)  # the tutorial's out

    def start(self, src: Tensor, lengths: Tensor) -> tuple[Memory, State]:
        encoded = self.encoder(src, lengths)
        keys = encoded.keys
        memory = Memory(keys, self.decoder.score.prepare(keys), encoded.mask, encoded.summary)
        return memory, self.decoder.initial_state(memory, encoded.summary)

    def num_parameters(self) -> int:
        return sum(p.numel() for p in self.parameters())


# ----- the tutorial's text handling ----------------------------------------------------------


def _ascii(value: str) -> str:
    """The tutorial's unicodeToAscii: decompose, drop the combining marks (é -> e)."""
    return "".join(
        c for c in unicodedata.normalize("NFD", value) if unicodedata.category(c) != "Mn"
    )


def normalize(value: str, marks: str = "!?") -> str:
    """The tutorial's normalizeString: lower case, ASCII, a space before . ! ?, anything but
    letters and ``marks`` becomes a space. The 2023 version keeps ! and ?; the older one kept
    "." too (``marks=".!?"``)."""
    value = _ascii(value.lower().strip())
    value = re.sub(r"([.!?])", r" \1", value)
    value = re.sub(rf"[^a-zA-Z{re.escape(marks)}]+", " ", value)
    return value.strip()


def _refuse_unknown(tokens: list[str], known: frozenset) -> None:
    unknown = [w for w in dict.fromkeys(tokens) if w not in known]
    if unknown:
        raise InputError(
            "unknown_words",
            f"this model does not know {', '.join(unknown[:5])}",
            words=", ".join(unknown[:5]),
        )


@dataclass(frozen=True)
class TutorialTask(Task):
    """Text in and out as the tutorial does it: its normalisation, words split on spaces, EOS
    appended to the source (``tensorFromSentence``); words outside its vocabulary are refused."""

    known: frozenset = field(default=frozenset(), compare=False, repr=False)
    known_target: frozenset = field(default=frozenset(), compare=False, repr=False)
    marks: str = "!?"

    def tokenize_source(self, value: str) -> list[str]:
        return normalize(value, self.marks).split()

    def tokenize_target(self, value: str) -> list[str]:
        """A reference or prefix to force: only words the output layer can write."""
        tokens = normalize(value, self.marks).split()
        _refuse_unknown(tokens, self.known_target)
        return tokens

    def detokenize_target(self, tokens: list[str]) -> str:
        return " ".join(tokens)

    def final_mark(self, value: str) -> str | None:
        return None  # the tutorial's sentences need no full stop: it reads none

    def source_tokens(self, value: str) -> list[str]:
        tokens = super().source_tokens(value)
        _refuse_unknown(tokens, self.known)
        return [*tokens, "<eos>"]  # the tutorial ends every source sentence with EOS

    def max_output(self, source_len: int) -> int:
        return self.max_target_tokens  # the tutorial's decoder runs MAX_LENGTH steps
