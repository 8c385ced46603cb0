// Body map view: a move's muscles; selecting one tells Python.

import { h, parseSvg } from "./dom.js";
import { enableMap, markSelected } from "./mapcore.js";

function render({ model, el }) {
  const svg = parseSvg(model.get("svg"));
  const names = model.get("names");
  const roles = model.get("roles");
  const chosen = h("p", { class: "motw-map-chosen", role: "status", "aria-live": "polite" });
  const label = enableMap(svg, {
    nameOf: (region) => {
      const id = region.dataset.muscle;
      return `${names[id]}${roles[id] ? ` (${roles[id]})` : ""}`;
    },
    onSelect: (id) => {
      model.set("selected", id);
      model.save_changes();
    },
  });
  const root = h("section", { class: "motw motw-map", "aria-label": "Body map" },
    h("div", { class: "motw-map-svg" }, svg), label, chosen);
  el.append(root);
  function paint() {
    const id = model.get("selected");
    markSelected(svg, id);
    chosen.textContent = id ? `Selected: ${names[id]}${roles[id] ? `, ${roles[id]} in this move` : ", not worked by this move"}.` : "";
  }
  model.on("change:selected", paint);
  paint();
  return () => root.remove();
}

export default { render };
