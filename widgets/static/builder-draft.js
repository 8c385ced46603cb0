// The routine being built, as an editable list: each move with its times, moved up or down or
// removed. Empty times mean the move's own dose; Python checks every value (BuilderPanel).

import { h, uniqueId } from "./dom.js";

const LIMITS = { hold_seconds: [1, 300], reps: [1, 100], sets: [1, 10], rest_seconds: [0, 600] };

// A whole number as a number; anything else as typed, for Python to explain.
function parsed(text) {
  const value = text.trim();
  if (value === "") return undefined;
  return /^\d{1,6}$/.test(value) ? Number(value) : value;
}

function numberField(item, name, label, placeholder) {
  const id = uniqueId(`motw-draft-${name}`);
  const input = h("input", { id, type: "number", inputmode: "numeric", min: LIMITS[name][0],
    max: LIMITS[name][1], step: "1", placeholder, "data-field": name });
  input.value = item[name] ?? "";
  return h("div", { class: "motw-field motw-draft-field" }, h("label", { for: id }, label), input);
}

function sidesField(item, card) {
  const id = uniqueId("motw-draft-sides");
  const select = h("select", { id, "data-field": "sides" },
    h("option", { value: "" }, `Both, one ${card.per_side} then the other`),
    h("option", { value: "right" }, `Right ${card.per_side} only`),
    h("option", { value: "left" }, `Left ${card.per_side} only`));
  select.value = item.sides && item.sides !== "both" ? item.sides : "";
  return h("div", { class: "motw-field motw-draft-field motw-draft-sides" }, h("label", { for: id }, "Sides"), select);
}

// onChange(items, structural): structural when the list itself changed (add, move, remove).
export function createDraftList(cards, onChange) {
  const bySlug = new Map(cards.map((card) => [card.slug, card]));
  const list = h("ol", { class: "motw-draft" });
  const empty = h("p", { class: "motw-draft-empty" }, "No moves yet: add some from the library above.");
  let items = [];

  function draw(times = []) {
    list.replaceChildren(...items.map((item, index) => {
      const card = bySlug.get(item.move) ?? { title: item.move, dose: "", holds: true, reps: true };
      const fields = [];
      if (card.holds) fields.push(numberField(item, "hold_seconds", "Hold (s)", "own"));
      if (card.reps) fields.push(numberField(item, "reps", "Reps", "own"));
      fields.push(numberField(item, "sets", "Sets", "1"), numberField(item, "rest_seconds", "Rest after (s)", "10"));
      if (card.per_side) fields.push(sidesField(item, card));
      const name = `${index + 1}. ${card.title}`;
      return h("li", { class: "motw-draft-item", "data-index": String(index), "data-move": item.move },
        h("div", { class: "motw-draft-head" },
          h("p", { class: "motw-draft-title" }, h("strong", {}, card.title),
            times[index] ? h("span", { class: "motw-draft-time" }, ` · ${times[index]}`) : ""),
          h("div", { class: "motw-draft-buttons" },
            h("button", { type: "button", class: "motw-btn motw-btn-small", "data-draft": "up", "aria-label": `Move up: ${name}`, disabled: index === 0 }, "↑"),
            h("button", { type: "button", class: "motw-btn motw-btn-small", "data-draft": "down", "aria-label": `Move down: ${name}`, disabled: index === items.length - 1 }, "↓"),
            h("button", { type: "button", class: "motw-btn motw-btn-small", "data-draft": "remove", "aria-label": `Remove ${name}` }, "Remove"))),
        h("p", { class: "motw-draft-dose" }, `Own dose: ${card.dose}`),
        h("div", { class: "motw-draft-fields" }, fields));
    }));
    empty.hidden = items.length > 0;
  }

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-draft]");
    if (!button) return;
    const index = Number(button.closest("li").dataset.index);
    const action = button.dataset.draft;
    const to = action === "up" ? index - 1 : index + 1;
    if (action === "remove") items.splice(index, 1);
    else [items[index], items[to]] = [items[to], items[index]];
    onChange(items, true);
    const focusIndex = action === "remove" ? Math.min(index, items.length - 1) : to;
    const again = list.querySelector(`li[data-index="${focusIndex}"] button[data-draft="${action === "remove" ? "remove" : action}"]`);
    (again && !again.disabled ? again : list.querySelector(`li[data-index="${focusIndex}"] button`))?.focus();
  });
  list.addEventListener("input", (event) => {
    const field = event.target.dataset.field;
    if (!field) return;
    const item = items[Number(event.target.closest("li").dataset.index)];
    const value = field === "sides" ? event.target.value || undefined : parsed(event.target.value);
    if (value === undefined) delete item[field];
    else item[field] = value;
    onChange(items, false);
  });

  return {
    el: h("div", { class: "motw-draft-box" }, empty, list),
    set(newItems, times) {
      items = newItems.map((item) => ({ ...item }));
      draw(times);
    },
    add(slug) {
      items.push({ move: slug });
      onChange(items, true);
    },
    times(times) {
      for (const li of list.children) {
        const time = li.querySelector(".motw-draft-time");
        const text = times[Number(li.dataset.index)];
        if (time) time.textContent = text ? ` · ${text}` : "";
        else if (text) li.querySelector(".motw-draft-title").append(h("span", { class: "motw-draft-time" }, ` · ${text}`));
      }
    },
  };
}
