"""What the browser tests share: opening a course page, and knowing and giving a quiz's answers."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from moves.loader import course
from moves.quiz import Question, generate_quiz


def open_course_page(page: Page, base: str, name: str, ready: str, theme: str = "light") -> None:
    """Open a Voilà page and wait until `ready`, a real selector, is shown."""
    page.goto(f"{base}/voila/render/{name}.ipynb?theme={theme}")
    page.wait_for_selector(ready)


def quiz_questions(slug: str) -> dict[str, Question]:
    """The move's quiz as the page builds it (seed 0), with the answers the page never sees."""
    library = course()
    return {q.id: q for q in generate_quiz(library.move(slug), library, seed=0)}


def wrong_response(question: Question) -> list[int]:
    if question.kind == "order":
        return list(reversed(question.answer))
    return [next(i for i in range(len(question.options)) if i not in question.answer)]


def answer_question(page: Page, question: Question, response: list[int]) -> None:
    """Give `response` (option indexes; for an order question, the order) to the question
    shown, as a keyboard user would for the order and locate kinds, and submit it."""
    quiz = page.locator(".motw-quiz")
    if question.kind == "order":
        # Move each step into place with the up buttons.
        for place, wanted in enumerate(response):
            text = question.options[wanted]
            items = quiz.locator(".motw-order-text")
            current = [items.nth(i).inner_text() for i in range(items.count())].index(text)
            for _ in range(current - place):
                quiz.get_by_role("button", name=f"Move up: {text}").click()
    elif question.kind == "locate":
        quiz.locator(f'[data-muscle="{question.option_ids[response[0]]}"]').first.focus()
        page.keyboard.press("Enter")
    else:
        inputs = quiz.locator(".motw-option input")
        for index in response:
            inputs.nth(index).check()
    quiz.locator("form button[type=submit]").click()


def answer_shown_question_rightly(page: Page, slug: str) -> Question:
    """Answer the question `slug`'s quiz shows, rightly, and wait for Python's grade (it comes
    back only through the page's own kernel); returns the question."""
    quiz = page.locator(".motw-quiz")
    question = quiz_questions(slug)[quiz.locator("form[data-qid]").get_attribute("data-qid")]
    answer_question(page, question, list(question.answer))
    expect(quiz.locator(".motw-verdict")).to_be_visible(timeout=60_000)
    return question


def open_in_a_new_context(browser, base: str, name: str, ready: str = ".motw-quiz .motw-prompt"):
    """A learner of their own (a new browser context, so a cookie and a kernel of their own)
    with `name`'s page open and ready; returns (context, page)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    open_course_page(page, base, name, ready)
    return context, page


# Leaving or reloading a page asks the server to shut its kernel down (a beacon); offline, that
# request cannot leave the browser. That is what going offline does, not a failure of the page.
OFFLINE_FAILURES = ("/voila/api/shutdown/",)


def wait_until_kept(page: Page, name: str) -> None:
    """Until the service worker has kept the page `name` (it does so as the page loads); a
    bounded wait (Playwright's wait_for_function does not wait for a promise)."""
    kept = page.evaluate(
        """async (name) => {
          const kept = async () => {
            for (const key of await caches.keys()) {
              if (!key.startsWith("motw-pages-")) continue;
              const cache = await caches.open(key);
              const urls = (await cache.keys()).map((r) => r.url);
              if (urls.some((url) => url.includes(`/voila/render/${name}.ipynb`))) return true;
            }
            return false;
          };
          for (let tries = 0; tries < 300; tries++) {
            if (await kept()) return true;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          return false;
        }""",
        name,
    )
    assert kept, f"the service worker did not keep {name}"


def open_and_keep(
    page: Page, base: str, name: str, ready: str = ".motw-quiz .motw-option", theme: str = "light"
) -> None:
    """Open a course page and wait until the service worker controls it and has kept it."""
    open_course_page(page, base, name, ready, theme)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    wait_until_kept(page, name)


def axe_violations(page: Page) -> list[str]:
    """What axe-core finds on the page as it is now, one line each (a test asserts [])."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
