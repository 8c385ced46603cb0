// Review view: the shared question view, plus "how sure were you?" after each answer (the
// ratings Python offers, `rating_choices`) and a session summary.

import { h } from "./dom.js";
import { quizView } from "./quizview.js";

function render({ model, el }) {
  const chosen = {};
  return quizView(model, el, {
    label: "Review across the course",
    status: (number, total) => `Card ${number} of ${total}`,
    nextLabel: (number, total) => (number === total ? "Finish the session" : "Next card"),
    afterResult(q, result) {
      chosen[q.id] ??= result.rating;
      const group = h("div", { class: "motw-rating", role: "group", "aria-label": "How sure were you?" },
        h("span", { class: "motw-rating-label" }, "How sure were you?"),
        model.get("rating_choices").map(({ name: value, label }) => {
          const button = h("button", { type: "button", class: "motw-btn motw-btn-small", "data-rating": value,
            "aria-pressed": String(chosen[q.id] === value) }, label);
          button.addEventListener("click", () => {
            chosen[q.id] = value;
            for (const other of group.querySelectorAll("[data-rating]")) {
              other.setAttribute("aria-pressed", String(other.dataset.rating === value));
            }
          });
          return button;
        }));
      return [group];
    },
    beforeNext(q) {
      model.set("ratings", { ...model.get("ratings"), [q.id]: chosen[q.id] });
    },
    summary(order, { save, resetDrafts, focusFirst }) {
      const summary = model.get("summary");
      if (!order.length) {
        return { nodes: [h("p", {}, "Nothing to review right now: every card is scheduled for later.")],
          announce: "Nothing to review right now." };
      }
      if (!("right" in summary)) {
        return { nodes: [h("p", {}, "Saving your answers…")], announce: "" };
      }
      const more = h("button", { type: "button", class: "motw-btn motw-btn-primary", "data-action": "more" },
        "Start another session");
      more.addEventListener("click", () => {
        resetDrafts();
        focusFirst();
        save({ session: model.get("session") + 1 });
      });
      const weakest = summary.weakest.length
        ? `Muscle groups to revisit: ${summary.weakest.join(", ")}.`
        : "No weak spots in this session.";
      const next = summary.next_due ? `The next card comes back ${summary.next_due}.` : "";
      return {
        nodes: [
          h("p", { class: "motw-score" }, `You got ${summary.right} of ${summary.total} right.`),
          h("p", {}, weakest),
          h("p", {}, `${next} ${summary.due_within_a_day} card${summary.due_within_a_day === 1 ? " is" : "s are"} due within a day.`),
          h("div", { class: "motw-nav" }, more),
        ],
        announce: `Session finished: ${summary.right} of ${summary.total} right.`,
      };
    },
    redrawOn: ["summary"],
  });
}

export default { render };
