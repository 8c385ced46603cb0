// Questions whose kind asks to pick one option, or (`several`) every one that applies: radio
// buttons or checkboxes, marked in place with the grade.

import { h } from "./dom.js";

export const choiceQuestion = {
  build(q, { kind, uid }) {
    const type = kind.several ? "checkbox" : "radio";
    const items = q.options.map((text, i) => {
      const input = h("input", { type, name: `${uid}-${q.id}`, value: String(i) });
      return { i, input, label: h("label", { class: "motw-option" }, input, h("span", {}, text)) };
    });
    let settled = false;
    const node = h("div", { class: "motw-options" }, items.map((item) => item.label));
    // Until the answered question is locked, a click must not change the answer.
    node.addEventListener("click", (event) => {
      if (settled && event.target.matches("input")) event.preventDefault();
    });
    return {
      node,
      response: () => items.filter((item) => item.input.checked).map((item) => item.i),
      settle(result) {
        settled = true;
        const chosen = new Set(result.response);
        for (const { i, input, label } of items) {
          if (input.checked !== chosen.has(i)) input.checked = chosen.has(i);
          const mark = markOf(kind, result, i, chosen.has(i));
          if (mark) label.append(mark);
        }
      },
    };
  },
};

function markOf(kind, result, i, chosen) {
  if (chosen) {
    return result.correct || (kind.several && result.right_options.includes(i))
      ? h("span", { class: "motw-mark motw-good" }, " ✓ your answer, right")
      : h("span", { class: "motw-mark motw-bad" }, " ✗ your answer, wrong");
  }
  if (result.right_options.includes(i)) return h("span", { class: "motw-mark motw-good" }, " ✓ right answer");
  return null;
}
