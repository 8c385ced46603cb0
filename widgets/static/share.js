// Sharing a routine's link as a phone app does: the Web Share API (the system's share sheet)
// where the browser has it; elsewhere, or when the browser will not share it, a box with the
// link to copy. A share the learner cancels (AbortError) is no error. Used by the routine
// builder (a learner's own routine) and the player (a course routine's page).

import { h, uniqueId } from "./dom.js";

// Shares { title, url } through `nav` (the browser's navigator). Resolves to "shared",
// "cancelled", or "copy" when the caller should offer the link to copy instead.
export async function shareLink(link, nav = globalThis.navigator) {
  if (typeof nav?.share !== "function") return "copy";
  if (typeof nav.canShare === "function" && !nav.canShare(link)) return "copy";
  try {
    await nav.share(link);
    return "shared";
  } catch (error) {
    return error?.name === "AbortError" ? "cancelled" : "copy";
  }
}

// The link to copy, hidden until shown. Shown again with a new link, the box keeps its input
// (and so its focus); the Copy button says whether the clipboard took it.
export function createCopyBox() {
  const id = uniqueId("motw-share-link");
  const label = h("label", { for: id });
  const input = h("input", { id, type: "text", readonly: true });
  const copy = h("button", { type: "button", class: "motw-btn" }, "Copy");
  copy.addEventListener("click", async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      copy.textContent = "Copied";
    } catch {
      copy.textContent = "Selected: copy it";
    }
  });
  const el = h("div", { class: "motw-share", hidden: true },
    label, h("div", { class: "motw-share-row" }, input, copy));
  return {
    el,
    show(link, text) {
      if (input.value !== link) copy.textContent = "Copy";
      input.value = link;
      label.textContent = text;
      el.hidden = false;
    },
    hide() {
      el.hidden = true;
    },
    get shown() {
      return !el.hidden;
    },
    focus() {
      input.focus();
    },
  };
}
