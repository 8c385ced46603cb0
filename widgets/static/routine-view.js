// The player's page: a big countdown, the move and its side, the figure, the cue, "next up",
// progress across the routine, and the buttons. It only draws what routine.js tells it.

import { clockText } from "./clock.js";
import { h, uniqueId } from "./dom.js";

function button(action, text, extra = {}) {
  return h("button", { type: "button", class: "motw-btn", "data-action": action, ...extra }, text);
}

// What a phase asks for: "Hold", "Rep 3 of 10".
function phaseText(where) {
  if (!where.phase) return "";
  return where.phase.kind === "hold" ? "Hold" : `Rep ${where.rep} of ${where.phase.reps}`;
}

// createFigure (figure.js) comes from routine.js, so the page fetches it alongside this module.
export function createPlayerView(title, createFigure) {
  const titleId = uniqueId("motw-player-title");
  const heading = h("p", { class: "motw-player-title", id: titleId }, title);
  const overall = h("progress", { class: "motw-bar motw-player-bar", max: "1", value: "0", "aria-hidden": "true" });
  const overallText = h("p", { class: "motw-player-overall" });
  const kind = h("p", { class: "motw-player-kind" });
  const name = h("p", { class: "motw-player-move" });
  const side = h("span", { class: "motw-side motw-player-side" });
  const count = h("p", { class: "motw-player-count", "aria-hidden": "true" });
  const phase = h("p", { class: "motw-player-phase" });
  const text = h("p", { class: "motw-player-text" });
  const cue = h("p", { class: "motw-cue motw-player-cue" });
  const caution = h("p", { class: "motw-player-caution", hidden: true });
  const next = h("p", { class: "motw-player-next" });
  const figureBox = h("div", { class: "motw-figure-box motw-player-figure" });
  const done = h("div", { class: "motw-player-done", hidden: true });
  const note = h("p", { class: "motw-player-note", role: "status", hidden: true });
  const live = h("p", { class: "motw-sr-only", "aria-live": "polite", "aria-atomic": "true" });
  const play = button("play", "Play", { class: "motw-btn motw-btn-primary motw-player-play" });
  const back = button("back", "Back", { "aria-keyshortcuts": "ArrowLeft" });
  const skip = button("skip", "Skip", { "aria-keyshortcuts": "ArrowRight" });
  const restart = button("restart", "Restart");
  const tones = button("tones", "Tones", { "aria-pressed": "true" });
  const voice = button("voice", "Spoken cues", { "aria-pressed": "false" });
  const keys = h("p", { class: "motw-player-keys" }, "Keys: Space to pause or play, ← back, → skip.");
  const el = h("section", { class: "motw motw-player", tabindex: "0", "aria-labelledby": titleId,
    "aria-keyshortcuts": "Space ArrowLeft ArrowRight", "data-state": "ready" },
    h("div", { class: "motw-player-head" }, heading, overallText), overall,
    h("div", { class: "motw-player-stage" },
      figureBox,
      h("div", { class: "motw-player-info" },
        kind, h("div", { class: "motw-player-name" }, name, side), count, phase, text, cue, caution, next)),
    done, note,
    h("div", { class: "motw-player-controls" }, back, play, skip, restart),
    h("div", { class: "motw-player-options" }, tones, voice),
    keys, live);

  const figures = new Map();
  let shownFigure = null;

  function figureFor(slug, move) {
    if (!figures.has(slug)) {
      const frames = move.frames ?? [];
      figures.set(slug, frames.some(Boolean) ? createFigure(move.svg, frames) : null);
    }
    return figures.get(slug);
  }

  // state: { where, pose, move, elapsed, total, running, finished }
  function paint(state) {
    const { where, move } = state;
    const segment = where.segment;
    el.dataset.state = state.finished ? "finished" : state.running ? "playing" : "paused";
    el.dataset.segment = String(where.index);
    el.dataset.kind = segment.kind;
    overall.max = state.total;
    overall.value = Math.min(state.elapsed, state.total);
    overallText.textContent = `${clockText(state.total - state.elapsed)} left of ${clockText(state.total)}`;
    const words = segment.words;
    kind.textContent = words.heading;
    name.textContent = words.name;
    side.textContent = segment.side_label ?? "";
    side.hidden = !segment.side_label || segment.kind === "switch";
    count.textContent = clockText(where.left);
    const step = move.steps[state.pose.step - 1];
    phase.textContent = phaseText(state.pose);
    text.textContent = segment.kind === "work" ? (step?.text ?? "") : words.note;
    cue.replaceChildren(...(segment.kind === "work" && step?.cue ? [h("strong", {}, "Cue: "), step.cue] : []));
    cue.hidden = !(segment.kind === "work" && step?.cue);
    // A move's caution as it begins: while getting ready for it and through its first set.
    const careful = Boolean(move.caution) && (segment.kind !== "work" || segment.set === 1);
    caution.replaceChildren(...(careful ? [h("strong", {}, "Take care: "), move.caution] : []));
    caution.hidden = !careful;
    next.textContent = words.next;
    const figure = figureFor(segment.move, move);
    if (figure !== shownFigure) {
      figureBox.replaceChildren(figure ? figure.el : "");
      shownFigure = figure;
    }
    figureBox.hidden = !figure;
    figure?.show(state.pose.step - 1, segment.side === "left");
    play.textContent = state.finished ? "Play again" : state.running ? "Pause" : state.elapsed > 0 ? "Resume" : "Play";
    back.disabled = state.elapsed <= 0 && !state.finished;
    skip.disabled = state.finished;
  }

  function finish(message) {
    done.hidden = false;
    done.replaceChildren(h("p", { class: "motw-done" }, "✓ Well done: routine finished."), h("p", {}, message));
  }

  function unfinish() {
    done.hidden = true;
    done.replaceChildren();
  }

  return {
    el, paint, finish, unfinish, buttons: { play, back, skip, restart, tones, voice },
    // A note about the sessions kept in this browser ("" hides it).
    note(message) {
      note.textContent = message;
      note.hidden = !message;
    },
    announce(message) {
      live.textContent = message;
    },
  };
}
