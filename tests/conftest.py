"""Shared fixtures: small random models for every attention kind, a quickly trained one, the real
checkpoints folder for every test, and a server and Chromium per browser test module.

Random weights are enough for the structural properties (shapes, masks, equalities between
code paths); the trained dates model checks that learning actually happens.
"""

from __future__ import annotations

import pytest
import torch

from attention_core import ATTENTION_KINDS, Translator
from explorer.catalog import ENV_ROOT
from support.marks import require_browser
from support.server import streamlit_server
from support.translators import make_translator

# The test models are tiny: one thread is as fast, and it keeps the suite from oversubscribing a
# 2-core machine that is also training (OpenMP threads spin while waiting for a busy core).
torch.set_num_threads(1)


@pytest.fixture(params=ATTENTION_KINDS)
def kind(request) -> str:
    return request.param


@pytest.fixture
def translator(kind) -> Translator:
    return make_translator(kind)


@pytest.fixture(scope="session")
def trained_dates(tmp_path_factory):
    """A dot-attention dates model trained for a few seconds (also the training smoke test)."""
    from attention_core.train import TrainConfig, train

    out = tmp_path_factory.mktemp("ckpt") / "dates-dot"
    cfg = TrainConfig.defaults_for("dates", "dot", epochs=2, train_size=12000, valid_size=300)
    last = train(cfg, out, log=lambda *_: None)
    return out, last


@pytest.fixture(autouse=True)
def _real_checkpoints(monkeypatch):
    """The shipped checkpoints folder, whatever the environment says (a test may point the app
    at its own folder with monkeypatch.setenv(ENV_ROOT, ...))."""
    monkeypatch.delenv(ENV_ROOT, raising=False)


@pytest.fixture(scope="module")
def server():
    """``streamlit run app.py`` for the module's tests (skips or fails without a browser)."""
    require_browser()
    with streamlit_server() as running:
        yield running


@pytest.fixture(scope="module")
def chromium(server):
    """Debian's Chromium, launched once per module."""
    from playwright.sync_api import sync_playwright

    from support.browser import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
