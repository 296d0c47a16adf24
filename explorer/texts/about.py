"""About page: what attention weights do not tell, and how to retrain the models."""

EN = {
    "about_caveat_title": "What the weights do not tell",
    "about_caveat": (
        "Attention weights show where the decoder looked at each step, in the model's own numbers. "
        "They are not a full explanation of *why* it chose a word: the encoder states already mix "
        "information from the whole sentence (the encoder reads both ways), and the output layer "
        "also reads the decoder state. Studies have found that other weightings can give the same "
        "prediction (Jain & Wallace, 2019, *Attention is not Explanation*; Wiegreffe & Pinter, "
        "2019, *Attention is not not Explanation*). The *Attention what-if* page lets you test "
        "this on one sentence: change where a step looks and see whether the translation changes."
    ),
    "about_retrain_title": "Retrain a model",
    "about_retrain": (
        "Every checkpoint records the exact command that trained it (in its `config.json`, "
        "also listed in `checkpoints/README.md`). These are the commands of the models found here:"
    ),
    "about_retrain_after": (
        "A dates model trains in about a minute; an English→French model takes about 80 "
        "minutes per model on one CPU thread. Training saves a checkpoint every epoch and "
        "`--resume` continues an interrupted run. Point the app at other checkpoints with the "
        "environment variable `EXPLORER_CHECKPOINTS`."
    ),
}

KO = {
    "about_caveat_title": "가중치가 알려 주지 않는 것",
    "about_caveat": (
        "어텐션 가중치는 각 시점에서 디코더가 어디를 보았는지를 모델의 실제 숫자로 보여 줍니다. "
        "하지만 *왜* 그 단어를 골랐는지까지 모두 설명하지는 않습니다. 인코더 상태에는 이미 문장 "
        "전체의 정보가 섞여 있고(인코더는 양방향으로 읽습니다), 출력층은 디코더 상태도 함께 읽기 "
        "때문입니다. 다른 가중치로도 같은 예측이 나올 수 있다는 연구도 있습니다(Jain & Wallace, "
        "2019, *Attention is not Explanation*; Wiegreffe & Pinter, 2019, *Attention is not not "
        "Explanation*). *어텐션 바꿔 보기* 페이지에서 한 문장으로 직접 확인해 보세요. 한 시점이 "
        "보는 곳을 바꾸고 번역이 달라지는지 살펴보면 됩니다."
    ),
    "about_retrain_title": "모델 다시 학습하기",
    "about_retrain": (
        "체크포인트마다 자신을 학습시킨 명령이 그대로 기록되어 있습니다(각 체크포인트의 "
        "`config.json`에 있고, `checkpoints/README.md`에도 정리되어 있습니다). 여기에서 찾은 "
        "모델의 명령은 다음과 같습니다:"
    ),
    "about_retrain_after": (
        "날짜 모델은 1분 안팎, 영어→프랑스어 모델은 CPU 스레드 하나로 모델당 약 80분이 걸립니다. "
        "학습은 에폭마다 체크포인트를 저장하고, `--resume`으로 중단된 학습을 이어 갈 수 있습니다. "
        "다른 체크포인트 폴더를 쓰려면 환경 변수 `EXPLORER_CHECKPOINTS`를 지정하세요."
    ),
}
