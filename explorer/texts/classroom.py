"""Strings of the step controls and the classroom tools (presenter mode, guess, autoplay)."""

EN = {
    "present_label": "Presenter mode",
    "present_help": (
        "Large type and figures for a projector. The setting is kept in the URL, so a shared "
        "link opens in presenter mode too."
    ),
    "guess_label": "Guess first",
    "guess_help": (
        "Hide each step's attention until you press “Reveal the weights”, so the class can guess "
        "first where the decoder will look."
    ),
    "play_label": "Autoplay",
    "play_help": "Step through the sentence by itself; it stops at the last step.",
    "speed_label": "Playback speed (seconds per step)",
    "speed_value": "{s} s",
    "previous": "Previous",
    "next": "Next",
    "guess_prompt": (
        "Step {t}: where will the decoder look? Think of a source word first, then press “Reveal "
        "the weights” to check."
    ),
    "reveal": "Reveal the weights",
}

KO = {
    "present_label": "발표 모드",
    "present_help": (
        "프로젝터용으로 글자와 그림을 크게 보여 줍니다. 이 설정은 URL에 남으므로, 공유한 "
        "링크도 발표 모드로 열립니다."
    ),
    "guess_label": "먼저 맞혀 보기",
    "guess_help": (
        "'가중치 공개'를 누를 때까지 각 시점의 어텐션을 가립니다. 수업에서 디코더가 어디를 볼지 "
        "먼저 추측해 볼 수 있습니다."
    ),
    "play_label": "자동 재생",
    "play_help": "시점을 하나씩 저절로 넘깁니다. 마지막 시점에서 멈춥니다.",
    "speed_label": "재생 속도 (시점당 초)",
    "speed_value": "{s}초",
    "previous": "이전",
    "next": "다음",
    "guess_prompt": (
        "{t}번째 시점: 디코더는 원문의 어디를 볼까요? 먼저 답을 생각해 본 뒤 '가중치 공개'를 눌러 "
        "확인하세요."
    ),
    "reveal": "가중치 공개",
}
