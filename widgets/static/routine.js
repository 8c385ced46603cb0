// RoutinePlayer view: plays Python's plan against a clock that keeps true time (clock.js). Every
// word it shows or says for a segment comes with the plan (`segment.words`).
// The clock, the drawing, the sounds and the keyboard live here, so a routine plays to its end
// with the network gone. A finished session is kept in the browser first (unsaved.js) and sent
// to Python (`unsaved`) when it ends, again after a lost connection (the host re-sends what the
// kernel did not answer), and on the next load of any page with a player; Python records each
// once and names those it holds (`settled`) or refused (`refused`).

import { createClock } from "./clock.js";
import { createTones, createWakeLock, speak, speechAvailable, watchVoices } from "./cues.js";
import { createFigure } from "./figure.js";
import { createPlayerView } from "./routine-view.js";
import { locate, pose } from "./timeline.js";
import { createUnsaved, SAVED_EVENT, sessionId } from "./unsaved.js";

const BACK_TO_START_MS = 2000;  // Back within this time of a segment's start goes to the one before
const LAST_SECONDS = 3;
const SAVING = "Saving it in your history; this browser keeps it until then.";
const SAVED = "Saved in your history in this browser.";

function browserStorage() {
  try {
    const storage = window.localStorage;
    storage.getItem("probe");
    return storage;
  } catch {
    return null;
  }
}

