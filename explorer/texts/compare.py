"""Strings of the compare page (explorer/pages/compare.py, explorer/figures/compare.py)."""

EN = {
    "page_compare": "Compare models",
    "compare_title": "Two models, one sentence",
    "compare_intro": (
        "The same sentence through two models of this task, side by side, with one step cursor "
        "for both. Where do they look differently, and does it change the translation?"
    ),
    "compare_model_a": "Model A",
    "compare_model_b": "Model B",
    "compare_models_help": "Pick any two trained models of the task chosen in the sidebar.",
    "compare_need_two": (
        "This page needs two trained models of the task, and only {count} is available. "
        "Pick another task in the sidebar, or train another model."
    ),
    "compare_same_model": "Both sides show the same model: pick two different ones to compare.",
    "compare_step_done": "Step {t}: this model had already finished, after {n} steps.",
    "compare_no_weights": (
        "The baseline has no attention weights: every step reads the same fixed vector. The figure "
        "shows that context vector at every step; it has no entropy, coverage or alignment."
    ),
    "compare_diff_title": "Difference of the weights: A − B",
    "compare_diff_caption": (
        "Each cell is A's weight minus B's weight for the same step and source token, on a "
        "fixed scale from −1 to 1: blue where A looks more, red where B looks more, white "
        "where they agree."
    ),
    "compare_diff_lengths": (
        "The translations have different lengths (A: {a} steps, B: {b} steps), so the "
        "difference covers only the first {k} steps, which both models have."
    ),
    "compare_diff_tokens": (
        "The outputs first differ at step {t}. From there on each model attends while writing its "
        "own words, so each row compares steps with the same number, not the same word."
    ),
    "compare_diff_same": "Both models wrote the same tokens, so every row compares the same word.",
    "compare_diff_needs_weights": (
        "The difference needs attention weights from both models; the baseline has none."
    ),
    "compare_metrics_title": "Per model: how sharp, how complete, how monotonic",
    "compare_metrics_caption": (
        "**Entropy** of a step's weights: 0 when the step looks at a single source token, log S "
        "when it spreads evenly over all S tokens. **Coverage**: the total weight each source "
        "token received over all steps (together they add up to the number of steps); a token near "
        "0 was hardly read — was it dropped? — and one well above 1 was read again and again — was "
        "it repeated? **Monotonic**: the share of steps whose most attended token is not to the "
        "left of the previous step's; 1 means a left-to-right alignment. **Spearman**: the rank "
        "correlation between the step number and the position of that step's most attended token "
        "(empty when that position never moves)."
    ),
    "compare_entropy_title": "Entropy of each step's weights",
    "compare_coverage_title": "Coverage: total weight each source token received",
    "compare_coverage_caption": (
        "The dotted line at 1 is one step's worth of attention. Reordering languages and "
        "tokens written in several output tokens move bars away from it; a bar near 0 is a "
        "source token the model barely read."
    ),
    "compare_uniform": "uniform: log S = {value:.2f}",
    "compare_axis_steps": "Decoder step",
    "compare_axis_entropy": "Entropy (nats)",
    "compare_axis_coverage": "Total weight",
    "compare_colorbar_diff": "A − B",
    "compare_col_model": "Model",
    "compare_col_steps": "Steps",
    "compare_col_entropy": "Mean entropy",
    "compare_col_monotonic": "Monotonic",
    "compare_col_spearman": "Spearman",
    "compare_col_least": "Least attended",
    "compare_col_most": "Most attended",
}

