// The question view shared by the quiz and the review: one question at a time, the response
// sent to Python as a message, and the grade Python sends back shown with its reason. Each kind
// of question (as Python describes it, `question_kinds`) is drawn by its own view
// (questions.js); this view runs the round around them.
// hooks: label, status(number, total), nextLabel(number, total), beforeNext(q, result),
// afterResult(q, result) -> nodes, summary(order, actions) -> {nodes, announce}, redrawOn.

import { h, uniqueId } from "./dom.js";
import { questionView } from "./questions.js";

const FIRST_CONTROL = "input:not(:disabled), [data-move]:not(:disabled), [data-action]";

// Focus needs a layout; asked for inside a draw it forces one before the change can even be
// painted. In the next frame it shares the layout that paints the change.
function focusInNextFrame(root) {
  let wanted = null;
  let queued = false;
  let then = null;
  return {
    want(selector) {
      wanted = selector;
    },
    get pending() {
      return wanted !== null;
    },
    afterFocus(work) {
      then = work;
    },
    queue() {
      if (queued || wanted === null) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        const target = wanted && root.querySelector(wanted);
        if (target) {
          target.focus();
          wanted = null;
        }
        const work = then;
        then = null;
        work?.();
      });
    },
  };
}

// A grade arrives first as a message, then in the synced `results`; until then it is kept here.
// A synced grade counts only while its answer is in `answers`: "Start over" and "Retry" clear
// answers at once, and Python's `results` follow a moment later. Until then, the old grades
// must not settle a question the learner is answering again (and then wipe their choice).
function gradesOf(model, onArrival) {
  let arrived = {};
  model.on("msg:custom", (msg) => {
    if (msg?.event !== "graded" || !msg.result) return;
    arrived[msg.id] = msg.result;
    onArrival();
  });
  model.on("change:results", () => {
    arrived = {};
  });
  return (id) => arrived[id] ?? (id in model.get("answers") ? model.get("results")[id] : undefined);
}

export function quizView(model, el, hooks) {
  const uid = uniqueId("motw-quiz");
  const root = h("section", { class: "motw motw-quiz", "aria-label": hooks.label });
  const status = h("p", { class: "motw-progress" });
  const stage = h("div", { class: "motw-stage" });
  const feedback = h("div", { class: "motw-feedback", role: "status", "aria-live": "polite" });
  const actions = h("div", { class: "motw-nav" });
  const problem = h("p", { class: "motw-bad", role: "alert" });
  problem.hidden = true;
  root.append(status, stage, feedback, problem, actions);
  el.append(root);
  const focus = focusInNextFrame(root);
  const drafts = {};  // answers the learner is still making, by question id
  const resultOf = gradesOf(model, () => queueDraw());
  let shown = null;  // the question on the stage: {id, choices, fieldset, hint, check, settled}
  let summaryShown = null;  // the summary's announcement: rebuilt only when it changes (focus)

  function save(changes) {
    for (const [key, value] of Object.entries(changes)) model.set(key, value);
    model.save_changes();
  }

  // The question the learner just answered is not rebuilt when its grade comes, only marked.
  function buildQuestion(q, result) {
    let found;
    try {
      found = questionView(model.get("question_kinds"), q);
    } catch (error) {  // said where the question would be, and in the console
      stage.replaceChildren(h("p", { class: "motw-bad", role: "alert" }, error.message));
      shown = null;
      throw error;
    }
    const { kind, view } = found;
    const choices = view.build(q, {
      kind,
      uid,
      result,
      drafts,
      mapSvg: model.get("map_svg"),
      redraw(focusOn) {
        focus.want(focusOn);
        shown = null;
        draw();
      },
    });
    const hint = h("p", { class: "motw-hint", id: `${uid}-hint` });
    const check = h("button", { type: "submit", class: "motw-btn motw-btn-primary" }, kind.check_label);
    const fieldset = h("fieldset", {}, h("legend", { class: "motw-prompt" }, q.prompt), choices.node);
    const form = h("form", { class: "motw-question", "data-kind": q.kind, "data-qid": q.id },
      q.context ? h("p", { class: "motw-context" }, q.context) : "", fieldset, hint, check);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (resultOf(q.id)) return;
      const response = choices.response();
      if (!response.length) {
        hint.textContent = kind.empty_hint;
        return;
      }
      // A reply usually comes within a frame or two; say "Checking…" only if it is slow.
      setTimeout(() => {
        if (!resultOf(q.id) && !model.get("error")) hint.textContent = "Checking…";
      }, 250);
      focus.want("[data-action=next]");
      // One message, as a Button sends its click; Python replies with the grade.
      model.send({ event: "answer", id: q.id, response });
    });
    stage.replaceChildren(form);
    shown = { id: q.id, choices, fieldset, hint, check, settled: false };
  }

  function showGrade(q, result, number, total) {
    shown.choices.settle(result);
    // One change disables every control of the answer. If one of them has focus, wait until
    // focus has moved on to Next: locking it first makes the browser move focus away itself,
    // a second focus change, with its own style pass, before the grade is even drawn.
    const { choices, fieldset } = shown;
    const lock = () => {
      fieldset.disabled = true;
      choices.lock?.();
    };
    if (focus.pending && fieldset.contains(document.activeElement)) focus.afterFocus(lock);
    else lock();
    shown.check.hidden = true;
    shown.hint.hidden = true;  // its room is for messages before the answer; none come after
    shown.settled = true;
    // The feedback and its buttons are built once per answer too: a later redraw (the synced
    // state, a new best score) must not replace the button that has the learner's focus.
    const next = h("button", { type: "button", class: "motw-btn motw-btn-primary", "data-action": "next" },
      hooks.nextLabel(number, total));
    next.addEventListener("click", () => {
      focus.want(FIRST_CONTROL);
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
    if (result && !shown.settled) showGrade(q, result, number, total);
    else if (!result) {
      feedback.replaceChildren();
      actions.replaceChildren();
    }
  }

  function drawSummary(order) {
    const { nodes, announce } = hooks.summary(order, {
      save,
      resetDrafts: () => {
        for (const id of Object.keys(drafts)) delete drafts[id];
      },
      focusFirst: () => focus.want(FIRST_CONTROL),
    });
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
    if (position >= order.length) drawSummary(order);
    else {
      const questions = Object.fromEntries(model.get("questions").map((q) => [q.id, q]));
      drawQuestion(questions[order[position]], position + 1, order.length);
    }
    const error = model.get("error");
    if (problem.textContent !== error) problem.textContent = error;
    problem.hidden = !error;
    focus.queue();
  }

  // One redraw for a batch of trait changes (a grade arrives with the score in one message).
  let drawQueued = false;
  function queueDraw() {
    if (drawQueued) return;
    drawQueued = true;
    queueMicrotask(() => {
      drawQueued = false;
      draw();
    });
  }
  for (const name of ["order", "position", "results", "questions", "error", ...(hooks.redrawOn ?? [])]) {
    model.on(`change:${name}`, queueDraw);
  }
  draw();
  return () => root.remove();
}
