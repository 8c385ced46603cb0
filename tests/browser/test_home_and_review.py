"""The course home (filters, cards, muscle index) and the review, in a real browser."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from helpers import open_course_page
from playwright.sync_api import Page, expect

from moves.browse import filter_moves
from moves.loader import course
from moves.progress import read_document
from moves.review import MASTERY_BANDS, RATING_CHOICES, mastery, mastery_band, review_deck


def test_filters_search_and_the_muscle_index(page: Page, voila_url: str):
    open_course_page(page, voila_url, "index", ".motw-card")
    # The routine builder below the library has filters of its own: use the home's.
    home = page.locator(".motw-home")
    cards = home.locator(".motw-card:visible")
    total = len(course().moves)
    expect(cards).to_have_count(total)
    home.get_by_label("Muscle group").select_option("calves")
    expected = len(filter_moves(course(), group="calves"))
    expect(cards).to_have_count(expected)
    expect(home.locator(".motw-count")).to_have_text(f"{expected} of {total} moves match")
    home.get_by_label("Search").fill("zzz")
    expect(home.locator(".motw-count")).to_contain_text("No move matches")
    home.get_by_role("button", name="Clear filters").click()
    expect(cards).to_have_count(total)
    home.get_by_label("Kind").select_option("core")
    expect(cards).to_have_count(len(filter_moves(course(), kind="core")))
    page.get_by_label("Muscle or group").select_option("semimembranosus")
    targets = page.locator(".motw-index-list").first
    expect(targets.get_by_role("link", name="Hamstring kick backs")).to_be_visible()


def test_library_pictures_are_drawn_near_the_screen_in_the_place_kept_for_them(
    page: Page, voila_url: str
):
    """The library's pictures are parsed as their cards come near the screen (all at once held
    a phone's main thread for most of a second), and each card keeps its picture's height, so
    nothing below it moves when the picture is drawn."""
    page.set_viewport_size({"width": 390, "height": 800})
    open_course_page(page, voila_url, "index", ".motw-card")
    home = page.locator(".motw-home")
    last = home.locator(".motw-card").last
    waiting = last.locator(".motw-card-pending")
    expect(waiting).to_have_count(1)  # far below the screen: not drawn yet
    assert last.locator(".motw-card-picture svg").count() == 0
    held = waiting.bounding_box()["height"]
    last.scroll_into_view_if_needed()
    expect(last.locator(".motw-card-picture svg")).to_have_count(1)
    expect(waiting).to_have_count(0)
    drawn = last.locator(".motw-card-picture").bounding_box()["height"]
    assert abs(drawn - held) < 1, (held, drawn)
    first = home.locator(".motw-card").first
    first.scroll_into_view_if_needed()  # and back up: the first card's picture too
    expect(first.locator(".motw-card-picture svg")).to_have_count(1)


def test_this_weeks_move_is_featured(page: Page, voila_url: str):
    open_course_page(page, voila_url, "index", ".motw-week")
    feature = page.locator(".motw-week")
    expect(feature.get_by_role("link")).to_have_text(re.compile("this week's move|Open "))


def test_every_card_links_to_its_page_and_sampled_pages_render(page: Page, voila_url: str):
    """Every card's link names the notebook of its move (whose first heading is the card's
    title); nbval proves that every notebook runs, so three pages are opened for real: the
    first, a middle one and the last of the year."""
    open_course_page(page, voila_url, "index", ".motw-card")
    links = page.eval_on_selector_all(
        ".motw-card .motw-card-link", "els => els.map(a => [a.textContent, a.getAttribute('href')])"
    )
    assert len(links) == len(course().moves) >= 52
    notebooks = Path(__file__).resolve().parents[2] / "notebooks"
    for title, href in links:
        cells = json.loads((notebooks / href).read_text(encoding="utf-8"))["cells"]
        assert "".join(cells[0]["source"]).startswith(f"# {title}"), href
    for title, href in (links[0], links[len(links) // 2], links[-1]):
        page.goto(f"{voila_url}/voila/render/{href}")  # leaving a page shuts its kernel down
        page.wait_for_selector(".motw-walk .motw-step")
        page.wait_for_selector(".motw-quiz .motw-prompt")  # the last widget: the page is whole
        expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
        assert "There was an error" not in page.content(), href


def test_a_review_session(page: Page, voila_url: str):
    deck = review_deck(course())
    open_course_page(page, voila_url, "review", ".motw-quiz .motw-prompt")
    quiz = page.locator(".motw-quiz")
    for number in range(10):
        expect(quiz.locator(".motw-progress")).to_have_text(f"Card {number + 1} of 10")
        question = deck[quiz.locator("form[data-qid]").get_attribute("data-qid")].question
        if question.kind == "order":
            quiz.locator("form button[type=submit]").click()  # as shown: almost surely wrong
        elif question.kind == "locate":
            quiz.locator(f'[data-muscle="{question.option_ids[question.answer[0]]}"]').first.focus()
            page.keyboard.press("Enter")
            quiz.locator("form button[type=submit]").click()
        else:
            for index in question.answer:
                quiz.locator(".motw-option input").nth(index).check()
            quiz.locator("form button[type=submit]").click()
        expect(quiz.locator(".motw-verdict")).to_be_visible()
        pressed = quiz.locator(".motw-rating [aria-pressed=true]")
        expect(pressed).to_have_count(1)
        if number == 0:
            labels = [choice["label"] for choice in RATING_CHOICES]  # Python's, least sure first
            expect(quiz.locator(".motw-rating [data-rating]")).to_have_text(labels)
            quiz.get_by_role("button", name="Easy").click()
            expect(quiz.get_by_role("button", name="Easy")).to_have_attribute(
                "aria-pressed", "true"
            )
        label = "Finish the session" if number == 9 else "Next card"
        quiz.get_by_role("button", name=label).click()
    # The score comes after Python has saved the session: wait as long as for a grade.
    expect(quiz.locator(".motw-score")).to_have_text(
        re.compile(r"You got \d+ of 10 right\."), timeout=60_000
    )
    table = page.locator(".motw-mastery-table")
    expect(table).to_contain_text("Muscle group")
    expect(
        page.locator(".motw-mastery-table td").filter(has_text=re.compile(r"^[1-9]\d* of"))
    ).not_to_have_count(0)
    # The bands are Python's: its words in the legend, and each group in the band the model
    # puts it in, from what this page saved.
    labels = [band.label for band in MASTERY_BANDS]
    expect(page.locator(".motw-mastery-legend li")).to_have_text(labels)
    saved, _ = read_document(page.evaluate("localStorage.getItem('move-of-the-week:progress')"))
    scores = mastery(saved, course(), dt.datetime.now(dt.UTC))
    for group in scores:
        row = table.locator("tr", has=page.locator("th", has_text=re.compile(f"^{group}$", re.I)))
        expect(row.locator("td").first).to_contain_text(f"· {labels[mastery_band(scores[group])]}")
