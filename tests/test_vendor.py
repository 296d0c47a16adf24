"""The step player's JavaScript: the vendored libraries are the ones static/vendor/README.md
records (checksums), the player loads nothing from outside the app, and its own code parses."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from explorer.player import assets

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "static" / "vendor"


def _recorded() -> dict[str, str]:
    rows = re.findall(
        r"^\| `([^`]+\.js)` \|.*\| `([0-9a-f]{64})` \|$",
        (VENDOR / "README.md").read_text(encoding="utf-8"),
        flags=re.M,
    )
    return dict(rows)


def test_vendored_files_match_their_recorded_checksums():
    recorded = _recorded()
    assert set(recorded) == {p.name for p in VENDOR.glob("*.js")}
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_the_player_loads_the_vendored_files_and_nothing_from_outside():
    js = assets.script()
    assert not re.search(r"https?://", js), "no CDN or other address at run time"
    for name in _recorded():
        assert name in js, f"player.js does not load {name}"
    for licence in ("LICENSE-plotly.js.txt", "LICENSE-katex.txt"):
        assert (VENDOR / licence).is_file()


def test_static_serving_is_on():
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r"^\[server\][^\[]*enableStaticServing = true", config, flags=re.M | re.S)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_player_script_parses():
    # an ES module: node checks it as one when the file name says .mjs
    copy = Path(subprocess.check_output(["mktemp", "-d"], text=True).strip()) / "player.mjs"
    copy.write_text(assets.script(), encoding="utf-8")
    result = subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_part_of_the_player_is_joined_once_and_only_the_last_exports():
    on_disk = sorted(path.name for path in (assets.HERE / "js").glob("*.js"))
    assert sorted(assets.PARTS) == on_disk and len(set(assets.PARTS)) == len(assets.PARTS)
    exports = [
        name for name in assets.PARTS if "export " in (assets.HERE / "js" / name).read_text()
    ]
    assert exports == ["player.js"] == [assets.PARTS[-1]]
    js = assets.script()
    # one definition per function name: the joined module has one scope
    names = re.findall(r"^(?:export default )?function (\w+)", js, flags=re.M)
    assert len(names) == len(set(names)) and {"player", "makeDrawer", "panelScheduler"} <= set(
        names
    )
