"""One record per attention kind: everything the engine and the app need to know about it.

A kind says when its decoder takes the query (the state after this step's RNN update, s_t, or
the one before it, s_{t-1}), how it scores (one LaTeX formula, cited), which intermediate values
its score records, what its output layer reads and in which order, and the string keys of its
own texts. The score and decoder factories, the trace's step arrays and every view ask this
record; nothing else switches on a kind's name. Torch-free, so the app can read it cheaply.

Adding a kind: a score class in attention.py, a record here, its texts in both languages
(tests/test_kinds.py checks every slot of ``TEXT_SLOTS`` exists), and a checkpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

# The string keys (explorer/texts) a kind must name, one per slot where kinds differ.
TEXT_SLOTS = (
    "name",  # the kind's name in menus
    "query_title",  # the query panel's title
    "query_caption",
    "scores_caption",  # how its scores are computed, in words
    "geometry_caption",  # what the 2-D picture of its keys and queries shows (with attention)
    "output_title",  # the output layer's panel
    "output_caption",
    "eq_state",  # the state/query line of the step's equations
    "eq_score",  # the score line (with attention)
    "eq_output",  # the output layer line
    "timeline_note",  # under the timeline of one step: when the query is taken
)

# Per-step vectors every kind records (``Step``); a score adds its own ``score_parts``.
COMMON_STEP_ARRAYS = ("query", "context", "state", "output_input")
ATTENTION_STEP_ARRAYS = ("scores", "weights")


@dataclass(frozen=True)
class AttentionKind:
    name: str
    citation: str
    has_attention: bool
    # "current": the query is s_t, after the RNN update (Luong); "previous": s_{t-1}, before it
    # (Bahdanau); "" without attention
    query_time: str
    decoder: str  # "luong" (RNN, then attention) or "bahdanau" (attention, then RNN)
    # e^t_i as LaTeX with {t}, {tp} (= t-1) and {i} to fill in; "" without attention
    score_latex: str
    # what the output layer reads, in order: "context", "state", "embedding"
    output_reads: tuple[str, ...]
    # per-step arrays the score records beyond scores/weights (attention.Attended.parts)
    score_parts: tuple[str, ...] = ()
    # per-sentence arrays the trace keeps for the score (Trace fields)
    sentence_parts: tuple[str, ...] = ()
    scalable: bool = False  # accepts ``scaled`` (scores times 1/sqrt(H))
    # the score is the dot product of the query and the key themselves (times a scale), so a
    # linear picture of both (geometry.py) shows the score's true form
    score_is_dot: bool = False
    # the step's panels in reading order; ``views`` go right after the weights
    panels: tuple[str, ...] = ()
    views: tuple[str, ...] = ()
    main_panel: str = "weights"  # the panel beside the matrix on the first screen
    # s~_t = tanh(W_o [reads]) sits between the RNN and the output layer (Luong eq. 5; Bahdanau's
    # deep output); without it (the PyTorch tutorial) the output layer reads s_t itself
    deep_output: bool = True
    # our trainer builds it (model.Seq2Seq); False for a kind that is only read from its own
    # files (the PyTorch tutorial's model, attention_core/tutorial.py)
    trainable: bool = True
    texts: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    @property
    def query_symbol(self) -> str:
        """The query as LaTeX: s_t, s_{t-1}, or (no attention) the state s_t it still shows."""
        return "s_{t-1}" if self.query_time == "previous" else "s_t"

    @property
    def step_arrays(self) -> tuple[str, ...]:
        extra = ATTENTION_STEP_ARRAYS if self.has_attention else ()
        return COMMON_STEP_ARRAYS + extra + self.score_parts

    @property
    def context_symbol(self) -> str:
        """a_t, or c: the fixed summary a model without attention reads at every step."""
        return "a_t" if self.has_attention else "c"

    def score_term(self, t="t", i="i") -> str:
        """The score's right-hand side with step t and source position i filled in."""
        tp = f"{t}-1" if isinstance(t, str) else t - 1
        return self.score_latex.format(t=t, tp=tp, i=i)

    def text(self, slot: str) -> str:
        if slot not in TEXT_SLOTS:
            raise KeyError(f"no text slot {slot!r}; the slots are {TEXT_SLOTS}")
        return self.texts[slot]


def _texts(**keys: str) -> MappingProxyType:
    return MappingProxyType(keys)


_LUONG_PANELS = ("query", "keys", "scores", "weights", "parts", "output", "topk")
# What Luong's attention kinds share: the RNN first, then attention on s_t (Luong sec. 3.1)
_LUONG = dict(
    has_attention=True,
    query_time="current",
    decoder="luong",
    output_reads=("context", "state"),
    panels=_LUONG_PANELS,
    views=("geometry", "lines"),
)
_LUONG_TEXTS = dict(
    query_title="panel_query_dot",
    query_caption="panel_query_caption",
    output_title="panel_output_dot",
    output_caption="panel_output_caption",
    eq_state="eq_state_dot",
    eq_score="eq_score_dot",
    eq_output="eq_output_dot",
    timeline_note="timeline_note_dot",
)

