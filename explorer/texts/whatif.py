"""Strings of the attention what-if page (explorer/pages/whatif.py, explorer/figures/whatif.py)."""

EN = {
    "page_whatif": "Attention what-if",
    "whatif_title": "What if the model had looked elsewhere?",
    "whatif_intro": (
        "Change the attention of one decoder step and let the model go on from there with the "
        "new context vector, or type the first words of the translation and let it continue. "
        "The original and the what-if decoding are shown side by side, and the first step where "
        "they part is marked. Both are greedy decodings of the same model."
    ),
    "whatif_no_attention": (
        "This model has no attention to override: every step reads the same fixed vector. You "
        "can still force the start of its output."
    ),
    "whatif_how_label": "What to change",
    "whatif_how_attend": "Attend to one source token",
    "whatif_how_weights": "Set the weights by hand",
    "whatif_how_prefix": "Choose the start of the output",
    "whatif_step_label": "Decoder step to override",
    "whatif_step_help": (
        "The steps before it run as before; at this step the weights below replace the "
        "softmax, and the decoder continues greedily from the new context."
    ),
    "whatif_step_now": (
        "Step {t} originally produced “{chosen}”, looking most at “{focus}” (weight {weight:.3f})."
    ),
    "whatif_attend_label": "Put all the attention (weight 1) on",
    "whatif_weights_caption": (
        "Type a weight for each source token (they start as the model's own). They are "
        "renormalised to sum to 1, so only their ratios matter; they must not be negative, and "
        "at least one must be above 0."
    ),
    "whatif_err_not_number": "Every weight must be a number. Check the table.",
    "whatif_err_negative": "Weights cannot be negative. Set negative weights to 0 or more.",
    "whatif_err_zero": (
        "All the weights are 0, so there is nothing to renormalise. Give at least one source "
        "token a weight above 0."
    ),
    "whatif_prefix_label": "The translation starts with",
    "whatif_prefix_help": (
        "These tokens are fed to the decoder as if it had produced them; the model continues "
        "after them."
    ),
    "whatif_prefix_empty": "Type the first words (or characters) the translation must start with.",
    "whatif_prefix_long": (
        "The prefix has {length} tokens; this model writes at most {limit} before it must stop. "
        "Type a shorter one."
    ),
    "whatif_prefix_unknown": (
        "Some tokens of the prefix are not in the model's vocabulary and were fed as `<unk>`:"
    ),
    "whatif_same": "Both decodings produce exactly the same tokens.",
    "whatif_diverge": (
        "The outputs part at step {t} (the dashed line). The steps before it are the same."
    ),
    "whatif_diverge_mark": "parts at step {t}",
    "whatif_marks_caption": (
        "On both matrices: the orange outline is the step shown; a dashed blue frame marks the "
        "step whose attention was changed, grey rows were forced, and a dashed orange line "
        "marks where the outputs part."
    ),
    "whatif_original": "Original",
    "whatif_whatif": "What-if",
    "whatif_col_original": "original",
    "whatif_col_whatif": "what-if",
    "whatif_col_same": "same",
    "whatif_table_label": "The tokens step by step",
}

KO = {
    "page_whatif": "어텐션 바꿔 보기",
    "whatif_title": "모델이 다른 곳을 보았다면 어떻게 될까요?",
    "whatif_intro": (
        "디코더의 한 시점에서 어텐션을 바꾸고 새 컨텍스트 벡터로 모델이 이어서 디코딩하게 하거나, "
        "번역의 첫 단어들을 직접 입력하고 나머지를 모델에 맡겨 보세요. 원래 디코딩과 바꾼 뒤의 "
        "디코딩을 나란히 보여 주고, 둘이 처음 갈라지는 시점을 표시합니다. 둘 다 같은 모델의 그리디 "
        "디코딩입니다."
    ),
    "whatif_no_attention": (
        "이 모델에는 바꿀 어텐션이 없습니다. 모든 시점이 같은 고정 벡터를 읽습니다. 출력의 "
        "앞부분은 직접 정할 수 있습니다."
    ),
    "whatif_how_label": "바꿀 것",
    "whatif_how_attend": "원문 토큰 하나에만 집중",
    "whatif_how_weights": "가중치 직접 입력",
    "whatif_how_prefix": "출력 앞부분 직접 정하기",
    "whatif_step_label": "어텐션을 바꿀 디코더 시점",
    "whatif_step_help": (
        "그 앞의 시점들은 원래대로 진행됩니다. 이 시점에서는 아래 가중치가 소프트맥스 결과를 "
        "대신하고, 디코더는 새 컨텍스트 벡터로 이어서 그리디 디코딩합니다."
    ),
    "whatif_step_now": (
        "원래 {t}번째 시점에서는 “{chosen}” 토큰을 출력했고, “{focus}” 토큰을 가장 많이 "
        "보았습니다(가중치 {weight:.3f})."
    ),
    "whatif_attend_label": "어텐션 전부(가중치 1)를 줄 원문 토큰",
    "whatif_weights_caption": (
        "원문 토큰마다 가중치를 입력하세요(처음 값은 모델 자신의 가중치입니다). 합이 1이 되도록 "
        "다시 정규화하므로 비율만 중요합니다. 음수는 안 되며, 적어도 하나는 0보다 커야 합니다."
    ),
    "whatif_err_not_number": "가중치는 모두 숫자여야 합니다. 표를 확인하세요.",
    "whatif_err_negative": "가중치는 음수일 수 없습니다. 음수 가중치를 0 이상으로 바꾸세요.",
    "whatif_err_zero": (
        "가중치가 모두 0이라 정규화할 수 없습니다. 적어도 한 원문 토큰에 0보다 큰 가중치를 주세요."
    ),
    "whatif_prefix_label": "번역의 앞부분",
    "whatif_prefix_help": (
        "이 토큰들을 디코더가 직접 출력한 것처럼 넣습니다. 모델은 그 뒤를 이어서 씁니다."
    ),
    "whatif_prefix_empty": "번역을 시작할 첫 단어(또는 글자)를 입력하세요.",
    "whatif_prefix_long": (
        "앞부분이 토큰 {length}개입니다. 이 모델은 멈추기 전까지 최대 {limit}개를 쓸 수 있으니 "
        "줄여 주세요."
    ),
    "whatif_prefix_unknown": "앞부분의 일부 토큰이 모델의 어휘에 없어 `<unk>`로 들어갔습니다:",
    "whatif_same": "두 디코딩이 똑같은 토큰을 출력합니다.",
    "whatif_diverge": "출력이 {t}번째 시점에서 갈라집니다(점선). 그 앞의 시점들은 같습니다.",
    "whatif_diverge_mark": "{t}번째 시점에서 갈라짐",
    "whatif_marks_caption": (
        "두 행렬에서 주황색 테두리는 지금 보는 시점입니다. 파란 점선 테두리는 어텐션을 바꾼 "
        "시점, 회색 행은 직접 정한 앞부분, 주황색 점선은 출력이 갈라지는 곳입니다."
    ),
    "whatif_original": "원래 디코딩",
    "whatif_whatif": "바꾼 뒤 디코딩",
    "whatif_col_original": "원래",
    "whatif_col_whatif": "바꾼 뒤",
    "whatif_col_same": "같음",
    "whatif_table_label": "시점별 토큰",
}
