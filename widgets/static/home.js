// Course home: this week's move, and the library with filters answered by Python.

import { h, parseSvg, uniqueId } from "./dom.js";

const LABELS = { group: "Muscle group", kind: "Kind", level: "Level", equipment: "Equipment" };

function titleCase(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pictureOf(card) {
  if (!card.picture) return h("div", { class: "motw-card-picture motw-card-blank", "aria-hidden": "true" });
  const svg = parseSvg(card.picture);
  svg.setAttribute("aria-hidden", "true");
  svg.removeAttribute("role");
  svg.removeAttribute("aria-label");
  return h("div", { class: "motw-card-picture" }, svg);
}

// "Ladder: Wall push-up → Push-up → Decline push-up", the card's own move marked, not linked.
function ladderOf(card) {
  if (!card.ladder.length) return "";
  const rungs = card.ladder.flatMap((rung, i) => [
    i ? " → " : "",
    rung.slug === card.slug
      ? h("strong", { "aria-current": "page" }, rung.title)
      : h("a", { href: `${rung.slug}.ipynb` }, rung.title),
  ]);
  return h("p", { class: "motw-card-ladder" }, "Ladder: ", ...rungs);
}

function meta(card) {
  const equipment = card.equipment.length ? card.equipment.join(", ") : "no equipment";
  return `${titleCase(card.kind)} · ${titleCase(card.level)} · ${equipment}`;
}

function render({ model, el }) {
  const cards = model.get("cards");
  const root = h("section", { class: "motw motw-home", "aria-label": "Move of the Week: home" });
  const feature = h("div", { class: "motw-week" });

  function drawFeature() {
    const week = model.get("week");
    const thisWeek = cards.find((c) => c.slug === week.slug);
    if (!thisWeek) return;
    feature.dataset.state = week.state;
    feature.replaceChildren(
      pictureOf(thisWeek),
      h("div", { class: "motw-week-text" },
        h("h2", { class: "motw-eyebrow" }, week.state === "current" ? "This week's move" :
          week.state === "before" ? "Coming first" : "The newest move"),
        h("p", { class: "motw-week-title" }, thisWeek.title),
        h("p", {}, week.headline),
        h("p", {}, thisWeek.summary),
        h("p", { class: "motw-meta" }, meta(thisWeek)),
        h("a", { class: "motw-btn motw-btn-primary motw-link-btn", href: thisWeek.url },
          week.state === "current" ? "Start this week's move" : `Open ${thisWeek.title}`),
      ),
    );
  }

  const selects = Object.entries(LABELS).map(([name, label]) => {
    const id = uniqueId(`motw-filter-${name}`);
    const select = h("select", { id, "data-filter": name },
      h("option", { value: "" }, `Any ${label.toLowerCase()}`),
      model.get("choices")[name].map((value) =>
        h("option", { value }, value === "none" ? "None needed" : titleCase(value))));
    select.value = model.get(name);
    return h("div", { class: "motw-field" }, h("label", { for: id }, label), select);
  });
  const searchId = uniqueId("motw-search");
  const search = h("input", { id: searchId, type: "search", "data-filter": "search",
    placeholder: "e.g. hamstring, plank, band", autocomplete: "off" });
  search.value = model.get("search");
  const noFloor = h("input", { type: "checkbox", "data-filter": "no_floor" });
  noFloor.checked = model.get("no_floor");
  const reset = h("button", { type: "button", class: "motw-btn" }, "Clear filters");
  const filters = h("form", { class: "motw-filters", role: "search", "aria-label": "Filter the library" },
    h("div", { class: "motw-field motw-field-wide" }, h("label", { for: searchId }, "Search"), search),
    selects,
    h("div", { class: "motw-field motw-field-check" }, h("label", {}, noFloor, "No floor needed")),
    h("div", { class: "motw-field motw-field-button" }, reset));
  filters.addEventListener("submit", (event) => event.preventDefault());
  const count = h("p", { class: "motw-count", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "motw-cards" });
  const items = new Map();
  for (const card of cards) {
    const item = h("li", { class: "motw-card", "data-slug": card.slug },
      pictureOf(card),
      h("h3", {}, h("a", { href: card.url, class: "motw-card-link" }, card.title)),
      h("p", { class: "motw-meta" }, meta(card)),
      h("p", { class: "motw-card-muscles" }, card.muscles.join(", ")),
      ladderOf(card),
      h("p", { class: "motw-card-week" }, `Week of ${card.week_label}`),
      h("p", { class: "motw-card-progress" }),
    );
    items.set(card.slug, item);
    list.append(item);
  }
  root.append(feature, h("h2", { class: "motw-section" }, "The library"), filters, count, list);
  el.append(root);

  function save(name, value) {
    model.set(name, value);
    model.save_changes();
  }
  filters.addEventListener("change", (event) => {
    const name = event.target.dataset.filter;
    if (name === "no_floor") save(name, event.target.checked);
    else if (name && name !== "search") save(name, event.target.value);
  });
  search.addEventListener("input", () => save("search", search.value));
  reset.addEventListener("click", () => {
    for (const name of [...Object.keys(LABELS), "search"]) model.set(name, "");
    for (const control of filters.querySelectorAll("[data-filter]")) control.value = "";
    model.set("no_floor", false);
    noFloor.checked = false;
    model.save_changes();
    search.focus();
  });

  function show() {
    const visible = new Set(model.get("visible"));
    for (const [slug, item] of items) item.hidden = !visible.has(slug);
    count.textContent = visible.size === cards.length
      ? `All ${cards.length} moves`
      : visible.size === 0
        ? "No move matches these filters. Clear a filter to see more."
        : `${visible.size} of ${cards.length} moves match`;
  }
  function progressText(entry) {
    if (!entry) return "";
    const parts = [];
    if (entry.finished) parts.push("✓ Done");
    else if (entry.steps) parts.push(`Started: ${entry.steps} step${entry.steps === 1 ? "" : "s"} done`);
    if (entry.best.length) parts.push(`Quiz best ${entry.best[0]} of ${entry.best[1]}`);
    return parts.join(" · ");
  }
  function showProgress() {
    const progress = model.get("progress");
    for (const [slug, item] of items) {
      const text = progressText(progress[slug]);
      const badge = item.querySelector(".motw-card-progress");
      badge.replaceChildren(text ? h("span", { class: "motw-progress-badge" }, text) : "");
    }
  }
  model.on("change:week", drawFeature);
  drawFeature();
  const now = new Date();
  const localDay = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
  if (localDay !== model.get("today")) {
    model.set("today", localDay);  // the learner's own date decides this week's move
    model.save_changes();
  }
  model.on("change:visible", show);
  model.on("change:progress", showProgress);
  show();
  showProgress();
  return () => root.remove();
}

export default { render };
