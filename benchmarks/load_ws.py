"""A classroom at once, without browsers: many sessions on Streamlit's own websocket protocol.

    python -m benchmarks.load_ws --sessions 30            # issue 7's load test
    python -m benchmarks.load_ws --sessions 30 --think 5  # a class that reads before clicking
    python -m benchmarks.load_ws --sessions 3 --rounds 1  # smoke run
    python -m benchmarks.load_ws --sessions 30 --rounds 1 --together --task fra-eng
                                                # the page open, "everyone, type now"

Why not browsers: ``benchmarks/load_test.py`` drives real Chromium contexts, but 30 of them on
this 2-core machine swamp the CPU (load average 19, page loads of 140 s): the browsers, not the
server, were the bottleneck. This script talks to ``streamlit run app.py`` (headless, loopback
only, a free port) the way Streamlit's frontend does, one websocket per session on
``/_stcore/stream``, with the protobufs of ``streamlit.proto``: a ``rerun_script`` BackMsg whose
ClientState carries the query string, the page's script hash, the browser's context and every
mounted widget's value (what each widget stores in the frontend's WidgetStateManager when it is
drawn, or when the script sets it), the widget's fragment for a widget drawn inside one (the step
view is a fragment), and the hashes of the cached messages. Like the frontend it keeps the
cacheable ForwardMsgs, resolves the server's ``ref_hash`` references from them and lets them
expire after ``max_cached_message_age`` runs. Nothing is rendered, so the client costs little.

Each session opens ``/?model=dates-dot&lang=en``, types its own date (``sentences`` of
load_test.py; with ``--task fra-eng``: ``/?model=fra-eng-dot``, its own English sentence), then
for ``--rounds`` rounds switches the model (bahdanau, none, dot: the sidebar radio ``kind``, whose
value is its option's label) and reruns once with nothing changed (what a rerun from another
widget costs). Stepping happens in the browser (the step player, explorer/player/js), so it is
no server action any more. Each action follows the previous one's end at once (``--think`` adds
a pause, 0.5 to 1.5 times as long, before each; ``--together``: every session first opens the
page, then all type at the same moment, as a class told "type your own sentence now"): with
many sessions the server is saturated, and the report shows its throughput. Per action it
measures the time from sending the BackMsg to (a) the
ForwardMsg that carries the updated heatmap (the step player's payload, its matrix checked: the
session's own tokens as tick text, in the escaped form of explorer/figures/style.py; a new figure
after a model switch) and (b) ``script_finished``. Errors: exception elements, the "unexpected
error" message, timeouts, tracebacks in the server's log. No leaking: every heatmap a session
receives after typing shows its own tokens, and the URL the server writes keeps its own sentence
and model.

Prints a JSON report on stdout (progress on stderr): latency percentiles per action, the
server's RSS (process and children, from /proc) idle / before / during (peak) / after, CPU time of
the server and of this client, load averages. Bounded: ``--sessions`` <= 60 and ``--seconds``
for everything. Goals of issue 7 on this 2-core machine, with 30 sessions: errors 0, p95 <= 300
ms from action to updated chart, server RSS <= +100 MB, no leaking between sessions.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import random
import re
import sys
import time
import urllib.parse
from collections import Counter
from contextlib import ExitStack

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

from attention_core.tasks import get_task
from benchmarks.load_test import OutOfTime, Run, expected_ticks, percentiles, sentences
from deploy import local
from deploy.local import replica_cookie
from explorer.figures.style import HIGHLIGHT, token_text
from explorer.player.wire import apply
from explorer.strings import tr
from support import load
from support.procs import cpu_s, rss_mb, trainings_running
from support.server import streamlit_server

KIND_KEY, PLAYER_KEY = "kind", "player-"
KINDS = ("bahdanau", "none", "dot")
UNEXPECTED = tr("err_unexpected", "en")
OOV = re.compile(f'^<span style="color:{re.escape(HIGHLIGHT)}">(.*)</span>$')  # source_labels
DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


# What the sessions type: dates (load_test's, character models) or English sentences for the
# English->French word models (``--task fra-eng``), each session its own.
_SUBJECTS = ("i", "you", "we", "they", "tom", "mary")
_VERBS = ("like", "see", "want", "need", "found")
_OBJECTS = ("the red car", "an old book", "a small dog", "the new house", "a big cat")


def english_sentences(n: int) -> list[str]:
    """n distinct short English sentences, each ending with a full stop."""
    made = [f"{s} {v} {o} ." for o in _OBJECTS for v in _VERBS for s in _SUBJECTS]
    if n > len(made):
        raise ValueError(f"at most {len(made)} English sentences")
    return made[:n]


TASKS = {"dates": (sentences, "March 5, 2024"), "fra-eng": (english_sentences, "we are late .")}
TASK = "dates"  # set by measure()


def spec_ticks(sentence: str) -> list[str]:
    """The heatmap's tick text for a sentence, as explorer/figures/style.py writes it into the spec:
    ``token_html`` = the shown text escaped for Plotly (dates: load_test's ``expected_ticks``)."""
    if TASK == "dates":
        shown = expected_ticks(sentence)
    else:
        shown = [token_text(t) for t in get_task(TASK).source_tokens(sentence)]
    return [html.escape(t, quote=False) for t in shown]


def ticks_of(spec: dict) -> list[str] | None:
    """The x tick text of a heatmap spec (None: hidden units, no tokens), unknown-token colour
    removed."""
    text = spec.get("layout", {}).get("xaxis", {}).get("ticktext")
    return None if text is None else [OOV.sub(r"\1", t) for t in text]


def player_heatmap(payload: bytes) -> dict:
    """The step player's attention matrix at the step it opens at, as the browser builds it
    from the payload (explorer/player/data.py): the explorer's heatmap is drawn there now."""
    data = json.loads(payload.decode("utf-8"))
    heat = data["views"][0]["heatmap"]["figure"]
    return apply(heat["base"], heat["steps"][data["start"]])


def outlined_step(spec: dict) -> int | None:
    """The 1-based step whose row the heatmap outlines (figures._highlight_row)."""
    shapes = spec.get("layout", {}).get("shapes") or []
    return round(shapes[0]["y0"] + 1.5) if shapes else None


def mounted(kind: str, el) -> WidgetState | None:
    """The value a widget stores in the frontend's WidgetStateManager when it is drawn: the
    script's value when ``set_value`` is on, else its default (buttons store none)."""
    state = WidgetState(id=el.id)
    if kind == "text_input":
        if el.set_value or el.HasField("default"):
            state.string_value = el.value if el.set_value else el.default
            return state
    elif kind in ("radio", "selectbox"):  # the option's label (1.67: string_value)
        if el.set_value and el.HasField("raw_value"):
            state.string_value = el.raw_value
            return state
        if el.HasField("default") and el.default < len(el.options):
            state.string_value = el.options[el.default]
            return state
    elif kind == "checkbox":
        state.bool_value = el.value if el.set_value else el.default
        return state
    elif kind == "slider" and el.options:  # select_slider: option labels
        labels = el.raw_value if el.set_value else [el.options[int(i)] for i in el.default]
        state.string_array_value.data.extend(labels)
        return state
    elif kind == "slider":
        state.double_array_value.data.extend(el.value if el.set_value else el.default)
        return state
    return None


class Client:
    """One browser tab as the server sees it: a websocket, widget states, a message cache."""

    def __init__(self, url: str, query: str, run: WsRun):
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.query, self.page_hash, self.run = query, "", run
        self.context = ContextInfo(
            timezone="UTC",
            timezone_offset=0,
            locale="en-US",
            url=f"{url}/?{query}",
            is_embedded=False,
            color_scheme="light",
        )
        self.widgets: dict[str, WidgetState] = {}  # element id -> value sent on every rerun
        self.fragment_of: dict[str, str] = {}
        self.elements: dict[str, tuple[str, object]] = {}  # user key -> (element id, proto)
        self.active: set[str] = set()
        self.cache: dict[str, list] = {}  # hash -> [bytes, last run used, fragment id]
        self.runs, self.max_age, self.ref_hits = 0, 2, 0
        self.heatmap: dict | None = None
        self.ws = None
        self.base_url = url
        self.cookie = ""  # behind nginx (--replicas): the replica cookie of a first visit

    async def open(self) -> None:
        if self.run.sticky:  # as a browser does: the page first, then its websocket
            self.cookie = await asyncio.to_thread(replica_cookie, self.base_url)
        self.ws = await connect(
            self.ws_url,
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
            subprotocols=["streamlit"],
            max_size=None,
            proxy=None,
            ping_interval=None,
            open_timeout=self.run.timeout_ms() / 1000,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def key_id(self, key: str) -> str:
        if key not in self.elements:
            raise LookupError(f"no widget with key {key!r} on the page")
        return self.elements[key][0]

    def _resolve(self, data: bytes) -> ForwardMsg:
        """Cache cacheable messages; replace a ``ref_hash`` by the cached message."""
        msg = ForwardMsg.FromString(data)
        if msg.WhichOneof("type") == "ref_hash":
            entry = self.cache.get(msg.ref_hash)
            if entry is None:
                raise RuntimeError(f"cached message {msg.ref_hash} missing")
            entry[1], self.ref_hits = self.runs, self.ref_hits + 1
            full = ForwardMsg.FromString(entry[0])
            full.metadata.CopyFrom(msg.metadata)
            return full
        if msg.metadata.cacheable and msg.hash:
            fragment = msg.delta.fragment_id if msg.HasField("delta") else ""
            self.cache.setdefault(msg.hash, [data, self.runs, fragment])[1] = self.runs
        return msg

    def _finished(self, fragments: list[str], full: bool) -> None:
        """A run ended: expire cached messages, forget widgets no longer drawn."""
        self.runs += 1
        for digest, (_, used, fragment) in list(self.cache.items()):
            if fragments and fragment not in fragments:
                continue
            if self.runs - used > self.max_age:
                del self.cache[digest]
        if full:
            self.widgets = {i: s for i, s in self.widgets.items() if i in self.active}

    def _element(self, msg: ForwardMsg, errors: list[str]) -> dict | None:
        """Note a drawn element; returns the heatmap's spec when it is the heatmap."""
        new = msg.delta.new_element
        kind = new.WhichOneof("type")
        if kind == "exception":
            errors.append(f"exception element: {new.exception.message[:200]}")
        elif kind == "alert" and UNEXPECTED in new.alert.body:
            errors.append("'unexpected error' shown")
        el = getattr(new, kind) if kind else None
        element_id = getattr(el, "id", "")
        if not element_id.startswith("$$ID-"):
            return None
        key = element_id.split("-", 2)[2]  # "$$ID-<hash>-<user key>"
        self.elements[key] = (element_id, el)
        self.active.add(element_id)
        self.fragment_of[element_id] = msg.delta.fragment_id
        state = mounted(kind, el)
        if state is not None and (element_id not in self.widgets or el.set_value):
            self.widgets[element_id] = state
        if kind == "bidi_component" and key.startswith(PLAYER_KEY):
            return player_heatmap(el.bytes)
        return None

    async def rerun(self, change: WidgetState | None = None, want=None) -> dict:
        """Send what a browser sends after a widget change (or on opening the page) and read
        until the run's ``script_finished``. Returns the times in ms, the heatmaps, errors."""
        back = BackMsg()
        state = back.rerun_script
        state.query_string, state.page_script_hash, state.page_name = self.query, self.page_hash, ""
        if change is not None:
            self.widgets[change.id] = change
            state.fragment_id = self.fragment_of.get(change.id, "")
        state.widget_states.widgets.extend(self.widgets.values())
        state.cached_message_hashes.extend(self.cache)
        state.context_info.CopyFrom(self.context)
        out: dict = {"heatmaps": [], "errors": [], "heatmap_ms": None}
        start = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        run_id = None
        while True:
            timeout = self.run.timeout_ms() / 1000
            msg = self._resolve(await asyncio.wait_for(self.ws.recv(), timeout))
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                run_id = msg.metadata.run.script_run_id
                self.max_age = msg.new_session.config.max_cached_message_age or self.max_age
                if not msg.metadata.run.fragment_ids:
                    self.active = set()
            elif kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                spec = self._element(msg, out["errors"])
                if spec is not None:
                    self.heatmap = spec
                    out["heatmaps"].append(spec)
                    if out["heatmap_ms"] is None and (want is None or want(spec)):
                        out["heatmap_ms"] = (time.perf_counter() - start) * 1000
            elif kind == "script_finished" and msg.metadata.run.script_run_id == run_id:
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # a newer run follows
                out["finished_ms"] = (time.perf_counter() - start) * 1000
                if msg.script_finished not in DONE:
                    out["errors"].append(f"script finished with status {msg.script_finished}")
                fragments = list(msg.metadata.run.fragment_ids)
                self._finished(fragments, not fragments)
                return out


class WsRun(Run):
    def __init__(self, url: str, seconds: float, verbose: bool = False, think: float = 0.0):
        super().__init__(url, seconds, verbose)
        self.think = think  # seconds a session waits before each action
        self.sticky = False  # behind nginx: each session keeps the cookie of its replica
        self.finished: dict[str, list[float]] = {}  # action -> ms to script_finished
        self.ref_hits = 0
        # One session alone (--sessions 1): the server's CPU time of each action, by action
        self.cpu_pids: list[int] = []
        self.cpu_ms: dict[str, list[float]] = {}
        # --together: every session waits here after its page load, so that all type at once
        self.ready: asyncio.Barrier | None = None
        self.together = False


class Session:
    def __init__(self, n: int, sentence: str, run: WsRun):
        self.n, self.sentence, self.run = n, sentence, run
        self.ticks = spec_ticks(sentence)
        self.own_ok: list[bool] = []
        self.client = Client(run.url, f"model={TASK}-dot&lang=en", run)
        self.kind = "dot"
        self.pace = random.Random(n)
        self.round = 0

    def log(self, message: str) -> None:
        elapsed = time.monotonic() - self.run.start
        print(f"[{elapsed:6.1f}s] ws session {self.n}: {message}", file=sys.stderr)

    def check_own(self, result: dict, where: str) -> None:
        """Every heatmap shows this session's tokens (hidden units without attention), and
        the URL the server wrote keeps this session's sentence and model."""
        query = urllib.parse.parse_qs(self.client.query)
        ok = query.get("sentence") == [self.sentence]
        ok = ok and query.get("model") == [f"{TASK}-{self.kind}"]
        for spec in result["heatmaps"]:
            ticks = ticks_of(spec)
            ok = ok and (ticks is None if self.kind == "none" else ticks == self.ticks)
        self.own_ok.append(ok)
        if not ok:
            seen = [ticks_of(s) for s in result["heatmaps"]]
            self.run.leaks.append(
                {
                    "session": self.n,
                    "where": where,
                    "own": self.sentence,
                    "url": self.client.query,
                    "ticks": seen[:2],
                }
            )

    async def act(self, name: str, change: WidgetState | None, want) -> dict:
        await asyncio.sleep(self.run.think * self.pace.uniform(0.5, 1.5))  # not in lockstep
        self.run.check_time()
        pids = self.run.cpu_pids
        cpu = cpu_all(pids) if pids else 0.0
        result = await self.client.rerun(change, want)
        if pids:  # (the frames may still be in flight: the script has finished)
            used = (cpu_all(pids) - cpu) * 1000  # (10 ms ticks: the mean of many is the figure)
            again = "" if self.round == 0 else "_again"  # later rounds: decodings are cached
            self.run.cpu_ms.setdefault(name + again, []).append(used)
        for error in result["errors"]:
            self.run.errors.append(f"session {self.n}, {name}: {error}")
        if result["heatmap_ms"] is None:
            shown = [ticks_of(s) for s in result["heatmaps"]]
            raise RuntimeError(f"{name}: no heatmap with the expected state (got {shown[:1]})")
        self.run.latencies.setdefault(name, []).append(result["heatmap_ms"])
        self.run.finished.setdefault(name, []).append(result["finished_ms"])
        if self.run.verbose:
            self.log(f"{name}: {result['heatmap_ms']:.0f} ms")
        return result

    def own_tokens(self, spec: dict) -> bool:
        return self.kind == "none" or ticks_of(spec) == self.ticks

    async def switch(self, kind: str, where: str) -> None:
        element_id, radio = self.client.elements[KIND_KEY]
        label = tr(f"kind_{kind}", "en")
        state = WidgetState(id=element_id)
        state.string_value = next(o for o in radio.options if o.startswith(label))
        before, self.kind = self.client.heatmap, kind
        result = await self.act("switch_model", state, lambda s: s != before and self.own_tokens(s))
        self.check_own(result, where)

    async def play(self, rounds: int) -> None:
        """Open the page, type, then switch models and step; never raises."""
        client = self.client
        try:
            await client.open()
            started = time.perf_counter()
            first = await client.rerun()
            self.run.page_loads.append((time.perf_counter() - started) * 1000)
            self.run.errors += [f"session {self.n}, page load: {e}" for e in first["errors"]]
            if not first["heatmaps"]:
                raise RuntimeError("the page has no heatmap")
            box = WidgetState(id=client.key_id(f"sentence:{TASK}"), string_value=self.sentence)
            if self.run.ready is not None:
                await self.run.ready.wait()
            result = await self.act("type_sentence", box, lambda s: ticks_of(s) == self.ticks)
            self.check_own(result, "typed")
            client.key_id(KIND_KEY)
            for r in range(rounds):
                self.round = r
                for kind in KINDS:  # (stepping is in the browser: no server action)
                    await self.switch(kind, f"round {r + 1}, model {kind}")
                # a rerun that changes nothing the player shows (another widget, a reconnect):
                # the server re-sends the unchanged payload as a short cached-message reference
                result = await self.act("rerun", None, self.own_tokens)
                self.check_own(result, f"round {r + 1}, rerun")
            self.run.completed += 1
            if self.run.verbose:
                self.log("done")
        except Exception as exc:  # any failure counts as an error of this session
            if self.run.ready is not None:
                await self.run.ready.abort()  # the others stop waiting (and count an error)
            detail = str(exc).splitlines()[0][:300] if str(exc) else ""
            message = f"session {self.n}: {type(exc).__name__}: {detail}"
            self.run.errors.append(message)
            self.log(message)
        finally:
            self.run.ref_hits += client.ref_hits


def rss_all(pids: list[int]) -> float:
    return round(sum(rss_mb(pid) for pid in pids), 1)


def cpu_all(pids: list[int]) -> float:
    return sum(cpu_s(pid) for pid in pids)


async def drive(run: WsRun, pids: list[int], sessions: int, rounds: int, stagger: float):
    report: dict = {}
    # Warm-up: one session opens the page and every dates model (they stay cached).
    # Behind nginx: one per replica (a visitor without the cookie goes to the next replica).
    for _ in pids:
        warm = WsRun(run.url, max(5.0, run.remaining()), run.verbose)
        warm.sticky = run.sticky
        warm_session = Session(-1, TASKS[TASK][1], warm)
        await warm_session.play(1)
        await warm_session.client.close()
        run.errors += [f"warm-up: {e}" for e in warm.errors]
    report["rss_before_mb"] = rss_all(pids)
    peak = [report["rss_before_mb"]]

    async def sample() -> None:
        while True:
            peak.append(await asyncio.to_thread(rss_all, pids))
            await asyncio.sleep(0.5)

    texts = TASKS[TASK][0](sessions)
    if sessions == 1:  # alone, each action's server CPU is its own
        run.cpu_pids = pids
    players = [Session(i, texts[i], run) for i in range(sessions)]
    if run.together:
        run.ready = asyncio.Barrier(sessions)

    async def staggered(s: Session) -> None:
        await asyncio.sleep(s.n * stagger)
        await s.play(rounds)

    cpu_server, cpu_client, wall = cpu_all(pids), time.process_time(), time.monotonic()
    sampler = asyncio.ensure_future(sample())
    tasks = [asyncio.ensure_future(staggered(s)) for s in players]
    done, pending = await asyncio.wait(tasks, timeout=max(1.0, run.remaining()))
    for task in pending:
        task.cancel()
    if pending:
        run.errors.append(f"{len(pending)} sessions cut off by the time cap")
        await asyncio.gather(*pending, return_exceptions=True)
    report["measured_s"] = round(time.monotonic() - wall, 1)
    report["server_cpu_s"] = round(cpu_all(pids) - cpu_server, 1)
    report["client_cpu_s"] = round(time.process_time() - cpu_client, 1)
    report["rss_connected_mb"] = rss_all(pids)  # every session still connected
    sampler.cancel()
    report["rss_peak_mb"] = max(peak + [report["rss_connected_mb"]])
    await asyncio.gather(*(s.client.close() for s in players), return_exceptions=True)
    report["own_checks"] = sum(len(s.own_ok) for s in players)
    report["only_own"] = all(s.own_ok and all(s.own_ok) for s in players) and not run.leaks
    if run.sticky:  # sessions per replica, from their cookies
        report["sessions_per_replica"] = dict(Counter(s.client.cookie for s in players))
    return report


def measure(
    sessions: int = 30,
    rounds: int = 2,
    seconds: float = 300,
    stagger: float = 0.1,
    verbose: bool = False,
    think: float = 0.0,
    replicas: int = 1,
    task: str = "dates",
    together: bool = False,
) -> dict:
    """Start the server (or ``replicas`` of it behind nginx, deploy/local.py), run the sessions,
    stop the server; the report as a dict. Memory and CPU are summed over the replicas."""
    global TASK
    TASK, before = task, TASK
    try:
        return _measure(
            sessions, rounds, seconds, stagger, verbose, think, replicas, task, together
        )
    finally:
        TASK = before


def _measure(sessions, rounds, seconds, stagger, verbose, think, replicas, task, together):
    load_before = os.getloadavg()
    report: dict = {"replicas": replicas, "task": task, "together": together}
    with ExitStack() as stack:
        if replicas > 1:
            running = stack.enter_context(local.replicas(replicas, timeout_s=min(120, seconds)))
            url, servers = running.url, running.servers
        else:
            server = stack.enter_context(streamlit_server(timeout_s=min(120, seconds)))
            url, servers = server.url, [server]
        pids = [s.proc.pid for s in servers]
        run = WsRun(url, seconds, verbose, think)
        run.sticky = replicas > 1
        run.together = together
        report["server_start_s"] = round(max(s.healthy_s for s in servers), 1)
        report["rss_idle_mb"] = rss_all(pids)
        report.update(asyncio.run(drive(run, pids, sessions, rounds, stagger)))
        time.sleep(2)  # the server notices the closed sessions
        report["rss_after_mb"] = rss_all(pids)
    for server in servers:
        tracebacks = server.log_text().count("Traceback (most recent call last)")
        if tracebacks:
            run.errors.append(f"server log has {tracebacks} tracebacks ({server.log})")
        else:
            server.log.unlink()  # kept (and named in the errors) when it holds tracebacks
    return _report(run, report, sessions, rounds, seconds, load_before)


def _report(run: WsRun, r: dict, sessions: int, rounds: int, seconds: float, load) -> dict:
    actions = sum(len(v) for v in run.latencies.values())
    measured = r.get("measured_s")
    cpu = r.get("server_cpu_s", 0.0)
    heat = {"all": percentiles([v for vs in run.latencies.values() for v in vs])}
    heat |= {name: percentiles(v) for name, v in run.latencies.items()}
    finish = {"all": percentiles([v for vs in run.finished.values() for v in vs])}
    finish |= {name: percentiles(v) for name, v in run.finished.items()}
    before, after = r.get("rss_before_mb"), r.get("rss_after_mb")
    delta = round(after - before, 1) if before is not None and after is not None else None
    peak_delta = round(r["rss_peak_mb"] - before, 1) if "rss_peak_mb" in r else None
    p95 = heat["all"].get("p95_ms")
    rss_ok = None not in (peak_delta, delta) and max(peak_delta, delta) <= 100
    return {
        "sessions": sessions,
        "task": r.get("task"),
        "together": r.get("together", False),
        "replicas": r.get("replicas", 1),
        "sessions_per_replica": r.get("sessions_per_replica"),
        "completed_sessions": run.completed,
        "rounds": rounds,
        "think_s": run.think,
        "seconds_cap": seconds,
        "wall_s": round(time.monotonic() - run.start, 1),
        "errors": {"count": len(run.errors), "first": run.errors[:10]},
        "latency_action_to_heatmap": heat,
        "latency_action_to_script_finished": finish,
        "page_load_ms": percentiles(run.page_loads),
        "rss_mb": {
            "idle": r.get("rss_idle_mb"),
            "before": before,
            "during_peak": r.get("rss_peak_mb"),
            "during_all_connected": r.get("rss_connected_mb"),
            "after": after,
            "delta_after_minus_before": delta,
            "delta_peak_minus_before": peak_delta,
        },
        "no_leaking": {
            "every_session_saw_only_its_own_sentence": r.get("only_own", False),
            "checks": r.get("own_checks", 0),
            "violations": run.leaks[:5],
        },
        "goals_issue_7": {
            "errors_0": not run.errors,
            "p95_le_300_ms": p95 is not None and p95 <= 300,
            "rss_delta_le_100_mb": rss_ok,
            "no_leaking": r.get("only_own", False),
        },
        "condition": {
            "cpu_count": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "attention_core_trainings_running": trainings_running(),
            "measured_s": measured,
            "actions_per_s": round(actions / measured, 2) if measured else None,
            "server_cpu_s": r.get("server_cpu_s"),
            "server_cpu_s_per_action": round(cpu / actions, 3) if actions else None,
            # --sessions 1 only: the server CPU of each kind of action (mean, n); "_again": in
            # a later round, where the model's decoding of the sentence is cached. The kernel
            # counts CPU time in 10 ms ticks: a mean over many actions is the figure to read.
            "server_cpu_ms_by_action": {
                name: {"mean": round(sum(v) / len(v), 1), "n": len(v)}
                for name, v in run.cpu_ms.items()
            }
            or None,
            "client_cpu_s": r.get("client_cpu_s"),
            "cached_message_references": run.ref_hits,
            "note": "no browser: sessions speak Streamlit's websocket protocol from one "
            "asyncio process on the same machine; loopback only; latency is from sending "
            "the BackMsg to receiving the message (no rendering); RSS 'after' still holds "
            "the closed sessions until server.disconnectedSessionTTL (120 s) passes",
        },
        "server_start_s": r.get("server_start_s"),
    }


def main() -> None:
    parser = load.parser(__doc__, "websocket", stagger=0.1)
    parser.add_argument("--think", type=float, default=0.0, help="mean pause before an action")
    parser.add_argument(
        "--replicas", type=int, default=1, help="app processes behind nginx (deploy/local.py)"
    )
    parser.add_argument(
        "--task", choices=sorted(TASKS), default="dates", help="what the sessions type"
    )
    parser.add_argument(
        "--together",
        action="store_true",
        help="every session opens the page first, then all type at the same moment",
    )
    args = load.parse(parser)
    try:
        out = measure(
            args.sessions,
            args.rounds,
            args.seconds,
            args.stagger,
            args.verbose,
            args.think,
            args.replicas,
            args.task,
            args.together,
        )
    except (RuntimeError, OutOfTime) as exc:
        raise SystemExit(str(exc)) from exc
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
