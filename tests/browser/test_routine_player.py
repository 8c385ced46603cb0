"""The routine player in a real page, its clock driven by Playwright's page.clock: nothing here
waits in real time. Expected labels and times come from Python's plan of the same routine."""

from __future__ import annotations

import json

import pytest
from helpers import axe_violations, open_course_page
from playwright.sync_api import Page, expect

from moves.loader import course
from moves.routines.load import routines
from moves.routines.plan import Plan, plan_routine
from moves.routines.words import segment_words

STORAGE_KEY = "move-of-the-week:progress"


def plan_of(slug: str) -> Plan:
    return plan_routine(routines()[slug], course())


def open_player(page: Page, base: str, slug: str, theme: str = "light") -> None:
    """Open a routine's page with the browser's clock faked, then stop the clock."""
    page.clock.install()
    open_course_page(page, base, f"routine-{slug}", ".motw-player", theme)
    page.wait_for_selector(".motw-store-line:not(:empty)")
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # Python's clock takes seconds


def shown(page: Page) -> dict[str, str]:
    player = page.locator(".motw-player")
    return {
        "state": player.get_attribute("data-state"),
        "segment": player.get_attribute("data-segment"),
        "kind": page.locator(".motw-player-kind").inner_text(),
        "move": page.locator(".motw-player-move").inner_text(),
        "side": page.locator(".motw-player-side").inner_text(),
        "count": page.locator(".motw-player-count").inner_text(),
    }


def elapsed_ms(page: Page) -> int:
    return int(page.locator(".motw-player").get_attribute("data-elapsed"))


def sessions(page: Page) -> list[dict]:
    stored = page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})")
    return json.loads(stored).get("sessions", []) if stored else []


