// Course home: this week's move, and the library with filters answered by Python.

import { localDay } from "./dates.js";
import { h, parseSvg } from "./dom.js";
import { createFilterForm, titleCase } from "./filters.js";

function pictureOf(card) {
  if (!card.picture) return h("div", { class: "motw-card-picture motw-card-blank", "aria-hidden": "true" });
  return h("div", { class: "motw-card-picture" }, parseSvg(card.picture));
}

// The figure's shape (its viewBox), so that a card keeps the height its picture will take.
function pictureRatio(markup) {
  const box = /viewBox="([^"]+)"/.exec(markup);
  const [, , width, height] = box ? box[1].trim().split(/\s+/).map(Number) : [];
  return width > 0 && height > 0 ? `${width} / ${height}` : "";
}

// A library card's picture is parsed when the card comes near the screen: parsing all of them
// at once (over a hundred SVGs) held the page's main thread for most of a second on a phone.
// Until then the card holds the picture's place, so nothing moves when it is drawn.
function lazyPictures() {
  const waiting = new Map(); // placeholder -> markup
  const draw = (holder) => {
    const markup = waiting.get(holder);
    if (markup === undefined) return;
    waiting.delete(holder);
    holder.style.removeProperty("aspect-ratio");
    holder.classList.remove("motw-card-pending");
    holder.replaceChildren(parseSvg(markup));
  };
  const watcher = typeof IntersectionObserver === "function"
    ? new IntersectionObserver((entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          watcher.unobserve(entry.target);
          draw(entry.target);
        }
      }, { rootMargin: "600px 0px" })
    : null;
  return {
    placeholder(card) {
      if (!card.picture || !watcher) return pictureOf(card);
      const holder = h("div", { class: "motw-card-picture motw-card-pending", "aria-hidden": "true" });
      const ratio = pictureRatio(card.picture);
      if (ratio) holder.style.aspectRatio = ratio;
      waiting.set(holder, card.picture);
      watcher.observe(holder);
      return holder;
    },
    stop() {
      watcher?.disconnect();
      waiting.clear();
    },
  };
}

// "Ladder: Wall push-up → Push-up → Decline push-up", the card's own move marked, not linked.
function ladderOf(card) {
  if (!card.ladder.length) return "";
  const rungs = card.ladder.flatMap((rung, i) => [
    i ? " → " : "",
    rung.slug === card.slug
      ? h("strong", { "aria-current": "page" }, rung.title)
      : h("a", { href: rung.url }, rung.title),
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

  const filters = createFilterForm(model);
  const count = h("p", { class: "motw-count", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "motw-cards" });
  const items = new Map();
  const pictures = lazyPictures();
  for (const card of cards) {
    const item = h("li", { class: "motw-card", "data-slug": card.slug },
      pictures.placeholder(card),
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
  const today = localDay();
  if (today !== model.get("today")) {
    model.set("today", today);  // the learner's own date decides this week's move
    model.save_changes();
  }
  model.on("change:visible", show);
  model.on("change:progress", showProgress);
  show();
  showProgress();
  return () => {
    pictures.stop();
    root.remove();
  };
}

export default { render };
