import pytest

from attention_core import MAX_INPUT_CHARS, InputError, decode, get_task
from attention_core.tasks import TASKS
from support.translators import make_translator

FRA_ENG, DATES = get_task("fra-eng"), get_task("dates")


def _code(task, value) -> InputError:
    with pytest.raises(InputError) as info:
        task.source_tokens(value)
    assert isinstance(info.value, ValueError)  # callers may catch ValueError
    assert str(info.value)  # a readable message besides the code
    return info.value


@pytest.mark.parametrize("task", TASKS.values(), ids=list(TASKS))
@pytest.mark.parametrize(
    "value", ["", "   ", "\u200b", "\t\n \u200b "], ids=["empty", "spaces", "zwsp", "mixed"]
)
def test_blank_input_is_empty(task, value):
    assert _code(task, value).code == "empty"


@pytest.mark.parametrize("task", TASKS.values(), ids=list(TASKS))
def test_too_long(task):
    err = _code(task, "a" * (MAX_INPUT_CHARS + 1))
    assert err.code == "too_long"
    assert err.params == {"length": MAX_INPUT_CHARS + 1, "limit": MAX_INPUT_CHARS}
    # Whitespace counts too: the cap is on what the user sent, before any cleaning.
    assert _code(task, " " * (MAX_INPUT_CHARS + 1)).code == "too_long"


@pytest.mark.parametrize("task", TASKS.values(), ids=list(TASKS))
def test_exactly_max_chars_is_not_too_long(task):
    value = "a " * (MAX_INPUT_CHARS // 2)
    assert len(value) == MAX_INPUT_CHARS
    assert _code(task, value).code == "too_many_tokens"  # refused later, not for its length


def test_too_many_tokens_fra_eng():
    assert FRA_ENG.max_source_tokens == 60
    FRA_ENG.source_tokens(" ".join(["word"] * 60))  # the limit itself is accepted
    err = _code(FRA_ENG, " ".join(["word"] * 61))
    assert err.code == "too_many_tokens"
    assert err.params == {"length": 61, "limit": 60}


def test_too_many_tokens_dates():
    assert DATES.max_source_tokens == 48
    assert len(DATES.source_tokens("1" * 48)) == 48
    err = _code(DATES, "1" * 49)
    assert err.code == "too_many_tokens"
    assert err.params == {"length": 49, "limit": 48}


def test_not_text():
    for task in TASKS.values():
        assert _code(task, None).code == "not_text"
        assert _code(task, b"5 mars 2024").code == "not_text"


def test_dates_keep_every_character_as_a_token():
    assert DATES.source_tokens("5 mars 2024") == list("5 mars 2024")
    assert DATES.source_tokens("  5    mars \u00a0 2024  ") == list("5 mars 2024")
    assert DATES.source_tokens("2024년 3월 5일") == list("2024년 3월 5일")
    # Case is kept: the character is the token.
    assert DATES.source_tokens("MARCH 5") == list("MARCH 5")


@pytest.mark.parametrize("sep", ["\t", "\n", "\r\n", "\n\n"])
def test_dates_tab_or_newline_separates_like_a_space(sep):
    assert DATES.source_tokens(f"5{sep}mars{sep}2024") == list("5 mars 2024")


def test_fra_eng_tokens_are_lowercased():
    tokens = FRA_ENG.source_tokens("I'm here.")
    assert tokens == [t.lower() for t in tokens]
    assert "i" in tokens and "here" in tokens and tokens[-1] == "."
    assert FRA_ENG.source_tokens("HELLO World") == ["hello", "world"]


def test_max_output():
    for n in range(1, FRA_ENG.max_source_tokens + 1):
        assert FRA_ENG.max_output(n) >= n + 1
        assert FRA_ENG.max_output(n) <= FRA_ENG.max_target_tokens
    for n in range(1, DATES.max_source_tokens + 1):
        assert DATES.max_output(n) == 11  # "YYYY-MM-DD" + <eos>


def test_get_task():
    assert get_task("dates") is DATES
    with pytest.raises(ValueError, match="unknown task"):
        get_task("deu-eng")


# ----- decode-level input errors --------------------------------------------------------------


@pytest.fixture(scope="module")
def dates_tr():
    return make_translator("dot")


def _decode_code(*args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        decode(*args, **kwargs)
    return info.value.code


def test_bad_mode(dates_tr):
    assert _decode_code(dates_tr, "5 mars 2024", mode="bogus") == "bad_mode"


@pytest.mark.parametrize("reference", [None, "", "   ", "\u200b"])
def test_forced_needs_a_reference(dates_tr, reference):
    code = _decode_code(dates_tr, "5 mars 2024", mode="forced", reference=reference)
    assert code == "empty_reference"


def test_input_errors_surface_through_decode(dates_tr):
    assert _decode_code(dates_tr, "   ") == "empty"
    assert _decode_code(dates_tr, "1" * 49) == "too_many_tokens"


@pytest.mark.parametrize(
    "weights",
    [[1.0] * 3, [1.0] * 12, [], [0.0] * 11, [-1.0] + [1.0] * 10, [float("nan")] * 11],
    ids=["short", "long", "empty", "zeros", "negative", "nan"],
)
def test_bad_override(translator, weights):
    text = "5 mars 2024"  # 11 source tokens
    assert _decode_code(translator, text, overrides={0: weights}) == "bad_override"


def test_good_override_is_accepted(dates_tr):
    trace = decode(dates_tr, "5 mars 2024", overrides={0: [1.0] + [0.0] * 10})
    assert trace.overrides[0][0] == pytest.approx(1.0)
    assert trace.steps[0].weights[0] == pytest.approx(1.0)
