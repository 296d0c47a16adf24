"""export.py: a stepping view as one offline HTML file (the file itself; the browser test opens
it from disk: test_browser_export.py)."""

from __future__ import annotations

import json
import re

import pytest

from attention_core import decode
from explorer.player import assets, export
from explorer.player import data as player_data
from support.translators import make_translator

HOSTILE = "</script><script>alert(1)</script> <a href=x>&amp; $x^2$ <unk>"


@pytest.fixture(scope="module")
def payload():
    trace = decode(make_translator("bahdanau", "fra-eng", seed=3), HOSTILE)
    view = player_data.view(trace, "en")
    return player_data.payload([view], "en", id="t", assets="/app/static/vendor/")


def _data_block(page: str) -> str:
    found = re.search(
        r'<script type="application/json" id="attn-payload">(.*?)</script>', page, re.S
    )
    assert found, "no payload block"
    return found.group(1)


def test_the_payload_travels_whole_and_no_token_closes_its_block(payload):
    page = export.offline_html(payload, lang="en", title="<b>t</b>", note="n & m")
    block = _data_block(page)
    assert "<" not in block  # every "<" is \u003c: "</script>" in a token cannot end the block
    data = json.loads(block)
    original = json.loads(payload)
    assert data["assets"] == ""  # offline: libs.js takes plotly.js and KaTeX from the page
    assert {k: v for k, v in data.items() if k != "assets"} == {
        k: v for k, v in original.items() if k != "assets"
    }
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in page and "n &amp; m" in page


def test_the_file_runs_the_apps_own_player_and_allows_nothing_from_outside(payload):
    page = export.offline_html(payload, lang="ko", title="t")
    module = re.search(r'<script type="module">(.*?)</script>\s*</body>', page, re.S).group(1)
    # the same code the app mounts (its default export called inline): a change to the player
    # changes the export
    assert module.startswith(
        assets.script().replace("export default function player(", "function player(")
    )
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script(?: type=\"module\")?>(.*?)</script>", page, re.S)
    assert len(re.findall(r"'sha256-", policy)) == len(scripts) == 4  # plotly, KaTeX, ko, player
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)  # the page's own tags
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", markup)  # none fetched
    assert "Permission is hereby granted" in page  # the MIT licences of what is inlined


def test_size_and_name(payload):
    assert export.estimated_bytes(payload, "en") == pytest.approx(
        len(export.offline_html(payload, lang="en", title="t").encode()), rel=0.01
    )
    assert export.file_name("fra-eng-bahdanau", "Où est la gare ?") == (
        "attention-fra-eng-bahdanau-où-est-la-gare.html"
    )
    assert export.file_name("dates-dot", "<>") == "attention-dates-dot-sentence.html"
