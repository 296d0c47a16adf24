// The player's elements: the control bar, one column per view, one box per panel.

// Previous, slider, next, play, speed; the step in words.
function makeControls(payload) {
  const L = payload.labels;
  const bar = el("div", "attn-controls");
  const prev = el("button", "attn-button", `‹ ${L.previous}`);
  const slider = el("input", "attn-slider");
  Object.assign(slider, { type: "range", min: 1, max: payload.n, step: 1 });
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
  let chosen = null; // kept from sentence to sentence (where the tab has storage)
  try { chosen = sessionStorage.getItem("attn-player:speed"); } catch (err) { /* none */ }
  speed.value = payload.speeds.map(String).includes(chosen) ? chosen : "1";
  const counter = el("span", "attn-counter");
  bar.append(prev, slider, next, play, speed, counter);
  return { bar, prev, slider, next, play, speed, counter };
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

