"""Every string against the glossary (explorer/texts/glossary.toml): the course notes' terms, one
per concept, no banned synonym; one name per model; one citation style; one register in Korean
(합니다체 with -세요 requests, headings included)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from explorer.strings import KIND_KEYS, STRINGS

GLOSSARY_PATH = Path(__file__).resolve().parents[1] / "explorer" / "texts" / "glossary.toml"
GLOSSARY = tomllib.loads(GLOSSARY_PATH.read_text(encoding="utf-8"))
TERMS = GLOSSARY["term"]
HANGUL = "\uac00-\ud7a3"


def _banned_uses(text: str, term: dict, lang: str) -> list[str]:
    """The banned words of ``term`` that ``text`` uses, once its allowed phrases are cut out."""
    for allowed in term.get("allowed", []):
        text = re.sub(allowed, " ", text)
    return [m.group(0) for p in term.get(f"{lang}_banned", []) for m in re.finditer(p, text)]


def _violations(strings: dict[str, str], lang: str) -> list[str]:
    found = []
    for key, text in strings.items():
        for term in TERMS:
            for word in _banned_uses(text, term, lang):
                found.append(f"{key}: {word!r} (use {term[lang]!r} for {term['concept']})")
    return found


# ----- the glossary itself ----------------------------------------------------------------


def test_the_glossary_is_well_formed():
    concepts = [term["concept"] for term in TERMS]
    assert len(concepts) == len(set(concepts)), "one entry per concept"
    for term in TERMS:
        assert term["en"] and term["ko"], term["concept"]
        for pattern in [*term.get("ko_banned", []), *term.get("en_banned", [])]:
            re.compile(pattern)
        for pattern in term.get("allowed", []):
            re.compile(pattern)
            assert term.get("ko_banned") or term.get("en_banned"), term["concept"]


def test_the_notes_terms_are_in_the_glossary():
    """The terms students know from the course notes, each the word of its concept."""
    by_concept = {term["concept"]: term["ko"] for term in TERMS}
    notes = (GLOSSARY_PATH.parents[3] / "shared" / "docs" / "seed-notes-ko.md").resolve()
    assert by_concept["context vector"] == "컨텍스트 벡터"
    assert by_concept["attention score"] == "어텐션 스코어"
    assert by_concept["attention distribution"] == "어텐션 분포"
    assert by_concept["attention weight"] == "어텐션 가중치"
    assert by_concept["dot-product attention"] == "닷-프로덕트 어텐션"
    assert by_concept["Bahdanau attention"] == "바다나우 어텐션"
    assert by_concept["time step t"] == "t 시점"
    if notes.is_file():  # the notes themselves, where the checkout has them beside it
        text = notes.read_text(encoding="utf-8")
        assert "t-1 시점" in text and "은닉 상태" in text and "결합" in text


@pytest.mark.parametrize(
    ("text", "banned"),
    [
        ("문맥 벡터는 가중합입니다.", "문맥 벡터"),
        ("가장 큰 원점수입니다.", "원점수"),
        ("내적 어텐션 (Luong)", "내적 어텐션"),
        ("가산 어텐션 (Bahdanau)", "가산 어텐션"),
        ("{t}단계: 디코더는 어디를 볼까요?", "단계"),
        ("쿼리와 키의 크기가 달라도 됩니다.", "크기"),
        ("과제: 영어 → 프랑스어", "과제"),
        ("모든 시험 문장", "시험"),
        ("매개변수 수", "매개변수"),
        ("에포크마다 저장합니다.", "에포크"),
        ("tanh 에너지", "에너지"),
        ("(바다나우 외, 2015)", "바다나우 외"),
    ],
)
def test_the_check_catches_a_regression(text, banned):
    """Each banned word the review found is caught when it comes back."""
    found = _violations({"key": text}, "ko")
    assert found and any(repr(banned)[1:-1] in f for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "디코더가 받는 것은 고정된 크기의 벡터 $c$ 하나뿐입니다.",  # the notes' own phrase
        "순위 점수 = {score:.3f}",  # the beam's ranking score, not the attention score
        "닷-프로덕트 어텐션 (루옹)",  # the sidebar's attribution
        "바다나우 어텐션(Bahdanau 외, 2015)은 RNN을 갱신하기 전에 어텐션을 계산합니다.",
        "논문의 심층 출력(deep output) 구조입니다.",
        "두 벡터의 내적입니다.",  # 내적 is the operation
        "가산형 (바다나우)",  # the score function's name on the playground
    ],
)
def test_legitimate_uses_pass(text):
    assert _violations({"key": text}, "ko") == []


# ----- every string -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_banned_synonym_in_any_string(lang):
    assert _violations(STRINGS[lang], lang) == []


def test_the_notes_terms_are_used():
    """The glossary's Korean words are the ones on the pages (not only the absence of others)."""
    ko = "\n".join(STRINGS["ko"].values())
    for word in ("컨텍스트 벡터", "어텐션 값", "어텐션 스코어", "어텐션 분포", "어텐션 가중치"):
        assert word in ko, word
    for word in ("닷-프로덕트 어텐션", "바다나우 어텐션", "시점", "결합 벡터", "은닉 상태"):
        assert word in ko, word


