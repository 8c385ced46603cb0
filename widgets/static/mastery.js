// Mastery view: colour the body map's muscles by their group's band (Python's: `bands`, and
// each group's in `band_of`), with a legend in words and a table holding the same numbers.

import { h, parseSvg } from "./dom.js";

function render({ model, el }) {
  const svg = parseSvg(model.get("svg"));
  const bands = model.get("bands");
  const legend = h("ul", { class: "motw-mastery-legend" }, bands.map((label, index) =>
    h("li", {}, h("span", { class: `motw-swatch lvl-${index}`, "aria-hidden": "true" }), label)));
  const tableBody = h("tbody");
  const table = h("table", { class: "motw-mastery-table" },
    h("caption", {}, "How well you know each muscle group"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Muscle group"),
      h("th", { scope: "col" }, "Recall today"), h("th", { scope: "col" }, "Cards reviewed"))),
    tableBody);
  const root = h("section", { class: "motw motw-mastery", "aria-label": "What you know" },
    h("div", { class: "motw-mastery-map" }, svg), legend, table);
  el.append(root);

  function paint() {
    const scores = model.get("scores");
    const bandOf = model.get("band_of");
    const seen = model.get("seen");
    const groups = model.get("muscle_groups");
    for (const g of svg.querySelectorAll("[data-muscle]")) {
      const group = groups[g.dataset.muscle];
      g.classList.remove(...bands.map((_, index) => `lvl-${index}`), "primary", "secondary");
      if (group) g.classList.add(`lvl-${bandOf[group] ?? 0}`);
    }
    tableBody.replaceChildren(...Object.keys(seen).sort().map((group) => {
      const score = scores[group] ?? 0;
      return h("tr", {},
        h("th", { scope: "row" }, group.charAt(0).toUpperCase() + group.slice(1)),
        h("td", {}, `${Math.round(score * 100)}% · ${bands[bandOf[group] ?? 0]}`),
        h("td", {}, `${seen[group][0]} of ${seen[group][1]}`));
    }));
  }
  model.on("change:band_of", paint);
  model.on("change:seen", paint);
  paint();
  return () => root.remove();
}

export default { render };
