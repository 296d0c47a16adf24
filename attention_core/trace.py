"""Traces: the recording of one decoding run, in plain Python and numpy (no torch needed).

A trace is what every view of the app draws. ``to_json``/``from_json`` round-trip it exactly
(float32 values survive the trip through JSON's float64).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

import numpy as np

# Per-step vectors; the names are the app's vocabulary too.
STEP_ARRAYS = (
    "query",  # (H,) s_t for dot/general, s_{t-1} for Bahdanau
    "scores",  # (S,) e^t before the softmax (absent without attention)
    "weights",  # (S,) alpha^t after the softmax (absent without attention)
    "context",  # (H,) a_t
    "state",  # (H,) s_t, the decoder state after this step
    "output_input",  # (H,) what the output layer reads (s~_t)
    "query_proj",  # (A,) Bahdanau only: W_b s_{t-1}
    "energies",  # (S, A) Bahdanau only: tanh(W_b s_{t-1} + W_c h_i)
)


@dataclass
class Step:
    index: int
    input_token: str  # y_{t-1}, the token fed in (<sos> at step 0)
    token: str  # the token chosen (or forced) at this step
    token_id: int
    log_prob: float  # log p(token | ...)
    top_k: list[tuple[str, float]]  # most likely next tokens with their probabilities
    query: np.ndarray
    context: np.ndarray
    state: np.ndarray
    output_input: np.ndarray
    scores: np.ndarray | None = None
    weights: np.ndarray | None = None
    query_proj: np.ndarray | None = None
    energies: np.ndarray | None = None

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in STEP_ARRAYS:
            d[name] = None if d[name] is None else d[name].tolist()
        d["top_k"] = [[tok, p] for tok, p in self.top_k]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Step:
        d = dict(d)
        for name in STEP_ARRAYS:
            if d.get(name) is not None:
                d[name] = np.asarray(d[name], dtype=np.float32)
        d["top_k"] = [(tok, float(p)) for tok, p in d["top_k"]]
        return cls(**d)


@dataclass
class Hypothesis:
    """One beam-search hypothesis: finished (ended with <eos> or at the length limit) or pruned."""

    tokens: list[str]
    log_prob: float  # sum of the steps' log-probabilities
    score: float  # log_prob after length normalisation, used to rank finished hypotheses
    status: str  # "finished", "pruned" or "cut" (reached the length limit)
    steps: list[Step]
    node: int  # id of its last node in ``Trace.beam_nodes``

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["steps"] = [s.to_dict() for s in self.steps]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Hypothesis:
        return cls(**{**d, "steps": [Step.from_dict(s) for s in d["steps"]]})


@dataclass
class BeamNode:
    """One node of the beam search's tree: the token one hypothesis took at one step."""

    id: int
    parent: int | None  # the node it continues (None at the first step)
    step: int
    token_id: int
    token: str
    log_prob: float  # log p(token | its path)
    cum_log_prob: float  # the path's sum up to and including this token
    status: str  # "kept" (continued), "finished" (<eos>), "pruned" or "cut" (length limit)


@dataclass
class Trace:
    task: str
    attention_kind: str  # dot | general | bahdanau | none
    mode: str  # greedy | beam | forced
    source_text: str
    source_tokens: list[str]
    source_oov: list[bool]  # True where the token is not in the source vocabulary (-> <unk>)
    output_tokens: list[str]  # without the final <eos>
    output_text: str  # detokenized output
    keys: np.ndarray  # (S, H) encoder states h_i (keys = values)
    initial_state: np.ndarray  # (H,) s_0
    steps: list[Step]  # one per output token, plus the step that produced <eos>
    keys_proj: np.ndarray | None = None  # (S, A) Bahdanau only: W_c h_i
    score_vector: np.ndarray | None = None  # (A,) Bahdanau only: v_a (scores = v_a . energies)
    reference_tokens: list[str] | None = None  # forced mode: the tokens that were forced
    beam_size: int | None = None
    length_penalty: float | None = None
    hypotheses: list[Hypothesis] = field(default_factory=list)  # beam: finished and pruned
    beam_nodes: list[BeamNode] = field(default_factory=list)  # beam: the search's tree
    overrides: dict[int, list[float]] = field(default_factory=dict)  # step -> weights (what-if)
    prefix_tokens: list[str] | None = None  # forced output prefix (what-if)
    score_scale: float = 1.0  # dot: scores = scale * s_t . h_i (1/sqrt(H) when scaled)
    added_mark: str | None = None  # the final "." or "?" decoding added (DecodeOptions.complete)

    @property
    def attention_matrix(self) -> np.ndarray | None:
        """(T, S) weights, one row per decoder step; None for the no-attention model."""
        if not self.steps or self.steps[0].weights is None:
            return None
        return np.stack([s.weights for s in self.steps])

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["keys"] = self.keys.tolist()
        d["initial_state"] = self.initial_state.tolist()
        d["keys_proj"] = None if self.keys_proj is None else self.keys_proj.tolist()
        d["score_vector"] = None if self.score_vector is None else self.score_vector.tolist()
        d["steps"] = [s.to_dict() for s in self.steps]
        d["hypotheses"] = [h.to_dict() for h in self.hypotheses]
        d["beam_nodes"] = [asdict(n) for n in self.beam_nodes]
        d["overrides"] = {str(k): v for k, v in self.overrides.items()}
        matrix = self.attention_matrix
        d["attention"] = None if matrix is None else matrix.tolist()
        return d

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict) -> Trace:
        d = dict(d)
        d.pop("attention", None)  # derived from the steps
        d["keys"] = np.asarray(d["keys"], dtype=np.float32)
        d["initial_state"] = np.asarray(d["initial_state"], dtype=np.float32)
        for name in ("keys_proj", "score_vector"):
            if d.get(name) is not None:
                d[name] = np.asarray(d[name], dtype=np.float32)
        d["steps"] = [Step.from_dict(s) for s in d["steps"]]
        d["hypotheses"] = [Hypothesis.from_dict(h) for h in d.get("hypotheses", [])]
        d["beam_nodes"] = [BeamNode(**n) for n in d.get("beam_nodes", [])]
        d["overrides"] = {int(k): v for k, v in d.get("overrides", {}).items()}
        return cls(**d)

    @classmethod
    def from_json(cls, text: str) -> Trace:
        return cls.from_dict(json.loads(text))
