"""Review: a self-quiz across the course, scheduled with FSRS, in sessions of ten cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import traitlets

from moves.calendar import long_date
from moves.loader import Course, course
from moves.quiz import AnswerError, grade_answer
from moves.review import (
    RATINGS,
    SESSION_SIZE,
    default_rating,
    mastery,
    next_session,
    review,
    review_deck,
    summarise,
)
from widgets.base import AnswersByMessage, CourseWidget, front_end
from widgets.bodymap import anonymous_map
from widgets.progress import ProgressStore, shared_store, utc_now


class Review(AnswersByMessage, CourseWidget):
    """One session: due cards, then new ones. After each answer the learner may change how
    sure they were (again/hard/good/easy, defaulting from right or wrong); Next schedules it."""

    _esm, _css = front_end("review.js")

    title = traitlets.Unicode("Review", help="For the accessible name.").tag(sync=True)
    questions = traitlets.List(traitlets.Dict(), help="This session's cards, without answers.").tag(
        sync=True
    )
    order = traitlets.List(traitlets.Unicode(), help="Card ids in the order asked.").tag(sync=True)
    position = traitlets.Int(0, help="Index into `order` of the card shown.").tag(sync=True)
    answers = traitlets.Dict(help="Responses by card id.").tag(sync=True)
    results = traitlets.Dict(help="Grades by card id.").tag(sync=True)
    ratings = traitlets.Dict(help="How sure the learner was, by card id; set at Next.").tag(
        sync=True
    )
    error = traitlets.Unicode("", help="A response that could not be graded.").tag(sync=True)
    map_svg = traitlets.Unicode(help="The unlabelled body map for 'find the muscle' cards.").tag(
        sync=True
    )
    summary = traitlets.Dict(help="Score, weakest groups, when cards come back.").tag(sync=True)
    session = traitlets.Int(0, help="Set by the browser to start the next session.").tag(sync=True)

    def __init__(
        self,
        *,
        size: int = SESSION_SIZE,
        now: Callable[[], dt.datetime] = utc_now,
        source: Course | None = None,
        store: ProgressStore | None = None,
        **kwargs: object,
    ) -> None:
        self._source = source or course()
        self._store = store or shared_store()
        self._now = now
        self._size = size
        self._deck = review_deck(self._source)
        super().__init__(map_svg=anonymous_map(self._source), **kwargs)
        self._start()
        self._store.observe(self._on_store, names="loaded")

    def _on_store(self, change: traitlets.Bunch) -> None:
        # The browser's saved progress arrived: if nothing is answered yet, plan again with it.
        if change["new"] and not self.answers:
            self._start()

    def _start(self) -> None:
        ids = next_session(self._store.progress, self._source, self._now(), self._size)
        with self.hold_sync():
            self.answers = {}
            self.results = {}
            self.ratings = {}
            self.summary = {}
            self.questions = [
                {**self._deck[i].question.public(), "context": self._context(i)} for i in ids
            ]
            self.order = ids
            self.position = 0

    def _context(self, qid: str) -> str:
        """Which move a card is about; cards that ask for the move itself do not say."""
        if qid.startswith("course:"):
            return "Across the course"
        return f"From {self._source.move(self._deck[qid].move).title}"

    @traitlets.observe("session")
    def _next_session(self, _change: traitlets.Bunch) -> None:
        self._start()

    @traitlets.observe("answers")
    def _grade(self, change: traitlets.Bunch) -> None:
        results = dict(self.results)
        errors = []
        for qid, response in change["new"].items():
            if qid in results or qid not in self.order:
                if qid not in self.order:
                    errors.append(f"There is no card {qid!r} in this session.")
                continue
            try:
                grade = grade_answer(self._deck[qid].question, response).as_dict()
            except (AnswerError, TypeError) as exc:
                errors.append(f"That answer could not be checked: {exc}")
                continue
            grade["rating"] = default_rating(bool(grade["correct"]))
            results[qid] = grade
        self.error = " ".join(errors)
        self.results = results

    @traitlets.observe("ratings")
    def _schedule(self, change: traitlets.Bunch) -> None:
        for qid, rating in change["new"].items():
            if qid in change["old"] or qid not in self.results or rating not in RATINGS:
                continue
            correct = bool(self.results[qid]["correct"])
            self._store.update(
                lambda p, q=qid, c=correct, r=rating: review(p, q, c, r, self._now())
            )
        if self.order and all(qid in self.ratings for qid in self.order):
            self._summarise()

    def _summarise(self) -> None:
        now = self._now()
        result = summarise(
            {qid: bool(self.results[qid]["correct"]) for qid in self.order},
            self._store.progress,
            self._source,
            now,
        )
        due = result.next_due
        self.summary = {
            "right": result.right,
            "total": result.total,
            "weakest": result.weakest,
            "next_due": _when(due, now) if due else "",
            "due_within_a_day": result.due_within_a_day,
        }

    # What the learner does, for tests and notebooks
    def answer(self, response: list[int]) -> dict:
        qid = self.order[self.position]
        self.answers = {**self.answers, qid: list(response)}
        return self.results.get(qid, {})

    def next_card(self, rating: str | None = None) -> None:
        qid = self.order[self.position]
        chosen = rating or self.results[qid]["rating"]
        self.ratings = {**self.ratings, qid: chosen}
        self.position += 1

    def mastery(self) -> dict[str, float]:
        return mastery(self._store.progress, self._source, self._now())

    def _repr_fields(self) -> dict[str, object]:
        return {"cards": len(self._deck), "session": self._size}


def _when(due: dt.datetime, now: dt.datetime) -> str:
    minutes = (due - now).total_seconds() / 60
    if minutes < 1:
        return "in under a minute"
    if minutes < 60:
        return f"in {round(minutes)} minute{'s' if round(minutes) != 1 else ''}"
    if minutes < 60 * 24:
        hours = round(minutes / 60)
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    return f"on {long_date(due.date())}"
