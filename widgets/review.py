"""Review: a self-quiz across the course, scheduled with FSRS, in sessions of ten cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import traitlets

from moves.calendar import long_date
from moves.quiz import Question
from moves.review import (
    RATING_CHOICES,
    RATINGS,
    SESSION_SIZE,
    default_rating,
    next_session,
    review,
    review_deck,
    summarise,
)
from widgets.base import front_end
from widgets.bodymap import anonymous_map
from widgets.grading import QuestionWidget
from widgets.progress import utc_now


class Review(QuestionWidget):
    """One session: due cards, then new ones. After each answer the learner may change how
    sure they were (again/hard/good/easy, defaulting from right or wrong); Next records it in
    `ratings`, and Python schedules the card."""

    _esm, _css = front_end("review.js")

    title = traitlets.Unicode("Review", help="For the accessible name.").tag(sync=True)
    rating_choices = traitlets.List(
        traitlets.Dict(),
        default_value=list(RATING_CHOICES),
        help="How sure the learner may say they were, least sure first: each rating's name "
        "(what the page sends back in `ratings`) and label (moves.review.RATING_CHOICES).",
    ).tag(sync=True)
    ratings = traitlets.Dict(help="How sure the learner was, by card id; set at Next.").tag(
        sync=True
    )
    summary = traitlets.Dict(help="Score, weakest groups, when cards come back.").tag(sync=True)
    session = traitlets.Int(0, help="Set by the browser to start the next session.").tag(sync=True)

    unknown_question = "There is no card {qid!r} in this session."
    first_answer_counts = True

    def __init__(
        self,
        *,
        size: int = SESSION_SIZE,
        now: Callable[[], dt.datetime] = utc_now,
        **kwargs: object,
    ) -> None:
        self._now = now
        self._size = size
        super().__init__(**kwargs)
        self._start()
        self.store.observe(self._on_store, names="loaded")

    def _first_state(self) -> dict[str, object]:
        self._deck = review_deck(self.source)
        return {"map_svg": anonymous_map(self.source)}

    def _asked(self, qid: str) -> Question | None:
        return self._deck[qid].question if qid in self.order else None

    def _with_extras(self, result: dict) -> dict:
        return {**result, "rating": default_rating(bool(result["correct"]))}

    def _on_store(self, change: traitlets.Bunch) -> None:
        # The browser's saved progress arrived: if nothing is answered yet, plan again with it.
        if change["new"] and not self.answers:
            self._start()

    def _start(self) -> None:
        ids = next_session(self.store.progress, self.source, self._now(), self._size)
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
        return f"From {self.source.move(self._deck[qid].move).title}"

    @traitlets.observe("session")
    def _next_session(self, _change: traitlets.Bunch) -> None:
        self._start()

    @traitlets.observe("ratings")
    def _schedule(self, change: traitlets.Bunch) -> None:
        for qid, rating in change["new"].items():
            if qid in change["old"] or qid not in self.results or rating not in RATINGS:
                continue
            correct = bool(self.results[qid]["correct"])
            self.store.update(lambda p, q=qid, c=correct, r=rating: review(p, q, c, r, self._now()))
        if self.order and all(qid in self.ratings for qid in self.order):
            self._summarise()

    def _summarise(self) -> None:
        now = self._now()
        result = summarise(
            {qid: bool(self.results[qid]["correct"]) for qid in self.order},
            self.store.progress,
            self.source,
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
