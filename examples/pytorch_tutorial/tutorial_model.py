"""The PyTorch tutorial's model, written here from the tutorial's description, to train the
example that ships with the app and to test the importer against a real forward pass.

The tutorial: "NLP From Scratch: Translation with a Sequence to Sequence Network and Attention"
(pytorch/tutorials, intermediate_source/seq2seq_translation_tutorial.py, 2023 version). Module
and parameter names follow it, so a ``state_dict`` from here has the tutorial's tensor names and
shapes: that is what a student exports (export_snippet.py) and what the app reads.
Shape legend: B batch, S source length, T target length, H hidden size, V vocabulary.
"""

from __future__ import annotations

import re
import unicodedata

import torch
import torch.nn.functional as F
from torch import nn

SOS_token, EOS_token = 0, 1
MAX_LENGTH = 10
# The tutorial keeps English sentences that start like these (after normalisation).
ENG_PREFIXES = (
    "i am ",
    "i m ",
    "he is",
    "he s ",
    "she is",
    "she s ",
    "you are",
    "you re ",
    "we are",
    "we re ",
    "they are",
    "they re ",
)


class Lang:
    """A vocabulary as the tutorial builds it: SOS 0, EOS 1, then words as they come."""

    def __init__(self, name: str):
        self.name = name
        self.word2index: dict[str, int] = {}
        self.word2count: dict[str, int] = {}
        self.index2word = {0: "SOS", 1: "EOS"}
        self.n_words = 2

    def add_sentence(self, sentence: str) -> None:
        for word in sentence.split(" "):
            if word not in self.word2index:
                self.word2index[word] = self.n_words
                self.index2word[self.n_words] = word
                self.n_words += 1
            self.word2count[word] = self.word2count.get(word, 0) + 1


def normalize_string(s: str) -> str:
    """Lower case, ASCII, punctuation split off; only letters, ! and ? stay."""
    s = "".join(
        c
        for c in unicodedata.normalize("NFD", s.lower().strip())
        if unicodedata.category(c) != "Mn"
    )
    s = re.sub(r"([.!?])", r" \1", s)
    s = re.sub(r"[^a-zA-Z!?]+", r" ", s)
    return s.strip()


class EncoderRNN(nn.Module):
    def __init__(self, input_size: int, hidden_size: int, dropout_p: float = 0.1):
        super().__init__()
        self.hidden_size = hidden_size
        self.embedding = nn.Embedding(input_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size, batch_first=True)
        self.dropout = nn.Dropout(dropout_p)

    def forward(self, input):
        embedded = self.dropout(self.embedding(input))  # (B, S, H)
        output, hidden = self.gru(embedded)  # (B, S, H), (1, B, H)
        return output, hidden


class BahdanauAttention(nn.Module):
    def __init__(self, hidden_size: int):
        super().__init__()
        self.Wa = nn.Linear(hidden_size, hidden_size)
        self.Ua = nn.Linear(hidden_size, hidden_size)
        self.Va = nn.Linear(hidden_size, 1)

    def forward(self, query, keys):
        scores = self.Va(torch.tanh(self.Wa(query) + self.Ua(keys)))  # (B, S, 1)
        scores = scores.squeeze(2).unsqueeze(1)  # (B, 1, S)
        weights = F.softmax(scores, dim=-1)
        context = torch.bmm(weights, keys)  # (B, 1, H)
        return context, weights


