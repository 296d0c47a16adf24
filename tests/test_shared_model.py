"""One loaded model serves every session's threads: concurrent decodes equal sequential ones.

tests/test_decoding.py::test_threads_share_one_model checks one random Bahdanau model, greedy
only, with threads that may run one after the other. The app shares each model loaded from
disk (``st.cache_resource``) between all sessions, in every mode, so this checks more: models
loaded from checkpoint files (the shipped dates models when present), all three kinds and both
tasks, greedy, beam and forced decoding, threads released together by a barrier (the test
asserts their decodes really overlapped), the model's weights bit-for-bit unchanged afterwards,
and the app's own path (``explorer.views.models.get`` + ``models.trace``) from many threads.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest
import torch

from attention_core import decode, load, save
from explorer import catalog
from explorer.views import models
from support.translators import make_translator

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("dot", "bahdanau", "none")
THREADS = 6
DATES = ["Tuesday, March 5, 2024", "05.05.05", "<b>1</b> 😀"]
WORDS = ["i see the cat .", "the the the", "&amp; <unk> <eos>"]
MODES = [("greedy", 1, None), ("beam", 3, None), ("forced", 1, "REF")]
REFERENCES = {"dates": "2024-03-05", "fra-eng": "je vois le chat ."}


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> dict[str, object]:
    """Translators loaded from checkpoint files, as the app loads them."""
    folder = tmp_path_factory.mktemp("shared")
    loaded = {}
    for kind in KINDS:
        shipped = ROOT / "checkpoints" / f"dates-{kind}"
        if not (shipped / "config.json").is_file():
            shipped = folder / f"dates-{kind}"
            save(shipped, make_translator(kind, hidden=64), {})
        loaded[f"dates-{kind}"] = load(shipped)
        save(folder / f"fra-eng-{kind}", make_translator(kind, task="fra-eng"), {})
        loaded[f"fra-eng-{kind}"] = load(folder / f"fra-eng-{kind}")
    return loaded


def _jobs(shared) -> list[tuple]:
    jobs = []
    for name, tr in shared.items():
        texts = DATES if tr.task.name == "dates" else WORDS
        for text in texts:
            for mode, beam, ref in MODES:
                ref = REFERENCES[tr.task.name] if ref else None
                jobs.append((name, text, mode, beam, ref))
    return jobs


def _run(shared, job) -> str:
    name, text, mode, beam, ref = job
    return decode(shared[name], text, mode=mode, beam=beam, reference=ref).to_json()


def _snapshot(shared) -> dict[str, dict[str, torch.Tensor]]:
    return {
        name: {k: v.detach().clone() for k, v in tr.model.state_dict().items()}
        for name, tr in shared.items()
    }


def test_concurrent_decodes_equal_sequential_ones(shared):
    jobs = _jobs(shared)
    before = _snapshot(shared)
    expected = [_run(shared, job) for job in jobs]  # one thread, one after the other
    barrier = threading.Barrier(THREADS)
    spans: list[tuple[float, float, int]] = []
    mismatches: list[tuple] = []
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        order = list(range(len(jobs)))
        random.Random(n).shuffle(order)  # every thread its own order: different mixes at once
        try:
            barrier.wait(timeout=60)
            for i in order:
                start = time.perf_counter()
                got = _run(shared, jobs[i])
                spans.append((start, time.perf_counter(), n))
                if got != expected[i]:
                    mismatches.append((n, jobs[i]))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    assert not mismatches, mismatches[:5]
    assert len(spans) == THREADS * len(jobs)

    # The decodes did run at the same time: many spans of different threads overlap.
    spans.sort()
    overlapping = sum(
        1 for (s0, e0, n0), (s1, _, n1) in zip(spans, spans[1:]) if n0 != n1 and s1 < e0
    )
    assert overlapping > len(spans) // 4, (overlapping, len(spans))

    # Nothing was written to the shared models.
    after = _snapshot(shared)
    for name, tensors in before.items():
        assert not shared[name].model.training, name
        for key, value in tensors.items():
            assert torch.equal(value, after[name][key]), (name, key)


def test_app_path_shares_one_model_between_threads(tmp_path):
    """``models.get`` hands every thread the same translator; ``models.trace`` gives each
    thread the trace of its own sentence, equal to a plain sequential decode."""
    for kind in ("dot", "bahdanau"):
        save(tmp_path / f"dates-{kind}", make_translator(kind), {})
    entries = catalog.discover(tmp_path)["dates"]
    sentences = [f"{day} mars {2000 + day}" for day in range(1, 25)]
    expected = {
        (kind, s): decode(load(tmp_path / f"dates-{kind}"), s).to_json()
        for kind in ("dot", "bahdanau")
        for s in sentences
    }
    barrier = threading.Barrier(THREADS)
    seen: dict[int, set[int]] = {}
    results: list[tuple] = []
    errors: list[BaseException] = []

    def session(n: int) -> None:
        try:
            barrier.wait(timeout=60)
            for i, s in enumerate(sentences):
                kind = ("dot", "bahdanau")[(i + n) % 2]
                loaded = models.get(entries[kind])
                seen.setdefault(n, set()).add(id(loaded.translator))
                trace = models.trace(entries[kind], loaded.translator, s, "greedy", 1, "")
                results.append((kind, s, trace.to_json()))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    assert len(results) == THREADS * len(sentences)
    assert all(expected[(kind, s)] == got for kind, s, got in results)
    assert len(set().union(*seen.values())) == 2  # one shared translator per model
