// Views of the models the page holds: anywidget's (the `render` of the widget's `_esm` module,
// with its `_css`), ipywidgets' VBox (its children, one under the other), and, on every view,
// its LayoutModel's properties as inline styles (RoutineBuilder shows its player by setting
// `layout.display`). Any other kind of widget is a clear message in its place.

import supported from "./supported.json";
import { referencedId } from "./state.js";

export class Unsupported extends Error {
  name = "Unsupported";
}

// `_esm` and `_css` are a module's or a stylesheet's text, as anywidget takes them, or a URL:
// absolute (http, https), or relative to the page's base URL as the course app sends them
// ("motw/static/quiz.AB12CD34.js"). Text always holds a space or a line break.
function asUrl(value, base) {
  if (/^https?:\/\//.test(value)) return value;
  if (/^[\w.~/-]+\.(?:m?js|css)$/.test(value)) return new URL(value, base).href;
  return null;
}

const modules = new Map(); // _esm -> Promise<module>
const sheets = new Map(); // _css -> Promise<void>

function importModule(esm, base) {
  if (!modules.has(esm)) {
    const url = asUrl(esm, base);
    if (url) modules.set(esm, import(/* @vite-ignore */ url));
    else {
      const blob = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
      modules.set(
        esm,
        import(/* @vite-ignore */ blob).finally(() => URL.revokeObjectURL(blob)),
      );
    }
  }
  return modules.get(esm);
}

// The stylesheet, once per page; resolves when it applies (or failed: the view is drawn anyway).
function addStyles(css, base) {
  if (!css) return Promise.resolve();
  if (!sheets.has(css)) {
    const url = asUrl(css, base);
    const node = url
      ? Object.assign(document.createElement("link"), { rel: "stylesheet", href: url })
      : Object.assign(document.createElement("style"), { textContent: css });
    sheets.set(
      css,
      new Promise((resolve) => {
        if (!url) resolve();
        node.onload = node.onerror = () => resolve();
        document.head.append(node);
      }),
    );
  }
  return sheets.get(css);
}

// anywidget's widget definition: the default export (an object, or a function returning one),
// or the module's own `render` and `initialize`.
async function definition(module) {
  const found = module.default ?? module;
  return typeof found === "function" ? await found() : found;
}

const initialized = new WeakMap(); // model -> Promise of its `initialize`

async function drawAnywidget(model, el, manager) {
  const [module] = await Promise.all([
    importModule(model.get("_esm"), manager.base),
    addStyles(model.get("_css"), manager.base),
  ]);
  const widget = await definition(module);
  if (!initialized.has(model)) {
    initialized.set(model, Promise.resolve(widget.initialize?.({ model, experimental: {} })));
  }
  await initialized.get(model);
  return widget.render?.({ model, el, experimental: {} });
}

async function drawVBox(model, el, manager) {
  el.classList.add("widget-container", "widget-box", "widget-vbox");
  let drawn = [];
  const drawChildren = async () => {
    for (const remove of drawn) remove();
    el.replaceChildren();
    const ids = (model.get("children") || []).map(referencedId);
    const children = await Promise.all(ids.map((id) => manager.getModel(id)));
    const slots = children.map(() => el.appendChild(document.createElement("div")));
    const views = await Promise.all(
      children.map((child, i) => drawView(child, manager, (view) => slots[i].replaceWith(view))),
    );
    drawn = views.map((view) => view.remove);
  };
  model.on("change:children", drawChildren);
  await drawChildren();
  return () => {
    model.off("change:children", drawChildren);
    for (const remove of drawn) remove();
  };
}

// supported.json names every kind of model the host takes (tests/test_host.py checks each
// notebook's widgets against it); these are the ones it draws. A LayoutModel is applied.
const DRAWERS = { AnyModel: drawAnywidget, VBoxModel: drawVBox };

// The model's LayoutModel, kept on the element as inline styles (`grid_area` -> `grid-area`).
async function applyLayout(model, el, manager) {
  const id = referencedId(model.get("layout"));
  if (!id) return () => {};
  const layout = await manager.getModel(id);
  const paint = () => {
    for (const [key, value] of Object.entries(layout.attributes)) {
      if (key.startsWith("_")) continue;
      const property = key.replaceAll("_", "-");
      if (value === null || value === undefined || value === "") el.style.removeProperty(property);
      else el.style.setProperty(property, value);
    }
  };
  paint();
  layout.on("change", paint);
  return () => layout.off("change", paint);
}

// A view of `model`, put in the page by `mount(el)` before it is drawn (a view may measure or
// focus itself as it draws): { el, remove }. Throws Unsupported for a kind the host does not
// draw, before mounting anything.
export async function drawView(model, manager, mount) {
  const module = model.get("_model_module");
  const name = model.get("_model_name");
  const draw = supported[module]?.includes(name) ? DRAWERS[name] : undefined;
  if (!draw) {
    throw new Unsupported(`a ${name || "widget"} from ${module || "an unknown module"}`);
  }
  const el = document.createElement("div");
  el.className = "motw-view";
  for (const extra of model.get("_dom_classes") || []) el.classList.add(extra);
  mount(el);
  const [cleanup, unlayout] = await Promise.all([
    draw(model, el, manager),
    applyLayout(model, el, manager),
  ]);
  const remove = () => {
    if (typeof cleanup === "function") cleanup();
    unlayout();
    el.remove();
  };
  model.on("destroy", remove);
  return { el, remove };
}

// What a learner sees in place of a part of the page that cannot be drawn.
export function problemNote(error) {
  const note = document.createElement("p");
  note.className = "motw-host-problem";
  note.textContent =
    error instanceof Unsupported
      ? `This part of the page (${error.message}) cannot be shown here.`
      : "This part of the page could not be drawn. Reload the page to try again.";
  return note;
}