class AttnDecoderRNN(nn.Module):
    def __init__(self, hidden_size: int, output_size: int, dropout_p: float = 0.1):
        super().__init__()
        self.embedding = nn.Embedding(output_size, hidden_size)
        self.attention = BahdanauAttention(hidden_size)
        self.gru = nn.GRU(2 * hidden_size, hidden_size, batch_first=True)
        self.out = nn.Linear(hidden_size, output_size)
        self.dropout = nn.Dropout(dropout_p)

    def forward(self, encoder_outputs, encoder_hidden, target_tensor=None):
        """Teacher forcing when a target is given, else greedy; MAX_LENGTH steps either way."""
        batch_size = encoder_outputs.size(0)
        decoder_input = torch.full((batch_size, 1), SOS_token, dtype=torch.long)
        decoder_hidden = encoder_hidden
        outputs, attentions = [], []
        for i in range(MAX_LENGTH):
            decoder_output, decoder_hidden, attn_weights = self.forward_step(
                decoder_input, decoder_hidden, encoder_outputs
            )
            outputs.append(decoder_output)
            attentions.append(attn_weights)
            if target_tensor is not None:
                decoder_input = target_tensor[:, i].unsqueeze(1)
            else:
                decoder_input = decoder_output.topk(1)[1].squeeze(-1).detach()
        decoder_outputs = F.log_softmax(torch.cat(outputs, dim=1), dim=-1)  # (B, T, V)
        return decoder_outputs, decoder_hidden, torch.cat(attentions, dim=1)

    def forward_step(self, input, hidden, encoder_outputs):
        embedded = self.dropout(self.embedding(input))  # (B, 1, H)
        query = hidden.permute(1, 0, 2)  # (B, 1, H): the previous state
        context, attn_weights = self.attention(query, encoder_outputs)
        input_gru = torch.cat((embedded, context), dim=2)  # (B, 1, 2H)
        output, hidden = self.gru(input_gru, hidden)
        return self.out(output), hidden, attn_weights  # (B, 1, V)


def read_pairs(path: str, limit: int | None = None) -> list[tuple[str, str]]:
    """French -> English pairs from a Tatoeba file (English<TAB>French[<TAB>attribution]), as
    the tutorial filters them: fewer than MAX_LENGTH words, English with one of the prefixes."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2:
                continue
            eng, fra = normalize_string(cols[0]), normalize_string(cols[1])
            if (
                len(eng.split(" ")) < MAX_LENGTH
                and len(fra.split(" ")) < MAX_LENGTH
                and eng.startswith(ENG_PREFIXES)
            ):
                pairs.append((fra, eng))
    return pairs[:limit] if limit else pairs


def tensors(pairs, input_lang: Lang, output_lang: Lang):
    """Padded id tensors (N, MAX_LENGTH), EOS after each sentence, as the tutorial's loader."""
    n = len(pairs)
    src = torch.zeros(n, MAX_LENGTH, dtype=torch.long)
    tgt = torch.zeros(n, MAX_LENGTH, dtype=torch.long)
    for row, (a, b) in enumerate(pairs):
        ids_a = [input_lang.word2index[w] for w in a.split(" ")] + [EOS_token]
        ids_b = [output_lang.word2index[w] for w in b.split(" ")] + [EOS_token]
        src[row, : len(ids_a)] = torch.tensor(ids_a)
        tgt[row, : len(ids_b)] = torch.tensor(ids_b)
    return src, tgt


def train_epoch(src, tgt, encoder, decoder, enc_opt, dec_opt, batch_size: int = 32) -> float:
    """One pass over the data, as the tutorial's train_epoch (NLLLoss on all MAX_LENGTH steps)."""
    order = torch.randperm(src.size(0))
    total = 0.0
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        enc_opt.zero_grad()
        dec_opt.zero_grad()
        encoder_outputs, encoder_hidden = encoder(src[rows])
        decoder_outputs, _, _ = decoder(encoder_outputs, encoder_hidden, tgt[rows])
        loss = F.nll_loss(
            decoder_outputs.reshape(-1, decoder_outputs.size(-1)), tgt[rows].reshape(-1)
        )
        loss.backward()
        enc_opt.step()
        dec_opt.step()
        total += loss.item() * len(rows)
    return total / src.size(0)


@torch.no_grad()
def evaluate(encoder, decoder, sentence: str, input_lang: Lang, output_lang: Lang) -> list[str]:
    """Greedy words until EOS, as the tutorial's evaluate()."""
    ids = [input_lang.word2index[w] for w in sentence.split(" ")] + [EOS_token]
    encoder_outputs, encoder_hidden = encoder(torch.tensor([ids]))
    decoder_outputs, _, _ = decoder(encoder_outputs, encoder_hidden)
    words = []
    for idx in decoder_outputs[0].argmax(-1).tolist():
        if idx == EOS_token:
            break
        words.append(output_lang.index2word[idx])
    return words
