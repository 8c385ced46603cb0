// The builder's draft rules (widgets/static/builder-draft.js): what a typed number becomes,
// the bounds an input gets from Python's limits, and how the list is rearranged.

import assert from "node:assert/strict";
import { test } from "node:test";
import { numberInputBounds, readNumber, rearranged } from "../../widgets/static/builder-draft.js";

test("an empty input is the default; a whole number is a number", () => {
  assert.equal(readNumber(""), undefined);
  assert.equal(readNumber("  "), undefined);
  assert.equal(readNumber(" 30 "), 30);
  assert.equal(readNumber("0"), 0);
});

test("anything else goes to Python as typed, so that it can say what is wrong", () => {
  assert.equal(readNumber("2.5"), "2.5");
  assert.equal(readNumber("-1"), "-1");
  assert.equal(readNumber("1e3"), "1e3");
  assert.equal(readNumber("1234567"), "1234567");  // too long to be a number of seconds
});

// The shape widgets.builder.page_limits sends; the numbers are made up: the page has none.
const limits = {
  fields: {
    hold_seconds: { min: 1, max: 45, default: null },
    sets: { min: 1, max: 4, default: 1 },
    rest_seconds: { min: 0, max: 90, default: 12 },
  },
  title_chars: 20,
};

test("an input's bounds and placeholder come from Python's limits", () => {
  assert.deepEqual(numberInputBounds(limits, "hold_seconds"), { min: 1, max: 45, placeholder: "own" });
  assert.deepEqual(numberInputBounds(limits, "rest_seconds"), { min: 0, max: 90, placeholder: "12" });
  assert.deepEqual(numberInputBounds(limits, "sets"), { min: 1, max: 4, placeholder: "1" });
});

const items = [{ move: "a" }, { move: "b", sets: 2 }, { move: "c" }];
const moves = (list) => list.map((item) => item.move).join("");

test("up and down swap neighbours; the focus follows the item", () => {
  assert.deepEqual(rearranged(items, 1, "up"), { items: [items[1], items[0], items[2]], focus: 0 });
  assert.deepEqual(rearranged(items, 1, "down"), { items: [items[0], items[2], items[1]], focus: 2 });
  assert.equal(moves(items), "abc", "the list given is not changed");
});

test("the first cannot go up, nor the last down", () => {
  assert.deepEqual(rearranged(items, 0, "up"), { items, focus: 0 });
  assert.deepEqual(rearranged(items, 2, "down"), { items, focus: 2 });
});

test("remove: the focus goes to the item that took its place, or the one before the end", () => {
  assert.deepEqual(rearranged(items, 1, "remove"), { items: [items[0], items[2]], focus: 1 });
  assert.deepEqual(rearranged(items, 2, "remove"), { items: [items[0], items[1]], focus: 1 });
  assert.deepEqual(rearranged([items[0]], 0, "remove"), { items: [], focus: -1 });
});
