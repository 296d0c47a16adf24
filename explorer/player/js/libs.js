// plotly.js and KaTeX, loaded once per page from the app's own static folder.

const LIBS = "__attentionPlayerLibs"; // window slot: plotly.js and KaTeX, loaded once per page

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
function libraries(base, lang) {
  if (!base) return Promise.resolve(offline(lang));
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
  return window[LIBS].then((libs) => withLocale(libs, base, lang));
}

// An exported file (explorer/player/export.py): plotly.js and KaTeX are in the page already, and
// KaTeX writes MathML, which the browser draws without KaTeX's stylesheet and fonts.
function offline(lang) {
  const { Plotly, katex } = window;
  if (lang === "ko" && window.__attnPlotlyLocaleKo && !window[LOCALES]) {
    Plotly.register(window.__attnPlotlyLocaleKo);
    window[LOCALES] = Promise.resolve();
  }
  const mathml = { render: (tex, node, options) => katex.render(tex, node, { ...options, output: "mathml" }) };
  return { Plotly, katex: mathml };
}

// The toolbar's tooltips in the page's language: Korean from plotly.js-locales, once per page.
const LOCALES = "__attentionPlayerLocales";
function withLocale(libs, base, lang) {
  if (lang !== "ko") return libs;
  if (!window[LOCALES]) {
    window[LOCALES] = loadScript(`${base}plotly-locale-ko-3.7.0.js`)
      .then(() => libs.Plotly.register(window.__attnPlotlyLocaleKo))
      .catch(() => null); // without it the tooltips stay in English; the figures still draw
  }
  return window[LOCALES].then(() => libs);
}
