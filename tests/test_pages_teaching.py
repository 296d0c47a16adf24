"""AppTest of the teaching pages (compare, why, playground, theory, training): each renders in
both languages without an exception, and a changed input changes what it shows.

Uses checkpoints/dates-* (skipped without them); the why page also gets a temporary checkpoints
folder with tiny random English->French models and evaluation files made by ``evaluate``.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from explorer.figures.style import CHOSEN
from explorer.strings import STRINGS
from support.apptest import APP, player
from support.marks import needs_dates
from support.server import ROOT

PAGES_DIR = ROOT / "explorer" / "pages"  # the page files (app.py lists them)


def _page(slug: str, **params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"model": "dates-dot", **params})  # the dates task, whatever ships
    at.run()
    at.switch_page(f"explorer/pages/{slug}.py")
    return at.run()


def ok(at):
    assert not at.exception, [e.value for e in at.exception]


def specs(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


# ----- compare ------------------------------------------------------------------------------


def _tokens(view: dict) -> str:
    return "".join(view["tokens"][:-1])  # without <eos>


@needs_dates
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_compare_renders(lang):
    at = _page("compare", lang=lang)
    ok(at)
    assert at.title[0].value == STRINGS[lang]["compare_title"]
    assert at.selectbox(key="compare_a").value == "dot"
    assert at.selectbox(key="compare_b").value == "bahdanau"
    data = player(at)  # both models on one step player
    assert [v["kind"] for v in data["views"]] == ["dot", "bahdanau"]
    assert [_tokens(v) for v in data["views"]] == ["2024-03-05", "2024-03-05"]
    assert [p["name"] for p in data["views"][0]["panels"]] == [
        "query",
        "weights",
        "geometry",
        "topk",
    ]
    # when each model takes its query: the diagram of each view outlines a different box
    timelines = [
        v["timeline"]["figure"]["base"]["data"][0]["marker"]["color"] for v in data["views"]
    ]
    assert [c.index(CHOSEN) for c in timelines] == [2, 0]
    diff, entropy = data["shared"]
    assert (diff["name"], entropy["name"]) == ("difference", "entropy")
    trace = diff["figure"]["base"]["data"][0]
    assert (trace["zmin"], trace["zmax"]) == (-1, 1)
    assert len(specs(at)) == 1  # the coverage, drawn by Streamlit (it does not step)
    assert (at.query_params["a"], at.query_params["b"]) == ("dot", "bahdanau")
    assert not at.error


@needs_dates
def test_compare_shared_figures_follow_the_cursor_and_the_models():
    from explorer.player.wire import apply

    at = _page("compare")
    data = player(at)
    diff = data["shared"][0]["figure"]
    for t in range(data["n"]):
        shape = apply(diff["base"], diff["steps"][t])["layout"]["shapes"][0]
        assert (shape["y0"], shape["y1"], shape["visible"]) == (t - 0.5, t + 0.5, True)
    entropy = data["shared"][1]["figure"]
    line = apply(entropy["base"], entropy["steps"][3])["layout"]["shapes"][1]
    assert line["x0"] == line["x1"] == 4
    at.selectbox(key="compare_b").set_value("none").run()
    ok(at)
    assert [p["name"] for p in player(at)["shared"]] == ["entropy"]  # no difference
    assert STRINGS["en"]["compare_diff_needs_weights"] in [i.value for i in at.info]


@needs_dates
def test_compare_models_come_from_a_shared_link():
    at = _page("compare", a="bahdanau", b="none")
    ok(at)
    assert (at.selectbox(key="compare_a").value, at.selectbox(key="compare_b").value) == (
        "bahdanau",
        "none",
    )
    assert [v["kind"] for v in player(at)["views"]] == ["bahdanau", "none"]


@needs_dates
def test_compare_sentence_changes_both_translations():
    at = _page("compare", lang="ko")
    at.text_input(key="compare_sentence:dates").input("17/08/1999").run()
    ok(at)
    assert [_tokens(v) for v in player(at)["views"]] == ["1999-08-17", "1999-08-17"]
    at.text_input(key="compare_sentence:dates").input("").run()
    ok(at)
    assert [w.value for w in at.warning] == [STRINGS["ko"]["err_empty"]]


# ----- playground ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_playground_renders(lang):
    at = _page("playground", lang=lang)
    ok(at)
    assert at.title[0].value == STRINGS[lang]["pg_title"]
    assert len(specs(at)) == 3
    assert len(at.latex) == 3 + 3 + 1  # scores and weights of 3 keys, the context
    weights = specs(at)[1]["data"][0]["y"]
    assert sum(weights) == pytest.approx(1.0, abs=1e-6)


def test_playground_inputs_change_the_numbers():
    from explorer.numbers import playground as pg

    at = _page("playground")
    first = specs(at)[1]["data"][0]["y"]
    p = pg.preset("example", 2, 3)
    assert first == pytest.approx(pg.compute("dot", p["query"], p["keys"], p["keys"]).weights)
    at.slider(key="pg_temperature").set_value(3.0).run()
    ok(at)
    flatter = specs(at)[1]["data"][0]["y"]
    assert max(flatter) < max(first)
    at.button(key="pg_preset:sharp").click().run()
    ok(at)
    assert max(specs(at)[1]["data"][0]["y"]) > 0.8
    for kind in ("scaled", "general", "additive"):
        at.radio(key="pg_kind").set_value(kind).run()
        ok(at)
        assert any("\\tanh" in el.value for el in at.latex) == (kind == "additive")
    at.selectbox(key="pg_count").set_value(5).run()
    ok(at)
    assert len(specs(at)[1]["data"][0]["y"]) == 5


# ----- theory -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_theory_renders(lang):
    at = _page("theory", lang=lang)
    ok(at)
    assert at.title[0].value == STRINGS[lang]["theory_title"]
    headers = [h.value for h in at.header]
    assert headers[0] == STRINGS[lang]["theory_bottleneck_title"] and len(headers) == 5
    assert len(at.latex) >= 12
    from explorer.content.theory import SECTIONS

    links = [p.proto.page or "explorer" for p in at.get("page_link")]  # "": the default page
    expected = [slug for s in SECTIONS for slug, _ in s.links]
    assert links == [slug for slug in expected if (PAGES_DIR / f"{slug}.py").is_file()]
    assert "explorer" in links and "playground" in links


def test_theory_language_and_scaled_note(tmp_path, monkeypatch):
    from attention_core import save
    from explorer.catalog import ENV_ROOT
    from support.translators import make_translator

    save(tmp_path / "dates-dot", make_translator("dot", scaled=True), {})
    monkeypatch.setenv(ENV_ROOT, str(tmp_path))
    at = _page("theory")
    ok(at)
    assert STRINGS["en"]["theory_dot_is_scaled"] in [i.value for i in at.info]
    at.sidebar.radio(key="lang").set_value("ko").run()
    ok(at)
    assert at.header[0].value == STRINGS["ko"]["theory_bottleneck_title"]
    assert STRINGS["ko"]["theory_dot_is_scaled"] in [i.value for i in at.info]


# ----- why attention ------------------------------------------------------------------------


@needs_dates
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_why_without_english_french_checkpoints(lang, tmp_path, monkeypatch):
    from explorer.catalog import ENV_ROOT

    for kind in ("none", "dot", "bahdanau"):  # the dates models alone
        (tmp_path / f"dates-{kind}").symlink_to(ROOT / "checkpoints" / f"dates-{kind}")
    monkeypatch.setenv(ENV_ROOT, str(tmp_path))
    at = _page("why", lang=lang)
    ok(at)
    assert at.title[0].value == STRINGS[lang]["why_title"]
    infos = [i.value for i in at.info]
    assert STRINGS[lang]["why_no_fra_eng"] in infos and STRINGS[lang]["why_long_none"] in infos
    (dates,) = specs(at)  # exact match of the dates models instead
    shipped = [
        json.loads((ROOT / f"checkpoints/dates-{k}/evaluation.json").read_text())
        for k in ("none", "dot", "bahdanau")
    ]
    assert dates["data"][0]["y"] == [e["exact_match"] for e in shipped]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_why_with_english_french_checkpoints(lang, tmp_path, monkeypatch):
    from test_why import make_fra_eng_folder

    from explorer.catalog import ENV_ROOT

    make_fra_eng_folder(tmp_path)
    monkeypatch.setenv(ENV_ROOT, str(tmp_path))
    at = _page("why", lang=lang)
    ok(at)
    bleu = specs(at)[0]
    names = bleu["layout"]["xaxis"]["ticktext"]
    for line, kind in zip(bleu["data"], ("none", "dot", "bahdanau")):
        saved = json.loads((tmp_path / f"fra-eng-{kind}/evaluation.json").read_text())
        assert line["y"] == [saved["by_length"][names[x]]["bleu"] for x in line["x"]]
    outputs = [c.value for c in at.code][1:]  # after our reference: one per model
    assert len(outputs) == 3
    at.text_input(key="why_sentence").input("i see the cat .").run()
    ok(at)
    assert len(at.code) == 3 and [c.value for c in at.code] != outputs  # no reference now
    at.button(key="why_reset").click().run()
    ok(at)
    assert len(at.code) == 4


def test_why_hands_its_long_sentence_to_compare(tmp_path, monkeypatch):
    from test_why import make_fra_eng_folder

    from explorer.catalog import ENV_ROOT
    from explorer.figures.why import LONG_SENTENCE

    make_fra_eng_folder(tmp_path)
    monkeypatch.setenv(ENV_ROOT, str(tmp_path))
    at = _page("why")
    at.button(key="why_to_compare").click().run()
    ok(at)
    assert at.title[0].value == STRINGS["en"]["compare_title"]
    assert at.text_input(key="compare_sentence:fra-eng").value == LONG_SENTENCE[0]
    assert at.sidebar.selectbox(key="task").value == "fra-eng"


# ----- training -----------------------------------------------------------------------------


@needs_dates
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_training_renders(lang):
    at = _page("training", lang=lang)
    ok(at)
    assert at.title[0].value == STRINGS[lang]["training_title"]
    config = json.loads((ROOT / "checkpoints/dates-dot/config.json").read_text())
    # it opens at the first record, before training: the alignment forms from there
    first = config.get("probe_snapshots", config["history"])[0]
    assert at.select_slider(key="training_epoch").value == 0
    matrix, loss = specs(at)
    assert _values(matrix) == pytest.approx(np.asarray(first["probes"][0]["attention"]), rel=1e-6)
    assert loss["data"][0]["y"] == [r["train_loss"] for r in config["history"]]


@needs_dates
def test_training_inputs_change_the_view():
    at = _page("training")
    config = json.loads((ROOT / "checkpoints/dates-dot/config.json").read_text())
    points = config.get("probe_snapshots", config["history"])
    last = points[-1]["probes"]
    at.select_slider(key="training_epoch").set_value(len(points) - 1).run()
    ok(at)
    assert _values(specs(at)[0]) == pytest.approx(np.asarray(last[0]["attention"]), rel=1e-6)
    at.selectbox(key="training_probe").set_value(last[1]["source"]).run()
    ok(at)
    assert _values(specs(at)[0]) == pytest.approx(np.asarray(last[1]["attention"]), rel=1e-6)
    at.sidebar.radio(key="kind").set_value("none").run()
    ok(at)
    assert STRINGS["en"]["training_no_attention"] in [i.value for i in at.info]
    assert len(specs(at)) == 1  # the loss curves only


def _values(spec: dict) -> np.ndarray:
    """A heatmap's z, as a list or as Plotly's base64 typed array."""
    z = spec["data"][0]["z"]
    if isinstance(z, dict):
        import base64

        flat = np.frombuffer(base64.b64decode(z["bdata"]), dtype=np.dtype(z["dtype"]))
        return flat.reshape([int(x) for x in z["shape"].split(",")]).astype(float)
    return np.asarray(z, dtype=float)


@needs_dates
def test_training_opens_on_a_model_recorded_from_before_training():
    """Issue 25: the default English->French model starts at epoch 1, already sharp."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": "en"})  # no model in the link
    at.run()
    if at.sidebar.selectbox(key="task").value != "fra-eng":
        pytest.skip("the English->French models are not shipped here")
    at.switch_page("explorer/pages/training.py").run()
    ok(at)
    assert at.sidebar.selectbox(key="task").value == "dates"
    assert any("Opened on the dates model" in i.value for i in at.info)
    assert at.select_slider(key="training_epoch").format_func(0) == "0"
    at.sidebar.selectbox(key="task").set_value("fra-eng").run()  # chosen: it stays
    ok(at)
    assert at.sidebar.selectbox(key="task").value == "fra-eng"
    assert any("recorded from epoch 1 on" in c.value for c in at.caption)


@needs_dates
def test_theory_links_open_the_model_they_name():
    """Issue 25: "Explorer: pick the baseline" opened the explorer on whatever model was chosen."""
    at = _page("theory", lang="en")
    ok(at)
    links = {link.proto.label: link.proto.query_string for link in at.get("page_link")}
    assert links[STRINGS["en"]["theory_link_explorer_none"]] == "use=dates-none"
    assert links[STRINGS["en"]["theory_link_explorer_bahdanau"]] == "use=dates-bahdanau"
    at.query_params["use"] = "dates-none"  # what following the link does
    at.switch_page("explorer/pages/explorer.py").run()
    ok(at)
    assert at.sidebar.radio(key="kind").value == "none"
    assert "use" not in at.query_params
    at.sidebar.radio(key="kind").set_value("dot").run()  # the sidebar stays the user's
    assert at.sidebar.radio(key="kind").value == "dot"
