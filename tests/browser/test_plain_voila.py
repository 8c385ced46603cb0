"""The notebooks still work in plain Voilà with its stock template (`voila notebooks/`), where
Voilà's own front end draws the widgets from the bundled module each one sends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import serving
from playwright.sync_api import Page, expect


@pytest.fixture(scope="module")
def plain_voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # The repository's voila.json chooses the course template and pre-heats pages: the command
    # line puts Voilà's defaults back.
    args = [
        "voila",
        "notebooks/",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        "--template=lab",
        "--VoilaConfiguration.preheat_kernel=False",
    ]
    log = tmp_path_factory.mktemp("plain-voila") / "voila.log"
    with serving(args, "/voila/static/voila.js", log) as url:
        yield url


def test_a_move_page_works_in_plain_voila(page: Page, page_watch, plain_voila: str):
    page_watch.allow("cdn.jsdelivr.net")  # the stock template links Font Awesome from a CDN
    page.goto(f"{plain_voila}/voila/render/hamstring-kickbacks.ipynb")
    assert page.evaluate("!!document.querySelector('script[src$=\"voila.js\"]')")
    walk = page.locator(".motw-walk")
    expect(walk.locator(".motw-progress")).to_contain_text("Step 1 of 3", timeout=60_000)
    walk.get_by_role("button", name="Next").click()
    expect(walk.locator(".motw-progress")).to_contain_text("Step 2 of 3")
    quiz = page.locator(".motw-quiz")
    quiz.locator(".motw-option input").first.check()
    quiz.get_by_role("button", name="Check answer").click()
    expect(quiz.locator(".motw-explanation")).not_to_be_empty()
