// Shared by every course view: DOM nodes built with text content only (never innerHTML), SVG
// markup drawn by Python turned into nodes, and ids unique on the page.

export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function parseSvg(markup) {
  const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
  return document.importNode(doc.documentElement, true);
}

// A random part too: two copies of this module (two versions of a widget on one page) must
// not hand out the same id.
const copy = Math.random().toString(36).slice(2, 8);
let made = 0;

export function uniqueId(prefix) {
  made += 1;
  return `${prefix}-${copy}${made}`;
}
