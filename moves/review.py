"""Self-quizzing across the course: every question is a card scheduled with FSRS."""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections import defaultdict
from dataclasses import dataclass

from fsrs import Card, Rating, Scheduler

from moves.loader import Course
from moves.progress import CardProgress, Progress
from moves.questionkinds import SINGLE
from moves.quiz import Question, generate_quiz

# How sure the learner was of an answer: FSRS's own ratings, from least to most sure, by the
# name the page sends back (again, hard, good, easy) and, in `RATING_CHOICES`, the label it
# shows for each.
RATINGS: dict[str, Rating] = {rating.name.lower(): rating for rating in Rating}
RATING_CHOICES: tuple[dict[str, str], ...] = tuple(
    {"name": name, "label": rating.name} for name, rating in RATINGS.items()
)
SESSION_SIZE = 10


@dataclass(frozen=True)
class Band:
    """A band of mastery: from this chance of recall up to the next band's, in words."""

    start: float
    label: str


# How well a learner knows a muscle group, in the words the page shows, least known first.
MASTERY_BANDS = (
    Band(0.0, "Not reviewed yet"),
    Band(0.01, "Starting"),
    Band(0.5, "Getting there"),
    Band(0.85, "Known well"),
)


@functools.cache
def scheduler() -> Scheduler:
    return Scheduler(enable_fuzzing=False)


@dataclass(frozen=True)
class ReviewCard:
    question: Question
    move: str
    groups: tuple[str, ...]


def _groups(course: Course, muscle_ids: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(sorted({g for i in muscle_ids if (g := course.muscles[i].group)}))


def which_move_questions(course: Course, seed: int = 0) -> list[ReviewCard]:
    """'Which move targets the ___?' for every muscle some move targets."""
    cards = []
    moves = course.by_week()
    for muscle in course.muscles.values():
        targeting = [m for m in moves if muscle.id in m.primary_ids]
        if not targeting:
            continue
        qid = f"course:which-move:{muscle.id}"
        rng = random.Random(f"{seed}:{qid}")
        right = rng.choice(targeting)
        unrelated = [m for m in moves if muscle.id not in m.primary_ids + m.secondary_ids]
        wrong = rng.sample(unrelated, min(3, len(unrelated)))
        options = [right.title, *(m.title for m in wrong)]
        rng.shuffle(options)
        others = [m.title for m in targeting if m is not right]
        also = (
            f" {', '.join(others)} also target{'s' if len(others) == 1 else ''} it."
            if others
            else ""
        )
        question = Question(
            id=qid,
            kind=SINGLE.id,
            prompt=f"Which of these moves targets the {muscle.name.lower()}?",
            options=tuple(options),
            answer=(options.index(right.title),),
            explanation=f"{right.title} targets the {muscle.name.lower()}: "
            f"{next(u.action for u in right.muscles.primary if u.id == muscle.id)}{also}",
            topics=(muscle.id,),
        )
        cards.append(ReviewCard(question, right.slug, _groups(course, [muscle.id])))
    return cards


@functools.cache
def _deck(course: Course) -> dict[str, ReviewCard]:
    deck: dict[str, ReviewCard] = {}
    for move in course.by_week():
        for question in generate_quiz(move, course, seed=0):
            topics = question.topics or tuple(move.primary_ids)
            deck[question.id] = ReviewCard(question, move.slug, _groups(course, topics))
    for card in which_move_questions(course):
        deck[card.question.id] = card
    return deck


def review_deck(course: Course) -> dict[str, ReviewCard]:
    """Every card of the course, by question id, built once per course."""
    return _deck(course)


def _due(entry: CardProgress) -> dt.datetime:
    return Card.from_dict(entry.fsrs).due


def next_session(
    progress: Progress, course: Course, now: dt.datetime, size: int = SESSION_SIZE
) -> list[str]:
    """Due cards first (most overdue first), then new ones: from the moves the learner has
    done first, taking one card from each move in turn so a session mixes moves."""
    deck = review_deck(course)
    due = sorted(
        (cid for cid, entry in progress.cards.items() if cid in deck and _due(entry) <= now),
        key=lambda cid: _due(progress.cards[cid]),
    )
    by_move: dict[str, list[str]] = defaultdict(list)
    for cid, card in deck.items():
        if cid not in progress.cards:
            by_move[card.move].append(cid)
    done = [m.slug for m in course.by_week() if m.slug in progress.moves]
    order = done + [slug for slug in by_move if slug not in done]
    new = []
    while len(due) + len(new) < size and any(by_move.values()):
        for slug in order:
            if by_move.get(slug):
                new.append(by_move[slug].pop(0))
    return (due + new)[:size]


def default_rating(correct: bool) -> str:
    """The rating offered first: sure when right, not at all when wrong."""
    return (Rating.Good if correct else Rating.Again).name.lower()


def review(progress: Progress, qid: str, correct: bool, rating: str, now: dt.datetime) -> Progress:
    """Schedule a card after an answer: FSRS decides when it comes back."""
    entry = progress.cards.get(qid)
    card = Card.from_dict(entry.fsrs) if entry else Card()
    card, _log = scheduler().review_card(card, RATINGS[rating], now)
    updated = CardProgress(
        fsrs=card.to_dict(),
        reviews=(entry.reviews if entry else 0) + 1,
        lapses=(entry.lapses if entry else 0) + (0 if correct else 1),
        last_correct=correct,
        at=now,
    )
    return progress.model_copy(update={"cards": {**progress.cards, qid: updated}})


@dataclass(frozen=True)
class SessionSummary:
    right: int
    total: int
    weakest: list[str]
    next_due: dt.datetime | None
    due_within_a_day: int


def summarise(
    results: dict[str, bool], progress: Progress, course: Course, now: dt.datetime
) -> SessionSummary:
    """Score, the groups missed most in this session, and when cards come back."""
    deck = review_deck(course)
    misses: dict[str, list[bool]] = defaultdict(list)
    for qid, correct in results.items():
        for group in deck[qid].groups:
            misses[group].append(correct)
    weakest = sorted(
        (g for g, marks in misses.items() if not all(marks)),
        key=lambda g: (sum(misses[g]) / len(misses[g]), g),
    )[:3]
    dues = sorted(_due(entry) for entry in progress.cards.values())
    upcoming = [d for d in dues if d > now]
    return SessionSummary(
        right=sum(results.values()),
        total=len(results),
        weakest=weakest,
        next_due=upcoming[0] if upcoming else None,
        due_within_a_day=sum(1 for d in dues if d <= now + dt.timedelta(days=1)),
    )


def mastery_band(score: float) -> int:
    """The band (its place in MASTERY_BANDS) of a chance of recall from mastery()."""
    return max(i for i, band in enumerate(MASTERY_BANDS) if score >= band.start)


def mastery(progress: Progress, course: Course, now: dt.datetime) -> dict[str, float]:
    """How well the learner knows each muscle group, from 0 to 1: the mean chance of recalling
    its cards now (FSRS retrievability), unseen cards counting as 0."""
    deck = review_deck(course)
    scores: dict[str, list[float]] = defaultdict(list)
    for cid, card in deck.items():
        entry = progress.cards.get(cid)
        value = 0.0
        if entry:
            value = scheduler().get_card_retrievability(Card.from_dict(entry.fsrs), now)
        for group in card.groups:
            scores[group].append(value)
    return {g: sum(v) / len(v) for g, v in sorted(scores.items())}
