"""Screenshots of what a learner sees, saved under docs/ for the README and for review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

DOCS = Path(__file__).resolve().parents[2] / "docs"
# The home shows this week's move by the learner's own date: pin the browser's clock, so the
# pictures in docs/ change when the pages do, not every Monday.
SHOWN_ON = dt.datetime(2026, 12, 1, 10, 0)


def save_full_page(page: Page, name: str) -> None:
    """Voilà scrolls inside #rendered_cells; grow the viewport so the shot holds the page."""
    height = page.evaluate("document.getElementById('rendered_cells').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": height + 40})
    page.wait_for_timeout(100)  # one frame for the resized layout
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=DOCS / f"{name}.png", full_page=True)


@pytest.mark.parametrize(
    ("theme", "width", "name"),
    [
        ("light", 1280, "move-page-light"),
        ("dark", 1280, "move-page-dark"),
        ("light", 390, "move-page-phone"),
    ],
)
def test_move_page_screenshot(page: Page, voila_url: str, theme: str, width: int, name: str):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{voila_url}/voila/render/hamstring-kickbacks.ipynb?theme={theme}")
    page.wait_for_selector(".motw-quiz .motw-option")
    page.locator(".motw-walk").get_by_role("button", name="Next").click()
    expect(page.locator(".motw-walk .motw-progress")).to_contain_text("Step 2 of 3")
    expect(page.locator(".motw-walk svg.motw-figure")).to_have_attribute("data-settled", "true")
    save_full_page(page, name)
    if name == "move-page-light":
        page.locator(".motw-walk").screenshot(path=DOCS / "walkthrough-light.png")
        page.locator(".motw-map").screenshot(path=DOCS / "body-map-light.png")


@pytest.mark.parametrize(
    ("page_name", "theme", "width", "name"),
    [
        ("index", "light", 1280, "home-light"),
        ("index", "light", 390, "home-phone"),
        ("review", "dark", 1280, "review-dark"),
    ],
)
def test_home_and_review_screenshots(
    page: Page, voila_url: str, page_name: str, theme: str, width: int, name: str
):
    page.set_viewport_size({"width": width, "height": 900})
    page.clock.set_fixed_time(SHOWN_ON)
    page.goto(f"{voila_url}/voila/render/{page_name}.ipynb?theme={theme}")
    page.wait_for_selector(".motw-store-line:not(:empty)")
    page.wait_for_selector(".motw-card, .motw-quiz .motw-prompt")
    save_full_page(page, name)
