"""attention_core/options.py: DecodeOptions keeps only what its mode uses (so equal decodings
have equal keys), refuses what cannot be decoded with the app's error codes, and decode reads
it the same whether it is given whole or as keywords."""

from __future__ import annotations

import pytest

from attention_core import MAX_BEAM, DecodeOptions, InputError, decode
from support.translators import make_translator


def test_only_what_the_mode_uses_is_kept():
    assert DecodeOptions(beam=5, reference="x", length_penalty=0.5) == DecodeOptions()
    assert DecodeOptions(mode="forced", beam=4, reference="r").beam == 1
    assert DecodeOptions(mode="beam", beam=3, reference="r").reference == ""
    assert hash(DecodeOptions(mode="beam", beam=3)) == hash(DecodeOptions(mode="beam", beam=3))


def test_overrides_are_sorted_and_hashable():
    a = DecodeOptions.of(overrides={2: [0, 1], 0: [1, 0]})
    b = DecodeOptions(overrides=((0, (1.0, 0.0)), (2, (0.0, 1.0))))
    assert a == b and a.override_map == {0: (1.0, 0.0), 2: (0.0, 1.0)}
    assert len({a, b}) == 1


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"mode": "sideways"}, "bad_mode"),
        ({"mode": "beam", "beam": 0}, "bad_beam"),
        ({"mode": "beam", "beam": MAX_BEAM + 1}, "bad_beam"),
        ({"mode": "beam", "beam": 2, "prefix": "x"}, "bad_mode"),
        ({"mode": "beam", "beam": 2, "overrides": {0: [1.0]}}, "bad_mode"),
        ({"mode": "forced", "reference": "r", "prefix": "x"}, "bad_mode"),
        ({"overrides": {0: [-1.0, 2.0]}}, "bad_override"),
        ({"overrides": {0: [0.0, 0.0]}}, "bad_override"),
        ({"overrides": {0: [float("nan")]}}, "bad_override"),
    ],
)
def test_what_cannot_be_decoded_is_refused(fields, code):
    with pytest.raises(InputError) as err:
        DecodeOptions.of(**fields)
    assert err.value.code == code


def test_decode_reads_options_whole_or_as_keywords():
    tr = make_translator("dot")
    whole = decode(tr, "2024-03-05", DecodeOptions(mode="beam", beam=3))
    keywords = decode(tr, "2024-03-05", mode="beam", beam=3)
    assert whole.output_tokens == keywords.output_tokens and whole.mode == "beam"
    with pytest.raises(TypeError):
        decode(tr, "2024-03-05", DecodeOptions(), mode="beam")
