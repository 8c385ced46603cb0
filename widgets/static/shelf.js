// RoutineShelf view: the course's routines, and the learner's finished sessions and streak.

import { localDay } from "./dates.js";
import { h } from "./dom.js";
import { titleCase } from "./filters.js";

function when(iso) {
  const date = new Date(iso);
  return date.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" })
    + `, ${date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })}`;
}

function streakText(weeks, sessions) {
  if (!sessions) return "No sessions yet: play a routine to the end and it shows here.";
  if (!weeks) return "No session this week or last: play one to start a new streak.";
  return `${weeks} week${weeks === 1 ? "" : "s"} in a row with a session.`;
}

function render({ model, el }) {
  const list = h("ul", { class: "motw-routines" },
    model.get("routines").map((r) => h("li", { class: "motw-routine-card", "data-slug": r.slug },
      h("h3", {}, h("a", { href: r.url, class: "motw-card-link" }, r.title)),
      h("p", { class: "motw-meta" }, `${titleCase(r.purpose)} · ${titleCase(r.level)} · ${r.moves} moves`),
      h("p", { class: "motw-routine-total" }, h("strong", {}, r.total), " in all"))));
  const streak = h("p", { class: "motw-streak" });
  const history = h("ol", { class: "motw-history" });
  const root = h("section", { class: "motw motw-shelf", "aria-label": "Routines" },
    h("p", {}, "Follow along with the figure and a clock: each routine plays its moves in turn, with holds, reps, sides and rests."),
    list,
    h("h3", { class: "motw-subsection" }, "Your sessions"), streak, history);
  el.append(root);

  function show() {
    const sessions = model.get("sessions");
    streak.replaceChildren(
      model.get("streak") ? h("strong", {}, `Streak: ${model.get("streak")}. `) : "",
      streakText(model.get("streak"), sessions));
    history.replaceChildren(...model.get("history").map((s) =>
      h("li", {}, h("strong", {}, s.title), ` · ${s.duration} · `, h("time", { datetime: s.finished_at }, when(s.finished_at)))));
    history.hidden = !model.get("history").length;
  }
  const today = localDay();
  const offset = -new Date().getTimezoneOffset();
  if (today !== model.get("today") || offset !== model.get("utc_offset")) {
    model.set("today", today);  // the learner's own week decides the streak
    model.set("utc_offset", offset);
    model.save_changes();
  }
  model.on("change:history", show);
  model.on("change:streak", show);
  show();
  return () => root.remove();
}

export default { render };
