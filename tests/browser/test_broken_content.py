"""One broken move file while the course is served: that move's page says what is wrong, in
place of its widgets; the home lists it as unavailable with the reason; every other page
works; the learner's saved progress, for that move too, is untouched."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest
from conftest import ERROR_CELL, ROOT, serving
from playwright.sync_api import Page, expect

MOVE = "hamstring-kickbacks"
PORT = 8891  # this test's own port
KEY = "move-of-the-week:progress"
SAVED = {
    "version": 1,
    "moves": {
        "bird-dog": {"steps": {"both": [0, 1]}, "finished_at": "2026-11-20T10:00:00Z"},
        MOVE: {"steps": {"right": [0, 1, 2]}, "finished_at": "2026-11-24T09:00:00Z"},
    },
}


@pytest.fixture(scope="module")
def broken_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("broken")
    library = folder / "library"
    shutil.copytree(ROOT / "moves" / "library", library)
    move = library / f"{MOVE}.yaml"
    move.write_text(move.read_text().replace("week: 2026-11-23", "week: 2026-11-24"))
    args = ["server.app", "notebooks/", "--no-browser", "--Voila.ip=127.0.0.1"]
    env = {"MOTW_LIBRARY": str(library)}
    with serving(args, "/voila/static/voila.js", folder / "voila.log", env=env, port=PORT) as url:
        yield url


def _with_saved_progress(page: Page) -> None:
    raw = json.dumps(json.dumps(SAVED))
    page.add_init_script(
        f"if (location.protocol === 'http:' && !localStorage.getItem({KEY!r})) "
        f"localStorage.setItem({KEY!r}, {raw});"
    )


def _assert_progress_kept(page: Page) -> None:
    saved = json.loads(page.evaluate(f"localStorage.getItem({KEY!r})"))
    for slug, entry in SAVED["moves"].items():
        assert saved["moves"][slug]["steps"] == entry["steps"], slug
        assert saved["moves"][slug]["finished_at"] == entry["finished_at"], slug


def test_the_broken_move_page_names_the_file_and_field_and_keeps_progress(
    page: Page, broken_url: str
):
    _with_saved_progress(page)
    page.goto(f"{broken_url}/voila/render/{MOVE}.ipynb")
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text("This part of the course cannot be shown")
    expect(notice).to_contain_text(f"{MOVE}.yaml: week: expected a Monday")
    assert ERROR_CELL not in page.content()
    expect(page.locator(".motw-store-line")).to_be_visible()  # the store read what was saved
    _assert_progress_kept(page)


def test_the_home_lists_the_broken_move_and_every_other_one(page: Page, broken_url: str):
    _with_saved_progress(page)
    page.goto(f"{broken_url}/voila/render/index.ipynb")
    unavailable = page.get_by_role("status").filter(has_text="Unavailable for now")
    expect(unavailable).to_contain_text(f"{MOVE}: ")
    expect(unavailable).to_contain_text(f"{MOVE}.yaml: week: expected a Monday, got 2026-11-24")
    others = len(list((ROOT / "moves" / "library").glob("*.yaml"))) - 1
    expect(page.locator(".motw-home .motw-card")).to_have_count(others)
    expect(page.locator(".motw-card .motw-card-link", has_text="Forearm plank")).to_be_visible()
    # A routine made with the broken move may say so; no cell failed.
    expect(page.locator("body")).not_to_contain_text(ERROR_CELL)
    expect(page.locator(".motw-store-line")).to_be_visible()
    _assert_progress_kept(page)


def test_another_move_page_works(page: Page, broken_url: str):
    page.goto(f"{broken_url}/voila/render/plank.ipynb")
    walk = page.locator(".motw-walk")
    expect(walk.locator(".motw-progress")).to_contain_text("Step 1 of")
    walk.get_by_role("button", name="Next").click()
    expect(walk.locator(".motw-progress")).to_contain_text("Step 2 of")
    expect(page.get_by_role("alert")).to_have_count(0)


def test_the_review_works(page: Page, broken_url: str):
    page.goto(f"{broken_url}/voila/render/review.ipynb")
    expect(page.locator(".motw-store-line")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    assert ERROR_CELL not in page.content()
