"""The home's routines: build one, see the total, save it (it survives a reload), share it as a
link, open the link elsewhere and save it there; a damaged link changes nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
from conftest import serving
from playwright.sync_api import Browser, Page, expect

from moves.durations import duration_text
from moves.loader import course
from moves.pages import routine_address
from moves.routines.load import routines
from moves.routines.plan import plan_routine
from moves.routines.schema import CustomRoutine

STORAGE_KEY = "move-of-the-week:progress"
LOWER_HOLD = 45  # seconds; the schema's own limit is higher
KEY = "shared"  # the share link's fragment key, in place of "routine"
READY = "Get set"  # the player's heading while getting ready

# Other rules in the model, set before anything else in every Python process of the server
# (its kernels too).
OTHER_RULES = f"""
import moves.routines.schema as schema
import moves.routines.share as share
import moves.routines.words as words

schema.BOUNDS["hold_seconds"] = schema.Bound(1, {LOWER_HOLD}, "seconds")
share.FRAGMENT_KEY = {KEY!r}
words.HEADINGS["ready"] = {READY!r}
"""


@pytest.fixture(scope="module")
def other_rules_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The course app with other rules in the model: a lower hold limit
    (moves.routines.schema.BOUNDS), another share key and another word for getting ready."""
    folder = tmp_path_factory.mktemp("other-rules")
    (folder / "sitecustomize.py").write_text(OTHER_RULES)
    path = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))
    args = ["server.app", "notebooks/", "--no-browser", "--Voila.ip=127.0.0.1"]
    log = folder / "voila.log"
    with serving(args, "/voila/static/voila.js", log, env={"PYTHONPATH": path}) as url:
        yield url


def open_home(page: Page, base: str, fragment: str = "") -> None:
    page.goto(f"{base}/voila/render/index.ipynb{fragment}")
    page.wait_for_selector(".motw-builder .motw-pick li")
    page.wait_for_selector(".motw-store-line:not(:empty)")


def stored(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})") or "{}")


def test_build_save_share_and_open_a_routine(page: Page, voila_url: str, browser: Browser):
    open_home(page, voila_url)
    shelf = page.locator(".motw-shelf")
    expect(shelf.locator(".motw-routine-card")).to_have_count(len(routines()))
    expect(shelf.get_by_role("link", name="Seven-minute cool-down after a run")).to_have_attribute(
        "href", routine_address("after-run-cool-down")
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


def test_the_builder_and_player_follow_the_model_s_rules(page: Page, other_rules_url: str):
    """The page has no copy of the model's rules: a lower hold limit reaches the input and the
    check, another share key the link and its reading, another word the player."""
    open_home(page, other_rules_url)
    builder = page.locator(".motw-builder")
    builder.get_by_role("button", name="Add Forearm plank").click()
    hold = builder.locator(".motw-draft-item").nth(0).get_by_label("Hold (s)")
    expect(hold).to_have_attribute("max", str(LOWER_HOLD))
    hold.fill(str(LOWER_HOLD + 15))
    expect(builder.locator(".motw-problems")).to_contain_text(
        f"hold_seconds: expected a number from 1 to {LOWER_HOLD} seconds, got {LOWER_HOLD + 15}"
    )
    hold.fill(str(LOWER_HOLD))
    expect(builder.locator(".motw-total")).to_contain_text("Total:")
    builder.get_by_role("button", name="Share link").first.click()
    link = builder.locator(".motw-share input").input_value()
    assert f"#{KEY}=1." in link
    page.goto(link)  # the same page, another fragment: the builder reads it
    incoming = page.locator(".motw-incoming")
    expect(incoming).to_contain_text("A routine shared with you")
    incoming.get_by_role("button", name="Play it").click()
    expect(page.locator(".motw-player .motw-player-kind")).to_have_text(READY)
