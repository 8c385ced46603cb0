// The course's clocks: how a clock reads (the hold timer and the player both show it), and
// the player's clock, which keeps true time from timestamps, never from counted ticks. Elapsed
// time is the sum of the stretches between play and pause, each measured as a difference of
// two readings, so a throttled timer, a hidden tab or a locked phone cannot make it drift.
// performance.now() can stand still while a device sleeps, so a stretch takes the wall clock's
// (Date.now()) difference instead when that is clearly longer.

// How a clock reads `seconds` (a float) while it counts down: "4:05", the whole seconds left,
// rounded up, so it shows 0:00 only at the end. Python writes times the same way
// (moves.durations.clock_text).
export function clockText(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-6));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

const SLEPT_MS = 1000;  // the wall clock ran this much longer than performance.now(): it slept

export function createClock({ now = () => performance.now(), wall = () => Date.now() } = {}) {
  let position = 0;  // ms into the routine when the current stretch began
  let played = 0;  // ms actually played before the current stretch (pauses not counted)
  let since = null;  // { mono, wall } when the current stretch began, or null when paused

  function stretch() {
    if (!since) return 0;
    const mono = now() - since.mono;
    const real = wall() - since.wall;
    return real - mono > SLEPT_MS ? real : mono;
  }

  return {
    get running() {
      return since !== null;
    },
    // Milliseconds into the routine.
    elapsed() {
      return position + stretch();
    },
    // Milliseconds played, pauses not counted (skips do not add or remove time played).
    played() {
      return played + stretch();
    },
    play() {
      if (!since) since = { mono: now(), wall: wall() };
    },
    pause() {
      if (!since) return;
      const ran = stretch();
      position += ran;
      played += ran;
      since = null;
    },
    // Jump to a place in the routine; playing or paused, it stays so.
    seek(ms) {
      const running = since !== null;
      this.pause();
      position = Math.max(0, ms);
      if (running) this.play();
    },
    reset() {
      since = null;
      position = 0;
      played = 0;
    },
  };
}
