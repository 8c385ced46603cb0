"""The move page in a real browser: walkthrough, figure, timer, body map and every quiz type."""

from __future__ import annotations

import re

from helpers import answer_question, open_course_page, quiz_questions, wrong_response
from playwright.sync_api import Page, expect

from moves.loader import course
from moves.walkthrough import walkthrough

MOVE = "hamstring-kickbacks"


def test_home_is_the_first_page_and_links_to_the_move(page: Page, voila_url: str):
    page.goto(voila_url + "/")
    page.wait_for_url("**/voila/render/index.ipynb")
    link = page.locator(".motw-card .motw-card-link", has_text="Hamstring kick backs")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(f"**/voila/render/{MOVE}.ipynb")
    page.wait_for_selector(".motw-walk")
    page.get_by_role("link", name="Back to the course home").click()
    page.wait_for_url("**/voila/render/index.ipynb")
    page.wait_for_selector(".motw-home .motw-card")


def _figure_lines(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".motw-walk [data-bone]",
        "els => els.map(e => ['x1', 'y1', 'cx'].map(a => e.getAttribute(a)).join())",
    )


def test_walkthrough_both_sides_with_the_mouse(page: Page, voila_url: str):
    open_course_page(page, voila_url, MOVE, ".motw-walk svg.motw-figure")
    walk = page.locator(".motw-walk")
    progress = walk.locator(".motw-progress")
    expect(progress).to_have_text(re.compile("Right leg\\s*Step 1 of 3"))
    before = _figure_lines(page)
    walk.get_by_role("button", name="Next").click()
    expect(progress).to_contain_text("Step 2 of 3")
    expect(walk.locator("svg.motw-figure")).to_have_attribute("data-settled", "true")
    assert _figure_lines(page) != before
    for label in ("Step 3 of 3", "Step 1 of 3", "Step 2 of 3", "Step 3 of 3"):
        walk.get_by_role("button", name="Next").click()
        expect(progress).to_contain_text(label)
    expect(progress).to_contain_text("Left leg")
    expect(walk.locator("svg.motw-figure")).to_have_attribute("data-mirror", "true")
    walk.get_by_role("button", name="Finish").click()
    expect(walk.locator(".motw-done")).to_contain_text("Well done")
    walk.get_by_role("button", name="Restart").click()
    expect(progress).to_contain_text("Right leg")


def test_previous_is_off_at_the_first_step_and_goes_back_to_the_last_after_finish(
    page: Page, voila_url: str
):
    """The walkthrough's navigation rules live in the browser only; Python hears the outcome."""
    open_course_page(page, voila_url, MOVE, ".motw-walk svg.motw-figure")
    walk = page.locator(".motw-walk")
    progress = walk.locator(".motw-progress")
    previous = walk.get_by_role("button", name="Previous")
    expect(previous).to_be_disabled()
    walk.get_by_role("button", name="Next").focus()
    page.keyboard.press("ArrowLeft")  # at the first step: nowhere to go back to
    expect(progress).to_have_text(re.compile("Right leg\\s*Step 1 of 3"))
    for _ in range(5):
        walk.get_by_role("button", name="Next").click()
    expect(progress).to_have_text(re.compile("Left leg\\s*Step 3 of 3"))
    walk.get_by_role("button", name="Finish").click()
    expect(progress).to_have_text("All 6 steps done")
    # The page told Python, and Python saved the finish in the learner's browser.
    page.wait_for_function(
        """() => JSON.parse(localStorage.getItem("move-of-the-week:progress") || "{}")
            ?.moves?.["hamstring-kickbacks"]?.finished_at"""
    )
    previous.click()
    expect(progress).to_have_text(re.compile("Left leg\\s*Step 3 of 3"))  # the last, not n-1
    expect(walk.get_by_role("button", name="Finish")).to_be_visible()
    previous.click()
    expect(progress).to_have_text(re.compile("Left leg\\s*Step 2 of 3"))


