// Sharing a routine's link (widgets/static/builder-share.js): the Web Share API where the
// browser has it, the copy-link fallback elsewhere, and a cancelled share is no error.
import assert from "node:assert/strict";
import { test } from "node:test";
import { shareLink } from "../../widgets/static/builder-share.js";

const LINK = { title: "My routine", url: "http://x/voila/render/index.ipynb#routine=1.abc" };

function phone(outcome = null, canShare = () => true) {
  const calls = [];
  return {
    calls,
    canShare,
    async share(data) {
      calls.push(data);
      if (outcome) throw Object.assign(new Error(outcome), { name: outcome });
    },
  };
}

test("where the browser can share, the share sheet gets the routine's title and link", async () => {
  const nav = phone();
  assert.equal(await shareLink(LINK, nav), "shared");
  assert.deepEqual(nav.calls, [LINK]);
});

test("a share the learner cancels is no error, and asks for nothing else", async () => {
  assert.equal(await shareLink(LINK, phone("AbortError")), "cancelled");
});

test("without the Web Share API, or when it refuses, the link is offered to copy", async () => {
  assert.equal(await shareLink(LINK, {}), "copy");
  assert.equal(await shareLink(LINK, undefined), "copy");
  assert.equal(await shareLink(LINK, phone("NotAllowedError")), "copy");
  const refuses = phone(null, () => false);
  assert.equal(await shareLink(LINK, refuses), "copy");
  assert.deepEqual(refuses.calls, []);
});
