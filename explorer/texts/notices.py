"""Honest notices after decoding: inputs outside what a model knows, outputs it cut short."""

EN = {
    "dates_supported": (
        "Dates from 1000 to 2999, with a four-digit year, written out in English, French, German, "
        "Korean or Spanish (with or without the weekday, any abbreviation), as numbers, or in "
        "ISO 8601 (2024-03-05). Numbers with the year last are read day first (05/03/2024 is "
        "5 March) unless only month first makes a date (12/24/2026)."
    ),
    "date_two_digit_year": (
        "This date has a two-digit year, which could mean several centuries: the models were "
        "trained on four-digit years only, so the output below is a guess. Write the year in full."
    ),
    "date_year_out_of_range": (
        "This year is outside 1000–2999, the years the models were trained on: the output below "
        "is not to be trusted."
    ),
    "date_invalid_date": (
        "This is not a date in the calendar (for example 31 April): the model will still write "
        "something, but no answer is right."
    ),
    "date_weekday_mismatch": (
        "The weekday does not fall on this date: the model reads the date and ignores the weekday."
    ),
    "date_unrecognised": (
        "This does not look like a date in one of the forms the models were trained on: the "
        "output below may be wrong."
    ),
    "date_day_first": (
        "Both numbers could be the month: it is read day first (05/03/2024 is 5 March)."
    ),
    "notice_length_limit": (
        "The output reached the length limit ({n} steps) without ending: the model did not "
        "finish the translation, and it was cut there."
    ),
    "notice_unk_output": (
        "The output contains {count} unknown token(s) (<unk>): the model wanted a word that is "
        "not in its vocabulary."
    ),
    "notice_not_english": (
        "This model reads English and writes French. Most of this input is not in the Latin "
        "alphabet, so the model cannot read it: the output below means nothing."
    ),
}

KO = {
    "dates_supported": (
        "1000년부터 2999년까지의 날짜를 네 자리 연도로 입력하세요. 영어, 프랑스어, 독일어, "
        "한국어, 스페인어로 풀어 쓴 날짜(요일과 약어 포함 가능), 숫자로 쓴 날짜, ISO 8601 "
        "형식(2024-03-05)을 읽습니다. 연도가 뒤에 오는 숫자 날짜는 일을 먼저 읽습니다"
        "(05/03/2024는 3월 5일). 단, 월을 먼저 읽어야만 날짜가 되면 그렇게 읽습니다(12/24/2026)."
    ),
    "date_two_digit_year": (
        "연도가 두 자리라서 여러 세기로 읽힐 수 있습니다. 모델은 네 자리 연도로만 학습했으므로 "
        "아래 출력은 추측입니다. 연도를 네 자리로 쓰세요."
    ),
    "date_year_out_of_range": (
        "이 연도는 모델이 학습한 범위(1000–2999년) 밖에 있습니다. 아래 출력을 믿지 마세요."
    ),
    "date_invalid_date": (
        "달력에 없는 날짜입니다(예: 4월 31일). 모델은 무언가를 출력하지만 맞는 답은 없습니다."
    ),
    "date_weekday_mismatch": (
        "요일이 이 날짜와 맞지 않습니다. 모델은 날짜를 읽고 요일은 무시합니다."
    ),
    "date_unrecognised": (
        "모델이 학습한 날짜 형식으로 보이지 않습니다. 아래 출력은 틀릴 수 있습니다."
    ),
    "date_day_first": "두 숫자 모두 월이 될 수 있어 일을 먼저 읽었습니다(05/03/2024는 3월 5일).",
    "notice_length_limit": (
        "출력이 끝나지 않은 채 길이 제한({n}개 시점)에 닿아 잘렸습니다. 모델이 번역을 마치지 "
        "못했습니다."
    ),
    "notice_unk_output": (
        "출력에 어휘에 없는 토큰(<unk>)이 {count}개 있습니다. 모델이 어휘에 없는 단어를 "
        "내려고 했습니다."
    ),
    "notice_not_english": (
        "이 모델은 영어를 읽고 프랑스어로 씁니다. 입력 대부분이 로마자가 아니어서 모델이 읽을 수 "
        "없으므로 아래 출력에는 의미가 없습니다."
    ),
}
