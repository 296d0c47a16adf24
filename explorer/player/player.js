// The step player: one decoded sentence, stepped through in the browser with no server round
// trip. Python (explorer/player/data.py) designs every figure, text and table of every step and
// sends them once, as UTF-8 JSON bytes; this file only draws the step asked for. It never puts
// data into HTML: user tokens reach the page as textContent, or inside Plotly figures that the
// server has already escaped; our own strings arrive as [kind, text] segments.

const LIBS = "__attentionPlayerLibs"; // window slot: plotly.js and KaTeX, loaded once per page
const STATE = "__attentionPlayer"; // slot on our root element: the running player, if any
const ARRAYS = {
  f4: Float32Array, f8: Float64Array, i1: Int8Array, u1: Uint8Array,
  i2: Int16Array, u2: Uint16Array, i4: Int32Array, u4: Uint32Array,
};

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = src;
    tag.onload = resolve;
    tag.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(tag);
  });
}

// plotly.js and KaTeX come from the app's own static folder (static/vendor/README.md), never a
// CDN. Streamlit's chart element sets window.Plotly to its own bundle: keep our reference and
// give theirs back.
function libraries(base) {
  if (!window[LIBS]) {
    window[LIBS] = (async () => {
      const theirs = window.Plotly;
      // Both at once: fetched in parallel, each run as soon as it arrives.
      const katex = window.katex ? Promise.resolve() : loadScript(`${base}katex-0.16.47.min.js`);
      await loadScript(`${base}plotly-cartesian-4.1.1.min.js`);
      const Plotly = window.Plotly;
      if (theirs) window.Plotly = theirs;
      await katex;
      return { Plotly, katex: window.katex };
    })();
  }
  return window[LIBS];
}

function parse(data) {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    return JSON.parse(new TextDecoder().decode(data));
  }
  return typeof data === "string" ? JSON.parse(data) : data;
}

// Plotly's base64 typed array ({dtype, bdata, shape}) as numbers, for the tables.
function decode(value) {
  if (!value || value.bdata === undefined) return value;
  const bin = atob(value.bdata);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  const flat = new ARRAYS[value.dtype](bytes.buffer);
  if (!value.shape) return Array.from(flat);
  const cols = Number(value.shape.split(",")[1]);
  return Array.from({ length: flat.length / cols }, (_, r) => flat.subarray(r * cols, (r + 1) * cols));
}

// Set Plotly's attribute path ("marker.color", "shapes[0].y0"), copying along the way so the
// step-1 figure we were sent stays as it is.
function setPath(root, path, value) {
  let node = root;
  const parts = path.split(".");
  parts.forEach((part, n) => {
    const [, name, index] = part.match(/^([^[\]]+)(?:\[(\d+)\])?$/);
    const last = n === parts.length - 1;
    if (index === undefined) {
      if (last) node[name] = value;
      else node = node[name] = { ...node[name] };
    } else {
      node[name] = node[name].slice();
      if (last) node[name][Number(index)] = value;
      else node = node[name][Number(index)] = { ...node[name][Number(index)] };
    }
  });
}

function readPath(root, path) {
  return path.split(".").reduce((node, part) => {
    const [, name, index] = part.match(/^([^[\]]+)(?:\[(\d+)\])?$/);
    return index === undefined ? node[name] : node[name][Number(index)];
  }, root);
}

// The compact forms of explorer/player/wire.py, undone with the same
// rules: a label per row of a hover matrix; the weighted values (float32 products, exactly the
// server's); Bahdanau's tanh layer output from its two projections (within 6e-8).
function expand(value, sources) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  if (value.$rows) return value.$rows.map((label) => new Array(value.n).fill(label));
  if (value.$op === "scale_rows") {
    const by = decode(value.by);
    const rows = decode(sources[value.of]).map((row, i) => Float32Array.from(row, (x) => x * by[i]));
    return rows.concat([Float32Array.from(decode(value.append))]);
  }
  if (value.$op === "tanh_add") {
    const add = decode(value.row);
    return decode(sources[value.of]).map((row) => Float32Array.from(row, (x, j) => Math.tanh(Math.fround(x + add[j]))));
  }
  return value;
}

