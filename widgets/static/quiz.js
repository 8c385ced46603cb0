// Quiz view of one move: the shared question view, Python's score (`score`), and a retry of the
// missed ones.

import { h } from "./dom.js";
import { quizView } from "./quizview.js";

function quizSummary(model) {
  return (order, { save, resetDrafts, focusFirst }) => {
    const all = model.get("results");
    const answers = model.get("answers");
    // The score comes with the answers and grades it counts: until every answer of the round
    // is in the synced state, it may not count them yet.
    if (!order.every((id) => id in answers && all[id])) return { nodes: [h("p", {}, "Working out your score…")], announce: "" };
    const [right, total] = model.get("score");
    const missed = order.filter((id) => !all[id]?.correct);
    const questions = Object.fromEntries(model.get("questions").map((q) => [q.id, q]));
    const list = h("ul", { class: "motw-summary" }, order.map((id) =>
      h("li", { class: all[id]?.correct ? "motw-good" : "motw-bad" },
        all[id]?.correct ? "✓ " : "✗ ", questions[id].prompt)));
    const buttons = h("div", { class: "motw-nav" });
    if (missed.length) {
      const retry = h("button", { type: "button", class: "motw-btn motw-btn-primary", "data-action": "retry" },
        `Retry the ${missed.length} I missed`);
      retry.addEventListener("click", () => {
        const answers = { ...model.get("answers") };
        for (const id of missed) delete answers[id];
        resetDrafts();
        focusFirst();
        save({ answers, order: missed, position: 0 });
      });
      buttons.append(retry);
    }
    const again = h("button", { type: "button", class: "motw-btn", "data-action": "again" }, "Start over");
    again.addEventListener("click", () => {
      resetDrafts();
      focusFirst();
      save({ answers: {}, order: model.get("questions").map((q) => q.id), position: 0 });
    });
    buttons.append(again);
    return {
      nodes: [
        h("p", { class: "motw-score" }, `Your score: ${right} of ${total} questions right.`),
        h("p", { class: "motw-score-rule" }, "It counts your latest answer to each question of this quiz, so a retry can raise it."),
        list, buttons],
      announce: `Quiz finished: your score is ${right} of ${total}.`,
    };
  };
}

function render({ model, el }) {
  return quizView(model, el, {
    label: `Quiz: ${model.get("title")}`,
    status: (number, total) => {
      // The score to beat, shown until this round's first answer: after that it would only
      // count the round in progress, and read like a finished score.
      const best = model.get("best");
      const results = model.get("results");
      const started = model.get("order").some((id) => results[id]);
      return `Question ${number} of ${total}${best.length && !started ? ` · Your best so far: ${best[0]} of ${best[1]}` : ""}`;
    },
    nextLabel: (number, total) => (number === total ? "See your score" : "Next question"),
    summary: quizSummary(model),
    redrawOn: ["best", "score", "map_svg"],
  });
}

export default { render };
