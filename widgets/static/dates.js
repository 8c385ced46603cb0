// The learner's own date, YYYY-MM-DD in their time zone: it decides this week's move and
// which week a session counts for.

export function localDay(now = new Date()) {
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
}
