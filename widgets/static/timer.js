// Hold timer and rep counter. Time is measured from performance.now(), so it stays right even
// when the kernel is busy or the tab throttles its timers.

import { clockText } from "./clock.js";
import { h } from "./dom.js";

function beep() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  const audio = new Context();
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.frequency.value = 880;
  gain.gain.setValueAtTime(0.001, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.25, audio.currentTime + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
  tone.connect(gain).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.4);
  tone.onended = () => audio.close();
}

const sound = { on: false };  // shared by every timer on the page; muted until asked

export function createTimer(seconds, { label, then } = {}) {
  const radius = 44;
  const circumference = 2 * Math.PI * radius;
  const ns = "http://www.w3.org/2000/svg";
  const ring = document.createElementNS(ns, "svg");
  ring.setAttribute("viewBox", "0 0 100 100");
  ring.setAttribute("class", "motw-ring");
  ring.setAttribute("aria-hidden", "true");
  const track = document.createElementNS(ns, "circle");
  const arc = document.createElementNS(ns, "circle");
  for (const [el, cls] of [[track, "motw-ring-track"], [arc, "motw-ring-arc"]]) {
    el.setAttribute("cx", "50");
    el.setAttribute("cy", "50");
    el.setAttribute("r", String(radius));
    el.setAttribute("class", cls);
  }
  arc.setAttribute("stroke-dasharray", String(circumference));
  arc.setAttribute("transform", "rotate(-90 50 50)");
  ring.append(track, arc);
  const digits = h("span", { class: "motw-digits" });
  const face = h("div", { class: "motw-face" }, ring, digits);
  const start = h("button", { type: "button", class: "motw-btn motw-btn-primary", "data-timer": "start" }, "Start hold");
  const reset = h("button", { type: "button", class: "motw-btn", "data-timer": "reset" }, "Reset");
  const mute = h("button", { type: "button", class: "motw-btn motw-btn-small", "data-timer": "sound",
    "aria-pressed": String(sound.on) }, "Beep at the end");
  const announce = h("p", { class: "motw-timer-status", role: "status", "aria-live": "polite" });
  const thenButton = then ? h("button", { type: "button", class: "motw-btn motw-btn-primary", "data-timer": "then", hidden: true }, then.label) : null;
  const el = h("div", { class: "motw-timer", role: "group", "aria-label": label || `Hold timer, ${seconds} seconds` },
    face, h("div", { class: "motw-timer-controls" }, start, reset, mute, thenButton), announce);

  let remaining = seconds;
  let endsAt = null;
  let ticker = null;

  function paint() {
    digits.textContent = clockText(remaining);
    arc.setAttribute("stroke-dashoffset", String(circumference * (1 - remaining / seconds)));
    el.dataset.remaining = String(Math.ceil(remaining));
    el.dataset.state = endsAt ? "running" : remaining <= 0 ? "done" : remaining < seconds ? "paused" : "ready";
  }
  function stopTicking() {
    if (ticker) clearInterval(ticker);
    ticker = null;
  }
  function finish() {
    stopTicking();
    endsAt = null;
    remaining = 0;
    start.textContent = "Hold again";
    announce.textContent = `Time. ${seconds} seconds done.${then ? ` ${then.label} when you are ready.` : ""}`;
    if (thenButton) {
      thenButton.hidden = false;
      thenButton.focus();
    }
    if (sound.on) beep();
    paint();
  }
  function tick() {
    remaining = Math.max(0, (endsAt - performance.now()) / 1000);
    if (remaining <= 0) finish();
    else paint();
  }
  function run() {
    if (remaining <= 0) remaining = seconds;
    endsAt = performance.now() + remaining * 1000;
    start.textContent = "Pause";
    announce.textContent = `Hold for ${Math.ceil(remaining)} seconds.`;
    if (thenButton) thenButton.hidden = true;
    ticker = setInterval(tick, 100);
    paint();
  }
  function pause() {
    tick();
    stopTicking();
    endsAt = null;
    start.textContent = "Resume";
    announce.textContent = `Paused with ${Math.ceil(remaining)} seconds left.`;
    paint();
  }
  el.addEventListener("click", (event) => {
    const action = event.target.closest("[data-timer]")?.dataset.timer;
    if (action === "start") (endsAt ? pause : run)();
    else if (action === "reset") {
      stopTicking();
      endsAt = null;
      remaining = seconds;
      start.textContent = "Start hold";
      announce.textContent = "Timer reset.";
      if (thenButton) thenButton.hidden = true;
      paint();
    } else if (action === "sound") {
      sound.on = !sound.on;
      mute.setAttribute("aria-pressed", String(sound.on));
    } else if (action === "then") then.run();
  });
  paint();
  return { el, stop: stopTicking };
}

export function createRepCounter(reps) {
  let done = 0;
  const count = h("span", { class: "motw-rep-count" });
  const add = h("button", { type: "button", class: "motw-btn motw-btn-primary", "data-reps": "add" }, "Count a rep");
  const reset = h("button", { type: "button", class: "motw-btn", "data-reps": "reset" }, "Reset");
  const announce = h("p", { class: "motw-timer-status", role: "status", "aria-live": "polite" });
  const el = h("div", { class: "motw-reps", role: "group", "aria-label": `Rep counter, ${reps} reps` },
    count, h("div", { class: "motw-timer-controls" }, add, reset), announce);
  function paint() {
    count.textContent = `${done} of ${reps} reps`;
    el.dataset.done = String(done);
    add.disabled = done >= reps;
  }
  el.addEventListener("click", (event) => {
    const action = event.target.closest("[data-reps]")?.dataset.reps;
    if (action === "add" && done < reps) {
      done += 1;
      announce.textContent = done === reps ? `All ${reps} reps done.` : `${done} of ${reps}.`;
      if (done === reps) reset.focus();
    } else if (action === "reset") {
      done = 0;
      announce.textContent = "Reps reset.";
    }
    paint();
  });
  paint();
  return { el, stop() {} };
}
