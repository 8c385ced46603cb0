// Under the course app (server.app), a widget's whole `_esm`: it loads the widget's module
// and the course styles from the app, which serves them as files the browser caches for good.
// widgets.files.front_end writes their versioned URLs, relative to the page's base URL, in
// place of the two placeholders ./widget.js and ./widget.css below.

const config = document.getElementById("jupyter-config-data");
const base = new URL(JSON.parse(config?.textContent || "{}").baseUrl || "/", location.href);
const styles = new URL("./widget.css", base).href;

// Every widget on the page waits for the same stylesheet, added once.
window.motwStyles ??= {};
window.motwStyles[styles] ??= new Promise((resolve) => {
  const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href: styles });
  link.onload = link.onerror = resolve;
  document.head.append(link);
});
// Fetch the module while the stylesheet loads: anywidget gives a model two seconds to be ready,
// and on a busy server each round trip counts.
const module = import(new URL("./widget.js", base).href);
await window.motwStyles[styles];

export default (await module).default;
