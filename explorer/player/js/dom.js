// Small DOM helpers: elements, our own strings as segments, the tables. Text goes in as
// textContent only, never as HTML.

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

// An equation that fits its box with no hidden sideways scroll: on one line when it fits; else
// its parts (our equations join them with ", \qquad") one under another; and only if a part is
// still too wide, smaller type, down to 70 %. Measuring needs the box on screen: a hidden box
// (guess mode) keeps one line and is fitted when the step is drawn again.
// The softmax written with its numbers only: "α = 1.000 / 2.964 = 0.3374, m = 10.251" without
// the symbolic fraction and max before them (the list of the step's equations keeps them).
function withoutSymbols(latex) {
  return latex.replace(/\\frac\{\\exp\(e[^)]*\)\}\{\\sum[^)]*\)\} = /, "")
    .replace(/m = \\max_j e\^\{\d+\}_j = /, "m = ");
}

function fitMath(katex, latex, node, oneLine = ["0.9", "0.8"], shorter = null) {
  const options = { displayMode: true, throwOnError: false };
  node.dataset.latex = latex; // the equation as written, whatever its layout (tests read it)
  node.style.fontSize = "";
  katex.render(latex, node, options);
  if (document.fonts && document.fonts.status !== "loaded") { // KaTeX's fonts widen it later
    document.fonts.ready.then(() => {
      if (node.dataset.latex === latex) fitMath(katex, latex, node, oneLine, shorter);
    });
  }
  const over = () => {
    if (!node.clientWidth) return false;
    if (node.scrollWidth > node.clientWidth + 1) return true;
    const html = node.querySelector(".katex-html"); // a block: its contents' box is the width
    if (!html) return false;
    const range = document.createRange();
    range.selectNodeContents(html);
    return range.getBoundingClientRect().width > node.clientWidth - 12; // the display's padding
  };
  if (!over()) return node;
  // A little smaller first (one line keeps the first screen short), then on several lines.
  for (const scale of oneLine) {
    node.style.fontSize = `${scale}em`;
    if (!over()) return node;
  }
  node.style.fontSize = "";
  if (shorter && shorter(latex) !== latex) { // the first screen: the numbers on one line
    katex.render(shorter(latex), node, options);
    for (const scale of ["1", ...oneLine]) {
      node.style.fontSize = scale === "1" ? "" : `${scale}em`;
      if (!over()) return node;
    }
    node.style.fontSize = "";
  }
  const parts = latex.split(/,?\s*\\qquad\s*/);
  if (parts.length > 1) katex.render(`\\begin{gathered}${parts.join(" \\\\ ")}\\end{gathered}`, node, options);
  for (let scale = 0.9; over() && scale >= 0.7; scale -= 0.1) node.style.fontSize = `${scale.toFixed(1)}em`;
  return node;
}