def test_walkthrough_with_the_keyboard_only(page: Page, voila_url: str):
    open_course_page(page, voila_url, MOVE, ".motw-walk svg.motw-figure")
    walk = page.locator(".motw-walk")
    progress = walk.locator(".motw-progress")
    next_button = walk.get_by_role("button", name="Next")
    for _ in range(60):
        page.keyboard.press("Tab")
        if next_button.evaluate("b => b === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the Next button")
    page.keyboard.press("Enter")
    expect(progress).to_contain_text("Step 2 of 3")
    page.keyboard.press("Space")
    expect(progress).to_contain_text("Step 3 of 3")
    page.keyboard.press("ArrowLeft")
    expect(progress).to_contain_text("Step 2 of 3")
    page.keyboard.press("ArrowRight")
    expect(progress).to_contain_text("Step 3 of 3")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(progress).to_contain_text("Left leg")
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_ring != "none"


def test_after_the_last_hold_of_a_side_the_timer_offers_the_switch(page: Page, voila_url: str):
    """The button after a hold says what comes next, in Python's words (StepView.then_label)."""
    slug = "figure-four-stretch"  # one-sided; its last step is a 30-second hold
    screens = walkthrough(course().move(slug))
    last_right = max(i for i, s in enumerate(screens) if s.side == "right")
    page.clock.install()
    open_course_page(page, voila_url, slug, ".motw-walk svg.motw-figure")
    walk = page.locator(".motw-walk")
    for _ in range(last_right):
        walk.get_by_role("button", name="Next").click()
    walk.get_by_role("button", name="Start hold").click()
    page.clock.run_for((screens[last_right].hold_seconds + 1) * 1000)
    switch = walk.locator("[data-timer=then]")
    expect(switch).to_have_text(screens[last_right].then_label)
    assert screens[last_right].then_label == "Switch to the left leg"
    switch.click()
    expect(walk.locator(".motw-progress")).to_contain_text("Left leg")


def test_the_timer_counts_down_and_pauses(page: Page, voila_url: str):
    open_course_page(page, voila_url, MOVE, ".motw-walk svg.motw-figure")
    walk = page.locator(".motw-walk")
    walk.get_by_role("button", name="Next").click()
    timer = walk.locator(".motw-timer")
    expect(timer).to_have_attribute("data-remaining", "20")
    expect(timer.locator(".motw-digits")).to_have_text("0:20")  # as the player's clock reads
    walk.get_by_role("button", name="Start hold").click()
    expect(timer).to_have_attribute("data-state", "running")
    expect(timer).to_have_attribute("data-remaining", "18", timeout=5000)
    walk.get_by_role("button", name="Pause").click()
    expect(timer).to_have_attribute("data-state", "paused")
    paused_at = timer.get_attribute("data-remaining")
    page.wait_for_timeout(1500)  # paused: the count must not move
    assert timer.get_attribute("data-remaining") == paused_at
    expect(timer.locator("[role=status]")).to_contain_text("Paused with")
    walk.get_by_role("button", name="Reset").click()
    expect(timer).to_have_attribute("data-remaining", "20")
    reps = walk.get_by_role("button", name="Next")
    reps.click()
    walk.get_by_role("button", name="Count a rep").click()
    expect(walk.locator(".motw-rep-count")).to_have_text("1 of 5 reps")


def test_the_body_map_names_and_selects_a_muscle(page: Page, voila_url: str):
    open_course_page(page, voila_url, MOVE, ".motw-map [data-muscle]")
    region = page.locator('.motw-map [data-muscle="semimembranosus"][data-view="back"]')
    region.focus()
    expect(page.locator(".motw-map-label")).to_have_text("Semimembranosus (target)")
    page.keyboard.press("Enter")
    expect(page.locator(".motw-map-chosen")).to_have_text(
        "Selected: Semimembranosus, target in this move."
    )
    page.locator('.motw-map [data-muscle="soleus"]').first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".motw-map-chosen")).to_contain_text("not worked by this move")
    # One tab stop for the map; the arrow keys walk its muscles.
    assert page.locator('.motw-map [data-muscle][tabindex="0"]').count() == 1
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("document.activeElement.dataset.muscle")
    assert focused and focused != "soleus"
    page.keyboard.press("Space")
    expect(page.locator(".motw-map-chosen")).to_contain_text("Selected: ")


