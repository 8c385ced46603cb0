// Where a moment falls in Python's plan (widgets/static/timeline.js), on a small plan written
// in the shape moves.routines.plan.Plan.as_dict gives: a lead-in, a hold, a rest, then reps.

import assert from "node:assert/strict";
import { test } from "node:test";
import { locate, pose } from "../../widgets/static/timeline.js";

const hold = { step: 2, kind: "hold", start: 0, seconds: 20, reps: null, rep_seconds: null };
const reps = { step: 3, kind: "reps", start: 20, seconds: 15, reps: 5, rep_seconds: 3 };
const plan = {
  total_seconds: 75,
  segments: [
    { index: 0, kind: "ready", start: 0, seconds: 10, phases: [] },
    { index: 1, kind: "work", start: 10, seconds: 20, phases: [hold] },
    { index: 2, kind: "rest", start: 30, seconds: 10, phases: [] },
    { index: 3, kind: "work", start: 40, seconds: 35, phases: [hold, reps] },
  ],
};

test("a moment falls in the segment that holds it, with the time in it and left of it", () => {
  assert.deepEqual(locate(plan, 0), { index: 0, segment: plan.segments[0], within: 0, left: 10 });
  const where = locate(plan, 12.5);
  assert.equal(where.index, 1);
  assert.equal(where.within, 2.5);
  assert.equal(where.left, 17.5);
  assert.equal(locate(plan, 30).index, 2, "a segment's end is the next one's start");
});

test("after the end, the last segment, with nothing left", () => {
  const where = locate(plan, 80);
  assert.equal(where.index, 3);
  assert.equal(where.left, 0);
});

test("a pause shows the first step; a hold shows its step", () => {
  assert.deepEqual(pose(plan.segments[0], 3), { step: 1, rep: null, phase: null });
  assert.deepEqual(pose(plan.segments[1], 5), { step: 2, rep: null, phase: hold });
});

test("reps count from 1, and the figure goes to the rep's step and back once a rep", () => {
  const work = plan.segments[3];
  assert.deepEqual(pose(work, 20), { step: 3, rep: 1, phase: reps });  // first half of rep 1
  assert.deepEqual(pose(work, 21.6), { step: 2, rep: 1, phase: reps });  // back, second half
  assert.deepEqual(pose(work, 23), { step: 3, rep: 2, phase: reps });
  assert.equal(pose(work, 34.9).rep, 5);
  assert.equal(pose(work, 99).rep, 5, "never more reps than the phase has");
});

test("reps of a move's first step do not go back to a step before it", () => {
  const first = { ...reps, step: 1, start: 0 };
  const work = { kind: "work", start: 0, seconds: 15, phases: [first] };
  assert.equal(pose(work, 2).step, 1);
});
