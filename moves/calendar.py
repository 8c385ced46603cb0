"""Which move is the move of the week on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from moves.loader import Course
from moves.schema import Move


@dataclass(frozen=True)
class ThisWeek:
    """The move to show on the home page, and what to say about it.

    state: "current" (its Monday is the latest one not in the future), "before" (the course
    has not started: the first move, as a preview) or "after" (every move is out: the newest).
    """

    move: Move
    state: Literal["current", "before", "after"]
    next_move: Move | None
    headline: str


def monday_of(day: dt.date) -> dt.date:
    """The Monday that starts the week of `day` (weeks run Monday to Sunday, as ISO's do)."""
    return day - dt.timedelta(days=day.weekday())


def long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def this_week(course: Course, today: dt.date) -> ThisWeek:
    moves = course.by_week()
    if not moves:
        raise ValueError("the course has no moves")
    out = [m for m in moves if m.week <= today]
    upcoming = [m for m in moves if m.week > today]
    next_move = upcoming[0] if upcoming else None
    if not out:
        first = moves[0]
        return ThisWeek(
            first,
            "before",
            first,
            f"The course starts on {long_date(first.week)}. Here is the first move, to preview.",
        )
    current = out[-1]
    if next_move is None and monday_of(today) > current.week:
        return ThisWeek(
            current,
            "after",
            None,
            f"All {len(moves)} moves are out. The newest, from {long_date(current.week)}, is "
            "below; every move is in the library.",
        )
    coming = f" Next: {next_move.title}, on {long_date(next_move.week)}." if next_move else ""
    return ThisWeek(
        current, "current", next_move, f"Move of the week from {long_date(current.week)}.{coming}"
    )
