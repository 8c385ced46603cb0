// Where a moment of the routine falls in Python's plan: the segment, the step the figure shows,
// and the rep being done. The plan is read as it is; nothing is re-timed here.

// The segment that holds `seconds` (a float), its index, and the time left in it.
export function locate(plan, seconds) {
  const segments = plan.segments;
  let index = segments.findIndex((s) => seconds < s.start + s.seconds);
  if (index === -1) index = segments.length - 1;
  const segment = segments[index];
  return {
    index,
    segment,
    within: Math.max(0, seconds - segment.start),
    left: Math.max(0, segment.start + segment.seconds - seconds),
  };
}

// The step (from 1) the figure shows at `within` seconds into a work segment, and the rep.
// A pause (ready, switch, rest) shows the starting position of the work that follows it.
// During reps the figure goes to the rep's step and back to the one before it, once a rep.
export function pose(segment, within) {
  const phases = segment.phases;
  if (segment.kind !== "work" || !phases.length) return { step: 1, rep: null, phase: null };
  const phase = phases.find((p) => within < p.start + p.seconds) ?? phases[phases.length - 1];
  if (phase.kind === "hold") return { step: phase.step, rep: null, phase };
  const into = Math.max(0, within - phase.start);
  const rep = Math.min(phase.reps, Math.floor(into / phase.rep_seconds) + 1);
  const firstHalf = into % phase.rep_seconds < phase.rep_seconds / 2;
  const step = firstHalf || phase.step === 1 ? phase.step : phase.step - 1;
  return { step, rep, phase };
}
