// BuilderPanel view: pick moves from the library (the home's filters), set their times, see
// the total Python works out, and play, save or share the routine. A shared link's routine
// (#<fragment_key>=… in the page's URL) is read by Python, which says what it holds or why
// not. The inputs' bounds and defaults, and the fragment's key, are Python's (`limits`,
// `fragment_key`).

import { createDraftList } from "./builder-draft.js";
import { shareLink } from "./builder-share.js";
import { h, uniqueId } from "./dom.js";
import { createFilterForm, titleCase } from "./filters.js";

function action(event, from, text, extra = {}) {
  return h("button", { type: "button", class: "motw-btn", "data-event": event, "data-from": from, ...extra }, text);
}

function linkFor(fragment) {
  return `${location.href.split("#")[0]}#${fragment}`;
}

function render({ model, el }) {
  const cards = model.get("cards");
  const send = (event, from, key) => model.send({ event, from, key });

  // A shared routine, or why it was refused.
  const incoming = h("div", { class: "motw-incoming", role: "region", "aria-label": "A shared routine" });
  function drawIncoming() {
    const shared = model.get("incoming");
    incoming.hidden = !shared.title && !shared.error;
    if (shared.error) {
      incoming.replaceChildren(h("p", { class: "motw-bad", role: "alert" }, shared.error), action("dismiss", "link", "Dismiss"));
      return;
    }
    if (!shared.title) return incoming.replaceChildren();
    incoming.replaceChildren(
      h("p", { class: "motw-eyebrow" }, "A routine shared with you"),
      h("p", { class: "motw-incoming-title" }, h("strong", {}, shared.title), ` · ${shared.total} in all`),
      h("p", {}, shared.moves.join(" → ")),
      h("div", { class: "motw-nav" },
        action("save", "link", "Save to my routines", { class: "motw-btn motw-btn-primary" }),
        action("play", "link", "Play it"), action("edit", "link", "Edit a copy"), action("dismiss", "link", "Dismiss")));
  }

  // The library, filtered as on the home, each move with an Add button.
  const picks = h("ul", { class: "motw-pick" }, cards.map((card) =>
    h("li", { "data-slug": card.slug },
      h("span", { class: "motw-pick-name" }, h("strong", {}, card.title), h("span", { class: "motw-meta" }, ` ${titleCase(card.kind)} · ${titleCase(card.level)}`)),
      h("button", { type: "button", class: "motw-btn motw-btn-small", "data-add": card.slug, "aria-label": `Add ${card.title}` }, "Add"))));
  const pickCount = h("p", { class: "motw-count", role: "status" });
  function showPicks() {
    const visible = new Set(model.get("visible"));
    for (const li of picks.children) li.hidden = !visible.has(li.dataset.slug);
    pickCount.textContent = visible.size ? `${visible.size} of ${cards.length} moves` : "No move matches these filters.";
  }

  // The draft.
  let sent = null;
  function sendDraft(changes) {
    sent = { ...model.get("draft"), ...changes };
    model.set("draft", sent);
    model.save_changes();
  }
  const draftList = createDraftList(cards, model.get("limits"), (items, structural) => {
    sendDraft({ items: items.map((item) => ({ ...item })) });
    if (structural) draftList.set(items, []);
  });
  const titleId = uniqueId("motw-draft-title");
  const title = h("input", { id: titleId, type: "text", maxlength: model.get("limits").title_chars, autocomplete: "off" });
  title.addEventListener("input", () => sendDraft({ title: title.value }));
  function drawDraft() {
    if (model.get("draft") === sent) return;
    const draft = model.get("draft");
    title.value = draft.title ?? "";
    draftList.set(Array.isArray(draft.items) ? draft.items : [], model.get("checked").items ?? []);
  }

  const total = h("p", { class: "motw-total", role: "status", "aria-live": "polite" });
  const problems = h("ul", { class: "motw-problems motw-bad" });
  const shareBox = h("div", { class: "motw-share", hidden: true });
  const draftActions = h("div", { class: "motw-nav" },
    action("play", "draft", "Play", { class: "motw-btn motw-btn-primary" }),
    action("save", "draft", "Save in this browser"), action("share", "draft", "Share link"));
  function drawChecked() {
    const checked = model.get("checked");
    const draft = model.get("draft");
    const count = Array.isArray(draft.items) ? draft.items.length : 0;
    total.textContent = checked.ok ? `Total: ${checked.total} for ${count} move${count === 1 ? "" : "s"}, rests and sides included.` : count ? "Not ready yet:" : "";
    problems.replaceChildren(...(count ? checked.problems : []).map((p) => h("li", {}, p)));
    for (const button of draftActions.querySelectorAll("button")) button.disabled = !checked.ok;
    draftList.times(checked.items ?? []);
    if (!checked.ok) shareBox.hidden = true;
    else if (!shareBox.hidden) showShare(checked.fragment, "your routine");
  }

  // The link to copy; shown again with a new link, the box keeps its input (and its focus).
  const shareId = uniqueId("motw-share-link");
  const shareLabel = h("label", { for: shareId });
  const shareInput = h("input", { id: shareId, type: "text", readonly: true });
  const copy = h("button", { type: "button", class: "motw-btn" }, "Copy");
  copy.addEventListener("click", async () => {
    shareInput.select();
    try {
      await navigator.clipboard.writeText(shareInput.value);
      copy.textContent = "Copied";
    } catch {
      copy.textContent = "Selected: copy it";
    }
  });
  shareBox.append(shareLabel, h("div", { class: "motw-share-row" }, shareInput, copy));

  function showShare(fragment, what) {
    const link = linkFor(fragment);
    if (shareInput.value !== link) copy.textContent = "Copy";
    shareInput.value = link;
    shareLabel.textContent = `Link to ${what}: whoever opens it can play and save it.`;
    shareBox.hidden = false;
  }

  // Share: the system's share sheet where there is one, else the link to copy.
  async function share(from, key) {
    const routine = from === "draft"
      ? { fragment: model.get("checked").fragment, title: model.get("draft").title }
      : model.get("saved").find((r) => r.key === key);
    if (!routine?.fragment) return;
    const title = routine.title || "A routine";
    const outcome = await shareLink({ title, url: linkFor(routine.fragment) });
    if (outcome === "shared") notice.textContent = `Shared ${title}.`;
    if (outcome !== "copy") return;
    showShare(routine.fragment, from === "draft" ? "your routine" : "this routine");
    shareInput.focus();
  }

  // Saved routines.
  const saved = h("ul", { class: "motw-saved" });
  const savedEmpty = h("p", {}, "None yet. Routines you save stay in this browser.");
  function drawSaved() {
    const list = model.get("saved");
    savedEmpty.hidden = list.length > 0;
    saved.replaceChildren(...list.map((r) => h("li", { "data-key": r.key },
      h("p", {}, h("strong", {}, r.title), r.total ? ` · ${r.total} · ${r.moves.join(" → ")}` : ""),
      r.problem ? h("p", { class: "motw-bad" }, r.problem) : "",
      h("div", { class: "motw-nav" },
        r.problem ? "" : action("play", "saved", "Play", { "data-key": r.key, "aria-label": `Play ${r.title}` }),
        r.problem ? "" : action("edit", "saved", "Edit", { "data-key": r.key, "aria-label": `Edit ${r.title}` }),
        r.problem ? "" : action("share", "saved", "Share link", { "data-key": r.key, "aria-label": `Share ${r.title}` }),
        action("delete", "saved", "Delete", { "data-key": r.key, "aria-label": `Delete ${r.title}` })))));
  }

  const notice = h("p", { class: "motw-notice-line", role: "status", "aria-live": "polite" });
  const root = h("section", { class: "motw motw-builder", "aria-label": "Build your own routine" },
    incoming,
    h("h3", { class: "motw-subsection" }, "1. Pick moves"),
    createFilterForm(model, "Filter the moves to add"), pickCount, picks,
    h("h3", { class: "motw-subsection" }, "2. Order them and set their times"),
    h("div", { class: "motw-field motw-field-title" }, h("label", { for: titleId }, "Name of your routine"), title),
    draftList.el,
    h("h3", { class: "motw-subsection" }, "3. Play, save or share"),
    total, problems, draftActions, shareBox, notice,
    h("h3", { class: "motw-subsection" }, "Your saved routines"), savedEmpty, saved);
  el.append(root);

  root.addEventListener("click", (event) => {
    const add = event.target.closest("button[data-add]");
    if (add) {
      draftList.add(add.dataset.add);
      notice.textContent = `Added ${cards.find((c) => c.slug === add.dataset.add)?.title}.`;
      return;
    }
    const button = event.target.closest("button[data-event]");
    if (!button || button.disabled) return;
    const { event: name, from, key } = button.dataset;
    if (name === "dismiss") {
      history.replaceState(null, "", location.href.split("#")[0]);
      model.set("link", "");
      model.save_changes();
    } else if (name === "share") {
      share(from, key);
    } else {
      send(name, from, key);
    }
  });

  function readLink() {
    const hash = location.hash;
    const link = hash.startsWith(`#${model.get("fragment_key")}=`) ? hash : "";
    if (link !== model.get("link")) {
      model.set("link", link);
      model.save_changes();
    }
  }

  model.on("change:visible", showPicks);
  model.on("change:draft", drawDraft);
  model.on("change:checked", drawChecked);
  model.on("change:saved", drawSaved);
  model.on("change:incoming", drawIncoming);
  model.on("change:notice", () => {
    notice.textContent = model.get("notice");
  });
  window.addEventListener("hashchange", readLink);
  showPicks();
  drawDraft();
  drawChecked();
  drawSaved();
  drawIncoming();
  readLink();
  return () => {
    window.removeEventListener("hashchange", readLink);
    root.remove();
  };
}

export default { render };