function render({ model, el }) {
  const clock = createClock();
  const tones = createTones();
  const wake = createWakeLock();
  let plan = model.get("plan");
  let view = null;
  let timer = null;
  let shownIndex = -1;
  let shownSecond = null;
  let finished = false;
  let sessionShown = null; // the id of the session the end screen is about
  let localNote = "";
  const unsaved = createUnsaved(browserStorage(), model.get("unsaved_key"), model.get("progress_key"));
  let tonesOn = true;
  let voiceOn = false;

  const totalMs = () => plan.total_seconds * 1000;

  function state() {
    const elapsed = Math.min(clock.elapsed(), totalMs());
    const where = locate(plan, elapsed / 1000);
    return {
      where,
      pose: pose(where.segment, where.within),
      move: model.get("moves")[where.segment.move],
      elapsed: elapsed / 1000,
      total: plan.total_seconds,
      running: clock.running,
      finished,
    };
  }

  // Draw the moment, and mark what changed: a new segment (tone, announcement, speech) or one
  // of the last seconds of a segment (a short tone).
  function update() {
    if (!plan.segments?.length) return;
    if (!finished && clock.elapsed() >= totalMs()) return finish();
    const now = state();
    view.paint(now);
    view.el.dataset.elapsed = String(Math.round(clock.elapsed()));
    const { index, segment, left } = now.where;
    if (index !== shownIndex) {
      const first = shownIndex === -1 && !clock.running;
      shownIndex = index;
      if (!first) {
        view.announce(segment.words.spoken);
        if (clock.running && tonesOn) tones.play("change");
        if (clock.running && voiceOn) speak(segment.words.spoken);
      }
    }
    const second = Math.ceil(left);
    if (clock.running && second !== shownSecond && second >= 1 && second <= LAST_SECONDS && segment.seconds > LAST_SECONDS && tonesOn) {
      tones.play("count");
    }
    shownSecond = second;
    schedule();
  }

  // Wake at the next half second of the routine, when the countdown or the figure changes.
  function schedule() {
    clearTimeout(timer);
    timer = null;
    if (!clock.running) return;
    const ms = 500 - (clock.elapsed() % 500);
    timer = setTimeout(update, Math.max(1, ms));
  }

  function finish() {
    const overshoot = Math.max(0, clock.elapsed() - totalMs());
    clock.pause();
    const seconds = Math.max(1, Math.round((clock.played() - overshoot) / 1000));
    finished = true;
    clearTimeout(timer);
    wake.release();
    const finishedAt = Date.now() - overshoot;
    view.el.dataset.finishedAt = String(finishedAt);
    view.paint(state());
    view.finish(SAVING);
    view.announce("Routine finished. Well done.");
    if (tonesOn) tones.play("change");
    if (voiceOn) speak("Routine finished. Well done.");
    sessionShown = sessionId();
    unsaved.add({
      id: sessionShown,
      routine: model.get("routine"),
      title: plan.title,
      finished_at: new Date(finishedAt).toISOString(),
      seconds,
    });
    tell(unsaved.list());
  }

  // Sends the sessions the browser keeps to Python (nothing when Python has this list already).
  function tell(sessions) {
    showNote();
    model.set("unsaved", sessions);
    model.save_changes();
  }

  // Python's note on what it refused, and this browser's on what it could not read.
  function showNote() {
    localNote = unsaved.problem() || localNote;
    view.note([localNote, model.get("notice")].filter(Boolean).join(" "));
  }

  // Python's answer: forget what the saved progress holds, set aside what it refused.
  function onSettled() {
    const left = unsaved.settle(model.get("settled"), model.get("refused"));
    if (finished && model.get("settled").includes(sessionShown)) view.finish(SAVED);
    tell(left);
  }

  function play() {
    tones.unlock();
    if (finished) restart();
    clock.play();
    wake.hold();
    const { spoken } = state().where.segment.words;
    view.announce(`Playing. ${spoken}`);
    if (voiceOn) speak(spoken);
    update();
  }

  function pause() {
    clock.pause();
    wake.release();
    update();
    view.announce(`Paused, ${state().where.segment.words.label}.`);
  }

  function restart() {
    clock.reset();
    finished = false;
    shownIndex = -1;
    view.unfinish();
    delete view.el.dataset.finishedAt;
    update();
  }

  function seekSegment(step) {
    if (finished && step > 0) return;
    if (finished) {
      finished = false;
      view.unfinish();
    }
    const { index, within } = locate(plan, Math.min(clock.elapsed(), totalMs() - 1) / 1000);
    let target = index + step;
    if (step < 0 && within * 1000 > BACK_TO_START_MS) target = index;
    if (target >= plan.segments.length) {
      clock.seek(totalMs());
      return finish();
    }
    clock.seek(plan.segments[Math.max(0, target)].start * 1000);
    update();
  }

  const actions = {
    play: () => (clock.running ? pause() : play()),
    back: () => seekSegment(-1),
    skip: () => seekSegment(1),
    restart: () => {
      const wasRunning = clock.running;
      restart();
      if (wasRunning) play();
    },
    tones: () => {
      tonesOn = !tonesOn;
      if (tonesOn) tones.unlock();
      view.buttons.tones.setAttribute("aria-pressed", String(tonesOn));
    },
    voice: () => {
      voiceOn = !voiceOn && speechAvailable();
      view.buttons.voice.setAttribute("aria-pressed", String(voiceOn));
      if (!speechAvailable()) view.announce("This browser has no voice for spoken cues.");
    },
  };

  // The option buttons show the learner's choices (kept across a new plan); spoken cues are
  // offered only where the browser has a voice to read them.
  function showOptions() {
    if (!speechAvailable()) voiceOn = false;
    view.buttons.voice.hidden = !speechAvailable();
    view.buttons.voice.setAttribute("aria-pressed", String(voiceOn));
    view.buttons.tones.setAttribute("aria-pressed", String(tonesOn));
  }

  function build(change) {
    plan = model.get("plan");
    clearTimeout(timer);
    clock.reset();
    wake.release();
    finished = false;
    shownIndex = -1;
    view?.el.remove();
    view = createPlayerView(plan.title ?? "", createFigure);
    view.el.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (button && !button.disabled) actions[button.dataset.action]();
    });
    view.el.addEventListener("keydown", (event) => {
      if (event.target.closest("input, select, textarea") || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === " ") actions.play();
      else if (event.key === "ArrowRight") actions.skip();
      else if (event.key === "ArrowLeft") actions.back();
      else return;
      event.preventDefault();
    });
    // Space's own click on a focused button comes at keyup: the keydown above already acted.
    view.el.addEventListener("keyup", (event) => {
      if (event.key === " ") event.preventDefault();
    });
    el.append(view.el);
    showOptions();
    view.el.hidden = !plan.segments?.length;
    update();
    if (change && plan.segments?.length) {  // a routine sent to play from the builder
      const shown = view;
      setTimeout(() => {  // once the layout has shown the player
        shown.el.scrollIntoView({ block: "start" });
        shown.el.focus({ preventScroll: true });
      }, 50);
      view.announce(`${plan.title} is ready. Press Play or Space to start.`);
    }
  }

  function onVisibility() {
    if (document.visibilityState !== "visible") return;
    if (clock.running) wake.hold();  // the browser let the lock go while the page was hidden
    update();  // the clock kept true time: this only redraws at the right place
  }

  // A session Python recorded before the saved progress was read is forgotten once it is saved.
  function onSaved(event) {
    if (event.detail?.key === model.get("progress_key")) onSettled();
  }

  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener(SAVED_EVENT, onSaved);
  const stopWatchingVoices = watchVoices(showOptions);
  model.on("change:plan", build);
  model.on("change:settled change:refused", onSettled);
  model.on("change:notice", showNote);
  build(null);
  tell(unsaved.list()); // sessions an earlier page (or a lost connection) left unsaved
  return () => {
    clearTimeout(timer);
    wake.release();
    tones.close();
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener(SAVED_EVENT, onSaved);
    stopWatchingVoices();
    view?.el.remove();
  };
}

export default { render };
