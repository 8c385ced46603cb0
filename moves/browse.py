"""Finding moves: the library filters, text search, and which moves train a muscle."""

from __future__ import annotations

from dataclasses import dataclass

from moves.loader import Course
from moves.schema import Move


def _words(move: Move, course: Course) -> str:
    muscles = [course.muscles[i] for i in move.primary_ids + move.secondary_ids]
    return " ".join(
        [move.title, move.summary, move.kind, move.level, *move.equipment]
        + [m.name for m in muscles]
        + [m.group or "" for m in muscles]
    ).lower()


def primary_groups(move: Move, course: Course) -> list[str]:
    groups = (course.muscles[i].group for i in move.primary_ids)
    return sorted({g for g in groups if g})


def filter_moves(
    course: Course,
    *,
    group: str = "",
    kind: str = "",
    level: str = "",
    equipment: str = "",
    text: str = "",
    no_floor: bool = False,
) -> list[Move]:
    """The moves that match every filter given ("" matches all), in the order of their weeks.

    group matches a primary target's group; equipment "none" matches moves that need nothing;
    text matches every word against title, summary, kind, level, equipment and muscle names;
    no_floor keeps only the moves done standing or on a chair, for learners who cannot get
    down on the floor.
    """
    words = text.lower().split()
    found = []
    for move in course.by_week():
        if group and group not in primary_groups(move, course):
            continue
        if kind and move.kind != kind:
            continue
        if level and move.level != level:
            continue
        if no_floor and move.floor:
            continue
        if equipment == "none" and move.equipment:
            continue
        if equipment and equipment != "none" and equipment not in move.equipment:
            continue
        haystack = _words(move, course)
        if any(word not in haystack for word in words):
            continue
        found.append(move)
    return found


def ladder(course: Course, slug: str) -> list[Move]:
    """The progression a move belongs to, easiest first: every `easier` step below it, the
    move itself, every `harder` step above it. A move with no links is a ladder of one.

    Going down follows each move's own `easier` link, which need not be answered: several
    moves may step down to the same easier move. So the walk-out's ladder runs glute bridge,
    walk-out, Nordic curl, while the glute bridge's own ladder climbs to the single-leg
    bridge, the one move that its `harder` names. (The loader refuses loops and broken
    links; `seen` only keeps a draft from spinning.)"""
    move = course.move(slug)
    chain, seen = [move], {slug}
    step = move.easier
    while step in course.moves and step not in seen:
        chain.insert(0, course.moves[step])
        seen.add(step)
        step = course.moves[step].easier
    step = move.harder
    while step in course.moves and step not in seen:
        chain.append(course.moves[step])
        seen.add(step)
        step = course.moves[step].harder
    return chain


@dataclass(frozen=True)
class MuscleMoves:
    title: str
    primary: list[Move]
    secondary: list[Move]


def moves_for(course: Course, choice: str) -> MuscleMoves:
    """The moves that train a muscle (its id) or a group ("group:<name>"), as a target and as
    a helper. A move that targets one muscle of a group and helps with another counts once,
    as a target."""
    if choice.startswith("group:"):
        group = choice.removeprefix("group:")
        ids = {m.id for m in course.muscles.values() if m.group == group}
        if not ids:
            raise KeyError(f"no muscle group called {group!r}")
        title = f"The {group} group"
    else:
        if choice not in course.muscles:
            raise KeyError(f"no muscle called {choice!r}")
        ids = {choice}
        title = course.muscles[choice].name
    primary = [m for m in course.by_week() if ids & set(m.primary_ids)]
    secondary = [m for m in course.by_week() if m not in primary and ids & set(m.secondary_ids)]
    return MuscleMoves(title, primary, secondary)
