// StepWalkthrough view: every screen is already in `steps`, so navigation never waits for the
// kernel. Navigation lives here only: the page tells Python the screen shown (`index`) and when
// the learner finished (`done`), and Python records progress from them.

import { h } from "./dom.js";
import { createFigure } from "./figure.js";
import { createRepCounter, createTimer } from "./timer.js";

function amount(step) {
  const parts = [];
  if (step.hold_seconds) parts.push(`Hold ${step.hold_seconds} seconds`);
  if (step.reps) parts.push(`${step.reps} reps`);
  return parts.join(" · ");
}

function render({ model, el }) {
  const root = h("section", { class: "motw motw-walk", "aria-label": `Steps: ${model.get("title")}` });
  const dose = h("p", { class: "motw-dose" });
  const progressLine = h("p", { class: "motw-progress" });
  const bar = h("progress", { class: "motw-bar", max: "1", value: "0", "aria-hidden": "true" });
  const body = h("div", { class: "motw-step", "aria-live": "polite", "aria-atomic": "true" });
  const frames = model.get("figure").frames;
  const figure = frames?.some(Boolean) ? createFigure(model.get("figure_svg"), frames) : null;
  const tool = h("div", { class: "motw-tool" });
  let toolFor = null;
  let toolHandle = null;
  const prev = h("button", { type: "button", class: "motw-btn", "data-action": "previous" }, "Previous");
  const next = h("button", { type: "button", class: "motw-btn motw-btn-primary", "data-action": "next" }, "Next");
  const restart = h("button", { type: "button", class: "motw-btn", "data-action": "restart" }, "Restart");
  const nav = h("div", { class: "motw-nav" }, prev, next, restart);
  const layout = h("div", { class: figure ? "motw-walk-body" : "motw-walk-body motw-no-figure" },
    figure ? h("div", { class: "motw-figure-box" }, figure.el) : "", h("div", {}, body, tool));
  root.append(dose, progressLine, bar, layout, nav);
  el.append(root);

  function go(index, done = false) {
    model.set("index", index);
    model.set("done", done);
    setTimeout(() => model.save_changes(), 0);  // show the step first; tell Python after
  }

  function draw() {
    const steps = model.get("steps");
    const index = Math.min(model.get("index"), steps.length - 1);
    const done = model.get("done");
    const step = steps[index];
    const last = index === steps.length - 1;
    dose.textContent = model.get("dose");
    bar.max = steps.length;
    bar.value = done ? steps.length : index + 1;
    if (done) {
      progressLine.textContent = `All ${steps.length} steps done`;
      body.replaceChildren(
        h("p", { class: "motw-done" }, "✓ Well done: you finished every step."),
        h("p", {}, "Restart to go through the move again."),
      );
    } else {
      progressLine.replaceChildren(
        step.side_label ? h("span", { class: "motw-side" }, step.side_label) : "",
        h("span", {}, `Step ${step.step_number} of ${step.step_count}`),
      );
      const how = amount(step);
      body.replaceChildren(
        step.switch_note ? h("p", { class: "motw-switch" }, step.switch_note) : "",
        h("p", { class: "motw-text" }, step.text),
        step.cue ? h("p", { class: "motw-cue" }, h("strong", {}, "Cue: "), step.cue) : "",
        how ? h("p", { class: "motw-amount" }, how) : "",
      );
    }
    figure?.show(step.step_number - 1, step.side === "left");
    drawTool(done ? null : index);
    prev.disabled = index === 0 && !done;
    next.hidden = done;
    next.textContent = last ? "Finish" : "Next";
    restart.hidden = !done && index === 0;
  }

  function drawTool(index) {
    if (index === toolFor) return;
    toolHandle?.stop();
    toolFor = index;
    toolHandle = null;
    const steps = model.get("steps");
    const step = index === null ? null : steps[index];
    if (step?.hold_seconds) {
      const last = index === steps.length - 1;
      const then = { label: step.then_label, run: () => { act("next"); (last ? restart : next).focus(); } };
      toolHandle = createTimer(step.hold_seconds, {
        label: `Hold timer, ${step.hold_seconds} seconds${step.side_label ? `, ${step.side_label.toLowerCase()}` : ""}`,
        then,
      });
    } else if (step?.reps) {
      toolHandle = createRepCounter(step.reps);
    }
    tool.replaceChildren(toolHandle ? toolHandle.el : "");
  }

  function act(action) {
    const steps = model.get("steps");
    const index = model.get("index");
    if (action === "next") {
      if (model.get("done")) return;
      if (index === steps.length - 1) go(index, true);
      else go(index + 1);
    } else if (action === "previous") {
      if (model.get("done")) go(index);
      else if (index > 0) go(index - 1);
    } else if (action === "restart") {
      go(0);
    }
  }

  nav.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || button.disabled) return;
    const action = button.dataset.action;
    act(action);
    if (action === "next" && model.get("done")) restart.focus();
    if (action === "restart") next.focus();
    if (action === "previous" && prev.disabled) next.focus();
  });
  root.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select")) return;
    if (event.key === "ArrowRight") act("next");
    else if (event.key === "ArrowLeft") act("previous");
    else return;
    event.preventDefault();
  });

  model.on("change:index", draw);
  model.on("change:done", draw);
  model.on("change:steps", draw);
  draw();
  return () => {
    toolHandle?.stop();
    root.remove();
  };
}

export default { render };
