// Body map regions, shared by the body map and the find-the-muscle questions: hover or focus
// names a muscle; click, Enter or Space selects it.

function enableMap(svg, { onSelect, nameOf }) {
  svg.setAttribute("role", "group");  // it holds buttons, so it is not a flat image
  const label = h("p", { class: "motw-map-label", "aria-hidden": "true" }, "\u00a0");
  const regions = [...svg.querySelectorAll("[data-muscle]")];
  for (const region of regions) {
    region.addEventListener("click", () => onSelect(region.dataset.muscle, region));
    region.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onSelect(region.dataset.muscle, region);
      }
    });
    const show = () => { label.textContent = nameOf(region) || "\u00a0"; };
    region.addEventListener("mouseenter", show);
    region.addEventListener("focus", show);
  }
  svg.addEventListener("mouseleave", () => { label.textContent = "\u00a0"; });
  return label;
}

function markSelected(svg, id, cls = "selected") {
  for (const region of svg.querySelectorAll("[data-muscle]")) {
    const on = region.dataset.muscle === id;
    region.classList.toggle(cls, on);
    if (region.hasAttribute("aria-pressed") || cls === "selected") region.setAttribute("aria-pressed", String(on));
  }
}
