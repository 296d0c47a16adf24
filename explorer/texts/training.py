"""Strings of the training page (explorer/pages/training.py, explorer/figures/training.py)."""

EN = {
    "page_training": "Training",
    "training_title": "Watching attention form during training",
    "training_intro": (
        "After every training epoch the model translated a few fixed probe sentences and its "
        "attention was recorded in the checkpoint. Move the slider over the epochs to see the "
        "alignment go from blurred to sharp, next to the loss curves of the same run."
    ),
    "training_no_history": (
        "This checkpoint records no training history, so there is nothing to replay."
    ),
    "training_probe_label": "Probe sentence",
    "training_epoch_label": "Epoch",
    "training_epoch_help": "The state of the model at the end of this epoch.",
    "training_output": "Epoch {epoch}: its translation of the probe sentence",
    "training_matrix_title": "The probe's attention after epoch {epoch}",
    "training_matrix_caption": (
        "Rows are the output tokens the model wrote at that epoch (they change as it learns), "
        "columns the source tokens; each row's weights add up to 1."
    ),
    "training_no_attention": (
        "The baseline has no attention weights: it was recorded without a matrix. Its loss "
        "curves are below; pick an attention model in the sidebar to see a matrix form."
    ),
    "training_no_probe": "This epoch has no record of the chosen probe sentence.",
    "training_loss_title": "Loss per epoch",
    "training_loss_caption": (
        "Average loss per target token (cross-entropy, with label smoothing when the run used "
        "it), as recorded in the checkpoint's config.json: over the epoch's training batches, "
        "while the weights were still changing and with dropout on, and on the validation set "
        "at the end of the epoch. That is why the validation loss can lie below the training "
        "loss early on. The vertical line is the chosen epoch."
    ),
    "training_epoch": "Epoch",
    "training_loss": "Loss",
    "training_train_loss": "Training loss",
    "training_valid_loss": "Validation loss",
    "training_valid_bleu": "Validation BLEU",
    "training_valid_exact": "Validation exact match (%)",
}

KO = {
    "page_training": "학습 과정",
    "training_title": "학습 중에 어텐션이 생겨나는 모습",
    "training_intro": (
        "학습하는 동안 에폭이 끝날 때마다 모델이 고정된 관찰용 문장 몇 개를 번역했고, 그때의 "
        "어텐션이 체크포인트에 기록되어 있습니다. 슬라이더로 에폭을 옮기면서, 정렬이 흐릿한 "
        "모습에서 선명한 모습으로 바뀌는 과정을 같은 학습의 손실 곡선과 함께 보세요."
    ),
    "training_no_history": "이 체크포인트에는 학습 기록이 없어서 다시 보여 줄 것이 없습니다.",
    "training_probe_label": "관찰용 문장",
    "training_epoch_label": "에폭",
    "training_epoch_help": "이 에폭이 끝났을 때의 모델 상태입니다.",
    "training_output": "{epoch}번째 에폭: 관찰용 문장의 번역",
    "training_matrix_title": "{epoch}번째 에폭이 끝난 뒤 관찰용 문장의 어텐션",
    "training_matrix_caption": (
        "행은 그 에폭에서 모델이 쓴 출력 토큰(학습하면서 바뀝니다), 열은 원문 토큰입니다. "
        "각 행의 가중치를 더하면 1입니다."
    ),
    "training_no_attention": (
        "기준 모델에는 어텐션 가중치가 없어 행렬 없이 기록되었습니다. 손실 곡선은 아래에 있습니다. "
        "어텐션 행렬이 생겨나는 모습을 보려면 사이드바에서 어텐션 모델을 고르세요."
    ),
    "training_no_probe": "이 에폭에는 고른 관찰용 문장의 기록이 없습니다.",
    "training_loss_title": "에폭별 손실",
    "training_loss_caption": (
        "목표 토큰당 평균 손실(교차 엔트로피)로, 체크포인트의 config.json에 기록된 값입니다. "
        "학습에 레이블 스무딩을 썼다면 그것까지 반영되어 있습니다. 학습 손실은 가중치가 아직 "
        "바뀌는 동안 드롭아웃을 켠 채 그 에폭의 학습 배치에서 잰 평균이고, 검증 손실은 에폭이 끝난 "
        "뒤 검증 세트에서 잰 값입니다. 그래서 초반에는 검증 손실이 학습 손실보다 낮을 수 있습니다. "
        "세로선이 고른 에폭입니다."
    ),
    "training_epoch": "에폭",
    "training_loss": "손실",
    "training_train_loss": "학습 손실",
    "training_valid_loss": "검증 손실",
    "training_valid_bleu": "검증 BLEU",
    "training_valid_exact": "검증 완전 일치율 (%)",
}
