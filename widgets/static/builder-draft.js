// The routine being built, as an editable list: each move with its times, moved up or down or
// removed. Empty times mean the move's own dose, or the schema's default; Python checks every
// value (BuilderPanel) and sends the bounds and defaults the inputs show (`limits`).

import { h, uniqueId } from "./dom.js";

// What the learner typed: nothing as undefined (the default), a whole number as a number,
// anything else as typed, for Python to explain.
export function readNumber(text) {
  const value = text.trim();
  if (value === "") return undefined;
  return /^\d{1,6}$/.test(value) ? Number(value) : value;
}

// An input's attributes for one of an item's numbers, from Python's limits (page_limits): its
// bounds, and as placeholder its default, or "own" where the move's own dose applies.
export function numberInputBounds(limits, name) {
  const field = limits.fields[name];
  return { min: field.min, max: field.max, placeholder: String(field.default ?? "own") };
}

// The list after an action on the item at `index` ("up", "down" or "remove"), and the index of
// the item whose button should have the focus next.
export function rearranged(items, index, action) {
  const next = [...items];
  if (action === "remove") {
    next.splice(index, 1);
    return { items: next, focus: Math.min(index, next.length - 1) };
  }
  const to = action === "up" ? index - 1 : index + 1;
  if (to < 0 || to >= next.length) return { items: next, focus: index };
  [next[index], next[to]] = [next[to], next[index]];
  return { items: next, focus: to };
}

function numberField(item, name, label, limits) {
  const id = uniqueId(`motw-draft-${name}`);
  const input = h("input", { id, type: "number", inputmode: "numeric", step: "1", "data-field": name,
    ...numberInputBounds(limits, name) });
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
export function createDraftList(cards, limits, onChange) {
  const bySlug = new Map(cards.map((card) => [card.slug, card]));
  const list = h("ol", { class: "motw-draft" });
  const empty = h("p", { class: "motw-draft-empty" }, "No moves yet: add some from the library above.");
  let items = [];

  function draw(times = []) {
    list.replaceChildren(...items.map((item, index) => {
      const card = bySlug.get(item.move) ?? { title: item.move, dose: "", holds: true, reps: true };
      const fields = [];
      if (card.holds) fields.push(numberField(item, "hold_seconds", "Hold (s)", limits));
      if (card.reps) fields.push(numberField(item, "reps", "Reps", limits));
      fields.push(numberField(item, "sets", "Sets", limits), numberField(item, "rest_seconds", "Rest after (s)", limits));
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
    const action = button.dataset.draft;
    const { items: after, focus: focusIndex } = rearranged(items, Number(button.closest("li").dataset.index), action);
    items = after;
    onChange(items, true);
    const again = list.querySelector(`li[data-index="${focusIndex}"] button[data-draft="${action === "remove" ? "remove" : action}"]`);
    (again && !again.disabled ? again : list.querySelector(`li[data-index="${focusIndex}"] button`))?.focus();
  });
  list.addEventListener("input", (event) => {
    const field = event.target.dataset.field;
    if (!field) return;
    const item = items[Number(event.target.closest("li").dataset.index)];
    const value = field === "sides" ? event.target.value || undefined : readNumber(event.target.value);
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
