"""Quiz: generated and hand-written questions, graded in Python, with feedback and a retry."""

from __future__ import annotations

import traitlets

from moves.progress import quiz_score, record_answer
from moves.quiz import Question, generate_quiz
from widgets.base import front_end
from widgets.bodymap import anonymous_map
from widgets.grading import QuestionWidget
from widgets.progress import utc_now


class Quiz(QuestionWidget):
    """A move's quiz, one question at a time. The browser moves through the questions (Next,
    Retry, Start over set `order` and `position`) and sends each answer; Python grades it into
    `results`, records it in the learner's progress, and sends the find-it map when it is near."""

    _esm, _css = front_end("quiz.js")

    move = traitlets.Unicode(help="Slug of the move.").tag(sync=True)
    title = traitlets.Unicode(help="Title of the move, for the accessible name.").tag(sync=True)
    score = traitlets.List(
        traitlets.Int(),
        help="The learner's score on this quiz: [right, total], how many of its questions their "
        "latest answer got right (moves.progress.quiz_score).",
    ).tag(sync=True)
    best = traitlets.List(
        traitlets.Int(), help="The learner's best score on this quiz so far: [right, total]."
    ).tag(sync=True)

    unknown_question = "There is no question {qid!r} in this quiz."

    def __init__(self, move: str, *, seed: int = 0, **kwargs: object) -> None:
        self._slug, self._seed = move, seed
        super().__init__(**kwargs)
        self._map = (
            anonymous_map(self.source)
            if any(q.question_kind.uses_body_map for q in self._questions.values())
            else ""
        )
        self.observe(self._send_map_when_near, names=["order", "position"])
        self._send_map_when_near()
        self.store.observe(self._show_scores, names="document")
        self._show_scores()

    def _first_state(self) -> dict[str, object]:
        content = self.source.move(self._slug)
        self._questions: dict[str, Question] = {
            q.id: q for q in generate_quiz(content, self.source, seed=self._seed)
        }
        return {
            "move": content.slug,
            "title": content.title,
            "questions": [q.public() for q in self._questions.values()],
            "order": list(self._questions),
        }

    def _asked(self, qid: str) -> Question | None:
        return self._questions.get(qid)

    def _send_map_when_near(self, _change: object = None) -> None:
        """Send the find-it map when its question is shown or next, so it is there in time."""
        if self.map_svg or not self._map:
            return
        near = self.order[self.position : self.position + 2]
        asked = [self._questions[qid] for qid in near if qid in self._questions]
        if any(question.question_kind.uses_body_map for question in asked):
            self.map_svg = self._map

    def _after_grading(self, graded: list[str], results: dict) -> None:
        """Record the new grades now: from the page, grading already runs after the reply
        (QuestionWidget), and the score then goes to the page with the grades it counts."""
        for qid in graded:
            correct = bool(results[qid]["correct"])
            self.store.update(
                lambda p, qid=qid, correct=correct: record_answer(
                    p, self.move, qid, correct, self._questions, utc_now()
                )
            )

    def _show_scores(self, _change: object = None) -> None:
        entry = self.store.progress.moves.get(self.move)
        answers = entry.quiz.answers if entry else {}
        best = entry.quiz.best if entry else None
        with self.hold_sync():
            self.score = list(quiz_score(answers, self._questions))
            self.best = list(best) if best else []

    def _repr_fields(self) -> dict[str, object]:
        return {"move": self.move, "questions": len(self._questions)}
