"""Progress belongs to the learner: it survives a reload, stays in its own browser, and bad
saved data costs nothing else."""

from __future__ import annotations

from helpers import open_course_page, quiz_questions
from playwright.sync_api import Browser, Page, expect

MOVE = "hamstring-kickbacks"
QUESTIONS = len(quiz_questions(MOVE))
KEY = "move-of-the-week:progress"


def _answer_first_question_right(page: Page) -> None:
    questions = quiz_questions(MOVE)
    quiz = page.locator(".motw-quiz")
    question = questions[quiz.locator("form[data-qid]").get_attribute("data-qid")]
    assert question.kind in ("single", "multi"), "seed 0 starts the quiz with a choice question"
    for index in question.answer:
        quiz.locator(".motw-option input").nth(index).check()
    quiz.locator("form button[type=submit]").click()
    expect(quiz.locator(".motw-verdict")).to_contain_text("Right")


def _store_before_loading(page: Page, raw: str) -> None:
    """Put `raw` in localStorage before the page's scripts run, on the first load only."""
    page.add_init_script(
        "if (location.protocol === 'http:' && !sessionStorage.getItem('seeded')) {"
        f"  localStorage.setItem({KEY!r}, {raw!r}); sessionStorage.setItem('seeded', '1');"
        "}"
    )


def _saved(page: Page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}') || 'null')")


def test_progress_survives_a_reload_and_shows_on_the_home(page: Page, voila_url: str):
    open_course_page(page, voila_url, MOVE, ".motw-quiz .motw-option")
    page.locator(".motw-walk").get_by_role("button", name="Next").click()
    _answer_first_question_right(page)
    page.wait_for_function(f"(localStorage.getItem('{KEY}') || '').includes('best')")
    page.reload()
    page.wait_for_selector(".motw-quiz .motw-option")
    expect(page.locator(".motw-quiz .motw-progress")).to_contain_text(
        f"Your best so far: 1 of {QUESTIONS}"
    )
    _answer_first_question_right(page)  # a new round: the score to beat gives way to it
    expect(page.locator(".motw-quiz .motw-progress")).to_have_text(f"Question 1 of {QUESTIONS}")
    saved = _saved(page)
    assert saved["moves"][MOVE]["steps"] == {"right": [1]}
    open_course_page(page, voila_url, "index", ".motw-card")
    card = page.locator(f'.motw-card[data-slug="{MOVE}"]')
    expect(card.locator(".motw-progress-badge")).to_contain_text(f"Quiz best 1 of {QUESTIONS}")


def test_two_browsers_keep_separate_progress(browser: Browser, page: Page, voila_url: str):
    open_course_page(page, voila_url, MOVE, ".motw-quiz .motw-option")
    _answer_first_question_right(page)
    page.wait_for_function(f"(localStorage.getItem('{KEY}') || '').includes('best')")
    other = browser.new_context()
    try:
        second = other.new_page()
        open_course_page(second, voila_url, MOVE, ".motw-quiz .motw-option")
        expect(second.locator(".motw-quiz .motw-progress")).to_have_text(
            f"Question 1 of {QUESTIONS}"
        )
        assert MOVE not in (second.evaluate(f"localStorage.getItem('{KEY}')") or "")
    finally:
        other.close()


def test_corrupt_saved_progress_gives_a_notice_and_the_page_works(page: Page, voila_url: str):
    _store_before_loading(page, '{"version": 1, "moves": {')
    open_course_page(page, voila_url, MOVE, ".motw-quiz .motw-option")
    expect(page.locator(".motw-store-notice")).to_have_text(
        "Your saved progress could not be read, so this page starts afresh."
    )
    _answer_first_question_right(page)
    page.wait_for_function(f"(localStorage.getItem('{KEY}') || '').includes('best')")
    kept = page.evaluate(
        "Object.keys(localStorage).filter(k => k.includes(':set-aside:'))"
        ".map(k => localStorage.getItem(k))"
    )
    assert kept == ['{"version": 1, "moves": {']


def test_one_bad_entry_is_dropped_and_the_rest_kept(page: Page, voila_url: str):
    doc = (
        '{"version": 1, "moves": {"plank": {"steps": {"both": [1, 2]}}, '
        '"glute-bridge": {"steps": "lots"}}}'
    )
    _store_before_loading(page, doc)
    open_course_page(page, voila_url, "index", ".motw-card")
    expect(page.locator(".motw-store-notice")).to_contain_text("1 saved item could not be read")
    plank = page.locator('.motw-card[data-slug="plank"] .motw-progress-badge')
    expect(plank).to_contain_text("2 steps done")
