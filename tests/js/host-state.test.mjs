// The widget host's state helpers (server/host/state.js): buffers beside the JSON, model
// references, equality.
import assert from "node:assert/strict";
import { test } from "node:test";
import { equal, putBuffers, referencedId, removeBuffers } from "../../server/host/state.js";

test("buffers go back to their paths, as DataViews", () => {
  const state = { a: { b: [null, 1] } };
  putBuffers(state, [["a", "b", 0], ["c"]], [new Uint8Array([7]).buffer, new Uint8Array([8, 9])]);
  assert.ok(state.a.b[0] instanceof DataView);
  assert.equal(state.a.b[0].getUint8(0), 7);
  assert.equal(state.c.byteLength, 2);
});

test("buffers come out of a state, leaving a null in a list and no key in an object", () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const { state, paths, buffers } = removeBuffers({ x: 1, data: bytes, list: [bytes, 2] });
  assert.deepEqual(state, { x: 1, list: [null, 2] });
  assert.deepEqual(paths, [["data"], ["list", 0]]);
  assert.equal(buffers.length, 2);
  assert.ok(equal(putBuffers(state, paths, buffers).data, bytes));
});

test("a model reference and deep equality", () => {
  assert.equal(referencedId("IPY_MODEL_abc"), "abc");
  assert.equal(referencedId("abc"), null);
  assert.ok(equal({ a: [1, { b: null }] }, { a: [1, { b: null }] }));
  assert.ok(!equal({ a: [1] }, { a: [1, 2] }));
  assert.ok(!equal({ a: 1 }, { b: 1 }));
  assert.ok(!equal(null, {}));
});