# ----- model names ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_model_labels_come_from_the_glossary(lang):
    """The sidebar, About, compare and why pages all take a model's label from KIND_KEYS; these
    keys hold the glossary's names, and prose names each model by the same words."""
    models = GLOSSARY["models"]
    assert {kind: model["key"] for kind, model in models.items()} == KIND_KEYS
    for model in models.values():
        assert STRINGS[lang][model["key"]] == model[lang]
        assert model[f"{lang}_name"].lower() in model[lang].lower()


# What may follow a model's name in running text: the name is a phrase, never cut short.
NAME_FOLLOWERS = {
    "ko": {"닷-프로덕트": r" (어텐션|모델)", "바다나우": r" (어텐션|모델)|\)"},
    "en": {
        "[Dd]ot-product": r" (attention|models?)\b| and Bahdanau models\b",
        # (BahdanauAttention: the PyTorch tutorial's class, in code)
        "Bahdanau": r" (attention|models?)\b| et al\., \d{4}|, K\. Cho|\)|Attention`",
    },
}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_page_names_the_models_alike(lang):
    """Wherever a string names the two attention models, it uses the glossary's name: in the
    sidebar, About, Theory, Playground, Why and Compare alike."""
    models = GLOSSARY["models"]
    for kind in ("dot", "bahdanau"):
        name = models[kind][f"{lang}_name"]
        assert f"**{name[0].upper() + name[1:]}**" in STRINGS[lang]["about_models"]
    for start, follower in NAME_FOLLOWERS[lang].items():
        mentions = 0
        for key, text in STRINGS[lang].items():
            for m in re.finditer(start, text):
                mentions += 1
                assert re.match(follower, text[m.end() :]), f"{key}: {text[m.start() :][:40]!r}"
        assert mentions > 5, start


# ----- citations --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_one_citation_style(lang):
    cite = GLOSSARY["citations"]
    odd = [
        (key, m.group(0))
        for key, text in STRINGS[lang].items()
        for m in re.finditer(cite["pattern"], text)
        if not re.fullmatch(cite["style"], m.group(0))
    ]
    assert odd == []
    assert re.fullmatch(cite["style"], "Bahdanau et al., 2015")
    assert not re.fullmatch(cite["style"], "Bahdanau et al. 2015")


# ----- one register in Korean -------------------------------------------------------------

# Questions end in -ㄹ까요? (or -니까?); statements in -ㅂ니다/-습니다; requests in -세요.
NOT_HAMNIDA = [
    (rf"[{HANGUL}]+\?", lambda m: not m.group(0).endswith(("까요?", "니까?"))),  # 줄까? 바꾸나요?
    (r"(?<!니)다(?=[.!:]|$)", None),  # 한다체: 부족하다, 있다.
    (r"(는가|인가)(?=[\s,.:?!)]|$)", None),  # 왜 어텐션인가
    (r"(?<!세)요[.!]", None),  # 해요체: 돼요. 해요.
    (r"죠[.!?]", None),
    (r"(봅|합|갑)시다", None),  # requests are -세요
]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("**내적을 왜 나누어 줄까?**", False),
        ("그 차이가 번역을 바꾸나요?", False),
        ("왜 어텐션인가: 벡터 하나로는 부족하다", False),
        ("파이썬 딕셔너리를 떠올려 봅시다.", False),
        ("**왜 내적을 $\\sqrt{H}$로 나눌까요?** 분산이 $H$입니다.", True),
        ("사이드바에서 고르세요.", True),
        ("바다나우 어텐션", True),
    ],
)
def test_register_check(text, ok):
    assert (_register({"key": text}) == []) is ok


def _register(strings: dict[str, str]) -> list[str]:
    found = []
    for key, text in strings.items():
        plain = re.sub(r"\$[^$]*\$|`[^`]*`", " ", text)
        for pattern, keep in NOT_HAMNIDA:
            for m in re.finditer(pattern, plain):
                if keep is None or keep(m):
                    found.append(f"{key}: {m.group(0)!r}")
    return found


def test_korean_is_in_one_register():
    assert _register(STRINGS["ko"]) == []
