"""Strings of the beam-search page (explorer/pages/beam.py, explorer/figures/beam.py)."""

EN = {
    "page_beam": "Beam search",
    "beam_title": "Beam search, hypothesis by hypothesis",
    "beam_intro": (
        "Greedy decoding keeps one partial translation; beam search keeps the k most probable "
        "ones at every step. The tree below is the whole search: every token it tried, with the "
        "cumulative log-probability of the hypothesis up to that token. Pick a hypothesis to see "
        "its attention and its steps, in the same views as the explorer."
    ),
    "beam_width_label": "Beam width k",
    "beam_width_help": "Hypotheses kept at each step. k = 1 is exactly greedy decoding.",
    "beam_alpha_label": "Length normalisation exponent β",
    "beam_alpha_help": (
        "How finished hypotheses are ranked: log-probability divided by length to the power β. (β "
        "is not the attention weight α.)"
    ),
    "beam_alpha_caption": (
        "Finished hypotheses are ranked by the ranking score log p(output) / length^β, here with β "
        "= {alpha} (the length counts the final `<eos>`). β = 0 ranks by the total "
        "log-probability, which favours short outputs; β = 1 by the average log-probability per "
        "token. The search stops when k hypotheses have finished, or at the length limit."
    ),
    "beam_counts": (
        "Beam width k = {k}: {finished} finished, {pruned} pruned and {cut} cut at the length "
        "limit; {nodes} nodes in the tree."
    ),
    "beam_tree_title": "The search tree",
    "beam_tree_caption": (
        "One column per decoder step. Each node is a token with the cumulative log-probability "
        "of its hypothesis (hover for the token's own log-probability). Stars end with `<eos>` "
        "(finished), diamonds were cut at the length limit, grey nodes are branches the search "
        "dropped. The orange path is the hypothesis picked below; click a node to pick the best "
        "hypothesis through it."
    ),
    "beam_legend_kept": "kept",
    "beam_legend_finished": "finished (<eos>)",
    "beam_legend_cut": "cut at the length limit",
    "beam_legend_pruned": "pruned",
    "beam_hover_log_prob": "log p(token)",
    "beam_hover_cum_log_prob": "cumulative log p",
    "beam_option": "{rank}. [{status}] {text} — log p = {logp:.3f}, ranking score = {score:.3f}",
    "beam_pick_label": "Hypothesis",
    "beam_pick_help": (
        "Every hypothesis that ended, best first: finished ones by ranking score, then the others."
    ),
    "beam_selected_title": "The chosen hypothesis, step by step",
}

KO = {
    "page_beam": "빔 탐색",
    "beam_title": "가설별로 보는 빔 탐색",
    "beam_intro": (
        "그리디 디코딩은 부분 번역 하나만 유지하지만, 빔 탐색은 시점마다 확률이 가장 높은 부분 "
        "번역 k개를 유지합니다. 아래 트리는 탐색 전체입니다. 탐색이 시도한 모든 토큰과, 그 "
        "토큰까지 이어진 가설의 누적 로그 확률을 보여 줍니다. 가설을 고르면 그 가설의 어텐션과 "
        "시점별 계산을 탐색기와 같은 그림으로 볼 수 있습니다."
    ),
    "beam_width_label": "빔 너비 k",
    "beam_width_help": "시점마다 유지하는 가설의 수입니다. k = 1이면 그리디 디코딩과 똑같습니다.",
    "beam_alpha_label": "길이 정규화 지수 β",
    "beam_alpha_help": (
        "완성된 가설의 순위를 매기는 방법입니다. 로그 확률을 길이의 β제곱으로 나눕니다. (β는 "
        "어텐션 가중치 α와 다른 값입니다.)"
    ),
    "beam_alpha_caption": (
        "완성된 가설은 순위 점수 log p(출력) / 길이^β로 순위를 매기며, 지금은 β = "
        "{alpha}입니다(길이에는 마지막 `<eos>`도 셉니다). β = 0이면 전체 로그 확률로 순위를 "
        "매기므로 짧은 출력이 유리하고, β = 1이면 토큰당 평균 로그 확률로 매깁니다. 탐색은 가설 "
        "k개가 완성되거나 길이 제한에 닿으면 멈춥니다."
    ),
    "beam_counts": (
        "빔 너비 k = {k}: 완성 {finished}개, 가지치기 {pruned}개, 길이 제한에서 중단 {cut}개이며 "
        "트리의 노드는 {nodes}개입니다."
    ),
    "beam_tree_title": "탐색 트리",
    "beam_tree_caption": (
        "열 하나가 디코더 시점 하나입니다. 노드마다 토큰과 그 가설의 누적 로그 확률이 "
        "있습니다(마우스를 올리면 그 토큰 자체의 로그 확률도 보입니다). 별은 `<eos>`로 끝난 완성 "
        "가설, 마름모는 길이 제한에서 중단된 가설, 회색 노드는 탐색이 버린 가지입니다. 주황색 "
        "경로가 아래에서 고른 가설이며, 노드를 클릭하면 그 노드를 지나는 가장 좋은 가설이 "
        "선택됩니다."
    ),
    "beam_legend_kept": "유지됨",
    "beam_legend_finished": "완성 (<eos>)",
    "beam_legend_cut": "길이 제한에서 중단",
    "beam_legend_pruned": "가지치기됨",
    "beam_hover_log_prob": "log p(토큰)",
    "beam_hover_cum_log_prob": "누적 log p",
    "beam_option": "{rank}. [{status}] {text} — log p = {logp:.3f}, 순위 점수 = {score:.3f}",
    "beam_pick_label": "가설",
    "beam_pick_help": (
        "끝난 모든 가설을 좋은 순서로 보여 줍니다. 완성된 가설이 순위 점수 순으로 먼저 오고, "
        "나머지가 뒤따릅니다."
    ),
    "beam_selected_title": "고른 가설을 시점별로 보기",
}
