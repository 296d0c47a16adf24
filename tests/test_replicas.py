"""Replicas behind nginx (deploy/): the committed configuration is the generated one, and in a
real browser two sessions through nginx each stay on their own replica over reruns, websocket
included, and each sees only its own sentence. Skipped where nginx is not installed (CI
installs it from Debian, as Chromium)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from deploy.local import nginx_binary, replicas
from deploy.nginx_config import COOKIE, config
from support.browser import BROWSER_TIMEOUT_S, launch_chromium, wait_idle
from support.marks import needs_browser

ROOT = Path(__file__).resolve().parent.parent


def test_the_compose_configuration_is_the_generated_one():
    committed = (ROOT / "deploy" / "nginx.compose.conf").read_text(encoding="utf-8")
    assert committed == config(["172.28.0.11:8501", "172.28.0.12:8501"], "80")
    compose = (ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8")
    assert "172.28.0.11" in compose and "172.28.0.12" in compose


needs_nginx = pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed")


@needs_nginx
@needs_browser
def test_sessions_stay_on_their_replica_and_see_only_their_own_sentence():
    from playwright.sync_api import sync_playwright

    sentences = ["5 mai 1789", "December 24, 2026"]
    with replicas(2) as running, sync_playwright() as pw:
        browser = launch_chromium(pw)
        pages = []
        for sentence in sentences:
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.set_default_timeout(BROWSER_TIMEOUT_S * 1000)
            page.goto(f"{running.url}/?model=dates-dot&lang=en&sentence={quote(sentence)}")
            page.locator(".attn-counter").wait_for()
            wait_idle(page)
            pages.append((page, sentence))
        for _ in range(10):  # ten reruns each (the guess toggle, on and off)
            for page, sentence in pages:
                page.get_by_text("Guess first", exact=True).click()
                wait_idle(page)
                ticks = page.wait_for_function(
                    "() => { const gd = document.querySelector('.attn-heatmap');"
                    " return gd && gd._fullLayout && gd.layout.xaxis.ticktext.join(''); }"
                ).json_value()
                assert ticks.replace("␣", " ") == sentence, (ticks, sentence)
        cookies = [page.context.cookies()[0] for page, _ in pages]
        for page, _ in pages:
            page.context.close()
        browser.close()
        log = running.access_log()
    # each visitor's cookie names one replica, and the two visitors have different ones
    assert [c["name"] for c in cookies] == [COOKIE, COOKIE]
    assert sorted(c["value"] for c in cookies) == ["replica_1", "replica_2"]
    # every request that carried a cookie, the websockets included, reached its replica
    address = {
        f"replica_{i + 1}": s.url.removeprefix("http://") for i, s in enumerate(running.servers)
    }
    streams = 0
    for line in log:
        match = re.match(r"\S+ (\S+) (\S+) (\d+) \"(\S+) (\S+)", line)
        assert match, line
        cookie, upstream, _status, _method, path = match.groups()
        if cookie in address:
            assert upstream == address[cookie], line
            streams += path.startswith("/_stcore/stream")
    assert streams >= 2  # both sessions' websockets went through nginx, each to its replica
