"""Printing a move page gives its card alone on one A4 page, and "Print this card" prints it
(issue 24, part 4). The PDFs are Chromium's own (`page.pdf`), read by tests/browser/pdf.py:
the page count, each page's size from its MediaBox, and its text through the fonts' ToUnicode
maps."""

from __future__ import annotations

import pytest
from helpers import open_course_page
from pdf import read_pdf
from playwright.sync_api import Page, expect

from moves.loader import course
from widgets.card import card_text_length

BUTTONS = ("Previous", "Next", "Check answer", "Print this card")
LIVE = ".motw-quiz .motw-prompt"  # the widgets are drawn: their buttons are on the page


def printed_moves() -> list[str]:
    """The seed move, the move with the most steps and the one with the most text on its card:
    the worst cases of the real library."""
    library = course()
    moves = list(library.by_week())
    most_steps = max(moves, key=lambda m: (len(m.steps), card_text_length(m, library)))
    most_text = max(moves, key=lambda m: card_text_length(m, library))
    return list(dict.fromkeys(["hamstring-kickbacks", most_steps.slug, most_text.slug]))


def test_the_worst_cases_are_three_moves():
    assert len(printed_moves()) == 3


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("slug", printed_moves())
def test_a_move_page_prints_its_card_on_one_a4_page(page: Page, voila_url: str, slug, theme):
    move = course().move(slug)
    open_course_page(page, voila_url, slug, LIVE, theme)
    walk = page.locator(".motw-walk")
    expect(walk.get_by_role("button", name="Next")).to_be_visible()  # on screen, not on paper
    check = page.locator(".motw-quiz form button[type=submit]")
    expect(check).to_be_visible()  # "Check answer", or "Check order" for an order question
    expect(page.get_by_role("button", name="Print this card")).to_be_visible()
    pages = read_pdf(page.pdf(format="A4"))
    assert len(pages) == 1
    (printed,) = pages
    assert printed.is_a4(), (printed.width, printed.height)
    text = printed.text
    assert move.title in text
    assert printed.holds(move.steps[0].text)
    assert move.dose in text
    for label in (*BUTTONS, check.inner_text()):
        assert label not in text, f"{label!r} is printed"
    assert "Quiz yourself" not in text and "Back to the course home" not in text


def test_the_card_shows_only_in_print(page: Page, voila_url: str):
    open_course_page(page, voila_url, "hamstring-kickbacks", LIVE)
    card = page.locator(".motw-printcard")
    expect(card).to_be_hidden()
    page.emulate_media(media="print")
    expect(card).to_be_visible()
    expect(page.locator(".motw-walk")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this card")).to_be_hidden()
    expect(card.locator("svg")).to_have_count(len(course().move("hamstring-kickbacks").steps))


def test_print_this_card_works_by_keyboard_before_the_kernel_is_there(
    page: Page, voila_url: str, page_watch
):
    # No widget host, so no kernel connection: the button needs neither.
    page_watch.allow("static/host.js")
    page.route("**/static/host.js*", lambda route: route.abort())
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; }")
    open_course_page(page, voila_url, "hamstring-kickbacks", ".motw-print")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Print this card")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1
    assert page.locator(".motw-view").count() == 0  # no widget was drawn: no kernel used


def test_only_move_pages_offer_print_this_card(page: Page, voila_url: str):
    open_course_page(page, voila_url, "review", ".motw-quiz .motw-prompt")
    assert page.locator(".motw-print").count() == 0
