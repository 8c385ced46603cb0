// Quiz view: shows one question at a time, sends the response as `answers`, shows the grade
// that Python writes into `results`.

let viewCount = 0;

function render({ model, el }) {
  const uid = `motw-quiz-${++viewCount}`;
  const root = h("section", { class: "motw motw-quiz", "aria-label": `Quiz: ${model.get("title")}` });
  const status = h("p", { class: "motw-progress" });
  const stage = h("div", { class: "motw-stage" });
  const feedback = h("div", { class: "motw-feedback", role: "status", "aria-live": "polite" });
  const actions = h("div", { class: "motw-nav" });
  root.append(status, stage, feedback, actions);
  el.append(root);
  let pendingFocus = null;
  let draft = {};  // order questions: the learner's arrangement before they check it

  const byId = () => Object.fromEntries(model.get("questions").map((q) => [q.id, q]));
  const results = () => model.get("results");

  function save(changes) {
    for (const [key, value] of Object.entries(changes)) model.set(key, value);
    model.save_changes();
  }

  function optionList(q, result) {
    const type = q.kind === "multi" ? "checkbox" : "radio";
    const chosen = new Set(result ? result.response : []);
    return h(
      "div",
      { class: "motw-options" },
      q.options.map((text, i) => {
        const input = h("input", {
          type,
          name: `${uid}-${q.id}`,
          value: String(i),
          checked: chosen.has(i),
          disabled: Boolean(result),
        });
        let mark = null;
        if (result && chosen.has(i)) {
          mark = result.correct || (q.kind === "multi" && result.right_options.includes(i))
            ? h("span", { class: "motw-mark motw-good" }, " ✓ your answer, right")
            : h("span", { class: "motw-mark motw-bad" }, " ✗ your answer, wrong");
        } else if (result && result.right_options.includes(i)) {
          mark = h("span", { class: "motw-mark motw-good" }, " ✓ right answer");
        }
        return h("label", { class: "motw-option" }, input, h("span", {}, text), mark);
      }),
    );
  }

  function orderList(q, result) {
    const arrangement = result ? result.response : (draft[q.id] ??= q.options.map((_, i) => i));
    const list = h("ol", { class: "motw-order" });
    arrangement.forEach((optionIndex, place) => {
      const text = q.options[optionIndex];
      const up = h("button", {
        type: "button", class: "motw-btn motw-btn-small", "aria-label": `Move up: ${text}`,
        disabled: Boolean(result) || place === 0, "data-move": "-1", "data-place": String(place),
      }, "↑");
      const down = h("button", {
        type: "button", class: "motw-btn motw-btn-small", "aria-label": `Move down: ${text}`,
        disabled: Boolean(result) || place === arrangement.length - 1,
        "data-move": "1", "data-place": String(place),
      }, "↓");
      list.append(h("li", { class: "motw-order-item" }, h("span", { class: "motw-order-text" }, text),
        h("span", { class: "motw-order-buttons" }, up, down)));
    });
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-move]");
      if (!button || button.disabled) return;
      const from = Number(button.dataset.place);
      const to = from + Number(button.dataset.move);
      const order = draft[q.id];
      [order[from], order[to]] = [order[to], order[from]];
      pendingFocus = `[data-place="${to}"][data-move="${button.dataset.move}"]`;
      draw();
    });
    return list;
  }

  function responseOf(q, form) {
    if (q.kind === "order") return draft[q.id];
    return [...form.querySelectorAll("input:checked")].map((input) => Number(input.value));
  }

  function drawQuestion(q, number, total) {
    const result = results()[q.id];
    const answered = model.get("answers")[q.id];
    status.textContent = `Question ${number} of ${total}`;
    const legend = h("legend", { class: "motw-prompt" }, q.prompt);
    const choices = q.kind === "order" ? orderList(q, result) : optionList(q, result);
    const hint = h("p", { class: "motw-hint", id: `${uid}-hint` });
    const check = h("button", { type: "submit", class: "motw-btn motw-btn-primary" },
      q.kind === "order" ? "Check order" : "Check answer");
    check.hidden = Boolean(result);
    const form = h("form", { class: "motw-question", "data-kind": q.kind },
      h("fieldset", {}, legend, choices), hint, check);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const response = responseOf(q, form);
      if (!response.length) {
        hint.textContent = "Choose an answer first.";
        return;
      }
      hint.textContent = "Checking…";
      pendingFocus = "[data-action=next]";
      save({ answers: { ...model.get("answers"), [q.id]: response } });
    });
    stage.replaceChildren(form);
    if (answered && !result) hint.textContent = "Checking…";
    if (result) {
      const next = h("button", { type: "button", class: "motw-btn motw-btn-primary", "data-action": "next" },
        number === total ? "See your score" : "Next question");
      next.addEventListener("click", () => {
        pendingFocus = "input:not(:disabled), [data-move]:not(:disabled), [data-action]";
        save({ position: model.get("position") + 1 });
      });
      actions.replaceChildren(next);
      feedback.replaceChildren(
        h("p", { class: result.correct ? "motw-verdict motw-good" : "motw-verdict motw-bad" },
          result.correct ? "✓ " : "✗ ", result.verdict, result.detail ? `. ${result.detail}` : ""),
        result.correct ? "" : h("p", {}, h("strong", {}, "Answer: "), result.answer_text),
        h("p", { class: "motw-explanation" }, result.explanation),
      );
    } else {
      feedback.replaceChildren();
      actions.replaceChildren();
    }
  }

  function drawSummary(order) {
    const all = results();
    const right = order.filter((id) => all[id]?.correct).length;
    const missed = order.filter((id) => !all[id]?.correct);
    const questions = byId();
    status.textContent = "Quiz finished";
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
        for (const id of missed) delete draft[id];
        pendingFocus = "input:not(:disabled), [data-move]:not(:disabled), [data-action]";
        save({ answers, order: missed, position: 0 });
      });
      buttons.append(retry);
    }
    const again = h("button", { type: "button", class: "motw-btn", "data-action": "again" }, "Start over");
    again.addEventListener("click", () => {
      draft = {};
      pendingFocus = "input:not(:disabled), [data-move]:not(:disabled), [data-action]";
      save({ answers: {}, order: model.get("questions").map((q) => q.id), position: 0 });
    });
    buttons.append(again);
    stage.replaceChildren(
      h("p", { class: "motw-score" }, `You scored ${right} of ${order.length}.`),
      list,
      buttons,
    );
    feedback.replaceChildren(h("p", {}, `Quiz finished: ${right} of ${order.length} right.`));
    actions.replaceChildren();
  }

  function draw() {
    const order = model.get("order");
    const position = model.get("position");
    const questions = byId();
    if (position >= order.length) drawSummary(order);
    else drawQuestion(questions[order[position]], position + 1, order.length);
    const error = model.get("error");
    if (error) feedback.append(h("p", { class: "motw-bad", role: "alert" }, error));
    if (pendingFocus) {
      const target = root.querySelector(pendingFocus);
      if (target) {
        target.focus();
        pendingFocus = null;
      }
    }
  }

  for (const name of ["order", "position", "results", "questions", "error"]) {
    model.on(`change:${name}`, draw);
  }
  draw();
  return () => root.remove();
}

export default { render };
