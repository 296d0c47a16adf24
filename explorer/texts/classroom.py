"""Strings of the step controls and the classroom tools (presenter mode, guess, autoplay)."""

EN = {
    "present_label": "Presenter mode",
    "present_help": (
        "Large type and figures for a projector. The setting is kept in the URL, so a shared "
        "link opens in presenter mode too."
    ),
    "guess_label": "Guess first",
    "guess_help": (
        "Hide each step's attention until you press Reveal, so the class can guess first "
        "where the decoder will look."
    ),
    "play_label": "Autoplay",
    "play_help": "Step through the sentence by itself; it stops at the last step.",
    "speed_label": "Seconds per step",
    "speed_value": "{s} s",
    "previous": "Previous",
    "next": "Next",
    "guess_prompt": (
        "Step {t}: where will the decoder look? Point at a source word, then reveal the weights."
    ),
    "reveal": "Reveal",
}

KO = {
    "present_label": "발표 모드",
    "present_help": (
        "프로젝터용으로 글자와 그림을 크게 보여 줍니다. 이 설정은 URL에 남으므로, 공유한 "
        "링크도 발표 모드로 열립니다."
    ),
    "guess_label": "먼저 맞혀 보기",
    "guess_help": (
        "'공개'를 누를 때까지 각 단계의 어텐션을 가립니다. 디코더가 어디를 볼지 "
        "수업에서 먼저 추측해 볼 수 있습니다."
    ),
    "play_label": "자동 재생",
    "play_help": "문장을 한 단계씩 저절로 넘깁니다. 마지막 단계에서 멈춥니다.",
    "speed_label": "단계당 초",
    "speed_value": "{s}초",
    "previous": "이전",
    "next": "다음",
    "guess_prompt": (
        "{t}단계: 디코더는 어디를 볼까요? 원문 단어를 하나 고른 뒤 가중치를 공개하세요."
    ),
    "reveal": "공개",
}
