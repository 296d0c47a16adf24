"""Numbers written into LaTeX, the one formatter every equation uses. Pure."""

from __future__ import annotations

import math


def num(x: float, digits: int = 3, *, scientific: bool = True) -> str:
    """``x`` with ``digits`` decimals, never "-0.000". With ``scientific``, m × 10^e when very
    small or large (below 10^-digits, or from 10^5), so a tiny weight does not read as 0."""
    x = float(x)
    if math.isnan(x):
        return r"\mathrm{NaN}"
    if math.isinf(x):
        return r"\infty" if x > 0 else r"-\infty"
    if scientific and x != 0 and (abs(x) < 10 ** (-digits) or abs(x) >= 1e5):
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    text = f"{x:.{digits}f}"
    return text.lstrip("-") if float(text) == 0 else text
