// "Put the steps in order" questions: a list the learner rearranges with up and down buttons.

import { h } from "./dom.js";

export const orderQuestion = {
  // drafts[q.id] holds the learner's arrangement until they check it; a move draws it again.
  build(q, { result, drafts, redraw }) {
    if (!result && !drafts[q.id]) drafts[q.id] = q.options.map((_, i) => i);
    const arrangement = result ? result.response : drafts[q.id];
    const list = h("ol", { class: "motw-order" });
    arrangement.forEach((optionIndex, place) => {
      const text = q.options[optionIndex];
      const up = h("button", {
        type: "button", class: "motw-btn motw-btn-small", "aria-label": `Move up: ${text}`,
        disabled: place === 0, "data-move": "-1", "data-place": String(place),
      }, "↑");
      const down = h("button", {
        type: "button", class: "motw-btn motw-btn-small", "aria-label": `Move down: ${text}`,
        disabled: place === arrangement.length - 1, "data-move": "1", "data-place": String(place),
      }, "↓");
      list.append(h("li", { class: "motw-order-item" }, h("span", { class: "motw-order-text" }, text),
        h("span", { class: "motw-order-buttons" }, up, down)));
    });
    let settled = false;
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-move]");
      if (settled || !button || button.disabled) return;
      const from = Number(button.dataset.place);
      const to = from + Number(button.dataset.move);
      const order = drafts[q.id];
      [order[from], order[to]] = [order[to], order[from]];
      redraw(`[data-place="${to}"][data-move="${button.dataset.move}"]`);
    });
    return {
      node: list,
      response: () => drafts[q.id],
      settle() {
        settled = true;  // its buttons are disabled with the fieldset
      },
    };
  },
};
