"""The move page in a real browser: the walkthrough steps on, and the quiz answers."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def test_home_is_the_first_page_and_links_to_the_move(page: Page, voila_url: str):
    page.goto(voila_url + "/")
    page.wait_for_url("**/voila/render/index.ipynb")
    link = page.get_by_role("link", name="Hamstring kick backs")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**/voila/render/hamstring-kickbacks.ipynb")
    page.wait_for_selector(".motw-walk")


def test_next_and_a_quiz_answer(page: Page, voila_url: str):
    page.goto(f"{voila_url}/voila/render/hamstring-kickbacks.ipynb")
    page.wait_for_selector(".motw-quiz .motw-option")
    walk = page.locator(".motw-walk")
    expect(walk.locator(".motw-progress")).to_contain_text("Step 1 of 3")
    walk.get_by_role("button", name="Next").click()
    expect(walk.locator(".motw-progress")).to_contain_text("Step 2 of")
    expect(walk.locator(".motw-amount")).to_have_text("Hold 20 seconds")

    quiz = page.locator(".motw-quiz")
    quiz.locator(".motw-option input").first.check()
    quiz.get_by_role("button", name="Check").click()
    verdict = quiz.locator(".motw-verdict")
    expect(verdict).to_have_text(re.compile(r"^(✓ Right|✗ Not quite)"))
    expect(quiz.locator(".motw-explanation")).not_to_be_empty()
