// The payload as the server sent it (explorer/player/wire.py), read back: UTF-8 JSON, Plotly's
// base64 typed arrays, attribute paths and the compact forms, each undone with the server's rules.

const ARRAYS = {
  f4: Float32Array, f8: Float64Array, i1: Int8Array, u1: Uint8Array,
  i2: Int16Array, u2: Uint16Array, i4: Int32Array, u4: Uint32Array,
};

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
