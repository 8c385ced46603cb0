// Muscle index: pick a muscle or a group, see the moves that train it.

import { h, uniqueId } from "./dom.js";

function render({ model, el }) {
  const id = uniqueId("motw-muscle");
  const select = h("select", { id },
    h("option", { value: "" }, "Choose a muscle or a group"),
    model.get("options").map((group) =>
      h("optgroup", { label: group.label },
        group.items.map((item) => h("option", { value: item.value }, item.label)))));
  select.value = model.get("choice");
  const result = h("div", { class: "motw-index-result", "aria-live": "polite" });
  const root = h("section", { class: "motw motw-index", "aria-label": "Muscle index" },
    h("div", { class: "motw-field" }, h("label", { for: id }, "Muscle or group"), select), result);
  el.append(root);

  select.addEventListener("change", () => {
    model.set("choice", select.value);
    model.save_changes();
  });

  function list(title, moves, empty) {
    return [
      h("h3", {}, title),
      moves.length
        ? h("ul", { class: "motw-index-list" }, moves.map((m) =>
            h("li", {}, h("a", { href: m.url }, m.title), ` (${m.kind})`)))
        : h("p", {}, empty),
    ];
  }

  function draw() {
    const data = model.get("result");
    if (!data.title) {
      result.replaceChildren(data.error ? h("p", { class: "motw-bad" }, data.error) : "");
      return;
    }
    result.replaceChildren(
      h("p", { class: "motw-index-title" }, data.title),
      ...list("Moves that target it", data.primary, "No move targets it yet."),
      ...list("Moves that also work it", data.secondary, "No other move works it."),
    );
  }
  model.on("change:result", draw);
  draw();
  return () => root.remove();
}

export default { render };
