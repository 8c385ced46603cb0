// The library's filter form, shared by the course home and the routine builder: each control
// sets its trait, and Python answers with the moves that pass (`visible`).

import { h, uniqueId } from "./dom.js";

const LABELS = { group: "Muscle group", kind: "Kind", level: "Level", equipment: "Equipment" };

export function titleCase(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function createFilterForm(model, label = "Filter the library") {
  const selects = Object.entries(LABELS).map(([name, text]) => {
    const id = uniqueId(`motw-filter-${name}`);
    const select = h("select", { id, "data-filter": name },
      h("option", { value: "" }, `Any ${text.toLowerCase()}`),
      model.get("choices")[name].map((value) =>
        h("option", { value }, value === "none" ? "None needed" : titleCase(value))));
    select.value = model.get(name);
    return h("div", { class: "motw-field" }, h("label", { for: id }, text), select);
  });
  const searchId = uniqueId("motw-search");
  const search = h("input", { id: searchId, type: "search", "data-filter": "search",
    placeholder: "e.g. hamstring, plank, band", autocomplete: "off" });
  search.value = model.get("search");
  const noFloor = h("input", { type: "checkbox", "data-filter": "no_floor" });
  noFloor.checked = model.get("no_floor");
  const reset = h("button", { type: "button", class: "motw-btn" }, "Clear filters");
  const form = h("form", { class: "motw-filters", role: "search", "aria-label": label },
    h("div", { class: "motw-field motw-field-wide" }, h("label", { for: searchId }, "Search"), search),
    selects,
    h("div", { class: "motw-field motw-field-check" }, h("label", {}, noFloor, "No floor needed")),
    h("div", { class: "motw-field motw-field-button" }, reset));
  form.addEventListener("submit", (event) => event.preventDefault());

  function save(name, value) {
    model.set(name, value);
    model.save_changes();
  }
  form.addEventListener("change", (event) => {
    const name = event.target.dataset.filter;
    if (name === "no_floor") save(name, event.target.checked);
    else if (name && name !== "search") save(name, event.target.value);
  });
  search.addEventListener("input", () => save("search", search.value));
  reset.addEventListener("click", () => {
    for (const name of [...Object.keys(LABELS), "search"]) model.set(name, "");
    for (const control of form.querySelectorAll("[data-filter]")) control.value = "";
    model.set("no_floor", false);
    noFloor.checked = false;
    model.save_changes();
    search.focus();
  });
  return form;
}
