// Which panels to draw, and when: one per frame, after the frame that moves the matrix's
// outline, and only those on screen or near it.

// The outlined row then moves at once and the page stays responsive; the others are drawn when
// they scroll into view, and a panel that is the same at every step is drawn once. Returns
// schedule(): call it after every change of step (each panel's `want`).
function panelScheduler(everyPanel, draw, watchers) {
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
  watchers.push(watcher); // disconnected when the player is disposed

  return schedule;
}
