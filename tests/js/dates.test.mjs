// The learner's own date (widgets/static/dates.js): the day where the learner is, not UTC's.

import assert from "node:assert/strict";
import { test } from "node:test";
import { localDay } from "../../widgets/static/dates.js";

process.env.TZ = "Pacific/Kiritimati";  // UTC+14: most hours fall on another day than in UTC

test("the local date, as YYYY-MM-DD with zeros", () => {
  assert.equal(localDay(new Date(2026, 0, 5, 12)), "2026-01-05");
  assert.equal(localDay(new Date(2026, 10, 23, 0, 0)), "2026-11-23");
});

test("noon on Sunday in UTC is already Monday for a learner at UTC+14", () => {
  assert.equal(localDay(new Date(Date.UTC(2026, 10, 22, 12))), "2026-11-23");
});

test("a year before 1000 keeps four digits", () => {
  const date = new Date(2026, 5, 1);
  date.setFullYear(987);
  assert.equal(localDay(date), "0987-06-01");
});
