"""Quiz: generated and hand-written questions, graded in Python, with feedback and a retry."""

from __future__ import annotations

import traitlets

from moves.loader import Course, course
from moves.progress import record_answer
from moves.quiz import AnswerError, Question, generate_quiz, grade_answer
from widgets.base import AnswersByMessage, CourseWidget, after_reply, front_end
from widgets.bodymap import anonymous_map
from widgets.progress import ProgressStore, shared_store, utc_now


class Quiz(AnswersByMessage, CourseWidget):
    """A move's quiz, one question at a time. The browser sends each answer; Python grades it
    into `results`, so right answers never reach the page before the learner commits."""

    _esm, _css = front_end("quiz.js")

    move = traitlets.Unicode(help="Slug of the move.").tag(sync=True)
    title = traitlets.Unicode(help="Title of the move, for the accessible name.").tag(sync=True)
    questions = traitlets.List(
        traitlets.Dict(), help="Each question without its answer: id, kind, prompt, options."
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
    map_svg = traitlets.Unicode(
        help="The unlabelled body map for 'find the muscle' questions: sent once one of them is "
        "shown or next, not with the page (it is 80 KB, most of the quiz's state)."
    ).tag(sync=True)
    best = traitlets.List(
        traitlets.Int(), help="The learner's best score on this quiz so far: [right, total]."
    ).tag(sync=True)

    def __init__(
        self,
        move: str,
        *,
        seed: int = 0,
        source: Course | None = None,
        store: ProgressStore | None = None,
        **kwargs: object,
    ) -> None:
        self._store = store or shared_store()
        content_source = source or course()
        content = content_source.move(move)
        self._questions: dict[str, Question] = {
            q.id: q for q in generate_quiz(content, content_source, seed=seed)
        }
        self._seed = seed
        super().__init__(
            move=content.slug,
            title=content.title,
            questions=[q.public() for q in self._questions.values()],
            order=list(self._questions),
            **kwargs,
        )
        self._map = (
            anonymous_map(content_source)
            if any(q.kind == "locate" for q in self._questions.values())
            else ""
        )
        self.observe(self._send_map_when_near, names=["order", "position"])
        self._send_map_when_near()
        self._store.observe(self._show_best, names="document")
        self._show_best()

    def _send_map_when_near(self, _change: object = None) -> None:
        """Send the find-it map when its question is shown or next, so it is there in time."""
        if self.map_svg or not self._map:
            return
        near = self.order[self.position : self.position + 2]
        if any(self._questions[qid].kind == "locate" for qid in near if qid in self._questions):
            self.map_svg = self._map

    @traitlets.observe("answers")
    def _grade(self, change: traitlets.Bunch) -> None:
        results = {k: v for k, v in self.results.items() if k in change["new"]}
        errors: list[str] = []
        graded: list[str] = []
        for qid, response in change["new"].items():
            if qid in results and results[qid]["response"] == list(response):
                continue
            question = self._questions.get(qid)
            if question is None:
                errors.append(f"There is no question {qid!r} in this quiz.")
                continue
            try:
                results[qid] = grade_answer(question, response).as_dict()
            except (AnswerError, TypeError) as exc:
                errors.append(f"That answer could not be checked: {exc}")
                continue
            graded.append(qid)
        self.error = " ".join(errors)
        self.results = results
        if graded:
            after_reply(lambda: self._save(graded, results))

    def _save(self, graded: list[str], results: dict) -> None:
        for qid in graded:
            correct = bool(results[qid]["correct"])
            self._store.update(
                lambda p, qid=qid, correct=correct: record_answer(
                    p, self.move, qid, correct, len(self._questions), utc_now()
                )
            )

    def _show_best(self, _change: object = None) -> None:
        entry = self._store.progress.moves.get(self.move)
        best = entry.quiz.best if entry else None
        self.best = list(best) if best else []

    def question(self, qid: str) -> Question:
        return self._questions[qid]

    @property
    def current(self) -> Question:
        return self._questions[self.order[self.position]]

    def answer(self, response: list[int], qid: str | None = None) -> dict:
        """Answer a question (the one shown, by default) as the learner would; returns its grade."""
        qid = qid or self.order[self.position]
        self.answers = {**self.answers, qid: list(response)}
        return self.results.get(qid, {})

    def next_question(self) -> None:
        self.position = min(self.position + 1, len(self.order))

    @property
    def score(self) -> tuple[int, int]:
        """(right, total) over every question of the quiz."""
        return sum(r["correct"] for r in self.results.values()), len(self._questions)

    @property
    def missed(self) -> list[str]:
        return [qid for qid in self.order if not self.results.get(qid, {}).get("correct")]

    def retry_missed(self) -> None:
        """A new round of only the questions missed in this one, answers cleared."""
        missed = self.missed
        self.answers = {k: v for k, v in self.answers.items() if k not in missed}
        self.order = missed
        self.position = 0

    def start_over(self) -> None:
        self.answers = {}
        self.order = list(self._questions)
        self.position = 0

    def _repr_fields(self) -> dict[str, object]:
        return {"move": self.move, "questions": len(self._questions)}
