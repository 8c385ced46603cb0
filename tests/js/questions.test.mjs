// Finding a question's view (widgets/static/questions.js) from the kinds Python sends.

import assert from "node:assert/strict";
import { test } from "node:test";
import { questionView, VIEW_NAMES } from "../../widgets/static/questions.js";

// The shape moves.questionkinds.page_kinds sends; the kinds here are made up.
const kinds = {
  pick: { view: "choice", check_label: "Check", empty_hint: "Pick one.", several: false },
  arrange: { view: "order", check_label: "Check order", empty_hint: "Arrange them." },
  draw: { view: "sketch", check_label: "Check", empty_hint: "Draw it." },
};

test("a kind's view is found by the name Python gives it", () => {
  const { kind, view } = questionView(kinds, { id: "q1", kind: "pick" });
  assert.equal(kind, kinds.pick);
  assert.equal(typeof view.build, "function");
  assert.notEqual(questionView(kinds, { id: "q2", kind: "arrange" }).view, view);
});

test("a kind Python did not send is a clear error", () => {
  assert.throws(() => questionView(kinds, { id: "q3", kind: "essay" }),
    /Question q3 is of kind "essay", which the page was not told about \(it knows: pick, arrange, draw\)/);
});

test("a kind whose view the page lacks is a clear error that says where to add it", () => {
  assert.throws(() => questionView(kinds, { id: "q4", kind: "draw" }),
    /no view "sketch" for questions of kind "draw": add widgets\/static\/question-sketch\.js/);
});

test("the views are listed by name", () => {
  assert.deepEqual([...VIEW_NAMES].sort(), ["choice", "locate", "order"]);
});