def _round(page: Page, questions, right, count: int | None = None) -> None:
    """Answer `count` questions (all, by default) in the order shown: the one at place n
    (from 0) right when right(n), else wrong; after the last, see the score."""
    quiz = page.locator(".motw-quiz")
    count = count or len(questions)
    for number in range(count):
        question = questions[quiz.locator("form[data-qid]").get_attribute("data-qid")]
        answer_right = right(number)
        answer_question(
            page, question, list(question.answer) if answer_right else wrong_response(question)
        )
        verdict = quiz.locator(".motw-verdict")
        expect(verdict).to_have_text(re.compile("^✓ Right" if answer_right else "^✗ Not quite"))
        expect(quiz.locator(".motw-explanation")).to_have_text(question.explanation)
        if not answer_right:
            expect(quiz.locator(".motw-feedback")).to_contain_text("Answer:")
        label = "See your score" if number == count - 1 else "Next question"
        quiz.get_by_role("button", name=label).click()


def test_every_question_type_right_and_wrong_with_feedback_and_score(page: Page, voila_url: str):
    questions = quiz_questions(MOVE)
    count = len(questions)
    assert {q.kind for q in questions.values()} == {"single", "multi", "order", "locate"}
    open_course_page(page, voila_url, MOVE, ".motw-quiz .motw-prompt")
    quiz = page.locator(".motw-quiz")
    score = quiz.locator(".motw-score")
    _round(page, questions, lambda n: True)
    expect(score).to_have_text(f"Your score: {count} of {count} questions right.")
    quiz.get_by_role("button", name="Start over").click()
    _round(page, questions, lambda n: n == 0)
    expect(score).to_have_text(f"Your score: 1 of {count} questions right.")
    # A retry of the missed ones: the score is the quiz's, as Python counts it and keeps the
    # best of, not the retry round's.
    quiz.get_by_role("button", name=f"Retry the {count - 1} I missed").click()
    expect(quiz.locator(".motw-progress")).to_contain_text(f"Question 1 of {count - 1}")
    _round(page, questions, lambda n: True, count=count - 1)
    expect(score).to_have_text(f"Your score: {count} of {count} questions right.")
    expect(quiz.locator(".motw-score-rule")).to_contain_text("latest answer to each question")
    expect(quiz.get_by_role("button", name=re.compile("^Retry"))).to_have_count(0)


def test_the_quiz_with_the_keyboard_only_keeps_focus_with_the_learner(page: Page, voila_url: str):
    open_course_page(page, voila_url, MOVE, ".motw-quiz .motw-prompt")
    quiz = page.locator(".motw-quiz")
    quiz.locator(".motw-option input").first.focus()
    page.keyboard.press("Space")  # choose
    for _ in range(10):  # Tab on to the Check button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type === 'submit'"):
            break
    page.keyboard.press("Enter")
    expect(quiz.locator(".motw-verdict")).to_be_visible()
    next_button = quiz.get_by_role("button", name="Next question")
    expect(next_button).to_be_focused()
    # The synced state and the saved progress arrive after the grade; focus must not move.
    page.wait_for_timeout(500)
    expect(next_button).to_be_focused()
    page.keyboard.press("Enter")
    expect(quiz.locator(".motw-progress")).to_contain_text(
        f"Question 2 of {len(quiz_questions(MOVE))}"
    )
    page.wait_for_function("document.activeElement.closest('.motw-quiz form') !== null")
