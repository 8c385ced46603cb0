// Body map regions, shared by the body map and the find-the-muscle questions: hover or focus
// names a muscle; click, Enter or Space selects it.

import { h } from "./dom.js";

export function enableMap(svg, { onSelect, nameOf }) {
  svg.setAttribute("role", "group");  // it holds buttons, so it is not a flat image
  const hint = "Tab to the map, then move between muscles with the arrow keys.";
  const label = h("p", { class: "motw-map-label" }, hint);
  const regions = [...svg.querySelectorAll("[data-muscle]")];
  // One tab stop for the whole map; the arrow keys move between its muscles.
  regions.forEach((region, index) => {
    region.setAttribute("tabindex", index === 0 ? "0" : "-1");
  });
  svg.addEventListener("keydown", (event) => {
    const from = regions.indexOf(event.target.closest("[data-muscle]"));
    if (from < 0) return;
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let to = null;
    if (event.key in moves) to = (from + moves[event.key] + regions.length) % regions.length;
    else if (event.key === "Home") to = 0;
    else if (event.key === "End") to = regions.length - 1;
    if (to === null) return;
    event.preventDefault();
    event.stopPropagation();
    regions[from].setAttribute("tabindex", "-1");
    regions[to].setAttribute("tabindex", "0");
    regions[to].focus();
  });
  for (const region of regions) {
    region.addEventListener("click", () => onSelect(region.dataset.muscle, region));
    region.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onSelect(region.dataset.muscle, region);
      }
    });
    const show = () => { label.textContent = nameOf(region) || hint; };
    region.addEventListener("mouseenter", show);
    region.addEventListener("focus", show);
  }
  svg.addEventListener("mouseleave", () => { label.textContent = hint; });
  return label;
}

export function markSelected(svg, id) {
  for (const region of svg.querySelectorAll("[data-muscle]")) {
    const on = region.dataset.muscle === id;
    region.classList.toggle("selected", on);
    region.setAttribute("aria-pressed", String(on));
  }
}
