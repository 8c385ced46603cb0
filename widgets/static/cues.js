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

// Chromium lists its voices a moment after the page loads, and says so with `voiceschanged`.
// Returns a function that stops listening.
export function watchVoices(callback) {
  const synth = window.speechSynthesis;
  synth?.addEventListener?.("voiceschanged", callback);
  return () => synth?.removeEventListener?.("voiceschanged", callback);
}

// Keeps the screen on while held; the browser drops the lock when the tab is hidden, so
// `hold` is called again when the page is shown. One request at a time: a lock granted after
// the learner paused is let go at once, and a second play while the first request is pending
// does not ask for a second lock (it would never be released).
export function createWakeLock() {
  let sentinel = null;
  let asking = false;
  let wanted = false;
  return {
    async hold() {
      wanted = true;
      if (sentinel || asking || !navigator.wakeLock || document.visibilityState !== "visible") return;
      asking = true;
      try {
        const granted = await navigator.wakeLock.request("screen");
        granted.addEventListener("release", () => {
          if (sentinel === granted) sentinel = null;
        });
        sentinel = granted;
        if (!wanted) this.release();
      } catch {
        sentinel = null;  // refused (battery saver, no permission): the routine plays anyway
      } finally {
        asking = false;
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
