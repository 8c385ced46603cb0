"""The routine player's cues in a real page: spoken cues, tones and the screen kept awake.
Headless Chromium has no voice, no wake lock and no sound to hear, so the page gets stand-ins
(an init script) that record what the player asks of them. The clock is Playwright's, as in
test_routine_player.py: nothing here waits in real time."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect
from test_routine_player import open_player, plan_of, set_hidden, shown

from moves.routines.words import spoken

ROUTINE = "after-run-cool-down"  # one-sided holds, switches and rests, in seven minutes

# Stand-ins for the browser's speech synthesis, Screen Wake Lock and Web Audio, recording what
# the page asks for in window.cues. options.speech: "voice" (one voice), "later" (no voice until
# window.cues.addVoice()), "absent" (no speechSynthesis at all). options.lockDelay: how long
# (ms, on the page's clock) the browser takes to grant a wake lock. As in the browser, a hidden
# page loses its lock and cannot get one.
FAKES = """(options) => {
  const cues = { spoken: [], cancels: 0, requests: 0, released: 0, locks: [], tones: [] };
  window.cues = cues;
  cues.held = () => cues.locks.filter((lock) => !lock.released).length;

  if (options.speech === "absent") {
    delete window.speechSynthesis;
    delete Window.prototype.speechSynthesis;
    delete window.SpeechSynthesisUtterance;
  } else {
    const voices = options.speech === "voice" ? [{ name: "Test", lang: "en-GB" }] : [];
    const synth = new EventTarget();
    synth.getVoices = () => voices.slice();
    synth.speak = (utterance) => cues.spoken.push(utterance.text);
    synth.cancel = () => { cues.cancels += 1; };
    Object.defineProperty(window, "speechSynthesis", { configurable: true, value: synth });
    window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
    cues.addVoice = () => {
      voices.push({ name: "Test", lang: "en-GB" });
      synth.dispatchEvent(new Event("voiceschanged"));
    };
  }

  class Sentinel extends EventTarget {
    released = false;
    type = "screen";
    drop() {
      if (this.released) return;
      this.released = true;
      this.dispatchEvent(new Event("release"));
    }
    async release() {
      if (!this.released) cues.released += 1;
      this.drop();
    }
  }
  const wakeLock = {
    request(type) {
      cues.requests += 1;
      if (type !== "screen") return Promise.reject(new TypeError(`no ${type} lock`));
      if (document.visibilityState !== "visible") {
        return Promise.reject(new DOMException("The page is hidden", "NotAllowedError"));
      }
      const lock = new Sentinel();
      cues.locks.push(lock);
      if (!options.lockDelay) return Promise.resolve(lock);
      return new Promise((resolve) => setTimeout(() => resolve(lock), options.lockDelay));
    },
  };
  Object.defineProperty(navigator, "wakeLock", { configurable: true, value: wakeLock });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") for (const lock of cues.locks) lock.drop();
  });

  class AudioContext {
    state = "suspended";
    currentTime = 0;
    destination = {};
    async resume() { this.state = "running"; }
    async close() { this.state = "closed"; }
    createGain() {
      const param = { setValueAtTime() {}, exponentialRampToValueAtTime() {} };
      return { gain: param, connect: (next) => next };
    }
    createOscillator() {
      const tone = { frequency: { value: 0 }, connect: (next) => next, stop() {} };
      tone.start = () => cues.tones.push(tone.frequency.value === 880 ? "change" : "count");
      return tone;
    }
  }
  window.AudioContext = AudioContext;
}"""


def open_with_fakes(page: Page, base: str, speech: str = "voice", lock_delay: int = 0) -> None:
    page.add_init_script(f"({FAKES})({json.dumps({'speech': speech, 'lockDelay': lock_delay})})")
    open_player(page, base, ROUTINE)


def cues(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const { spoken, cancels, requests, released, tones } = window.cues;
            return { spoken, cancels, requests, released, tones, held: window.cues.held() };
        }"""
    )


def run_to(page: Page, seconds: float) -> None:
    """Run the page's clock until the routine is `seconds` in."""
    at = int(page.locator(".motw-player").get_attribute("data-elapsed"))
    page.clock.run_for(round(seconds * 1000) - at)


