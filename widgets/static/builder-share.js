// Sharing a routine's link as a phone app does: the Web Share API (the system's share sheet)
// where the browser has it; elsewhere, or when the browser will not share it, the caller shows
// the link to copy. A share the learner cancels (AbortError) is no error.

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
