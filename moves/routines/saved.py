"""A learner's own routines in their progress: save, delete, and read them back, each checked
against the library again (a move may have left the course since it was saved)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from moves.errors import ContentError
from moves.loader import Course
from moves.progress import Progress, SavedRoutine, record_routine
from moves.routines.schema import CustomRoutine
from moves.routines.share import decode_routine, encode_routine, routine_key


@dataclass(frozen=True)
class Saved:
    """One saved routine as the page lists it: playable, or with the reason it is not."""

    key: str
    title: str
    routine: CustomRoutine | None
    problem: str | None


def save_routine(progress: Progress, routine: CustomRoutine, at: dt.datetime) -> Progress:
    """The progress with this routine saved (saving the same routine again only dates it)."""
    saved = SavedRoutine(code=encode_routine(routine), title=routine.title, at=at)
    return record_routine(progress, routine_key(routine), saved)


def delete_routine(progress: Progress, key: str, at: dt.datetime) -> Progress:
    """The progress without this saved routine (a marker stays, so other tabs forget it too)."""
    entry = progress.routines.get(key)
    if entry is None or entry.deleted:
        return progress
    return record_routine(progress, key, entry.model_copy(update={"deleted": True, "at": at}))


def saved_routines(progress: Progress, library: Course) -> list[Saved]:
    """The learner's routines, most recently saved first."""
    listed = []
    entries = sorted(progress.routines.items(), key=lambda pair: pair[1].at, reverse=True)
    for key, entry in entries:
        if entry.deleted:
            continue
        try:
            routine, problem = decode_routine(entry.code, library), None
        except ContentError as exc:
            routine = None
            problem = exc.problems[0].message if exc.problems else "cannot be read"
        listed.append(Saved(key=key, title=entry.title, routine=routine, problem=problem))
    return listed
