"""Strings of the playground page (explorer/pages/playground.py, explorer/playground_*.py)."""

EN = {
    "page_playground": "Playground",
    "pg_title": "Attention playground: small numbers, by hand",
    "pg_intro": (
        "No trained model here: a query, a few keys and values of 2 to 4 numbers each, which "
        "you can edit. Pick a score function and a temperature, and follow the numbers from "
        "the scores to the weights to the context vector, written out in full."
    ),
    "pg_kind_label": "Score function",
    "pg_kind_help": (
        "Dot: qᵀk. Scaled dot: qᵀk / √d (the Transformer's choice). General: qᵀW k with a matrix "
        "W. Additive (Bahdanau): v_aᵀ tanh(W_b q + W_c k). Here d is the dimension of the vectors "
        "(H on the Theory page)."
    ),
    "pg_kind_dot": "Dot product",
    "pg_kind_scaled": "Scaled dot product",
    "pg_kind_general": "General (qᵀ W k)",
    "pg_kind_additive": "Additive (Bahdanau)",
    "pg_temperature_label": "Softmax temperature T",
    "pg_temperature_help": (
        "The scores are divided by T before the softmax. T < 1 sharpens the weights towards "
        "the highest score; T > 1 flattens them towards uniform."
    ),
    "pg_dims_label": "Dimensions d",
    "pg_count_label": "Keys and values",
    "pg_presets_label": "Start from a preset:",
    "pg_preset_example": "An example",
    "pg_preset_sharp": "A sharp distribution",
    "pg_preset_flat": "A flat distribution",
    "pg_presets_caption": (
        "Sharp: the query points the same way as one key and is long, so that key's score "
        "stands far above the others. Flat: a short query gives all keys about the same score. "
        "Changing d or the number of keys starts again from the chosen preset."
    ),
    "pg_query_label": "Query q (the decoder's state)",
    "pg_keys_label": "Keys k₁ … kₙ (the encoder's states)",
    "pg_values_same": "Values = keys",
    "pg_values_same_help": (
        "As in the course models, where keys and values are both the encoder states h_i. "
        "Untick to type other values."
    ),
    "pg_values_label": "Values v₁ … vₙ",
    "pg_W_label": "W (general score)",
    "pg_Wb_label": "W_b (acts on the query)",
    "pg_Wc_label": "W_c (acts on each key)",
    "pg_v_label": "v_a",
    "pg_editor_caption": "One row per vector, one column per component; cells from −10 to 10.",
    "pg_bad_cells": (
        "Every cell needs a number between −10 and 10. Fill in the empty cells to see the result."
    ),
    "pg_scores_title": "1. Attention scores: how well each key matches the query",
    "pg_weights_title": "2. Weights: the softmax of the scores",
    "pg_context_title": "3. Context vector: the values weighted and summed",
    "pg_summary": (
        "The largest weight is {top:.3f} (on key {index}); the entropy of the weights is "
        "{entropy:.3f} nats, out of at most {max:.3f} for a uniform distribution."
    ),
    "pg_arithmetic_title": "The arithmetic, written out",
    "pg_arith_scores": "Scores, one per key:",
    "pg_arith_weights": "Weights: the softmax of the scores divided by T = {t}:",
    "pg_arith_context": "Context vector: the weighted sum of the values:",
    "pg_axis_keys": "Key",
    "pg_axis_component": "Component",
    "pg_try": (
        "Try: with the sharp preset, switch from dot to scaled dot and watch the top weight "
        "drop; raise T to flatten any distribution, lower it to sharpen one."
    ),
}

