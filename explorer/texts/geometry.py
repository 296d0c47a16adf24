"""The geometry of attention and the line view (explorer/figures/geometry.py).

A caption with math has no fields; the measured figures of a sentence follow it in a
sentence of their own (``geometry_figures``, ``geometry_figures_additive``)."""

EN = {
    "panel_geometry": "The geometry of the step: query, keys and context vector in 2-D",
    "panel_geometry_caption": (
        "One projection (PCA) of this sentence's keys $h_i$ and queries $s_t$ onto the two "
        "directions along which they vary most. The score of dot-product attention, "
        "$s_t^\\top h_i$, is large when the query arrow points the way a key does. The star is "
        "the context vector $a_t$, the weighted mean of the keys, so it always lies inside them. "
        "A projection loses most dimensions: the true scores are in the bar chart."
    ),
    "panel_geometry_caption_bahdanau": (
        "One projection (PCA) of this sentence's keys $h_i$ and queries $s_{t-1}$ onto the two "
        "directions along which they vary most. The score of Bahdanau attention is not a dot "
        "product, so "
        "the arrow only shows where the query is. The star is the context vector $a_t$, the "
        "weighted mean of the keys, inside them. The next picture is in the additive space."
    ),
    "panel_geometry_additive": "The additive space: $W_b s_{t-1}$ and $W_c h_i$ in 2-D",
    "panel_geometry_additive_caption": (
        "One projection (PCA) of the projected query $W_b s_{t-1}$ and keys $W_c h_i$, the two "
        "vectors that the score $v_a^\\top \\tanh(W_b s_{t-1} + W_c h_i)$ adds. The star is "
        "the weighted mean of the projected keys."
    ),
    "geometry_figures": (
        "For this sentence the projection keeps {variance:.0f} % of the variance. Measured from "
        "where the origin lands, the picture's dot products correlate with the model's scores "
        "at r = {r:.2f}, and its top key is the model's top key at {top1:.0f} % of the {steps} "
        "steps."
    ),
    "geometry_figures_additive": (
        "For this sentence the projection keeps {variance:.0f} % of the variance. Scored where "
        "the picture puts them, the points give scores that correlate with the model's at "
        "r = {r:.2f}; the picture's top key is the model's at {top1:.0f} % of the {steps} steps."
    ),
    "panel_lines": "The weights as lines: source tokens above, output tokens below",
    "panel_lines_caption": (
        "A line for every pair whose weight is at least 0.05, wider and darker the larger the "
        "weight: this step's lines in orange, earlier steps' faint. Point at a token to bring "
        "out its lines."
    ),
    "geometry_path": "queries so far",
    "geometry_axis": "direction {n} of the projection",
    "col_point": "point",
}

KO = {
    "panel_geometry": "이 시점의 기하: 2차원에서 본 쿼리, 키, 컨텍스트 벡터",
    "panel_geometry_caption": (
        "이 문장의 키 $h_i$와 쿼리 $s_t$를 가장 크게 퍼져 있는 두 방향으로 사영한 그림(PCA)"
        "입니다. 닷-프로덕트 어텐션의 스코어 $s_t^\\top h_i$는 쿼리 화살표가 키와 같은 쪽을 "
        "가리킬 때 큽니다. 별은 컨텍스트 벡터 $a_t$로, 키들의 가중 평균이므로 늘 키들 안쪽에 "
        "있습니다. 사영하면 대부분의 차원을 잃으므로 실제 스코어는 막대 그래프에서 확인하세요."
    ),
    "panel_geometry_caption_bahdanau": (
        "이 문장의 키 $h_i$와 쿼리 $s_{t-1}$를 가장 크게 퍼져 있는 두 방향으로 사영한 "
        "그림(PCA)입니다. 바다나우 어텐션의 스코어는 내적이 아니므로 화살표는 쿼리의 위치만 "
        "보여 줍니다. 별은 컨텍스트 벡터 $a_t$로, 키들의 가중 평균이라 키들 안쪽에 있습니다. "
        "다음 그림은 가산형 공간입니다."
    ),
    "panel_geometry_additive": "가산형 공간: 2차원에서 본 $W_b s_{t-1}$와 $W_c h_i$",
    "panel_geometry_additive_caption": (
        "스코어 $v_a^\\top \\tanh(W_b s_{t-1} + W_c h_i)$에서 더해지는 두 벡터, 사영된 쿼리 "
        "$W_b s_{t-1}$와 키 $W_c h_i$를 PCA로 사영한 그림입니다. 별은 사영된 키들의 가중 "
        "평균입니다."
    ),
    "geometry_figures": (
        "이 문장에서 사영은 분산의 {variance:.0f} %를 담습니다. 원점이 놓인 곳에서 잰 그림 속 "
        "내적은 모델의 스코어와 r = {r:.2f}의 상관을 보이고, 그림에서 가장 높은 키가 모델의 "
        "가장 높은 키와 같은 시점은 {steps}개 중 {top1:.0f} %입니다."
    ),
    "geometry_figures_additive": (
        "이 문장에서 사영은 분산의 {variance:.0f} %를 담습니다. 그림 속 위치에서 계산한 스코어는 "
        "모델의 스코어와 r = {r:.2f}의 상관을 보이고, 가장 높은 키가 같은 시점은 {steps}개 중 "
        "{top1:.0f} %입니다."
    ),
    "panel_lines": "선으로 본 가중치: 위는 원문 토큰, 아래는 출력 토큰",
    "panel_lines_caption": (
        "가중치가 0.05 이상인 쌍마다 선을 하나씩 긋고, 가중치가 클수록 굵고 진하게 그립니다. "
        "이 시점의 선은 주황색, 앞 시점의 선은 흐리게 보입니다. 토큰 위에 마우스를 올리면 그 "
        "토큰의 선이 두드러집니다."
    ),
    "geometry_path": "지금까지의 쿼리",
    "geometry_axis": "사영 방향 {n}",
    "col_point": "점",
}
