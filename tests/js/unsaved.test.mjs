// Finished sessions the browser keeps until Python has recorded them (widgets/static/unsaved.js):
// nothing is lost, nothing kept twice, and what cannot be read is set aside, not dropped.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createUnsaved, readUnsaved, savedIds, sessionId } from "../../widgets/static/unsaved.js";

const KEY = "p:unsaved-sessions";
const PROGRESS = "p";

function fakeStorage(items = {}) {
  const map = new Map(Object.entries(items));
  return {
    map,
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem: (key, value) => map.set(key, String(value)),
    removeItem: (key) => map.delete(key),
  };
}

const session = (id) => ({ id, routine: "desk-break", title: "Desk break", finished_at: "2026-12-06T10:00:00Z", seconds: 300 });
const setAside = (storage) => [...storage.map].filter(([key]) => key.startsWith(`${KEY}:set-aside:`));

test("a session is kept until the saved progress holds it, then forgotten", () => {
  const storage = fakeStorage();
  const unsaved = createUnsaved(storage, KEY, PROGRESS);
  unsaved.add(session("s-1"));
  unsaved.add(session("s-1")); // the same session again: kept once
  unsaved.add(session("s-2"));
  assert.deepEqual(unsaved.list().map((s) => s.id), ["s-1", "s-2"]);
  // Python says both are recorded, but only s-1 has reached the saved progress yet.
  storage.setItem(PROGRESS, JSON.stringify({ sessions: [{ id: "s-1" }] }));
  assert.deepEqual(unsaved.settle(["s-1", "s-2"], []).map((s) => s.id), ["s-2"]);
  assert.deepEqual(JSON.parse(storage.getItem(KEY)).map((s) => s.id), ["s-2"]);
  storage.setItem(PROGRESS, JSON.stringify({ sessions: [{ id: "s-1" }, { id: "s-2" }] }));
  assert.deepEqual(unsaved.list(), []); // the next page forgets it
  assert.equal(storage.getItem(KEY), null);
});

test("a session Python refused is set aside, not lost, and the others are kept", () => {
  const storage = fakeStorage();
  const unsaved = createUnsaved(storage, KEY, PROGRESS, () => new Date("2026-12-06T12:00:00Z"));
  unsaved.add(session("bad"));
  unsaved.add(session("good"));
  assert.deepEqual(unsaved.settle([], ["bad"]).map((s) => s.id), ["good"]);
  const [[key, value]] = setAside(storage);
  assert.equal(key, `${KEY}:set-aside:2026-12-06T12:00:00.000Z`);
  assert.deepEqual(JSON.parse(value), [session("bad")]);
});

test("a damaged list is set aside whole, damaged entries one by one, with a note", () => {
  for (const [stored, kept] of [
    ["{not json", []],
    ['{"id": "s-1"}', []],
    [JSON.stringify([session("s-1"), "junk", null, { id: 5 }, { routine: "x" }]), ["s-1"]],
  ]) {
    const storage = fakeStorage({ [KEY]: stored });
    const unsaved = createUnsaved(storage, KEY, PROGRESS);
    assert.deepEqual(unsaved.list().map((s) => s.id), kept);
    assert.equal(setAside(storage).length, 1, stored);
    assert.match(unsaved.problem(), /could not be read, so it was set aside/);
    assert.equal(unsaved.problem(), ""); // said once
  }
  assert.deepEqual(readUnsaved(null), { sessions: [], unreadable: [] });
});

test("without storage, sessions last as long as the page and go once Python has them", () => {
  const unsaved = createUnsaved(null, KEY, PROGRESS);
  unsaved.add(session("s-1"));
  assert.deepEqual(unsaved.list().map((s) => s.id), ["s-1"]);
  assert.deepEqual(unsaved.settle(["s-1"], []), []);
});

test("saved ids come from the progress document, whatever state it is in", () => {
  assert.deepEqual([...savedIds('{"sessions": [{"id": "a"}, {"routine": "b"}, null]}')], ["a"]);
  assert.deepEqual([...savedIds("garbage")], []);
  assert.deepEqual([...savedIds(null)], []);
  assert.notEqual(sessionId(), sessionId());
  const fixed = { getRandomValues: (bytes) => bytes.fill(171) };
  assert.equal(sessionId(fixed), "ab".repeat(16));
});