function figureAt(figure, k, template, extra) {
  const sources = figure.sources || {};
  const data = figure.base.data.map((trace) => (
    trace.customdata && trace.customdata.$rows ? { ...trace, customdata: expand(trace.customdata) } : { ...trace }
  ));
  const layout = { ...figure.base.layout, template };
  for (const update of [figure.steps[k], extra]) {
    if (!update) continue;
    for (const [i, attrs] of Object.entries(update.data || {})) {
      for (const [path, value] of Object.entries(attrs)) {
        setPath(data[Number(i)], path, expand(value, sources));
      }
    }
    for (const [path, value] of Object.entries(update.layout || {})) setPath(layout, path, value);
  }
  return { data, layout };
}

// Run fn once the next frame has been painted: a panel's drawing (up to 100 ms) then never
// holds back the frame that shows the step's outlined row.
function afterPaint(fn) {
  requestAnimationFrame(() => setTimeout(fn, 0));
  return true;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Our strings: [["t", text], ["b", bold], ["m", LaTeX]]; text via textContent only.
function writeSegments(node, segments, katex) {
  node.replaceChildren();
  for (const [kind, text] of segments) {
    if (kind === "m") {
      const span = el("span");
      katex.render(text, span, { throwOnError: false });
      node.appendChild(span);
    } else {
      node.appendChild(el(kind === "b" ? "strong" : "span", "", text));
    }
  }
  return node;
}

function number(v) {
  if (typeof v !== "number") return String(v);
  return Number.isFinite(v) ? String(Number(v.toPrecision(5))) : "—";
}

// A table column is numbers, text, or a row / column of the figure's z at the same step.
function fillTable(table, spec, k, figure) {
  let z = null;
  const matrix = () => {
    if (!z) {
      const value = figureAt(figure, k, {}).data[0].z;
      z = value && value.bdata !== undefined ? decode(value) : value;
    }
    return z;
  };
  const cells = spec.base.cells.map((column, j) => {
    const changed = spec.steps[k] && spec.steps[k][String(j)];
    const cell = changed !== undefined ? changed : column;
    if (cell && cell.$zrow !== undefined) return Array.from(matrix()[cell.$zrow]);
    if (cell && cell.$zcol !== undefined) return matrix().map((row) => row[cell.$zcol]);
    return decode(cell);
  });
  const head = el("thead");
  const row = el("tr");
  spec.base.columns.forEach((name) => row.appendChild(el("th", "", name)));
  head.appendChild(row);
  const body = el("tbody");
  const rows = cells.length ? cells[0].length : 0;
  for (let r = 0; r < rows; r += 1) {
    const tr = el("tr");
    cells.forEach((column) => tr.appendChild(el("td", "", number(column[r]))));
    body.appendChild(tr);
  }
  table.replaceChildren(head, body);
}

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
    dispose() {
      alive = false;
      if (timer) clearInterval(timer);
      timer = null;
      this.watchers.forEach((w) => w.disconnect());
      this.listeners.forEach(([type, fn]) => root.removeEventListener(type, fn));
      plots.forEach((div) => window[LIBS] && window[LIBS].then(({ Plotly }) => Plotly.purge(div)));
    },
  };

  performance.mark("attn-mount"); // these marks: where a page load's time goes (hosting.py)
  libraries(payload.assets).then(({ Plotly, katex }) => {
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
  let k = payload.start;
  const stored = Number(sessionStorage.getItem(storeKey));
  if (Number.isInteger(stored) && stored >= 0 && stored < n) k = stored;

  root.replaceChildren();
  root.classList.toggle("attn-present", payload.present);
  root.tabIndex = 0;
  root.setAttribute("role", "region"); // a named landmark: the step player
  root.setAttribute("aria-label", L.step_label);

  // ----- controls: previous, slider, next, play, speed; the step in words ---------------------
  const bar = el("div", "attn-controls");
  const prev = el("button", "attn-button", `‹ ${L.previous}`);
  const slider = el("input", "attn-slider");
  Object.assign(slider, { type: "range", min: 1, max: n, step: 1 });
  slider.setAttribute("aria-label", L.step_label);
  const next = el("button", "attn-button", `${L.next} ›`);
  const play = el("button", "attn-button attn-play", `▶ ${L.play_label}`);
  const speed = el("select", "attn-speed");
  speed.setAttribute("aria-label", L.speed_label);
  payload.speeds.forEach((s) => {
    const option = el("option", "", L.speed_values[String(s)] || `${s}`);
    option.value = String(s);
    speed.appendChild(option);
  });
  const chosen = sessionStorage.getItem("attn-player:speed"); // kept from sentence to sentence
  speed.value = payload.speeds.map(String).includes(chosen) ? chosen : "1";
  const counter = el("span", "attn-counter");
  bar.append(prev, slider, next, play, speed, counter);
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

  function hiddenAt(view, step) {
    return payload.guess && view.attention && !getTimer() && !revealed.has(step);
  }

  // One config object per plot: a changed config makes Plotly.react redraw from scratch
  // (100+ ms a figure here). Only the download's file name follows the step.
  function config(div, name) {
    if (!div.__attnConfig) {
      div.__attnConfig = {
        displaylogo: false, responsive: true,
        toImageButtonOptions: { format: payload.image_format, filename: name, scale: payload.image_format === "png" ? 2 : 1 },
      };
    }
    return div.__attnConfig;
  }

  function named(div, name, step) {
    const filename = `${payload.name}-${name}-step${step + 1}`.replace(/[^A-Za-z0-9._-]+/g, "-");
    const context = div._context && div._context.toImageButtonOptions;
    if (context) context.filename = filename; // read by the camera button when clicked
    return div;
  }

  // Between two steps that change only the layout (the matrix's outline), relayout just those
  // attributes: Plotly then redraws the shapes, not the cells. A shape goes as the whole
  // `shapes` array: a path such as "shapes[0].y0" makes Plotly replot the layout (about
  // 120 ms for a 16 x 15 matrix here), the whole array only redraws the shapes (about 1 ms).
  function draw(div, figure, step, extra, name) {
    const before = div.__attnDrawn;
    const update = figure.steps[step] || {};
    const layoutOnly = before && before.extra === extra && !update.data
      && !(figure.steps[before.step] || {}).data;
    div.__attnDrawn = { step, extra };
    if (layoutOnly) {
      const paths = { ...(figure.steps[before.step] || {}).layout, ...update.layout };
      const changes = {};
      const next = figureAt(figure, step, payload.template, extra).layout;
      for (const path of Object.keys(paths)) {
        const array = path.match(/^(shapes|annotations)\[/);
        if (array) changes[array[1]] = next[array[1]];
        else changes[path] = readPath(next, path);
      }
      if (!Object.keys(changes).length) return Promise.resolve(named(div, name, step));
      return Plotly.relayout(div, changes).then(() => named(div, name, step));
    }
    const { data, layout } = figureAt(figure, step, payload.template, extra);
    return Plotly.react(div, data, layout, config(div, name)).then(() => {
      if (layout.meta && layout.meta.lines_of && !div.__attnHover) linkLines(div, figure, name);
      return named(div, name, step);
    });
  }

  // The line view: pointing at a token brings out its lines and dims the others (the server
  // lists, per token point, the line traces that touch it: layout.meta.lines_of); leaving it
  // draws the step again.
  function linkLines(div, figure, name) {
    div.__attnHover = true;
    div.on("plotly_hover", (event) => {
      const point = event.points && event.points[0];
      const mine = point && (figure.base.layout.meta.lines_of[String(point.curveNumber)] || [])[point.pointIndex];
      if (!mine || !mine.length) return;
      const others = div.data.map((trace, i) => i).filter((i) => i >= 2 && !mine.includes(i)
        && div.data[i].visible !== false);
      const shown = mine.filter((i) => div.data[i].visible !== false);
      if (shown.length) Plotly.restyle(div, { opacity: 1 }, shown);
      if (others.length) Plotly.restyle(div, { opacity: 0.06 }, others);
    });
    div.on("plotly_unhover", () => {
      const { step, extra } = div.__attnDrawn || {};
      if (step === undefined) return;
      const again = figureAt(figure, step, payload.template, extra);
      Plotly.react(div, again.data, again.layout, config(div, name));
    });
  }

  let remembering = false;
  function show(step, { focus = false } = {}) {
    k = Math.min(Math.max(step, 0), n - 1);
    slider.value = String(k + 1);
    prev.disabled = k <= 0;
    next.disabled = k >= n - 1;
    if (!remembering) { // the step in the URL and the tab's storage, after the paint
      remembering = afterPaint(() => {
        remembering = false;
        sessionStorage.setItem(storeKey, String(k));
        const url = new URL(window.location.href);
        url.searchParams.set("step", String(k + 1));
        window.history.replaceState(window.history.state, "", url);
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
      const shown = hidden ? v.view.tokens.slice(0, kv).concat(["?"]) : v.view.tokens;
      v.sofar.replaceChildren(...shown.map((tok, i) => {
        const cls = i === kv ? "attn-token attn-current" : i > kv ? "attn-token attn-later" : "attn-token";
        return el("span", cls, tok);
      }));
      const guess = hidden && v.view.heatmap.guess ? v.view.heatmap.guess[kv] : null;
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
        katex.render(main[1], v.mainEquation, { displayMode: true, throwOnError: false });
        afterPaint(() => { // below the first screen: after the step's frame is painted
          if (Math.min(k, v.view.n - 1) !== kv) return; // the user has moved on
          v.equations.replaceChildren(...eqs.map(([caption, latex]) => {
            const item = el("div", "attn-equation");
            const math = el("div", "attn-math");
            math.tabIndex = 0; // it may scroll sideways: reachable by keyboard (axe-core)
            katex.render(latex, math, { displayMode: true, throwOnError: false });
            item.append(writeSegments(el("p", "attn-caption"), caption, katex), math);
            return item;
          }));
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

  // The panels: drawn one per frame, after the frame that moves the matrix's outline (so the
  // outlined row moves at once and the page stays responsive), and only those on screen or
  // near it; the others when they scroll into view. A panel that is the same at every step is drawn once.
  const queue = new Set();
  let frame = null;
  function pending(p) {
    if (p.box.hidden || !p.onScreen || p.drawn === p.want) return false;
    const still = p.drawn !== undefined && !Object.keys(p.spec.figure.steps[p.want] || {}).length
      && !Object.keys(p.spec.figure.steps[p.drawn] || {}).length;
    if (still && (!p.spec.table || p.spec.table.steps.every((c) => !Object.keys(c).length))) {
      p.drawn = p.want; // nothing changes between these steps
      p.box.dataset.step = String(p.want);
      return false;
    }
    return true;
  }
  function schedule() {
    everyPanel().forEach((p) => { if (pending(p)) queue.add(p); });
    if (frame === null && queue.size) frame = afterPaint(drawNext);
  }
  function drawNext() {
    frame = null;
    const [p] = queue;
    if (!p) return;
    queue.delete(p);
    if (pending(p)) {
      const step = p.want;
      draw(p.div, p.spec.figure, step, null, p.spec.name).then(() => {
        p.box.dataset.step = String(step);
      });
      p.drawn = step;
      if (p.details && p.details.open) fillTable(p.table, p.spec.table, step, p.spec.figure);
    }
    if (queue.size) frame = afterPaint(drawNext);
  }
  const watcher = new IntersectionObserver((entries) => {
    entries.forEach((entry) => { entry.target.__attnPanel.onScreen = entry.isIntersecting; });
    schedule();
  }, { rootMargin: "300px 0px" });
  everyPanel().forEach((p) => {
    p.box.__attnPanel = p;
    watcher.observe(p.box);
  });
  root[STATE].watchers.push(watcher);

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
    sessionStorage.setItem("attn-player:speed", speed.value);
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

// One panel: title, plot, caption and (when it has one) its table, drawn when on screen.
function makePanel(spec, L, katex, plots) {
  const box = el("div", "attn-box attn-panel");
  box.dataset.panel = spec.name;
  const div = el("div", "attn-plot");
  div.style.minHeight = `${spec.figure.base.layout.height || 240}px`; // no jumps while drawing
  plots.push(div);
  box.append(writeSegments(el("h5"), spec.title, katex), div,
    writeSegments(el("p", "attn-caption"), spec.caption, katex));
  let details = null;
  let table = null;
  if (spec.table) {
    details = el("details");
    details.appendChild(el("summary", "", L.show_table));
    table = el("table", "attn-table");
    details.appendChild(table);
    box.appendChild(details);
  }
  return { spec, box, div, details, table };
}

function makeView(grid, view, payload, katex, plots) {
  const L = payload.labels;
  const column = el("section", "attn-view");
  if (view.title) column.appendChild(el("h3", "attn-view-title", view.title));
  const sofar = el("p", "attn-sofar");
  sofar.setAttribute("aria-label", L.translation_so_far);
  const step = el("p", "attn-step");
  column.append(step, sofar);

  const first = el("div", "attn-first"); // the first screen: matrix | main panel and equation
  const left = el("div", "attn-box");
  const heatmap = el("div", "attn-plot attn-heatmap");
  heatmap.style.minHeight = `${view.heatmap.figure.base.layout.height || 240}px`;
  plots.push(heatmap);
  const heatDetails = el("details");
  heatDetails.appendChild(el("summary", "", L.show_table));
  const heatTable = el("table", "attn-table");
  heatDetails.appendChild(heatTable);
  left.append(writeSegments(el("h4"), view.heatmap.title, katex), heatmap,
    writeSegments(el("p", "attn-caption"), view.heatmap.caption, katex),
    el("p", "attn-help", L.player_keys_help), heatDetails);

  const right = el("div", "attn-box");
  const prompt = el("div", "attn-guess");
  const promptText = el("p");
  const reveal = el("button", "attn-button attn-reveal", L.reveal);
  prompt.append(promptText, reveal);
  const equationBox = el("div", "attn-main-equation");
  const mainCaption = el("p", "attn-caption");
  const mainEquation = el("div", "attn-math");
  mainEquation.tabIndex = 0; // it may scroll sideways: reachable by keyboard (axe-core)
  equationBox.append(mainEquation, mainCaption); // the equation first: on the first screen
  right.append(prompt);
  first.append(left, right);
  column.appendChild(first);

  const panels = [];
  const below = el("div", "attn-below");
  const equationsTitle = el("h4");
  const equations = el("div", "attn-equations");
  const panelsTitle = el("h4");
  const timeline = el("div", "attn-plot");
  plots.push(timeline);
  for (const spec of view.panels) {
    const panel = makePanel(spec, L, katex, plots);
    panels.push(panel);
    if (spec.name === view.main_panel) {
      panel.div.after(equationBox); // the step's main equation right under its weights
      right.appendChild(panel.box);
    }
  }
  if (!equationBox.parentElement) right.appendChild(equationBox);
  const timelineBox = el("div", "attn-box");
  timelineBox.append(writeSegments(el("h4"), view.timeline.title, katex), timeline);
  below.append(timelineBox, equationsTitle, equations, panelsTitle);
  panels.filter((p) => p.spec.name !== view.main_panel).forEach((p) => below.appendChild(p.box));
  column.appendChild(below);
  grid.appendChild(column);
  // The timeline does not change with the step: a panel drawn once, when it comes on screen
  // (not before the matrix: a new session sees the step sooner).
  const timelinePanel = { spec: { name: "timeline", figure: view.timeline.figure }, box: timelineBox, div: timeline, want: 0 };
  return {
    view, sofar, step, heatmap, heatTable, prompt, promptText, reveal, equationBox,
    mainCaption, mainEquation, equations, equationsTitle, panelsTitle, panels, timeline: timelinePanel,
  };
}
