// The widget host's model (server/host/model.js): anywidget's interface over the widget
// protocol 2.1, with a stand-in comm.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Model } from "../../server/host/model.js";

function transport() {
  const sent = [];
  return { sent, send: (data, buffers) => sent.push({ data, buffers }) && `msg-${sent.length}` };
}

test("set changes the model at once and save_changes sends what changed, once", () => {
  const wire = transport();
  const model = new Model("m", { index: 0, done: false }, wire);
  const seen = [];
  model.on("change:index", (_model, value) => seen.push(value));
  model.set("index", 1);
  model.set({ index: 2, done: false });
  assert.deepEqual(seen, [1, 2]); // done did not change: no event, and not sent
  model.save_changes();
  model.save_changes();
  assert.equal(wire.sent.length, 1);
  assert.deepEqual(wire.sent[0].data, { method: "update", state: { index: 2 }, buffer_paths: [] });
});

test("the echo of this page's own change is skipped, a newer local change wins", () => {
  const wire = transport();
  const model = new Model("m", { index: 0 }, wire);
  const seen = [];
  model.on("change:index", (_model, value) => seen.push(value));
  model.set("index", 1);
  model.save_changes(); // msg-1
  model.set("index", 2);
  model.save_changes(); // msg-2
  model.echo({ index: 1 }, "msg-1"); // older than what the page shows now
  assert.equal(model.get("index"), 2);
  model.echo({ index: 2 }, "msg-2");
  model.echo({ index: 5 }, "someone-else"); // another front end's change, once ours are in
  assert.equal(model.get("index"), 5);
  assert.deepEqual(seen, [1, 2, 5]);
});

test("an update from the kernel fires change events, a custom message msg:custom", () => {
  const model = new Model("m", { results: {} }, transport());
  const events = [];
  model.on("change:results change", () => events.push("change"));
  model.on("msg:custom", (content) => events.push(content.event));
  model.update({ results: { q1: { correct: true } } });
  model.update({ results: { q1: { correct: true } } }); // equal: no event
  model.custom({ event: "graded" }, []);
  assert.deepEqual(events, ["change", "change", "graded"]);
});

test("off removes one listener, or all of an event", () => {
  const model = new Model("m", { a: 0 }, transport());
  let calls = 0;
  const one = () => calls++;
  const two = () => calls++;
  model.on("change:a", one);
  model.on("change:a", two);
  model.off("change:a", one);
  model.update({ a: 1 });
  assert.equal(calls, 1);
  model.off("change:a");
  model.update({ a: 2 });
  assert.equal(calls, 1);
});

test("send is a custom message with its buffers", () => {
  const wire = transport();
  const model = new Model("m", {}, wire);
  const buffer = new Uint8Array([1, 2]);
  model.send({ event: "answer", id: "q1" }, undefined, [buffer]);
  assert.deepEqual(wire.sent[0].data, { method: "custom", content: { event: "answer", id: "q1" } });
  assert.equal(wire.sent[0].buffers[0], buffer);
});

test("restored keeps and sends again the changes the kernel never answered", () => {
  const wire = transport();
  const model = new Model("m", { index: 0, done: false }, wire);
  model.set("done", true);
  model.save_changes(); // msg-1, lost with the socket
  assert.deepEqual(model.unacknowledged, ["done"]);
  const seen = [];
  model.on("change", () => seen.push({ ...model.attributes }));
  model.restored({ index: 4, done: false }); // the kernel never had it
  assert.deepEqual(seen, [{ index: 4, done: true }]);
  assert.deepEqual(wire.sent.at(-1).data, { method: "update", state: { done: true }, buffer_paths: [] });
  model.echo({ done: true }, "msg-1"); // the old one's echo, should it come: no longer awaited
  assert.deepEqual(model.unacknowledged, ["done"]);
  model.echo({ done: true }, "msg-2");
  assert.deepEqual(model.unacknowledged, []);
  model.restored({ index: 5, done: false }); // answered: the kernel's value stands again
  assert.equal(model.get("done"), false);
  assert.equal(wire.sent.length, 2);
});
