// Question views shared by the quiz and the review: one question at a time, the response
// sent to Python as a message, the grade that Python writes into `results` shown with its reason.
// hooks: label, status(number, total), nextLabel(number, total), beforeNext(q, result),
// afterResult(q, result) -> nodes, summary(order) -> {nodes, announce}.

let viewCount = 0;

function quizView(model, el, hooks) {
  const uid = `motw-quiz-${++viewCount}`;
  const root = h("section", { class: "motw motw-quiz", "aria-label": hooks.label });
  const status = h("p", { class: "motw-progress" });
  const stage = h("div", { class: "motw-stage" });
  const feedback = h("div", { class: "motw-feedback", role: "status", "aria-live": "polite" });
  const actions = h("div", { class: "motw-nav" });
  const problem = h("p", { class: "motw-bad", role: "alert" });
  problem.hidden = true;
  root.append(status, stage, feedback, problem, actions);
  el.append(root);
  let pendingFocus = null;
  let draft = {};  // order questions: the learner's arrangement before they check it

  const byId = () => Object.fromEntries(model.get("questions").map((q) => [q.id, q]));
  // A grade arrives first as a message, then in the synced `results`; until then, keep it here.
  let arrived = {};
  const resultOf = (id) => arrived[id] ?? model.get("results")[id];
  model.on("msg:custom", (msg) => {
    if (msg?.event !== "graded" || !msg.result) return;
    arrived[msg.id] = msg.result;
    queueDraw();
  });
  model.on("change:results", () => { arrived = {}; });

  function save(changes) {
    for (const [key, value] of Object.entries(changes)) model.set(key, value);
    model.save_changes();
  }

  // Each kind of question draws its choices, and later settles them in place with the grade:
  // the question the learner just answered is not rebuilt, only marked.

  function optionList(q) {
    const type = q.kind === "multi" ? "checkbox" : "radio";
    const items = q.options.map((text, i) => {
      const input = h("input", { type, name: `${uid}-${q.id}`, value: String(i) });
      return { i, input, label: h("label", { class: "motw-option" }, input, h("span", {}, text)) };
    });
    let settled = false;
    const node = h("div", { class: "motw-options" }, items.map((item) => item.label));
    // Until the answered question is locked (lock()), a click must not change the answer.
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
          let mark = null;
          if (chosen.has(i)) {
            mark = result.correct || (q.kind === "multi" && result.right_options.includes(i))
              ? h("span", { class: "motw-mark motw-good" }, " ✓ your answer, right")
              : h("span", { class: "motw-mark motw-bad" }, " ✗ your answer, wrong");
          } else if (result.right_options.includes(i)) {
            mark = h("span", { class: "motw-mark motw-good" }, " ✓ right answer");
          }
          if (mark) label.append(mark);
        }
      },
    };
  }

  function orderList(q, result) {
    const arrangement = result ? result.response : (draft[q.id] ??= q.options.map((_, i) => i));
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
      const order = draft[q.id];
      [order[from], order[to]] = [order[to], order[from]];
      pendingFocus = `[data-place="${to}"][data-move="${button.dataset.move}"]`;
      shown = null;  // the arrangement changed: draw the question again
      draw();
    });
    return {
      node: list,
      response: () => draft[q.id],
      settle() {
        settled = true;  // its buttons are disabled with the fieldset
      },
    };
  }

  let mapTemplate = null;  // parsed once; each question gets a copy

  function locateMap(q) {
    if (!mapTemplate && !model.get("map_svg")) {
      // Python sends the map (80 KB) when this question is shown or next; drawn again then.
      return {
        node: h("p", { class: "motw-hint" }, "Loading the body map…"),
        response: () => [],
        settle() {},
        waiting: true,
      };
    }
    if (!mapTemplate) {
      const doc = new DOMParser().parseFromString(model.get("map_svg"), "image/svg+xml");
      mapTemplate = document.importNode(doc.documentElement, true);
    }
    const svg = mapTemplate.cloneNode(true);
    const ids = q.option_ids;
    const chosenLine = h("p", { class: "motw-map-chosen" });
    let settled = false;
    const paintPick = (id) => {
      markSelected(svg, id);
      chosenLine.textContent = id ? "Area chosen. Check your answer when ready." : "";
    };
    const label = enableMap(svg, {
      nameOf: () => "",
      onSelect: (id, region) => {
        if (settled) return;
        draft[q.id] = id;
        paintPick(id);
        region.focus();
      },
    });
    paintPick(draft[q.id]);
    return {
      node: h("div", { class: "motw-locate" }, svg, label, chosenLine),
      response: () => {
        const index = ids.indexOf(draft[q.id]);
        return index >= 0 ? [index] : [];
      },
      settle(result) {
        settled = true;
        const picked = ids[result.response[0]];
        const right = ids[result.right_options[0]];
        markSelected(svg, picked);
        for (const region of svg.querySelectorAll("[data-muscle]")) {
          region.classList.toggle("answer", region.dataset.muscle === right);
          region.classList.toggle("wrong", !result.correct && region.dataset.muscle === picked);
        }
        chosenLine.textContent = result.correct
          ? "✓ You found it (shown in green)."
          : `✗ You chose the ${q.options[result.response[0]]} (red). The right one is shown in green.`;
      },
      lock() {  // the areas are not form controls: the fieldset does not disable them
        for (const region of svg.querySelectorAll("[data-muscle]")) region.removeAttribute("tabindex");
      },
    };
  }

  // The question on the stage: {id, choices, fieldset, hint, check, settled}.
  let shown = null;

  function buildQuestion(q, result) {
    const choices = q.kind === "order" ? orderList(q, result)
      : q.kind === "locate" ? locateMap(q) : optionList(q);
    const legend = h("legend", { class: "motw-prompt" }, q.prompt);
    const hint = h("p", { class: "motw-hint", id: `${uid}-hint` });
    const check = h("button", { type: "submit", class: "motw-btn motw-btn-primary" },
      q.kind === "order" ? "Check order" : "Check answer");
    const fieldset = h("fieldset", {}, legend, choices.node);
    const form = h("form", { class: "motw-question", "data-kind": q.kind, "data-qid": q.id },
      q.context ? h("p", { class: "motw-context" }, q.context) : "", fieldset, hint, check);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (resultOf(q.id)) return;
      const response = choices.response();
      if (!response.length) {
        hint.textContent = q.kind === "locate" ? "Click or press Enter on an area of the body first." : "Choose an answer first.";
        return;
      }
      // A reply usually comes within a frame or two; say "Checking…" only if it is slow.
      setTimeout(() => {
        if (!resultOf(q.id) && !model.get("error")) hint.textContent = "Checking…";
      }, 250);
      pendingFocus = "[data-action=next]";
      // One message, as a Button sends its click; Python replies with the grade.
      model.send({ event: "answer", id: q.id, response });
    });
    stage.replaceChildren(form);
    shown = { id: q.id, choices, fieldset, hint, check, settled: false };
  }

  function drawQuestion(q, number, total) {
    summaryShown = null;
    const result = resultOf(q.id);
    const line = hooks.status(number, total);
    if (status.textContent !== line) status.textContent = line;
    const mapArrived = shown?.choices.waiting && model.get("map_svg");
    if (!shown || shown.id !== q.id || (shown.settled && !result) || mapArrived) {
      buildQuestion(q, result);
    }
    if (result && !shown.settled) {
      shown.choices.settle(result);
      // One change disables every control of the answer. If one of them has focus, wait until
      // focus has moved on to Next: locking it first makes the browser move focus away itself,
      // a second focus change, with its own style pass, before the grade is even drawn.
      const { choices, fieldset } = shown;
      const lock = () => {
        fieldset.disabled = true;
        choices.lock?.();
      };
      if (pendingFocus && fieldset.contains(document.activeElement)) lockAfterFocus = lock;
      else lock();
      shown.check.hidden = true;
      shown.hint.hidden = true;  // its room is for messages before the answer; none come after
      shown.settled = true;
      // The feedback and its buttons are built once per answer too: a later redraw (the synced
      // state, a new best score) must not replace the button that has the learner's focus.
      const next = h("button", { type: "button", class: "motw-btn motw-btn-primary", "data-action": "next" },
        hooks.nextLabel(number, total));
      next.addEventListener("click", () => {
        pendingFocus = "input:not(:disabled), [data-move]:not(:disabled), [data-action]";
        hooks.beforeNext?.(q, result);
        save({ position: model.get("position") + 1 });
      });
      actions.replaceChildren(...(hooks.afterResult?.(q, result) ?? []), next);
      feedback.replaceChildren(
        h("p", { class: result.correct ? "motw-verdict motw-good" : "motw-verdict motw-bad" },
          result.correct ? "✓ " : "✗ ", result.verdict, result.detail ? `. ${result.detail}` : ""),
        result.correct ? "" : h("p", {}, h("strong", {}, "Answer: "), result.answer_text),
        h("p", { class: "motw-explanation" }, result.explanation),
      );
    } else if (!result) {
      feedback.replaceChildren();
      actions.replaceChildren();
    }
  }

  let summaryShown = null;  // the summary's announcement: rebuilt only when it changes (focus)

  function drawSummary(order) {
    const { nodes, announce } = hooks.summary(order, { save, resetDrafts: () => { draft = {}; }, focusFirst: () => {
      pendingFocus = "input:not(:disabled), [data-move]:not(:disabled), [data-action]";
    } });
    if (summaryShown === announce) return;
    summaryShown = announce;
    status.textContent = "Finished";
    shown = null;
    stage.replaceChildren(...nodes);
    feedback.replaceChildren(h("p", {}, announce));
    actions.replaceChildren();
  }

  function draw() {
    const order = model.get("order");
    const position = model.get("position");
    const questions = byId();
    if (position >= order.length) drawSummary(order);
    else drawQuestion(questions[order[position]], position + 1, order.length);
    const error = model.get("error");
    if (problem.textContent !== error) problem.textContent = error;
    problem.hidden = !error;
    if (pendingFocus) queueFocus();
  }

  // Focus needs a layout; asked for inside draw() it forces one before the change can even be
  // painted. In the next frame it shares the layout that paints the change.
  let focusQueued = false;
  let lockAfterFocus = null;
  function queueFocus() {
    if (focusQueued) return;
    focusQueued = true;
    requestAnimationFrame(() => {
      focusQueued = false;
      const target = pendingFocus && root.querySelector(pendingFocus);
      if (target) {
        target.focus();
        pendingFocus = null;
      }
      const lock = lockAfterFocus;
      lockAfterFocus = null;
      lock?.();
    });
  }

  // One redraw for a batch of trait changes (a grade arrives with the score in one message).
  let drawQueued = false;
  const queueDraw = () => {
    if (drawQueued) return;
    drawQueued = true;
    queueMicrotask(() => {
      drawQueued = false;
      draw();
    });
  };
  for (const name of ["order", "position", "results", "questions", "error", ...(hooks.redrawOn ?? [])]) {
    model.on(`change:${name}`, queueDraw);
  }
  draw();
  return () => root.remove();
}
