// The course's clocks (widgets/static/clock.js): how a clock reads, and the player's clock,
// driven here by fake readings of performance.now() and Date.now().

import assert from "node:assert/strict";
import { test } from "node:test";
import { clockText, createClock } from "../../widgets/static/clock.js";

test("a clock reads minutes and two-digit seconds", () => {
  assert.deepEqual([0, 5, 65, 600, 3725].map(clockText), ["0:00", "0:05", "1:05", "10:00", "62:05"]);
});

test("a countdown shows the whole seconds left, rounded up, and 0:00 only at the end", () => {
  assert.equal(clockText(19.2), "0:20");
  assert.equal(clockText(59.01), "1:00");
  assert.equal(clockText(0.001), "0:01");
  assert.equal(clockText(20 + 1e-9), "0:20");  // float noise does not add a second
  assert.equal(clockText(-3), "0:00");
});

function fakeClock() {
  const time = { mono: 1000, wall: 1_700_000_000_000 };
  const clock = createClock({ now: () => time.mono, wall: () => time.wall });
  const pass = (ms, { slept = 0 } = {}) => {
    time.mono += ms;
    time.wall += ms + slept;
  };
  return { clock, pass };
}

test("time counts only while playing", () => {
  const { clock, pass } = fakeClock();
  pass(500);
  assert.equal(clock.elapsed(), 0);
  assert.equal(clock.running, false);
  clock.play();
  pass(1500);
  assert.equal(clock.elapsed(), 1500);
  clock.pause();
  pass(10_000);
  assert.equal(clock.elapsed(), 1500);
  clock.play();
  pass(250);
  assert.equal(clock.elapsed(), 1750);
  assert.equal(clock.played(), 1750);
});

test("play and pause twice in a row change nothing", () => {
  const { clock, pass } = fakeClock();
  clock.play();
  pass(100);
  clock.play();
  pass(100);
  assert.equal(clock.elapsed(), 200);
  clock.pause();
  clock.pause();
  assert.equal(clock.elapsed(), 200);
});

test("a seek moves the place in the routine, not the time played, and keeps playing", () => {
  const { clock, pass } = fakeClock();
  clock.play();
  pass(2000);
  clock.seek(30_000);
  assert.equal(clock.running, true);
  pass(1000);
  assert.equal(clock.elapsed(), 31_000);
  assert.equal(clock.played(), 3000);
  clock.pause();
  clock.seek(-5);
  assert.equal(clock.elapsed(), 0);
  assert.equal(clock.running, false);
});

test("a device that slept: the wall clock's longer stretch counts", () => {
  const { clock, pass } = fakeClock();
  clock.play();
  pass(1000, { slept: 60_000 });  // performance.now() stood still for a minute
  assert.equal(clock.elapsed(), 61_000);
});

test("a wall clock a little ahead (adjusted, not slept) does not count", () => {
  const { clock, pass } = fakeClock();
  clock.play();
  pass(1000, { slept: 500 });
  assert.equal(clock.elapsed(), 1000);
});

test("reset goes back to the start, paused", () => {
  const { clock, pass } = fakeClock();
  clock.play();
  pass(5000);
  clock.reset();
  assert.equal(clock.running, false);
  assert.equal(clock.elapsed(), 0);
  assert.equal(clock.played(), 0);
});
