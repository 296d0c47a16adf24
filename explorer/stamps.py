"""Which translations are older than their English source.

Every language besides English keeps ``explorer/texts/<language>/_translated_from.toml``: for
each key, a short hash of the English text it was translated from. When someone edits an English
string its hash no longer matches, and the translation counts as *stale* until a translator has
read it again (and fixed it where the meaning changed) and stamps it:

    python -m explorer.stamps                  # the stale keys, with today's English
    python -m explorer.stamps stamp KEY [KEY]  # after the review: these match today's English
    python -m explorer.stamps stamp --all      # all of them (only right after a full review)

``tests/test_stamps.py`` fails while a translation is stale, naming the keys.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
from pathlib import Path

from explorer.strings import LANGUAGES, PLURALS, SOURCE_LANGUAGE, STRINGS, TEXTS

STAMP_FILE = "_translated_from.toml"
HEADER = (
    "# Written by `python -m explorer.stamps stamp`: for each key, a hash of the English text\n"
    "# this translation was made from (explorer/stamps.py). Do not edit by hand.\n"
)


def source_hash(key: str) -> str:
    """12 hex digits of SHA-256 over the English text of ``key`` (all its plural forms)."""
    plural = PLURALS[SOURCE_LANGUAGE].get(key)
    forms = [f"{cat}={text}" for cat, text in sorted(plural.forms.items())] if plural else []
    text = "\x1f".join(forms) if plural else STRINGS[SOURCE_LANGUAGE][key]
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def read_stamps(lang: str, texts: Path = TEXTS) -> dict[str, str]:
    path = texts / lang / STAMP_FILE
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def write_stamps(lang: str, stamps: dict[str, str], texts: Path = TEXTS) -> None:
    lines = [f'{key} = "{stamps[key]}"' for key in sorted(stamps)]
    (texts / lang / STAMP_FILE).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def stale(lang: str, stamps: dict[str, str] | None = None) -> list[str]:
    """The keys of ``lang`` whose English changed since they were stamped (or never stamped)."""
    stamps = read_stamps(lang) if stamps is None else stamps
    return sorted(key for key in STRINGS[lang] if stamps.get(key) != source_hash(key))


def stamp(lang: str, keys: list[str], texts: Path = TEXTS) -> dict[str, str]:
    """Record today's English hash for ``keys`` (and drop stamps of keys that no longer exist)."""
    unknown = [key for key in keys if key not in STRINGS[SOURCE_LANGUAGE]]
    if unknown:
        raise KeyError(f"no such keys: {', '.join(unknown)}")
    stamps = {k: v for k, v in read_stamps(lang, texts).items() if k in STRINGS[lang]}
    stamps.update({key: source_hash(key) for key in keys})
    write_stamps(lang, stamps, texts)
    return stamps


def main(argv: list[str] | None = None) -> int:
    others = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]
    parser = argparse.ArgumentParser(
        prog="python -m explorer.stamps",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", nargs="?", choices=["list", "stamp"], default="list")
    parser.add_argument("keys", nargs="*")
    parser.add_argument("--lang", choices=others, default=others[0])
    parser.add_argument("--all", action="store_true", help="stamp: every key of the language")
    args = parser.parse_args(argv)
    if args.action == "stamp":
        keys = sorted(STRINGS[args.lang]) if args.all else args.keys
        if not keys:
            parser.error("stamp needs KEY ... or --all")
        try:
            stamp(args.lang, keys)
        except KeyError as exc:
            print(exc.args[0], file=sys.stderr)
            return 2
        print(f"stamped {len(keys)} {args.lang} strings")
        return 0
    keys = stale(args.lang)
    for key in keys:
        english, translated = STRINGS[SOURCE_LANGUAGE][key], STRINGS[args.lang][key]
        print(f"{key}\n    en: {english}\n    {args.lang}: {translated}")
    print(f"{len(keys)} {args.lang} strings older than their English source", file=sys.stderr)
    return 1 if keys else 0


if __name__ == "__main__":
    sys.exit(main())
