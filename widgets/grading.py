"""What the quiz and the review share: questions asked one at a time, each answer graded in
Python (answers never reach the page before the learner commits), and the grade sent first."""

from __future__ import annotations

from typing import ClassVar

import traitlets

from moves.questionkinds import AnswerError, page_kinds
from moves.quiz import Question, grade_answer
from widgets.base import CourseWidget, after_reply


class QuestionWidget(CourseWidget):
    """Asks `questions` in `order`, one at a time, and grades `answers` into `results`.

    The browser sends each answer as one custom message, the way an ipywidgets Button sends its
    click, rather than by writing the whole `answers` trait. The page waits for one thing: the
    grade, sent at once as a small message. The synced state (`answers`, `results`, `error`)
    follows after the reply (`after_reply`), so every view of the widget and a reloaded page
    agree; sent at once, it arrived in the same moment as the grade and the page handled both
    before it could show the grade. Answers set from Python (or written by the browser as a
    trait) are graded by the same `answers` observer.
    """

    questions = traitlets.List(
        traitlets.Dict(), help="Every question without its answer: id, kind, prompt, options."
    ).tag(sync=True)
    order = traitlets.List(
        traitlets.Unicode(), help="Question ids of the current round, in the order asked."
    ).tag(sync=True)
    position = traitlets.Int(0, help="Index into `order` of the question shown.").tag(sync=True)
    answers = traitlets.Dict(
        help="Learner's responses by question id: option indices (or the full order)."
    ).tag(sync=True)
    results = traitlets.Dict(help="Grades by question id, written by Python.").tag(sync=True)
    error = traitlets.Unicode("", help="A response that could not be graded, in words.").tag(
        sync=True
    )
    question_kinds = traitlets.Dict(
        help="Each kind of question by id, as the page draws it: its view's name, the check "
        "button's label, the hint for an empty answer (moves.questionkinds)."
    ).tag(sync=True)
    map_svg = traitlets.Unicode(
        help="The unlabelled body map for 'find the muscle' questions (sent when needed)."
    ).tag(sync=True)

    # How this widget names an id it does not ask, e.g. "There is no question 'x' in this quiz."
    unknown_question: ClassVar[str] = "There is no question {qid!r} here."
    # True: a question keeps the grade of its first answer (a review card is scheduled from it).
    # False: a different response to the same question is graded again.
    first_answer_counts: ClassVar[bool] = False

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**{"question_kinds": page_kinds(), **kwargs})
        self.on_msg(self._on_answer_message)

    def _asked(self, qid: str) -> Question | None:
        """The question `qid` names, if this widget asks it."""
        raise NotImplementedError

    def _with_extras(self, result: dict) -> dict:
        """A new grade, with whatever this widget adds to it."""
        return result

    def _after_grading(self, graded: list[str], results: dict) -> None:
        """Called with the ids just graded (not those whose grade was kept)."""

    def grade(
        self, qid: str, response: object, kept: dict | None = None
    ) -> tuple[dict | None, str]:
        """The grade of one response, or why it has none; changes nothing. `kept` is the grade
        the question already has, returned again when the response is the same."""
        question = self._asked(qid)
        if question is None:
            return None, self.unknown_question.format(qid=qid)
        if kept is not None and (self.first_answer_counts or kept["response"] == response):
            return kept, ""
        try:
            return self._with_extras(grade_answer(question, response).as_dict()), ""  # type: ignore[arg-type]
        except (AnswerError, TypeError) as exc:
            return None, f"That answer could not be checked: {exc}"

    @traitlets.observe("answers")
    def _grade(self, change: traitlets.Bunch) -> None:
        results: dict[str, dict] = {}
        errors: list[str] = []
        graded: list[str] = []
        for qid, response in change["new"].items():
            kept = self.results.get(qid)
            result, error = self.grade(qid, response, kept)
            if result is None:
                errors.append(error)
                continue
            results[qid] = result
            if result is not kept:
                graded.append(qid)
        self.error = " ".join(errors)
        self.results = results
        if graded:
            self._after_grading(graded, results)

    def answer(self, response: list[int], qid: str | None = None) -> dict:
        """Answer a question (the one shown, by default) as the learner would; returns its grade."""
        qid = qid or self.order[self.position]
        self.answers = {**self.answers, qid: list(response)}
        return self.results.get(qid, {})

    def _on_answer_message(self, _widget: object, content: object, _buffers: object) -> None:
        if not isinstance(content, dict) or content.get("event") != "answer":
            return
        qid, response = content.get("id"), content.get("response")
        if not isinstance(qid, str) or not isinstance(response, list):
            self.error = "That answer could not be checked: it did not arrive as a list of choices."
            return
        result, error = self.grade(qid, response, self.results.get(qid))
        self.send({"event": "graded", "id": qid, "result": result, "error": error})
        after_reply(lambda: self._keep_answer(qid, response))

    def _keep_answer(self, qid: str, response: list) -> None:
        with self.hold_sync():  # answers, results and error go to the page as one update
            self.answers = {**self.answers, qid: response}
