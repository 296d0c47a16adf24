// Drawing one figure at one step, as cheaply as Plotly allows: the same config object each
// time, a relayout when only the layout changes, and the camera's file name kept to the step.

function makeDrawer(Plotly, payload) {
  // One config object per plot: a changed config makes Plotly.react redraw from scratch
  // (100+ ms a figure here). Only the download's file name follows the step.
  function config(div, name) {
    if (!div.__attnConfig) {
      div.__attnConfig = {
        displaylogo: false, responsive: true, locale: payload.lang,
        // plotly.js 4 adds "Share chart…", which uploads the figure (and the typed sentence)
        // to Plotly's cloud: never. PNG / SVG stay (the camera button).
        showSendToCloud: false, modeBarButtonsToRemove: ["sendChartToCloud"],
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

  return draw;
}
