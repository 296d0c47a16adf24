"""pytest marks for what a test needs: a browser, the shipped dates checkpoints, the corpus.

Without Chromium or Playwright the browser tests are skipped with the reason, except when
``CI_REQUIRE_BROWSER=1`` (``.ci/run`` sets it): then a missing browser is a failure, so CI can
never pass with the browser layer silently skipped.
"""

from __future__ import annotations

import os

import pytest

from support.browser import missing_reason
from support.server import ROOT

REQUIRED = os.environ.get("CI_REQUIRE_BROWSER") == "1"
needs_browser = pytest.mark.skipif(
    missing_reason() is not None and not REQUIRED, reason=str(missing_reason())
)
DATES = [ROOT / "checkpoints" / f"dates-{kind}" for kind in ("dot", "bahdanau", "none")]
needs_dates = pytest.mark.skipif(
    not all((p / "config.json").is_file() for p in DATES),
    reason="checkpoints/dates-dot, -bahdanau and -none are not there yet (train them first)",
)
CORPUS = ROOT.parent / "shared/data/tatoeba-fra-eng/fra-eng.tsv"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_file(), reason=f"the Tatoeba corpus is not at {CORPUS} (it is never committed)"
)


def require_browser() -> None:
    """In a fixture: fail (CI_REQUIRE_BROWSER=1) or skip, with the reason, if it is missing."""
    reason = missing_reason()
    if reason is None:
        return
    if REQUIRED:
        pytest.fail(f"CI_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)
