"""Offline HTML files (issue 29): how large a view's file is, per kind of view, and a whole
lesson's (every part, its player and its check). Prints JSON.

    python -m benchmarks.export_size

A view of a 15-word sentence must stay within ``export.LIMIT_BYTES`` (2.5 MB); the file holds
plotly.js (1.5 MB) and KaTeX (0.27 MB) whatever the sentence, plus the payload of every step.
"""

from __future__ import annotations

import json

from attention_core import decode
from attention_core.checkpoint import load
from explorer.player import data as player_data
from explorer.player import export
from support import lesson_file
from support.server import ROOT

FRA = "my grandmother used to tell us stories about the war when we were children ."
DATES = "Tuesday, March 5, 2024"


def size(models: list[str], sentence: str, lang: str, present: bool = False) -> dict:
    traces = [decode(load(ROOT / "checkpoints" / m), sentence) for m in models]
    views = [player_data.view(t, lang, present=present) for t in traces]
    payload = player_data.payload(views, lang, id="size", assets="/", present=present)
    page = export.offline_html(payload, lang=lang, title="size").encode()
    return {
        "models": models,
        "lang": lang,
        "present": present,
        "words": len(sentence.split()),
        "steps": max(len(t.steps) for t in traces),
        "payload_bytes": len(payload),
        "file_bytes": len(page),
        "within_limit": len(page) <= export.LIMIT_BYTES,
    }


def main() -> None:
    rows = [
        size(["fra-eng-bahdanau"], FRA, "en"),
        size(["fra-eng-bahdanau"], FRA, "ko"),
        size(["fra-eng-bahdanau"], FRA, "en", present=True),
        size(["fra-eng-dot"], FRA, "en"),
        size(["fra-eng-dot", "fra-eng-bahdanau"], FRA, "en"),  # compare: two views
        size(["dates-bahdanau"], DATES, "en"),
    ]
    lessons = []
    for lesson_id in ("attention", "dates"):
        for lang in ("en", "ko"):
            _, data, page = lesson_file.build(lesson_id, lang)
            size_ = len(page.encode())
            lessons.append(
                {
                    "lesson": lesson_id,
                    "lang": lang,
                    "parts": len(data["parts"]),
                    "file_bytes": size_,
                    "within_limit": size_ <= export.LESSON_LIMIT_BYTES,
                }
            )
    print(
        json.dumps(
            {
                "limit_bytes": export.LIMIT_BYTES,
                "files": rows,
                "lesson_limit_bytes": export.LESSON_LIMIT_BYTES,
                "lessons": lessons,
            }
        )
    )


if __name__ == "__main__":
    main()
