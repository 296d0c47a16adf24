// The step player: one decoded sentence, stepped through in the browser with no server round
// trip. Python (explorer/player/data.py) designs every figure, text and table of every step and
// sends them once, as UTF-8 JSON bytes; this code only draws the step asked for. It never puts
// data into HTML: user tokens reach the page as textContent, or inside Plotly figures that the
// server has already escaped; our own strings arrive as [kind, text] segments.
//
// This file is the entry point and the stepping; explorer/player/assets.py joins it after the
// others (libs, wire, dom, draw, schedule, layout) into the one module Streamlit mounts.

const STATE = "__attentionPlayer"; // slot on our root element: the running player, if any
const SEEN = "__attentionPlayerSeen"; // on window: the views mounted since this page loaded

function dispose(root) {
  const old = root[STATE];
  if (old) old.dispose();
  root[STATE] = null;
}

export default function player(component) {
  const { data, parentElement } = component;
  const root = parentElement.querySelector(".attn-player-root") || parentElement;
  dispose(root); // a new sentence in the same element: stop the old timer first
  const payload = parse(data);
  payload.views.forEach((view) => { // what a view's compact forms refer to: its panels' z
    const sources = {};
    view.panels.forEach((p) => { sources[p.name] = p.figure.base.data[0] && p.figure.base.data[0].z; });
    [view.heatmap, view.timeline, ...view.panels].forEach((part) => { part.figure.sources = sources; });
  });
  const status = el("p", "attn-status", payload.labels.player_loading || "…");
  root.replaceChildren(status);
  let alive = true;
  let timer = null;
  const plots = [];
  root[STATE] = {
    watchers: [],
    listeners: [],
    onDocument: [],
    dispose() {
      alive = false;
      if (timer) clearInterval(timer);
      timer = null;
      this.watchers.forEach((w) => w.disconnect());
      this.listeners.forEach(([type, fn]) => root.removeEventListener(type, fn));
      this.onDocument.forEach(([type, fn]) => document.removeEventListener(type, fn));
      plots.forEach((div) => window[LIBS] && window[LIBS].then(({ Plotly }) => Plotly.purge(div)));
    },
  };

  performance.mark("attn-mount"); // these marks: where a page load's time goes (hosting.py)
  libraries(payload.assets, payload.lang).then(({ Plotly, katex }) => {
    performance.mark("attn-libs");
    if (!alive) return;
    build(root, payload, Plotly, katex, plots, (t) => { timer = t; }, () => timer);
  }).catch((err) => {
    status.textContent = payload.labels.player_failed || String(err);
  });
  return () => dispose(root);
}

