// One line at the foot of the window about the page's connection to its kernel: shown while it
// reconnects (after a moment, so that a quick reconnection goes unnoticed), when the course
// cannot be reached (offline, or a kept copy shown without a network), and when the kernel is
// gone or the network is back on a kept copy, with a reload button. It floats, so nothing on
// the page moves.

const SAY = {
  reconnecting: "Reconnecting to the course…",
  offline:
    "Offline: you can read this page; checking answers, the review's schedule and recording " +
    "progress need a connection.",
  back: "You are online again: reload the page to check answers and record your progress.",
  gone: "This page's session on the course server has ended; your saved progress is kept.",
};
const WITH_RELOAD = new Set(["gone", "back"]);
const QUIET_MS = 1500;

export function statusLine() {
  const text = document.createElement("span");
  const reload = Object.assign(document.createElement("button"), {
    type: "button",
    className: "motw-connection-reload",
    textContent: "Reload the page",
    hidden: true,
  });
  reload.addEventListener("click", () => location.reload());
  const line = document.createElement("div");
  line.className = "motw-connection";
  line.setAttribute("role", "status");
  line.hidden = true;
  line.append(text, reload);
  document.body.append(line);
  let timer;

  const show = (state) => {
    text.textContent = SAY[state];
    reload.hidden = !WITH_RELOAD.has(state);
    line.dataset.state = state;
    line.hidden = false;
  };
  return {
    // "reconnecting" (shown if it lasts), "offline", "back" and "gone" (shown at once), or
    // "connected" (hidden).
    set(state) {
      clearTimeout(timer);
      if (state === "connected") line.hidden = true;
      else if (state === "reconnecting") timer = setTimeout(show, QUIET_MS, state);
      else show(state);
    },
  };
}
