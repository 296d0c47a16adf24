"""explorer/figures/compare.py: the difference figure's colours say what its caption says."""

from __future__ import annotations

import plotly.colors as pc

from attention_core import decode
from explorer.figures import compare as cf
from explorer.figures.plain import as_go
from explorer.strings import tr
from support.translators import make_translator


def _rgb(colour: str) -> tuple[int, ...]:
    if colour.startswith("#"):
        return pc.hex_to_rgb(colour)
    return tuple(int(float(v)) for v in colour[colour.index("(") + 1 : -1].split(",")[:3])


def test_difference_colours_match_the_caption():
    """Positive cells (A looks more) are drawn blue, negative ones (B looks more) red."""
    a = decode(make_translator("dot", "dates", seed=0), "5 March 2024")
    b = decode(make_translator("bahdanau", "dates", seed=1), "5 March 2024")
    heatmap = as_go(cf.difference_figure(a, b, 0, "en")).data[0]
    assert (heatmap.zmin, heatmap.zmax) == (-1, 1)
    scale = heatmap.colorscale
    low, high = _rgb(scale[0][1]), _rgb(scale[-1][1])
    assert high[2] > high[0] and low[0] > low[2]  # top of the scale blue, bottom red
    for lang, blue, red in (("en", "blue where A", "red where B"), ("ko", "파랑은 A", "빨강은 B")):
        caption = tr("compare_diff_caption", lang)
        assert blue in caption and red in caption
