"""Strings of the "why attention" page (explorer/pages/why.py, explorer/figures/why.py)."""

EN = {
    "page_why": "Why attention",
    "why_title": "Why attention: one vector is not enough",
    "why_intro": (
        "Without attention, the decoder gets the whole source sentence as one fixed-size vector. "
        "The longer the sentence, the more has to fit into the same 256 numbers. Below, the three "
        "English→French models scored on the same held-out test sentences, grouped by source "
        "length: a classroom replica of Figure 2 of the Bahdanau attention paper (Bahdanau et al., "
        "2015)."
    ),
    "why_bleu_title": "BLEU by source sentence length",
    "why_bleu_caption": (
        "Corpus BLEU (sacreBLEU, lowercased, all Tatoeba translations of a sentence as "
        "references) of greedy translations, computed separately for each length bucket. "
        "The numbers are read from each checkpoint's evaluation.json, written by "
        "`python -m attention_core evaluate --checkpoint DIR --data FILE --save`. Few test "
        "sentences have 21 words or more, so the last point is the least certain."
    ),
    "why_bleu_missing": (
        "These models have no evaluation with length buckets yet: {models}. Run the evaluate "
        "command with `--save` on their checkpoints."
    ),
    "why_no_fra_eng": (
        "The English→French checkpoints, or their evaluation files, are not there yet, so the "
        "BLEU-by-length figure cannot be drawn. Train and evaluate them (see the README); the "
        "page picks them up from the checkpoints folder."
    ),
    "why_summary_title": "All sentences, and the long ones",
    "why_summary_caption": (
        "BLEU over the whole test set next to BLEU over its sentences of {words} words or more "
        "({sentences} sentences), from the same evaluation files. The gap between the models "
        "widens on the long sentences."
    ),
    "why_bar_all": "All test sentences",
    "why_bar_long": "Sentences of {words}+ words",
    "why_dates_title": "What the dates models show",
    "why_dates_caption": (
        "Exact match on generated held-out test dates, from the dates checkpoints' "
        "evaluation.json. Dates are short (at most 48 characters) and the output is always 10 "
        "characters long, so one vector is enough and even the baseline does well: the bottleneck "
        "only bites on longer inputs."
    ),
    "why_metric_exact": "Exact match (%)",
    "why_axis_length": "Source length (words)",
    "why_hover_sentences": "sentences",
    "why_long_title": "A long sentence",
    "why_long_intro": (
        "One long sentence through every English→French model. The baseline has to rebuild "
        "all of it from one vector; the attention models can look back at each word when "
        "they need it. Edit the sentence to try your own."
    ),
    "why_long_label": "Long sentence (English)",
    "why_long_reset": "Back to the example sentence",
    "why_long_reference": "Our reference translation:",
    "why_long_words": "{words} words.",
    "why_long_chrf": "chrF against the reference: {chrf:.1f}",
    "why_long_none": (
        "No English→French model is available yet, so the long sentence cannot be translated."
    ),
    "why_long_compare": "Look at their attention side by side on the compare page",
}

KO = {
    "page_why": "어텐션이 필요한 이유",
    "why_title": "어텐션이 필요한 이유: 벡터 하나로는 부족합니다",
    "why_intro": (
        "어텐션이 없으면 디코더는 원문 전체를 고정된 크기의 벡터 하나로 받습니다. 문장이 길수록 "
        "같은 숫자 256개에 담아야 할 정보가 많아집니다. 아래는 영어→프랑스어 모델 세 개를 같은 "
        "테스트 문장으로 평가하고 원문 길이별로 묶은 결과로, 바다나우 어텐션 논문(Bahdanau 외, "
        "2015)의 그림 2를 수업용으로 재현한 것입니다."
    ),
    "why_bleu_title": "원문 길이별 BLEU",
    "why_bleu_caption": (
        "그리디 번역의 말뭉치 BLEU(sacreBLEU, 소문자, 한 문장의 Tatoeba 번역을 모두 참조로 사용)를 "
        "길이 구간마다 따로 계산했습니다. 숫자는 각 체크포인트의 evaluation.json에서 읽어 오며, 이 "
        "파일은 `python -m attention_core evaluate --checkpoint DIR --data FILE --save`가 씁니다. "
        "21단어 이상인 테스트 문장은 적어서 마지막 점이 가장 불확실합니다."
    ),
    "why_bleu_missing": (
        "다음 모델에는 아직 길이 구간별 평가가 없습니다: {models}. 해당 체크포인트에 "
        "`--save`를 붙여 evaluate 명령을 실행하세요."
    ),
    "why_no_fra_eng": (
        "영어→프랑스어 체크포인트나 그 평가 파일이 아직 없어서 길이별 BLEU 그림을 그릴 수 "
        "없습니다. 모델을 학습하고 평가하면(README 참고) 이 페이지가 체크포인트 폴더에서 "
        "찾아 씁니다."
    ),
    "why_summary_title": "모든 문장, 그리고 긴 문장",
    "why_summary_caption": (
        "테스트 세트 전체의 BLEU와, 그중 {words}단어 이상인 문장({sentences}문장)만의 BLEU를 같은 "
        "평가 파일에서 읽어 나란히 보여 줍니다. 긴 문장에서 모델 사이의 차이가 더 벌어집니다."
    ),
    "why_bar_all": "모든 테스트 문장",
    "why_bar_long": "{words}단어 이상인 문장",
    "why_dates_title": "날짜 모델이 보여 주는 것",
    "why_dates_caption": (
        "생성한 테스트용 날짜에 대한 완전 일치율로, 날짜 체크포인트의 evaluation.json에서 "
        "읽었습니다. 날짜는 짧고(최대 48자) 출력은 늘 10글자로 길이가 같아서 벡터 하나로도 "
        "충분하며, 기준 모델도 잘 해냅니다. 병목은 입력이 길 때 비로소 드러납니다."
    ),
    "why_metric_exact": "완전 일치율 (%)",
    "why_axis_length": "원문 길이 (단어 수)",
    "why_hover_sentences": "문장 수",
    "why_long_title": "긴 문장 하나",
    "why_long_intro": (
        "긴 문장 하나를 모든 영어→프랑스어 모델로 번역합니다. 기준 모델은 벡터 하나에서 문장 "
        "전체를 다시 만들어야 하지만, 어텐션 모델은 필요할 때마다 각 단어를 다시 볼 수 있습니다. "
        "문장을 고쳐 직접 번역해 보세요."
    ),
    "why_long_label": "긴 문장 (영어)",
    "why_long_reset": "예시 문장으로 돌아가기",
    "why_long_reference": "우리가 쓴 참조 번역:",
    "why_long_words": "{words}단어입니다.",
    "why_long_chrf": "참조 번역과의 chrF: {chrf:.1f}",
    "why_long_none": ("아직 영어→프랑스어 모델이 없어서 긴 문장을 번역할 수 없습니다."),
    "why_long_compare": "모델 비교 페이지에서 두 모델의 어텐션을 나란히 보기",
}