_ADDITIVE_PANELS = (
    "query",
    "keys",
    "query_proj",
    "keys_proj",
    "energies",
    "scores",
    "weights",
    "parts",
    "output",
    "topk",
)
_ADDITIVE_VIEWS = ("geometry", "geometry_additive", "lines")
_BAHDANAU_TEXTS = dict(
    name="kind_bahdanau",
    query_title="panel_query_bahdanau",
    query_caption="panel_query_caption",
    scores_caption="panel_scores_caption_bahdanau",
    geometry_caption="panel_geometry_caption_bahdanau",
    output_title="panel_output_bahdanau",
    output_caption="panel_output_caption_bahdanau",
    eq_state="eq_state_bahdanau",
    eq_score="eq_score_bahdanau",
    eq_output="eq_output_bahdanau",
    timeline_note="timeline_note_bahdanau",
)

KINDS: dict[str, AttentionKind] = {
    k.name: k
    for k in (
        AttentionKind(
            name="dot",
            citation="Luong et al. 2015, eq. 8 (dot)",
            score_latex=r"s_{{{t}}}^\top h_{{{i}}}",
            scalable=True,
            score_is_dot=True,
            **_LUONG,
            texts=_texts(
                name="kind_dot",
                scores_caption="panel_scores_caption_dot",
                geometry_caption="panel_geometry_caption",
                **_LUONG_TEXTS,
            ),
        ),
        AttentionKind(
            name="general",
            citation="Luong et al. 2015, eq. 8 (general)",
            score_latex=r"s_{{{t}}}^\top W_a h_{{{i}}}",
            sentence_parts=("keys_proj",),
            **_LUONG,
            texts=_texts(
                name="kind_general",
                scores_caption="panel_scores_caption_general",
                geometry_caption="panel_geometry_caption_general",
                **{**_LUONG_TEXTS, "timeline_note": "timeline_note_general"},
            ),
        ),
        AttentionKind(
            name="bahdanau",
            citation="Bahdanau et al. 2015, appendix A.1.2",
            has_attention=True,
            query_time="previous",
            decoder="bahdanau",
            score_latex=r"v_a^\top \tanh\big(W_b s_{{{tp}}} + W_c h_{{{i}}}\big)",
            output_reads=("state", "context", "embedding"),
            score_parts=("query_proj", "energies"),
            sentence_parts=("keys_proj", "score_vector"),
            panels=_ADDITIVE_PANELS,
            views=_ADDITIVE_VIEWS,
            texts=_texts(**_BAHDANAU_TEXTS),
        ),
        AttentionKind(
            # The PyTorch tutorial "NLP From Scratch: Translation with a Sequence to Sequence
            # Network and Attention" (2023 version, BahdanauAttention): Bahdanau's score with a
            # bias in each of its three layers (Wa, Ua, Va; on screen W_b, W_c, v_a), the GRU
            # reads [emb(y_{t-1}); a_t], and the output layer reads s_t itself (no deep output).
            name="tutorial",
            citation="PyTorch tutorial, seq2seq translation (BahdanauAttention); Bahdanau et al. "
            "2015, appendix A.1.2",
            has_attention=True,
            query_time="previous",
            decoder="tutorial",
            score_latex=r"v_a^\top \tanh\big(W_b s_{{{tp}}} + W_c h_{{{i}}}\big) + b_v",
            output_reads=("state",),
            score_parts=("query_proj", "energies"),
            sentence_parts=("keys_proj", "score_vector"),
            panels=_ADDITIVE_PANELS,
            views=_ADDITIVE_VIEWS,
            deep_output=False,
            trainable=False,
            texts=_texts(
                **{
                    **_BAHDANAU_TEXTS,
                    "name": "kind_tutorial",
                    "scores_caption": "panel_scores_caption_tutorial",
                    "output_title": "panel_output_tutorial",
                    "output_caption": "panel_output_caption_tutorial",
                    "eq_score": "eq_score_tutorial",
                    "eq_output": "",  # no s~_t: no output-layer line
                }
            ),
        ),
        AttentionKind(
            name="none",
            citation="Cho et al. 2014; Sutskever et al. 2014 (one fixed context)",
            has_attention=False,
            query_time="",
            decoder="luong",
            score_latex="",
            output_reads=("context", "state"),
            panels=("query", "output", "topk"),
            main_panel="topk",
            texts=_texts(
                name="kind_none",
                query_title="panel_query_none",
                query_caption="panel_query_caption_none",
                scores_caption="",
                geometry_caption="",
                output_title="panel_output_none",
                output_caption="panel_output_caption",
                eq_state="eq_state_none",
                eq_score="",
                eq_output="eq_output_dot",
                timeline_note="timeline_note_none",
            ),
        ),
    )
}
# The kinds our trainer builds; KINDS also holds the kinds read from other code's files.
ATTENTION_KINDS = tuple(name for name, record in KINDS.items() if record.trainable)


def kind(name: str) -> AttentionKind:
    """The record of an attention kind; an unknown name is an error, never a fallback."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown attention kind {name!r}; known: {tuple(KINDS)}") from None
