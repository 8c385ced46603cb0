// Mastery view: colour the body map's muscles by their group's score, with a legend in words
// and a table holding the same numbers.

import { h, parseSvg } from "./dom.js";

const LEVELS = [
  [0, "Not reviewed yet"],
  [0.01, "Starting"],
  [0.5, "Getting there"],
  [0.85, "Known well"],
];

function levelOf(score) {
  let level = 0;
  LEVELS.forEach(([from], index) => { if (score >= from) level = index; });
  return level;
}

function render({ model, el }) {
  const svg = parseSvg(model.get("svg"));
  const legend = h("ul", { class: "motw-mastery-legend" }, LEVELS.map(([, label], index) =>
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
    const seen = model.get("seen");
    const groups = model.get("muscle_groups");
    for (const g of svg.querySelectorAll("[data-muscle]")) {
      const group = groups[g.dataset.muscle];
      g.classList.remove("lvl-0", "lvl-1", "lvl-2", "lvl-3", "primary", "secondary");
      if (group) g.classList.add(`lvl-${levelOf(scores[group] ?? 0)}`);
    }
    tableBody.replaceChildren(...Object.keys(seen).sort().map((group) => {
      const score = scores[group] ?? 0;
      return h("tr", {},
        h("th", { scope: "row" }, group.charAt(0).toUpperCase() + group.slice(1)),
        h("td", {}, `${Math.round(score * 100)}% · ${LEVELS[levelOf(score)][1]}`),
        h("td", {}, `${seen[group][0]} of ${seen[group][1]}`));
    }));
  }
  model.on("change:scores", paint);
  model.on("change:seen", paint);
  paint();
  return () => root.remove();
}

export default { render };
