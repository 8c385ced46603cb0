"""Finished sessions: recording one in the learner's progress, and the weekly streak."""

from __future__ import annotations

import datetime as dt

from moves.calendar import monday_of
from moves.progress import Progress, SessionRecord, record_session
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
