"""Finished sessions: recording one in the learner's progress, and the weekly streak."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import ValidationError

from moves.calendar import monday_of
from moves.progress import MAX_SESSION_SECONDS, Progress, SessionRecord, record_session
from moves.routines.schema import CustomRoutine
from moves.routines.share import routine_key


def finish_session(
    progress: Progress, routine: CustomRoutine, finished_at: dt.datetime, seconds: int
) -> Progress:
    """The progress with this routine recorded as played to the end (seconds: how long the
    session took, pauses not counted)."""
    session = SessionRecord(
        routine=routine_key(routine),
        title=routine.title,
        finished_at=finished_at,
        seconds=seconds,
    )
    return record_session(progress, session)


@dataclass
class Settled:
    """What became of the sessions a browser kept for Python: the ids the progress now holds
    (`saved`: recorded now, `new`, or before), the ids refused, and a note for the learner on
    each refused entry."""

    saved: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def record_finished(
    progress: Progress, entries: object, now: dt.datetime
) -> tuple[Progress, Settled]:
    """Record the sessions a browser finished and kept (each {id, routine, title,
    finished_at, seconds}) that the progress does not hold yet: the same session sent twice,
    from two pages or after a lost answer, is recorded once. A time later than `now` (a
    browser's wrong clock) is recorded as now, a session longer than a day as a day. An entry
    that is not a session is refused with a note, and costs nothing else."""
    settled = Settled()
    known = {s.id for s in progress.sessions if s.id}
    for entry in entries if isinstance(entries, list) else [entries]:
        name = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(name, str) and name in known:
            settled.saved.append(name)
            continue
        if not isinstance(entry, dict):
            settled.problems.append(
                "A finished session kept in this browser was not in a form the course knows, "
                "so it was set aside; your other sessions are kept."
            )
            continue
        seconds = entry.get("seconds")
        if isinstance(seconds, int) and not isinstance(seconds, bool):  # a clock gone wild
            entry = {**entry, "seconds": min(seconds, MAX_SESSION_SECONDS)}
        try:
            session = SessionRecord.model_validate(entry)
            if session.id is None:
                raise ValueError("id")
        except (ValidationError, ValueError) as error:
            wrong = (
                sorted({str(e["loc"][0]) for e in error.errors() if e["loc"]})
                if isinstance(error, ValidationError)
                else ["id"]
            )
            if isinstance(name, str):
                settled.refused.append(name)
            settled.problems.append(
                f"A finished session kept in this browser could not be read (its "
                f"{', '.join(wrong)}), so it was set aside; your other sessions are kept."
            )
            continue
        if session.finished_at > now:
            session = session.model_copy(update={"finished_at": now})
        progress = record_session(progress, session)
        known.add(name)
        settled.saved.append(name)
        settled.new.append(name)
    return progress, settled


def weekly_streak(progress: Progress, today: dt.date, tz: dt.tzinfo = dt.UTC) -> int:
    """How many ISO weeks in a row, up to now, have at least one finished session. This week
    counts once it has a session; until then the streak still stands on last week's, so a
    streak ends only when a whole week goes by without one. Weeks are the learner's own
    (tz), and sessions dated after today (a wrong clock) do not count."""
    weeks = {
        monday_of(day)
        for session in progress.sessions
        if (day := session.finished_at.astimezone(tz).date()) <= today
    }
    week = monday_of(today)
    if week not in weeks:
        week -= dt.timedelta(days=7)
    streak = 0
    while week in weeks:
        streak += 1
        week -= dt.timedelta(days=7)
    return streak


def recent_sessions(progress: Progress, count: int = 10) -> list[SessionRecord]:
    """The latest sessions, newest first, for the home's history."""
    return list(reversed(progress.sessions[-count:])) if count > 0 else []