def set_hidden(page: Page, hidden: bool) -> None:
    """What a phone that locks, or a tab in the background, tells the page."""
    page.evaluate(
        """(hidden) => {
            const state = hidden ? "hidden" : "visible";
            const define = (name, value) =>
                Object.defineProperty(document, name, { configurable: true, get: () => value });
            define("visibilityState", state);
            define("hidden", hidden);
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        hidden,
    )


def test_play_to_the_end_pausing_once_and_skipping_once(page: Page, voila_url: str):
    plan = plan_of("desk-break")
    segments = plan.segments
    open_player(page, voila_url, "desk-break")
    assert shown(page)["state"] == "paused"
    page.get_by_role("button", name="Play", exact=True).click()
    first = shown(page)
    assert (first["state"], first["kind"], first["move"]) == (
        "playing",
        "GET READY",
        segments[0].title,
    )
    words = segment_words(plan, segments[0])  # the page shows Python's words as they come
    expect(page.locator(".motw-player-next")).to_have_text(words["next"])
    expect(page.locator(".motw-player-text")).to_have_text(words["note"])
    page.clock.run_for(segments[1].start * 1000 + 2000)
    now = shown(page)
    assert (now["segment"], now["kind"], now["move"]) == ("1", "NOW", segments[1].title)
    assert now["side"] == (segments[1].side_label or "")
    assert now["count"] == f"0:{segments[1].seconds - 2:02d}"
    live = page.locator(".motw-player .motw-sr-only")
    expect(live).to_contain_text(segments[1].title)

    page.keyboard.press("Tab")  # nothing: the clock stops only when the learner pauses
    page.get_by_role("button", name="Pause").click()
    before = elapsed_ms(page)
    page.clock.run_for(45_000)
    assert elapsed_ms(page) == before and shown(page)["state"] == "paused"
    page.get_by_role("button", name="Resume").click()

    # Through the side switch: the side changes, and is announced.
    switch = next(s for s in segments if s.kind == "switch")
    page.clock.run_for((switch.end + 1) * 1000 - before)
    after_switch = shown(page)
    assert after_switch["side"] == segments[switch.index + 1].side_label
    expect(live).to_contain_text(segments[switch.index + 1].side_label)

    # Skip once: the rest of this segment is not played, and not counted.
    at = elapsed_ms(page)
    current = segments[int(shown(page)["segment"])]
    page.get_by_role("button", name="Skip").click()
    assert shown(page)["segment"] == str(current.index + 1)
    skipped = current.end * 1000 - at

    page.clock.run_for(plan.total_seconds * 1000 - current.end * 1000 - 1000)
    assert shown(page)["state"] == "playing"
    assert sessions(page) == []
    page.clock.run_for(1500)
    assert shown(page)["state"] == "finished"
    expect(page.locator(".motw-player-done")).to_contain_text("Saved in your history")
    [session] = sessions(page)
    assert session["routine"] == "desk-break"
    assert session["seconds"] == round((plan.total_seconds * 1000 - skipped) / 1000)


def test_keyboard_only(page: Page, voila_url: str):
    segments = plan_of("after-run-cool-down").segments
    open_player(page, voila_url, "after-run-cool-down")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('motw-player')"):
            break
    else:
        pytest.fail("Tab never reached the player")
    page.keyboard.press("Space")
    assert shown(page)["state"] == "playing"
    page.keyboard.press("ArrowRight")
    assert shown(page)["segment"] == "1" and shown(page)["move"] == segments[1].title
    page.clock.run_for(3000)
    page.keyboard.press("Space")
    assert shown(page)["state"] == "paused"
    page.keyboard.press("ArrowLeft")  # 3 s in: back to the start of this segment
    assert shown(page)["segment"] == "1" and elapsed_ms(page) == segments[1].start * 1000
    page.keyboard.press("ArrowLeft")  # at its start: to the segment before
    assert shown(page)["segment"] == "0"
    # Space on a focused button still pauses and plays, rather than pressing the button.
    page.get_by_role("button", name="Skip").focus()
    page.keyboard.press("Space")
    assert shown(page)["state"] == "playing" and shown(page)["segment"] == "0"


def test_a_hidden_tab_comes_back_at_the_right_place_and_ends_on_time(page: Page, voila_url: str):
    total_ms = plan_of("morning-mobility").total_seconds * 1000
    assert 9 * 60_000 <= total_ms <= 11 * 60_000  # a ten-minute routine
    open_player(page, voila_url, "morning-mobility")
    started = page.evaluate("Date.now()")
    page.get_by_role("button", name="Play", exact=True).click()
    page.clock.run_for(240_000)
    set_hidden(page, True)
    page.clock.fast_forward(60_000)  # hidden: timers fire late, at most once
    set_hidden(page, False)
    assert abs(elapsed_ms(page) - 300_000) < 100
    page.clock.run_for(total_ms - 300_000 - 500)  # the player draws every half second
    assert shown(page)["state"] == "playing"
    assert abs(elapsed_ms(page) - (total_ms - 500)) < 100
    page.clock.run_for(600)
    assert shown(page)["state"] == "finished"
    finished_at = int(page.locator(".motw-player").get_attribute("data-finished-at"))
    assert abs(finished_at - started - total_ms) < 100


def test_phone_width_big_type_and_no_sideways_scroll(page: Page, voila_url: str):
    page.set_viewport_size({"width": 390, "height": 844})
    open_player(page, voila_url, "after-run-cool-down")
    page.get_by_role("button", name="Play", exact=True).click()
    page.clock.run_for(12_000)
    overflow = page.evaluate(
        """() => [document.scrollingElement, document.getElementById('rendered_cells'),
                  ...document.querySelectorAll('.motw')]
            .filter(e => e && e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.id || e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""
    )
    assert overflow == []
    buttons = page.locator(".motw-player button:visible")  # Spoken cues only with a voice
    for index in range(buttons.count()):
        box = buttons.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert box["height"] >= 44
    count_size = page.locator(".motw-player-count").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert count_size >= 64


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_axe_violations_while_playing(page: Page, voila_url: str, theme: str):
    open_player(page, voila_url, "after-run-cool-down", theme)
    page.get_by_role("button", name="Play", exact=True).click()
    page.clock.run_for(15_000)
    page.get_by_role("button", name="Pause").click()
    page.clock.resume()  # axe-core waits on timers of its own
    assert axe_violations(page) == []


def test_each_moves_caution_shows_as_it_begins(page: Page, voila_url: str):
    """While getting ready for a move and through its first set, the player says what to take
    care of (the move's own caution); from the second set on, it gives the room back."""
    slug = "morning-mobility"  # its downward dog has two sets
    plan = plan_of(slug)
    open_player(page, voila_url, slug)
    caution = page.locator(".motw-player-caution")
    first = course().move(plan.segments[0].move)
    expect(caution).to_have_text(f"Take care: {' '.join(first.caution.split())}")
    page.get_by_role("button", name="Play", exact=True).click()
    later = next(s for s in plan.segments if s.kind == "work" and s.set == 2)
    page.clock.run_for((later.start + 1) * 1000)
    expect(page.locator(".motw-player").first).to_have_attribute("data-segment", str(later.index))
    expect(caution).to_be_hidden()