def test_spoken_cues_are_off_until_asked_for_then_say_each_segment_once(page: Page, voila_url: str):
    segments = plan_of(ROUTINE).segments
    _ready, hold, switch, other_side, rest = segments[:5]
    assert (hold.side_label, switch.kind, other_side.side_label) == (
        "Right leg",
        "switch",
        "Left leg",
    )
    open_with_fakes(page, voila_url)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    voice = page.get_by_role("button", name="Spoken cues")
    expect(voice).to_be_visible()
    expect(voice).to_have_attribute("aria-pressed", "false")

    # Off by default: two changes of segment, a tone for each and none of it said.
    page.get_by_role("button", name="Play", exact=True).click()
    run_to(page, switch.start + 1)
    assert shown(page)["segment"] == str(switch.index)
    heard = cues(page)
    assert heard["spoken"] == []
    # A tone for each of the last 3 seconds of the lead-in and of the hold, and one as the
    # hold and the switch begin.
    assert heard["tones"] == ["count"] * 3 + ["change"] + ["count"] * 3 + ["change"]

    page.get_by_role("button", name="Pause").click()
    voice.click()
    expect(voice).to_have_attribute("aria-pressed", "true")
    assert cues(page)["spoken"] == []
    page.get_by_role("button", name="Resume").click()  # says where the routine is
    assert cues(page)["spoken"] == [spoken(switch)] == ["Switch to the left leg."]

    run_to(page, other_side.start + 1)
    said = [spoken(switch), spoken(other_side)]
    assert said[1].startswith(f"{other_side.title}. Left leg. Hold for ")
    assert cues(page)["spoken"] == said
    run_to(page, other_side.end - 0.5)  # a whole segment of seconds: nothing more is said
    heard = cues(page)
    assert heard["spoken"] == said
    assert heard["cancels"] == len(said)  # each cue cuts off one still being read

    run_to(page, rest.start + 1)
    said.append(spoken(rest))
    assert cues(page)["spoken"] == said
    voice.click()
    expect(voice).to_have_attribute("aria-pressed", "false")
    run_to(page, rest.end + 1)
    assert cues(page)["spoken"] == said

    # None of the sound or speech came from the network: no request since the page loaded.
    assert asked == []


@pytest.mark.parametrize("speech", ["absent", "later"])
def test_without_a_voice_the_control_is_not_offered_and_the_routine_plays(
    page: Page, voila_url: str, speech: str
):
    segments = plan_of(ROUTINE).segments
    open_with_fakes(page, voila_url, speech=speech)
    voice = page.locator(".motw-player button[data-action=voice]")
    expect(voice).to_be_hidden()
    page.get_by_role("button", name="Play", exact=True).click()
    run_to(page, segments[2].start + 1)
    assert shown(page)["segment"] == "2"
    assert "change" in cues(page)["tones"]
    if speech == "absent":
        return
    # Chromium reads its voices after the page loads, and says so with `voiceschanged`.
    page.evaluate("window.cues.addVoice()")
    expect(voice).to_be_visible()
    voice.click()
    run_to(page, segments[3].start + 1)
    assert cues(page)["spoken"] == [spoken(segments[3])]


def test_the_screen_is_kept_awake_only_while_playing(page: Page, voila_url: str):
    plan = plan_of(ROUTINE)
    open_with_fakes(page, voila_url)
    assert cues(page)["requests"] == 0  # not before the learner plays
    page.get_by_role("button", name="Play", exact=True).click()
    assert (cues(page)["requests"], cues(page)["held"]) == (1, 1)
    page.clock.run_for(5000)
    page.get_by_role("button", name="Pause").click()
    assert (cues(page)["held"], cues(page)["released"]) == (0, 1)
    page.get_by_role("button", name="Resume").click()
    assert (cues(page)["requests"], cues(page)["held"]) == (2, 1)

    # The browser lets the lock go while the page is hidden; shown again, the player asks again.
    set_hidden(page, True)
    assert cues(page)["held"] == 0
    page.clock.run_for(3000)
    set_hidden(page, False)
    assert (cues(page)["requests"], cues(page)["held"]) == (3, 1)

    # Hidden and shown while paused: the screen may sleep.
    page.get_by_role("button", name="Pause").click()
    set_hidden(page, True)
    set_hidden(page, False)
    assert (cues(page)["requests"], cues(page)["held"]) == (3, 0)

    page.get_by_role("button", name="Resume").click()
    run_to(page, plan.total_seconds + 1)
    assert shown(page)["state"] == "finished"
    assert (cues(page)["requests"], cues(page)["held"], cues(page)["released"]) == (4, 0, 3)


def test_a_lock_granted_late_is_not_kept_twice(page: Page, voila_url: str):
    """Play, pause and play again before the browser grants the first lock: one lock is held,
    and pausing lets the screen sleep."""
    open_with_fakes(page, voila_url, lock_delay=300)
    play = page.locator(".motw-player-play")
    play.click()
    play.click()
    play.click()
    page.clock.run_for(1000)
    assert shown(page)["state"] == "playing"
    assert cues(page)["held"] == 1
    play.click()
    page.clock.run_for(1000)
    assert (shown(page)["state"], cues(page)["held"]) == ("paused", 0)
    # Paused before the lock comes: it is let go as soon as it is granted.
    play.click()
    play.click()
    page.clock.run_for(1000)
    assert (shown(page)["state"], cues(page)["held"]) == ("paused", 0)
