// What the player does besides drawing: a short tone (Web Audio, no files), spoken cues (the
// browser's own speech synthesis, where it has a voice) and a screen kept awake while playing
// (Screen Wake Lock). Each one fails quietly where the browser lacks it.

export function createTones() {
  let audio = null;
  return {
    // Call from a click or key press: browsers start audio only after the learner acts.
    unlock() {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!audio && Context) audio = new Context();
      audio?.resume?.();
    },
    // A high tone for a change of segment, a low short one for each of the last seconds.
    play(kind) {
      if (!audio || audio.state !== "running") return;
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      const t = audio.currentTime;
      const length = kind === "change" ? 0.35 : 0.12;
      tone.frequency.value = kind === "change" ? 880 : 660;
      gain.gain.setValueAtTime(0.001, t);
      gain.gain.exponentialRampToValueAtTime(0.2, t + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.001, t + length);
      tone.connect(gain).connect(audio.destination);
      tone.start(t);
      tone.stop(t + length + 0.05);
    },
    close() {
      audio?.close?.();
      audio = null;
    },
  };
}

export function speechAvailable() {
  return "speechSynthesis" in window && window.speechSynthesis.getVoices().length > 0;
}

export function speak(text) {
  if (!speechAvailable()) return;
  window.speechSynthesis.cancel();  // a new cue replaces one still being read
  window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
}

// Keeps the screen on while held; the browser drops the lock when the tab is hidden, so
// `hold` is called again when the page is shown.
export function createWakeLock() {
  let sentinel = null;
  let wanted = false;
  return {
    async hold() {
      wanted = true;
      if (sentinel || !navigator.wakeLock || document.visibilityState !== "visible") return;
      try {
        sentinel = await navigator.wakeLock.request("screen");
        sentinel.addEventListener("release", () => {
          sentinel = null;
        });
        if (!wanted) this.release();
      } catch {
        sentinel = null;  // refused (battery saver, no permission): the routine plays anyway
      }
    },
    release() {
      wanted = false;
      sentinel?.release().catch(() => {});
      sentinel = null;
    },
    get held() {
      return sentinel !== null;
    },
  };
}
