"""The home's routines: build one, see the total, save it (it survives a reload), share it as a
link, open the link elsewhere and save it there; a damaged link changes nothing."""

from __future__ import annotations

import json

from playwright.sync_api import Browser, Page, expect

from moves.durations import duration_text
from moves.loader import course
from moves.routines.plan import plan_routine
from moves.routines.schema import CustomRoutine

STORAGE_KEY = "move-of-the-week:progress"


def open_home(page: Page, base: str, fragment: str = "") -> None:
    page.goto(f"{base}/voila/render/index.ipynb{fragment}")
    page.wait_for_selector(".motw-builder .motw-pick li")
    page.wait_for_selector(".motw-store-line:not(:empty)")


def stored(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})") or "{}")


def test_build_save_share_and_open_a_routine(page: Page, voila_url: str, browser: Browser):
    open_home(page, voila_url)
    shelf = page.locator(".motw-shelf")
    expect(shelf.locator(".motw-routine-card")).to_have_count(6)
    expect(shelf.get_by_role("link", name="Five-minute cool-down after a run")).to_have_attribute(
        "href", "routine-after-run-cool-down.ipynb"
    )
    builder = page.locator(".motw-builder")
    builder.get_by_label("Muscle group").select_option("glutes")  # the library's filters
    expect(builder.locator(".motw-pick li[data-slug=plank]")).to_be_hidden()
    builder.get_by_role("button", name="Add Glute bridge").click()
    builder.get_by_role("button", name="Clear filters").click()
    builder.get_by_role("button", name="Add Hamstring kick backs").click()
    builder.locator(".motw-draft-item").nth(0).get_by_label("Sets").fill("2")
    builder.get_by_role("button", name="Move up: 2. Hamstring kick backs").click()
    expected = CustomRoutine.model_validate(
        {
            "title": "My routine",
            "items": [{"move": "hamstring-kickbacks"}, {"move": "glute-bridge", "sets": 2}],
        }
    )
    total = duration_text(plan_routine(expected, course()).total_seconds)
    expect(builder.locator(".motw-total")).to_contain_text(f"Total: {total} for 2 moves")
    builder.get_by_role("button", name="Save in this browser").click()
    expect(builder.locator(".motw-saved li")).to_have_count(1)
    builder.get_by_role("button", name="Share link").first.click()
    link = builder.locator(".motw-share input").input_value()
    assert "#routine=1." in link

    page.reload()  # saved in the browser: still there
    page.wait_for_selector(".motw-builder .motw-saved li")
    expect(page.locator(".motw-saved li")).to_contain_text(f"My routine · {total}")

    elsewhere = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    open_home(elsewhere, voila_url, "#" + link.split("#", 1)[1])
    incoming = elsewhere.locator(".motw-incoming")
    expect(incoming).to_contain_text(f"My routine · {total} in all")
    expect(incoming).to_contain_text("Hamstring kick backs → Glute bridge")
    assert stored(elsewhere).get("routines", {}) == {}  # offered, not saved by itself
    incoming.get_by_role("button", name="Save to my routines").click()
    expect(elsewhere.locator(".motw-saved li")).to_have_count(1)
    incoming.get_by_role("button", name="Play it").click()
    player = elsewhere.locator(".motw-player")
    expect(player).to_be_visible()
    expect(player.locator(".motw-player-move")).to_have_text("Hamstring kick backs")
    elsewhere.context.close()


def test_a_damaged_link_says_so_and_changes_nothing(page: Page, voila_url: str):
    open_home(page, voila_url, "#routine=1.q1bKVLKKrl<img src=x onerror=alert(1)>")
    before = stored(page)
    alert = page.locator(".motw-incoming [role=alert]")
    expect(alert).to_contain_text("This share link is not a routine link")
    expect(alert).to_contain_text("Nothing was changed.")
    assert page.locator(".motw-incoming img").count() == 0
    assert stored(page) == before
    page.locator(".motw-incoming").get_by_role("button", name="Dismiss").click()
    expect(page.locator(".motw-incoming")).to_be_hidden()
    assert "#" not in page.url
