"""A library broken while the course is served: the page says what is wrong, in place of the
widget, and the learner's saved progress is untouched."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest
from conftest import ERROR_CELL, ROOT, serving
from playwright.sync_api import Page, expect

MOVE = "hamstring-kickbacks"
KEY = "move-of-the-week:progress"
SAVED = {
    "version": 1,
    "moves": {"bird-dog": {"steps": {"both": [0, 1]}, "finished_at": "2026-11-20T10:00:00Z"}},
}


@pytest.fixture(scope="module")
def broken_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("broken")
    library = folder / "library"
    shutil.copytree(ROOT / "moves" / "library", library)
    move = library / f"{MOVE}.yaml"
    move.write_text(move.read_text().replace("week: 2026-11-23", "week: 2026-11-24"))
    args = ["widgets.serve", "notebooks/", "--no-browser", "--Voila.ip=127.0.0.1"]
    env = {"MOTW_LIBRARY": str(library)}
    with serving(args, "/voila/static/voila.js", folder / "voila.log", env=env) as url:
        yield url


def test_the_page_names_the_file_and_field_and_keeps_progress(page: Page, broken_url: str):
    raw = json.dumps(json.dumps(SAVED))
    page.add_init_script(
        f"if (location.protocol === 'http:') localStorage.setItem({KEY!r}, {raw});"
    )
    page.goto(f"{broken_url}/voila/render/{MOVE}.ipynb")
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text("This part of the course cannot be shown")
    expect(notice).to_contain_text(f"{MOVE}.yaml: week: ")
    expect(notice).to_contain_text("Monday")
    assert ERROR_CELL not in page.content()
    expect(page.locator(".motw-store-line")).to_be_visible()  # the store read what was saved
    saved = json.loads(page.evaluate(f"localStorage.getItem({KEY!r})"))
    kept = saved["moves"]["bird-dog"]
    assert kept["steps"] == {"both": [0, 1]}
    assert kept["finished_at"] == "2026-11-20T10:00:00Z"


@pytest.mark.parametrize("name", ["index", "review"])
def test_the_home_and_the_review_say_so_too(page: Page, broken_url: str, name: str):
    page.goto(f"{broken_url}/voila/render/{name}.ipynb")
    expect(page.get_by_role("alert")).to_contain_text(f"{MOVE}.yaml: week: expected a Monday")
    assert ERROR_CELL not in page.content()
    expect(page.locator(".motw-store-line")).to_be_visible()  # the page has settled
