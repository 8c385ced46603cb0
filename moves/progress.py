"""The learner's progress: one versioned JSON document, read entry by entry so that bad data
never costs the learner anything else, and merged by time so two tabs lose no answer."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping
from typing import Any

from fsrs import Card
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from moves.names import MAX_SHARE_CODE_CHARS, MAX_TITLE_CHARS, SHARE_CODE, is_slug
from moves.plaintext import plain_text_problem
from moves.schema import Slug

VERSION = 1


class _Entry(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Answer(_Entry):
    correct: bool
    at: dt.datetime


class QuizProgress(_Entry):
    answers: dict[str, Answer] = {}
    best: tuple[int, int] | None = None
    last: tuple[int, int] | None = None
    at: dt.datetime | None = None


class MoveProgress(_Entry):
    steps: dict[str, list[int]] = Field(
        default={}, description="Step numbers done, by side ('both' for symmetric moves)."
    )
    finished_at: dt.datetime | None = None
    quiz: QuizProgress = QuizProgress()
    at: dt.datetime | None = None


class CardProgress(_Entry):
    fsrs: dict[str, Any]
    reviews: int = 0
    lapses: int = 0
    last_correct: bool | None = None
    at: dt.datetime

    @field_validator("fsrs")
    @classmethod
    def _a_real_card(cls, value: dict[str, Any]) -> dict[str, Any]:
        try:
            Card.from_dict(value)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a review card: {exc}") from None
        return value


MAX_SESSION_SECONDS = 24 * 60 * 60
SESSION_ID = r"^[A-Za-z0-9-]{8,64}$"  # what the browser names a session with (a random UUID)


class SessionRecord(_Entry):
    """A routine played to the end: which one (a course routine's slug, or 'custom-' and a
    hash of a learner's own), its title as the learner saw it, when, and for how long. `id`,
    given by the browser that played it, makes recording it again change nothing."""

    id: str | None = Field(default=None, pattern=SESSION_ID)
    routine: Slug
    title: str | None = Field(default=None, max_length=MAX_TITLE_CHARS)
    finished_at: AwareDatetime
    seconds: int = Field(gt=0, le=MAX_SESSION_SECONDS, strict=True)

    @field_validator("title")
    @classmethod
    def _plain(cls, title: str | None) -> str | None:
        problem = plain_text_problem(title) if title else None
        if problem:
            raise ValueError(problem)
        return title


class SavedRoutine(_Entry):
    """A routine the learner built and saved, kept as its share code (moves.routines.share)
    and checked against the library whenever it is used. A deleted routine stays as a marker,
    so that another tab's older copy does not bring it back when the two are merged."""

    code: str = Field(pattern=f"^{SHARE_CODE.pattern}$", max_length=MAX_SHARE_CODE_CHARS + 4)
    title: str = Field(max_length=MAX_TITLE_CHARS)
    at: AwareDatetime
    deleted: bool = False

    @field_validator("title")
    @classmethod
    def _plain(cls, title: str) -> str:
        problem = plain_text_problem(title)
        if problem:
            raise ValueError(problem)
        return title


MAX_SAVED_ROUTINES = 200  # deleted markers included; the oldest changes are let go first
MAX_SESSIONS = 1000  # about three years of daily sessions; older ones are let go


class Progress(BaseModel):
    """The whole document, after reading: only entries that were valid."""

    version: int = VERSION
    moves: dict[str, MoveProgress] = {}
    cards: dict[str, CardProgress] = {}
    sessions: list[SessionRecord] = Field(default=[], description="Oldest first.")
    routines: dict[str, SavedRoutine] = Field(
        default={}, description="The learner's own routines, by moves.routines.share.routine_key."
    )

    def dump(self) -> dict[str, Any]:
        return json.loads(self.model_dump_json(exclude_none=True))


def read_document(raw: str | None) -> tuple[Progress, list[str]]:
    """Parse what the browser stored. Returns the progress that could be read and, for the
    learner, a plain note on each part that could not (empty when all was well)."""
    if not raw or raw == "null":  # nothing saved yet
        return Progress(), []
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, TypeError):
        return Progress(), ["Your saved progress could not be read, so this page starts afresh."]
    if not isinstance(data, dict):
        return Progress(), ["Your saved progress was not in a form this course knows."]
    notes = []
    version = data.get("version")
    if version != VERSION:
        kind = "a newer" if isinstance(version, int) and version > VERSION else "another"
        notes.append(
            f"Your saved progress came from {kind} version of the course; "
            "what could be read was kept."
        )
    progress = Progress()
    dropped = 0
    for field, model, target in (
        ("moves", MoveProgress, progress.moves),
        ("cards", CardProgress, progress.cards),
    ):
        entries = data.get(field, {})
        if not isinstance(entries, dict):
            dropped += 1
            continue
        for key, value in entries.items():
            try:
                target[str(key)] = model.model_validate(value)
            except ValidationError:
                dropped += 1
    sessions = data.get("sessions", [])
    if not isinstance(sessions, list):
        dropped += 1
        sessions = []
    records = []
    for value in sessions:
        try:
            records.append(SessionRecord.model_validate(value))
        except ValidationError:
            dropped += 1
    progress.sessions = _session_list(records)
    saved = data.get("routines", {})
    if not isinstance(saved, dict):
        dropped += 1
        saved = {}
    for key, value in saved.items():
        try:
            if not is_slug(key):
                raise ValueError(key)
            progress.routines[key] = SavedRoutine.model_validate(value)
        except (ValidationError, ValueError):
            dropped += 1
    progress.routines = _routine_list(progress.routines)
    if dropped:
        notes.append(
            f"{dropped} saved item{'s' if dropped != 1 else ''} could not be read and "
            f"{'were' if dropped != 1 else 'was'} left out; everything else was kept."
        )
    return progress, notes


