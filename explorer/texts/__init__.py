"""Per-page string tables, merged into ``explorer.strings.STRINGS``.

Each module here defines ``EN`` and ``KO``: dicts with the same keys. Pages that came later keep
their strings in their own module so the main table stays readable; keys must be unique across
all modules (``strings`` refuses duplicates).
"""

from __future__ import annotations

import importlib
import pkgutil


def tables() -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """(module name, EN, KO) for every module in this package, in name order."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append((info.name, module.EN, module.KO))
    return found