KO = {
    "page_playground": "놀이터",
    "pg_title": "어텐션 놀이터: 작은 숫자로 직접 계산하기",
    "pg_intro": (
        "여기에는 학습된 모델이 없습니다. 숫자 2~4개로 된 쿼리 하나와 키·값 몇 개를 직접 고칠 수 "
        "있습니다. 스코어 함수와 온도를 고르고, 스코어에서 가중치, 컨텍스트 벡터까지 숫자가 어떻게 "
        "계산되는지 식으로 끝까지 따라가 보세요."
    ),
    "pg_kind_label": "스코어 함수",
    "pg_kind_help": (
        "내적: qᵀk. 스케일드 내적: qᵀk / √d (트랜스포머의 방식). 일반형: 행렬 W를 쓴 qᵀW k. "
        "가산형(바다나우): v_aᵀ tanh(W_b q + W_c k). d는 벡터의 차원입니다(이론 페이지의 H)."
    ),
    "pg_kind_dot": "내적",
    "pg_kind_scaled": "스케일드 내적",
    "pg_kind_general": "일반형 (qᵀ W k)",
    "pg_kind_additive": "가산형 (바다나우)",
    "pg_temperature_label": "소프트맥스 온도 T",
    "pg_temperature_help": (
        "소프트맥스 전에 스코어를 T로 나눕니다. T < 1이면 가중치가 가장 높은 스코어 쪽으로 몰리고, "
        "T > 1이면 균등 분포 쪽으로 평평해집니다."
    ),
    "pg_dims_label": "차원 d",
    "pg_count_label": "키와 값의 개수",
    "pg_presets_label": "예시 값으로 시작:",
    "pg_preset_example": "예시",
    "pg_preset_sharp": "날카로운 분포",
    "pg_preset_flat": "평평한 분포",
    "pg_presets_caption": (
        "날카로운 분포: 쿼리가 한 키와 같은 방향이고 길어서, 그 키의 스코어가 다른 키보다 훨씬 "
        "높습니다. 평평한 분포: 짧은 쿼리는 모든 키에 거의 같은 스코어를 줍니다. d나 키의 개수를 "
        "바꾸면 고른 예시 값에서 다시 시작합니다."
    ),
    "pg_query_label": "쿼리 q (디코더의 은닉 상태)",
    "pg_keys_label": "키 k₁ … kₙ (인코더의 은닉 상태)",
    "pg_values_same": "값 = 키",
    "pg_values_same_help": (
        "이 앱의 모델처럼 키와 값이 모두 인코더 은닉 상태 h_i입니다. 다른 값을 넣으려면 체크를 "
        "해제하세요."
    ),
    "pg_values_label": "값 v₁ … vₙ",
    "pg_W_label": "W (일반형 스코어)",
    "pg_Wb_label": "W_b (쿼리에 곱함)",
    "pg_Wc_label": "W_c (각 키에 곱함)",
    "pg_v_label": "v_a 벡터",
    "pg_editor_caption": (
        "행 하나가 벡터 하나, 열 하나가 성분 하나입니다. 칸에는 −10에서 10까지의 값을 넣을 수 "
        "있습니다."
    ),
    "pg_bad_cells": (
        "모든 칸에 −10에서 10 사이의 숫자가 필요합니다. 빈 칸을 채우면 결과가 나옵니다."
    ),
    "pg_scores_title": "1. 어텐션 스코어: 각 키가 쿼리와 얼마나 잘 맞는지",
    "pg_weights_title": "2. 가중치: 스코어의 소프트맥스",
    "pg_context_title": "3. 컨텍스트 벡터: 값들을 가중치로 가중합한 것",
    "pg_summary": (
        "가장 큰 가중치는 {top:.3f}(키 {index})이고, 가중치의 엔트로피는 {entropy:.3f} "
        "nat입니다(균등 분포일 때 최대 {max:.3f})."
    ),
    "pg_arithmetic_title": "계산 과정 전체",
    "pg_arith_scores": "스코어(키마다 하나씩):",
    "pg_arith_weights": "가중치: 스코어를 T = {t}로 나눈 뒤의 소프트맥스:",
    "pg_arith_context": "컨텍스트 벡터: 값들의 가중합:",
    "pg_axis_keys": "키",
    "pg_axis_component": "성분",
    "pg_try": (
        "해 보기: '날카로운 분포'에서 내적을 스케일드 내적으로 바꾸면 가장 큰 가중치가 줄어듭니다. "
        "T를 올리면 어떤 분포든 평평해지고, 내리면 날카로워집니다."
    ),
}
