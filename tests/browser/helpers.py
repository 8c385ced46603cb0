"""What the browser tests share: opening a course page and knowing a quiz's right answers."""

from __future__ import annotations

from playwright.sync_api import Page

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
