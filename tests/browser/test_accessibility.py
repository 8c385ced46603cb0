"""axe-core finds nothing on any page, in either theme; phones get no sideways scrolling."""

from __future__ import annotations

import pytest
from helpers import axe_violations, open_course_page
from playwright.sync_api import Page

PAGES = {
    "index": ".motw-home .motw-card",
    "hamstring-kickbacks": ".motw-quiz .motw-option",
    "review": ".motw-quiz .motw-prompt",
}


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(page: Page, voila_url: str, name: str, theme: str):
    open_course_page(page, voila_url, name, PAGES[name], theme)
    page.wait_for_selector(".motw-store-line:not(:empty)")
    assert axe_violations(page) == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_axe_violations_with_feedback_timer_and_map_showing(page: Page, voila_url: str, theme):
    open_course_page(page, voila_url, "hamstring-kickbacks", ".motw-quiz .motw-option", theme)
    walk = page.locator(".motw-walk")
    walk.get_by_role("button", name="Next").click()
    walk.get_by_role("button", name="Start hold").click()
    page.locator(".motw-map [data-muscle]").first.focus()
    page.keyboard.press("Enter")
    quiz = page.locator(".motw-quiz")
    quiz.locator(".motw-option input").first.check()
    quiz.locator("form button[type=submit]").click()
    page.wait_for_selector(".motw-verdict")
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", list(PAGES))
def test_phone_width_has_no_sideways_scroll(page: Page, voila_url: str, name: str):
    page.set_viewport_size({"width": 390, "height": 844})
    open_course_page(page, voila_url, name, PAGES[name])
    overflow = page.evaluate(
        """() => [document.scrollingElement, document.getElementById('rendered_cells'),
                  ...document.querySelectorAll('.motw')]
            .filter(e => e && e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.id || e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""
    )
    assert overflow == []
    buttons = page.locator(".motw button:visible")
    for index in range(buttons.count()):
        box = buttons.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, buttons.nth(index).inner_text()