function build(root, payload, Plotly, katex, plots, setTimer, getTimer) {
  const L = payload.labels;
  const n = payload.n;
  const revealed = new Set();
  const storeKey = `attn-player:${payload.id}`;
  // The step to open at. On a page's first load the server's start wins: it is a shared link's
  // step= (or step 1). The tab's storage only carries the step across reruns of this same view
  // in this document (a toggle, a language switch), which re-mount the player; a fresh load of
  // the page (a link opened, a reload) starts a new document, and so a new SEEN set.
  // Another view of the same input (the same sentence through another model) opens at the step
  // last shown in its group, so flipping dot <-> Bahdanau at step 6 stays at step 6.
  const seen = window[SEEN] || (window[SEEN] = new Set());
  const groupKey = payload.group ? `attn-player-group:${payload.group}` : "";
  const storedAt = (key) => {
    let held = null;
    try { held = key && seen.has(key) ? sessionStorage.getItem(key) : null; } catch (err) { /* none */ }
    const value = held === null ? NaN : Number(held);
    return Number.isInteger(value) && value >= 0 ? value : null;
  };
  let k = payload.start;
  const mine = storedAt(storeKey);
  const group = storedAt(groupKey);
  if (mine !== null && mine < n) k = mine;
  else if (group !== null) k = Math.min(group, n - 1);
  seen.add(storeKey);
  if (groupKey) seen.add(groupKey);

  root.replaceChildren();
  root.classList.toggle("attn-present", payload.present);
  root.tabIndex = 0;
  root.setAttribute("role", "region"); // a named landmark: the step player
  root.setAttribute("aria-label", L.step_label);

  const { bar, prev, slider, next, play, speed, counter } = makeControls(payload);
  root.title = L.player_keys_help;
  root.append(bar);
  const single = payload.views.length === 1;

  // ----- one column per view (one trace; compare and what-if show two) -----------------------
  const grid = el("div", "attn-views");
  grid.style.gridTemplateColumns = `repeat(${payload.views.length}, minmax(0, 1fr))`;
  root.appendChild(grid);
  const views = payload.views.map((view) => makeView(grid, view, payload, katex, plots));
  // Figures of the views together (compare: A's weights minus B's), on the same cursor.
  const shared = (payload.shared || []).map((spec) => makePanel(spec, L, katex, plots));
  if (shared.length) {
    const section = el("div", "attn-below attn-shared");
    shared.forEach((p) => section.appendChild(p.box));
    root.appendChild(section);
  }
  const everyPanel = () => views.flatMap((v) => v.panels.concat([v.timeline])).concat(shared);

  const guessing = (view) => payload.guess && view.attention && !getTimer();
  function hiddenAt(view, step) {
    return guessing(view) && !revealed.has(step);
  }
  // Guess mode, step t revealed: the rows after t stay blank (step t+1's blank rows) and the
  // outline stays on row t. One object per step, so a redraw of the same step is a relayout.
  function revealedRows(v, t) {
    v.revealedRows = v.revealedRows || [];
    if (!v.revealedRows[t]) {
      const rows = v.view.heatmap.guess[t + 1];
      const layout = { ...rows.layout, "shapes[0].y0": t - 0.5, "shapes[0].y1": t + 0.5 };
      v.revealedRows[t] = { ...rows, layout };
    }
    return v.revealedRows[t];
  }

  const draw = makeDrawer(Plotly, payload);
  let remembering = false;
  function show(step, { focus = false } = {}) {
    k = Math.min(Math.max(step, 0), n - 1);
    slider.value = String(k + 1);
    prev.disabled = k <= 0;
    next.disabled = k >= n - 1;
    if (!remembering) { // the step in the URL and the tab's storage, after the paint
      remembering = afterPaint(() => {
        remembering = false;
        try { // (an exported file opened from disk may have neither: it steps all the same)
          sessionStorage.setItem(storeKey, String(k));
          if (groupKey) sessionStorage.setItem(groupKey, String(k));
          const url = new URL(window.location.href);
          url.searchParams.set("step", String(k + 1));
          window.history.replaceState(window.history.state, "", url);
        } catch (err) { /* the step is only not remembered */ }
      });
    }
    views.forEach((v) => {
      const kv = Math.min(k, v.view.n - 1);
      const hidden = hiddenAt(v.view, kv);
      let words = (hidden ? v.view.step_text_hidden : v.view.step_text)[kv];
      if (k > kv) words = v.view.finished.replace("{t}", String(k + 1)); // it stopped earlier
      counter.textContent = single ? words : `${k + 1} / ${n}`;
      v.step.textContent = single ? "" : words;
      // The whole output, the step's token outlined; in guess mode nothing from it on.
      // A revealed step in guess mode shows its own answer, not the later steps' ones.
      const later = !hidden && guessing(v.view) && kv + 1 < v.view.n;
      const shown = hidden ? v.view.tokens.slice(0, kv).concat(["?"])
        : later ? v.view.tokens.slice(0, kv + 1) : v.view.tokens;
      v.sofar.replaceChildren(...shown.map((tok, i) => {
        const cls = i === kv ? "attn-token attn-current" : i > kv ? "attn-token attn-later" : "attn-token";
        return el("span", cls, tok);
      }));
      const guess = hidden && v.view.heatmap.guess ? v.view.heatmap.guess[kv]
        : later && v.view.heatmap.guess ? revealedRows(v, kv) : null;
      draw(v.heatmap, v.view.heatmap.figure, kv, guess, "heatmap").then(() => {
        v.heatmap.dataset.step = String(kv);
        if (!v.heatmap.__attnMarked) performance.mark("attn-heatmap"); // benchmarks/hosting.py
        v.heatmap.__attnMarked = true;
      });
      v.prompt.hidden = !hidden;
      v.promptText.textContent = L.guess_prompt.replace("{t}", String(kv + 1));
      v.equationBox.hidden = hidden;
      v.equationsTitle.textContent = L.equations_title.replace("{t}", String(kv + 1));
      v.panelsTitle.textContent = L.panels_title.replace("{t}", String(kv + 1));
      if (!hidden) {
        const eqs = v.view.equations[kv];
        const main = eqs[v.view.main_equation] || eqs[0];
        writeSegments(v.mainCaption, main[0], katex);
        fitMath(katex, main[1], v.mainEquation, ["0.9", "0.8"], withoutSymbols); // first screen
        afterPaint(() => { // below the first screen: after the step's frame is painted
          if (Math.min(k, v.view.n - 1) !== kv) return; // the user has moved on
          const items = eqs.map(([caption, latex]) => {
            const item = el("div", "attn-equation");
            const math = el("div", "attn-math");
            math.tabIndex = 0; // it may scroll sideways: reachable by keyboard (axe-core)
            item.append(writeSegments(el("p", "attn-caption"), caption, katex), math);
            return [item, math, latex];
          });
          // In the page first: fitting measures widths.
          v.equations.replaceChildren(...items.map(([item]) => item));
          items.forEach(([, math, latex]) => fitMath(katex, latex, math));
          v.equations.dataset.step = String(kv);
        });
      }
      if (v.heatTable.parentElement.open) fillTable(v.heatTable, v.view.heatmap.table, 0, v.view.heatmap.figure);
      v.panels.forEach((p) => {
        p.box.hidden = hidden && p.spec.reveals;
        p.want = kv;
      });
    });
    shared.forEach((p) => { p.want = k; });
    schedule();
    if (focus) root.focus({ preventScroll: true });
  }

  const schedule = panelScheduler(everyPanel, draw, root[STATE].watchers);

  function stop() {
    if (getTimer()) clearInterval(getTimer());
    setTimer(null);
    play.textContent = `▶ ${L.play_label}`;
    play.setAttribute("aria-pressed", "false");
  }

  function start() {
    if (k >= n - 1) show(0);
    setTimer(setInterval(() => {
      if (k >= n - 1) { stop(); show(k); return; }
      show(k + 1);
    }, Number(speed.value) * 1000));
    play.textContent = `❚❚ ${L.pause_label}`;
    play.setAttribute("aria-pressed", "true");
    show(k);
  }

  show(k); // the first drawing also gives each plot div Plotly's .on()
  prev.addEventListener("click", () => show(k - 1));
  next.addEventListener("click", () => show(k + 1));
  slider.addEventListener("input", () => show(Number(slider.value) - 1));
  play.addEventListener("click", () => (getTimer() ? stop() : start()));
  speed.addEventListener("change", () => {
    try { sessionStorage.setItem("attn-player:speed", speed.value); } catch (err) { /* none */ }
    if (getTimer()) { stop(); start(); }
  });
  const onKey = (event) => {
    if (event.target === slider || event.target.tagName === "SELECT") return; // native keys
    const moves = { ArrowLeft: k - 1, ArrowRight: k + 1, Home: 0, End: n - 1 };
    if (event.key in moves) {
      event.preventDefault();
      show(moves[event.key], { focus: true });
    }
  };
  root.addEventListener("keydown", onKey); // the root outlives this player: removed on dispose
  root[STATE].listeners.push(["keydown", onKey]);
  // With nothing focused (a page just opened, a click on empty space), the arrow keys step the
  // player without clicking it first; a focused control keeps its keys, and on the lesson page
  // they move between its parts (explorer/views/keys.py).
  const onDocumentKey = (event) => {
    const target = event.target;
    if (target !== document.body && target !== document.documentElement) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    if (document.querySelector(".st-key-lesson_next")) return;
    if (document.querySelectorAll(".attn-player-root").length !== 1) return; // which one?
    onKey(event);
  };
  document.addEventListener("keydown", onDocumentKey);
  root[STATE].onDocument.push(["keydown", onDocumentKey]);
  views.forEach((v) => {
    v.heatmap.on("plotly_click", (event) => {
      const point = event.points && event.points[0];
      if (point && Number.isFinite(point.y)) show(Math.round(point.y));
    });
    v.reveal.addEventListener("click", () => { revealed.add(Math.min(k, v.view.n - 1)); show(k); });
    const tables = [[v.heatTable.parentElement, v.heatTable, v.view.heatmap, () => 0]]
      .concat(v.panels.filter((p) => p.details)
        .map((p) => [p.details, p.table, p.spec, () => Math.min(k, v.view.n - 1)]));
    tables.forEach(([details, table, spec, at]) => details.addEventListener("toggle", () => {
      if (details.open) fillTable(table, spec.table, at(), spec.figure);
    }));
  });
}
