// Progress store view: localStorage is the learner's own copy. Read once, merge what other
// tabs write, and write the whole document back at every change (setItem is all or nothing).

import { h } from "./dom.js";
import { SAVED_EVENT } from "./unsaved.js";

function render({ model, el }) {
  const key = model.get("key");
  const line = h("p", { class: "motw-store-line" });
  const notice = h("p", { class: "motw-store-notice", role: "status", "aria-live": "polite" });
  const root = h("div", { class: "motw motw-store", role: "region", "aria-label": "Your progress" }, notice, line);
  el.append(root);
  let storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(`${key}:probe`, "1");
    storage.removeItem(`${key}:probe`);
  } catch {
    storage = null;
  }
  let lastWritten = null;
  let backedUp = false;

  function write() {
    if (!storage) return;
    const text = JSON.stringify(model.get("document"));
    const current = storage.getItem(key);
    if (current !== null && current !== lastWritten && current !== text && model.get("loaded")) {
      lastWritten = current;  // another tab wrote since: merge it first, then write the result
      model.set("stored", current);
      model.save_changes();
      return;
    }
    if (model.get("notice") && current && !backedUp) {
      storage.setItem(`${key}:set-aside:${new Date().toISOString()}`, current);
      backedUp = true;
    }
    try {
      storage.setItem(key, text);
      lastWritten = text;
      // For the page's other views that wait on what the saved progress holds (the routine
      // player forgets a finished session only once it is saved here).
      window.dispatchEvent(new CustomEvent(SAVED_EVENT, { detail: { key } }));
    } catch {
      notice.textContent = "This browser is out of room for saved progress; it lasts until you close the page.";
    }
  }

  function paint() {
    notice.textContent = model.get("notice");
    notice.hidden = !model.get("notice");
    line.textContent = storage
      ? "Your progress is saved in this browser only."
      : "This browser does not let the page save progress; it lasts until you close the page.";
  }

  // Saved at every change once the browser's copy is read, and as soon as it is: a change made
  // before (a session the page sent on loading) may leave the merged document as it was.
  model.on("change:document change:loaded", () => {
    if (model.get("loaded")) write();
  });
  model.on("change:notice", paint);
  window.addEventListener("storage", (event) => {
    if (event.key === key && event.newValue !== null && event.newValue !== lastWritten) {
      model.set("stored", event.newValue);
      model.save_changes();
    }
  });
  paint();
  if (!model.get("loaded")) {
    const raw = storage ? storage.getItem(key) : null;
    lastWritten = raw;
    model.set("stored", raw ?? "null");  // "null": nothing saved yet (always a change)
    model.save_changes();
  }
  return () => root.remove();
}

export default { render };
