"""Loading models and decoding, cached (torch itself stays inside attention_core).

Models are shared by every session (``st.cache_resource``): nothing here writes to them, and
``attention_core`` puts them in eval mode at load time and decodes under inference mode.
Traces are cached per (checkpoint, weights version, sentence, mode, beam, reference) in the
process-wide cache bounded by memory (``memo.SHARED``, 100 MB unless configured).
"""

from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass

import streamlit as st

from attention_core import CheckpointError, DecodeOptions, Trace, decode, load, set_threads
from explorer import memo
from explorer.catalog import Entry


# One decode is a few milliseconds of small matrix products: more threads per decode buy nothing
# and make concurrent sessions fight over the cores (Community Cloud gives 2). Each session's
# decode runs in its own script thread, so the cores are shared by sessions instead.
def _threads() -> int:
    try:
        return max(1, int(os.environ.get("ATTENTION_EXPLORER_THREADS", "1")))
    except ValueError:
        return 1


THREADS = _threads()
set_threads(THREADS)


@dataclass(frozen=True)
class Loaded:
    translator: object | None  # an attention_core Translator, or None when unavailable
    status: str  # "ok", "missing" (no checkpoint yet) or "broken" (it failed to load)
    problem: str | None = None  # the loader's message (English, from the core)


def _trim_heap() -> None:
    """Give freed heap pages back to the system (glibc; elsewhere nothing happens). A load frees
    the file's bytes and its fp16 tensors (about 35 MB for an English-French model), which glibc
    would otherwise keep: measured here, RSS with every model loaded drops by about 45 MB."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


@st.cache_resource(show_spinner=False, max_entries=12)
def _load(path: str, version: str):
    """One translator per checkpoint and weights version (a retrained model is reloaded)."""
    translator = load(path)
    _trim_heap()
    return translator


def get(entry: Entry) -> Loaded:
    """Load a model, or say why it is unavailable. Never raises."""
    if entry.problem is not None:
        return Loaded(None, "broken", entry.problem)
    if not entry.present:
        return Loaded(None, "missing")
    try:
        return Loaded(_load(str(entry.path), entry.version), "ok")
    except CheckpointError as exc:
        return Loaded(None, "broken", str(exc))
    except Exception as exc:  # anything else the loader hits: the model is unavailable
        return Loaded(None, "broken", f"{type(exc).__name__}: {exc}")


def trace(entry: Entry, translator, sentence: str, mode: str, beam: int, reference: str) -> Trace:
    """The trace of one decoding (cached). Raises ``InputError`` for input the core refuses.

    The key holds the validated ``DecodeOptions``, which keep only what the mode uses, so a
    beam width does not split greedy entries.
    """
    options = DecodeOptions(mode=mode, beam=beam, reference=reference)
    # the key of sentence.cached_decode too: the explorer and the other pages share a decoding
    key = ("decode", str(entry.path), entry.version, sentence, options)
    return memo.SHARED.get(key, lambda: decode(translator, sentence, options))