KO = {
    "page_compare": "모델 비교",
    "compare_title": "한 문장, 두 모델",
    "compare_intro": (
        "같은 문장을 이 작업의 두 모델에 넣고 나란히 봅니다. 시점 커서 하나로 두 모델을 함께 "
        "움직입니다. 두 모델은 어디를 다르게 볼까요? 그 차이로 번역도 달라질까요?"
    ),
    "compare_model_a": "모델 A",
    "compare_model_b": "모델 B",
    "compare_models_help": "사이드바에서 고른 작업의 학습된 모델 가운데 두 개를 고르세요.",
    "compare_need_two": (
        "이 페이지에는 그 작업의 학습된 모델이 두 개 필요한데, 지금은 {count}개뿐입니다. "
        "사이드바에서 다른 작업을 고르거나 모델을 하나 더 학습하세요."
    ),
    "compare_same_model": "양쪽이 같은 모델입니다. 비교하려면 서로 다른 두 모델을 고르세요.",
    "compare_step_done": "{t}번째 시점: 이 모델은 이미 {n}번째 시점에서 출력을 마쳤습니다.",
    "compare_no_weights": (
        "기준 모델에는 어텐션 가중치가 없습니다. 모든 시점이 같은 고정 벡터 하나를 읽습니다. "
        "그림은 시점마다 그 컨텍스트 벡터를 보여 줄 뿐이며, 엔트로피·커버리지·정렬은 없습니다."
    ),
    "compare_diff_title": "가중치의 차이: A − B",
    "compare_diff_caption": (
        "각 칸은 같은 시점, 같은 원문 토큰에 대한 A의 가중치에서 B의 가중치를 뺀 값입니다. 눈금은 "
        "−1부터 1까지 고정되어 있습니다. 파랑은 A가 더 많이 본 곳, 빨강은 B가 더 많이 본 곳, "
        "흰색은 둘이 같은 곳입니다."
    ),
    "compare_diff_lengths": (
        "두 번역의 길이가 다릅니다(A: 시점 {a}개, B: 시점 {b}개). 그래서 두 모델 모두에 있는 처음 "
        "{k}개 시점만 비교합니다."
    ),
    "compare_diff_tokens": (
        "두 출력은 {t}번째 시점에서 처음 갈라집니다. 그 뒤로는 두 모델이 서로 다른 단어를 "
        "출력하면서 어텐션하므로, 각 행은 같은 단어가 아니라 같은 번호의 시점을 비교합니다."
    ),
    "compare_diff_same": "두 모델이 같은 토큰을 출력했으므로 모든 행이 같은 단어를 비교합니다.",
    "compare_diff_needs_weights": (
        "차이를 보려면 두 모델 모두 어텐션 가중치가 있어야 하는데, 기준 모델에는 없습니다."
    ),
    "compare_metrics_title": "모델별 지표: 얼마나 날카롭게, 빠짐없이, 순서대로 보는지",
    "compare_metrics_caption": (
        "**엔트로피**: 한 시점의 가중치의 엔트로피입니다. 원문 토큰 하나만 보면 0, S개 토큰을 "
        "고르게 보면 log S입니다. **커버리지**: 원문 토큰마다 모든 시점에 걸쳐 받은 가중치의 "
        "합입니다(모두 더하면 시점의 수). 0에 가까운 토큰은 거의 읽히지 않았고(빠뜨렸을까요?), "
        "1보다 훨씬 큰 토큰은 여러 번 읽혔습니다(반복했을까요?). **단조성**: 가장 많이 본 토큰이 "
        "이전 시점보다 왼쪽으로 가지 않은 시점의 비율입니다. 1이면 왼쪽에서 오른쪽으로 나아가는 "
        "정렬입니다. **스피어만**: 시점 번호와, 그 시점에 가장 많이 본 토큰의 위치 사이의 순위 "
        "상관계수입니다(그 위치가 한 번도 바뀌지 않으면 빈칸)."
    ),
    "compare_entropy_title": "시점별 가중치의 엔트로피",
    "compare_coverage_title": "커버리지: 원문 토큰마다 받은 가중치의 합",
    "compare_coverage_caption": (
        "1에 그은 점선은 한 시점만큼의 어텐션입니다. 어순이 바뀌는 언어나 여러 출력 토큰으로 "
        "옮겨지는 토큰은 막대를 1에서 멀어지게 하고, 0에 가까운 막대는 모델이 거의 읽지 않은 원문 "
        "토큰입니다."
    ),
    "compare_uniform": "균등 분포: log S = {value:.2f}",
    "compare_axis_steps": "디코더 시점",
    "compare_axis_entropy": "엔트로피 (nat)",
    "compare_axis_coverage": "가중치 합",
    "compare_colorbar_diff": "A − B 차이",
    "compare_col_model": "모델",
    "compare_col_steps": "시점 수",
    "compare_col_entropy": "평균 엔트로피",
    "compare_col_monotonic": "단조성",
    "compare_col_spearman": "스피어만",
    "compare_col_least": "가장 덜 본 토큰",
    "compare_col_most": "가장 많이 본 토큰",
}
