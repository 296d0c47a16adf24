"""The step player's own words (explorer/player): controls and headings."""

EN = {
    "explorer_more_label": "Examples, decoding options, tokens and downloads",
    "examples_more_label": "Examples",
    "examples_dates_label": "Examples and the date forms the models read",
    "pause_label": "Pause",
    "translation_so_far": "Translation so far",
    "player_keys_help": (
        "Keys: ← → one step, Home / End first and last step. A click on a row of the attention "
        "matrix jumps to that step."
    ),
    "player_loading": "Loading the step player…",
    "player_failed": "The step player could not start in this browser (JavaScript blocked?).",
}

KO = {
    "explorer_more_label": "예시 문장, 디코딩 방식, 토큰과 내려받기",
    "examples_more_label": "예시 문장",
    "examples_dates_label": "예시 문장과 모델이 읽는 날짜 형식",
    "pause_label": "일시 정지",
    "translation_so_far": "지금까지의 번역",
    "player_keys_help": (
        "키보드: ← → 로 한 시점씩, Home / End 로 첫 시점과 마지막 시점으로 갑니다. 어텐션 "
        "행렬의 행을 누르면 그 시점으로 갑니다."
    ),
    "player_loading": "시점 플레이어를 불러오는 중입니다…",
    "player_failed": (
        "이 브라우저에서 시점 플레이어를 시작하지 못했습니다. "
        "JavaScript가 꺼져 있지 않은지 확인해 보세요."
    ),
}