def _later(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    """True when b is newer than a."""
    return b is not None and (a is None or b > a)


def merge(mine: Progress, theirs: Progress) -> Progress:
    """Combine two copies of the document (two tabs): steps are united, each answer and card
    keeps its newest version, best scores keep the best."""
    moves = dict(mine.moves)
    for slug, other in theirs.moves.items():
        own = moves.get(slug)
        if own is None:
            moves[slug] = other
            continue
        steps = {
            side: sorted(set(own.steps.get(side, [])) | set(other.steps.get(side, [])))
            for side in {*own.steps, *other.steps}
        }
        answers = dict(own.quiz.answers)
        for qid, answer in other.quiz.answers.items():
            if qid not in answers or answer.at > answers[qid].at:
                answers[qid] = answer
        bests = [s for s in (own.quiz.best, other.quiz.best) if s]
        newer_quiz = other.quiz if _later(own.quiz.at, other.quiz.at) else own.quiz
        quiz = QuizProgress(
            answers=answers,
            best=max(bests, key=lambda s: (s[0] / s[1] if s[1] else 0, s[0])) if bests else None,
            last=newer_quiz.last,
            at=newer_quiz.at,
        )
        finished = [t for t in (own.finished_at, other.finished_at) if t]
        moves[slug] = MoveProgress(
            steps=steps,
            finished_at=min(finished) if finished else None,
            quiz=quiz,
            at=other.at if _later(own.at, other.at) else own.at,
        )
    cards = dict(mine.cards)
    for cid, other_card in theirs.cards.items():
        if cid not in cards or other_card.at > cards[cid].at:
            cards[cid] = other_card
    routines = dict(mine.routines)
    for key, other_routine in theirs.routines.items():
        if key not in routines or other_routine.at > routines[key].at:
            routines[key] = other_routine
    return Progress(
        moves=moves,
        cards=cards,
        sessions=_session_list(mine.sessions + theirs.sessions),
        routines=_routine_list(routines),
    )


def _routine_list(routines: dict[str, SavedRoutine]) -> dict[str, SavedRoutine]:
    """At most MAX_SAVED_ROUTINES, the most recently changed."""
    newest = sorted(routines.items(), key=lambda pair: pair[1].at)[-MAX_SAVED_ROUTINES:]
    return dict(newest)


def record_routine(progress: Progress, key: str, routine: SavedRoutine) -> Progress:
    """Save (or, with deleted=True, delete) one of the learner's routines."""
    routines = _routine_list({**progress.routines, key: routine})
    return progress.model_copy(update={"routines": routines})


def _session_list(sessions: list[SessionRecord]) -> list[SessionRecord]:
    """Oldest first, each session once (two tabs both hold it, or the browser sent it twice),
    at most MAX_SESSIONS. A session is known by its id, or, recorded before sessions had
    one, by its routine and time."""
    unique = {s.id or (s.routine, s.finished_at): s for s in sessions}
    return sorted(unique.values(), key=lambda s: s.finished_at)[-MAX_SESSIONS:]


def record_session(progress: Progress, session: SessionRecord) -> Progress:
    return progress.model_copy(update={"sessions": _session_list([*progress.sessions, session])})


def record_step(
    progress: Progress, slug: str, side: str | None, step_number: int, at: dt.datetime
) -> Progress:
    move = progress.moves.get(slug, MoveProgress())
    key = side or "both"
    steps = {**move.steps, key: sorted({*move.steps.get(key, []), step_number})}
    updated = move.model_copy(update={"steps": steps, "at": at})
    return progress.model_copy(update={"moves": {**progress.moves, slug: updated}})


def record_finish(progress: Progress, slug: str, at: dt.datetime) -> Progress:
    move = progress.moves.get(slug, MoveProgress())
    updated = move.model_copy(update={"finished_at": move.finished_at or at, "at": at})
    return progress.model_copy(update={"moves": {**progress.moves, slug: updated}})


def quiz_score(answers: Mapping[str, Answer], questions: Collection[str]) -> tuple[int, int]:
    """A quiz's score, the one the page shows and the learner's best is kept in: how many of
    the quiz's questions the learner's latest answer got right, out of all its questions. A
    retry of the missed ones replaces their answers, so it can raise the score; answers to
    questions the quiz no longer asks do not count."""
    return sum(qid in answers and answers[qid].correct for qid in questions), len(questions)


def record_answer(
    progress: Progress,
    slug: str,
    qid: str,
    correct: bool,
    questions: Collection[str],
    at: dt.datetime,
) -> Progress:
    """Keep an answer to one of a quiz's `questions`, and the quiz's score as it now stands."""
    move = progress.moves.get(slug, MoveProgress())
    answers = {**move.quiz.answers, qid: Answer(correct=correct, at=at)}
    score = quiz_score(answers, questions)
    best = move.quiz.best
    if best is None or score[0] > best[0]:
        best = score
    quiz = QuizProgress(answers=answers, best=best, last=score, at=at)
    updated = move.model_copy(update={"quiz": quiz, "at": at})
    return progress.model_copy(update={"moves": {**progress.moves, slug: updated}})
