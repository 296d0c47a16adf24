"""The theory page's outline: sections of text, formulas and links to the live views. Pure.

Prose lives in the string table (explorer/texts/<language>/theory.toml); formulas are the same
in both languages and live here. A block is ("text", key), ("caption", key) or ("latex", formula); a
link names a page slug and the string key of its label.
"""

from __future__ import annotations

from dataclasses import dataclass

ICONS = {
    "explorer": ":material/search:",
    "compare": ":material/compare:",
    "why": ":material/trending_down:",
    "playground": ":material/tune:",
    "training": ":material/timeline:",
}


@dataclass(frozen=True)
class Section:
    name: str
    blocks: tuple[tuple[str, str], ...]
    links: tuple[tuple[str, str], ...]

    @property
    def title_key(self) -> str:
        return f"theory_{self.name}_title"


SECTIONS = (
    Section(
        "bottleneck",
        (
            ("text", "theory_bottleneck_intro"),
            (
                "latex",
                r"c = \overrightarrow{h}_N + \overleftarrow{h}_1"
                r"\qquad p(y_t) = g\left(s_t,\ c\right), \quad t = 1, \dots, T",
            ),
            ("text", "theory_bottleneck_problems"),
            # The Jacobians in the chain rule's order (a product of matrices does not commute).
            (
                "latex",
                r"\frac{\partial \mathcal{L}_t}{\partial h_1} = "
                r"\frac{\partial \mathcal{L}_t}{\partial h_N}\,"
                r"\frac{\partial h_N}{\partial h_{N-1}}\,"
                r"\frac{\partial h_{N-1}}{\partial h_{N-2}}\cdots"
                r"\frac{\partial h_2}{\partial h_1}",
            ),
            ("text", "theory_bottleneck_answer"),
        ),
        (("why", "theory_link_why"), ("explorer", "theory_link_explorer_none")),
    ),
    Section(
        "qkv",
        (
            ("text", "theory_qkv_intro"),
            (
                "latex",
                r"\operatorname{Attention}(q, K, V) = "
                r"\sum_{i=1}^{N} \operatorname{softmax}_i\big(\operatorname{score}(q, k_i)"
                r"\big)\, v_i",
            ),
            ("text", "theory_qkv_models"),
        ),
        (("playground", "theory_link_playground"),),
    ),
    Section(
        "dot",
        (
            ("text", "theory_dot_intro"),
            ("caption", "theory_dot_scores"),
            ("latex", r"e^t = \left[\, s_t^\top h_1,\ \dots,\ s_t^\top h_N \,\right]"),
            ("caption", "theory_dot_distribution"),
            (
                "latex",
                r"\alpha^t = \operatorname{softmax}(e^t), \qquad "
                r"\alpha^t_i = \frac{\exp(e^t_i)}{\sum_{j=1}^{N} \exp(e^t_j)}",
            ),
            ("caption", "theory_dot_weights"),
            ("caption", "theory_dot_context"),
            ("latex", r"a_t = \sum_{i=1}^{N} \alpha^t_i\, h_i"),
            ("caption", "theory_dot_concat"),
            ("latex", r"\tilde{s}_t = \tanh\left(W_o \left[\, a_t ;\ s_t \,\right]\right)"),
            ("caption", "theory_dot_output"),
            ("latex", r"\hat{y}_t = \operatorname{softmax}\left(W_y \tilde{s}_t + b_y\right)"),
            ("text", "theory_dot_scaled"),
            (
                "latex",
                r"\operatorname{Var}\left(s_t^\top h_i\right) = H "
                r"\quad\Longrightarrow\quad e^t_i = \frac{s_t^\top h_i}{\sqrt{H}}",
            ),
        ),
        (("explorer", "theory_link_explorer_dot"), ("playground", "theory_link_playground_scaled")),
    ),
    Section(
        "bahdanau",
        (
            ("text", "theory_bahdanau_intro"),
            ("caption", "theory_bahdanau_score"),
            ("latex", r"e^t_i = v_a^\top \tanh\left(W_b\, s_{t-1} + W_c\, h_i\right)"),
            ("caption", "theory_bahdanau_context"),
            (
                "latex",
                r"\alpha^t = \operatorname{softmax}(e^t), \qquad "
                r"a_t = \sum_{i=1}^{N} \alpha^t_i\, h_i",
            ),
            ("caption", "theory_bahdanau_state"),
            (
                "latex",
                r"s_t = \operatorname{GRU}\left(\left[\, \operatorname{emb}(y_{t-1}) ;"
                r"\ a_t \,\right],\ s_{t-1}\right)",
            ),
            ("caption", "theory_bahdanau_output"),
            (
                "latex",
                r"p(y_t) = \operatorname{softmax}\left(W_y \tanh\left(W_o \left[\, s_t ;"
                r"\ a_t ;\ \operatorname{emb}(y_{t-1}) \,\right]\right) + b_y\right)",
            ),
            ("text", "theory_bahdanau_versus"),
        ),
        (("explorer", "theory_link_explorer_bahdanau"), ("compare", "theory_link_compare")),
    ),
    Section(
        "watch",
        (("text", "theory_watch_intro"),),
        (("training", "theory_link_training"), ("compare", "theory_link_compare_watch")),
    ),
)


def scaled_note_key(config: dict | None) -> str | None:
    """Which note fits the task's dot model: scaled, unscaled, or none (no dot checkpoint)."""
    model = (config or {}).get("model")
    if not isinstance(model, dict) or model.get("attention") != "dot":
        return None
    return "theory_dot_is_scaled" if model.get("scaled") else "theory_dot_not_scaled"


def text_keys() -> set[str]:
    """Every string key the outline uses."""
    keys = {s.title_key for s in SECTIONS}
    keys |= {key for s in SECTIONS for kind, key in s.blocks if kind != "latex"}
    keys |= {label for s in SECTIONS for _, label in s.links}
    return keys | {"theory_dot_is_scaled", "theory_dot_not_scaled"}


# The links that name a model: they open the explorer with it chosen.
LINK_KINDS = {
    "theory_link_explorer_none": "none",
    "theory_link_explorer_dot": "dot",
    "theory_link_explorer_bahdanau": "bahdanau",
}
