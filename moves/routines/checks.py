"""Checks that need the library: every item names a real move and asks it for something it
does; and, for the course's own routines, a sensible order and length for their purpose."""

from __future__ import annotations

import difflib
from pathlib import Path

from moves.durations import duration_text
from moves.errors import ContentProblem
from moves.loader import Course
from moves.pose import Pose
from moves.routines.plan import plan_routine
from moves.routines.schema import CustomRoutine, Purpose, Routine
from moves.schema import Move

# A routine's sensible length for its purpose, in minutes (from, to), both included.
MINUTES_FOR: dict[Purpose, tuple[int, int]] = {
    "desk break": (2, 12),
    "cool-down": (4, 8),
    "warm-up": (4, 12),
    "mobility": (6, 20),
    "strength circuit": (8, 25),
    "stretch": (5, 15),
    "balance": (5, 15),
}

# The longest routine anyone may build or share: more is a mistake or a hostile link.
MAX_TOTAL_SECONDS = 2 * 60 * 60

_STANDING_CONTACTS = {"near_foot", "far_foot", "near_toes", "far_toes"}


def library_problems(
    routine: CustomRoutine, course: Course, where: Path | str
) -> list[ContentProblem]:
    """Every item names a move of the library and asks it for something it does."""
    problems = []
    for i, item in enumerate(routine.items):
        field = f"items[{i}]"
        move = course.moves.get(item.move)
        if move is None:
            close = difflib.get_close_matches(item.move, list(course.moves), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(
                ContentProblem(
                    where,
                    f"{field}.move",
                    f"unknown move {item.move!r}; expected a slug from moves/library{hint}",
                )
            )
            continue
        if item.sides is not None and not move.per_side:
            problems.append(
                ContentProblem(
                    where,
                    f"{field}.sides",
                    f"{move.slug!r} works both sides at once; remove sides",
                )
            )
        if item.reps is not None and not any(step.reps for step in move.steps):
            problems.append(
                ContentProblem(
                    where,
                    f"{field}.reps",
                    f"{move.slug!r} is a held move with no reps; give hold_seconds instead",
                )
            )
        if not item.overrides_dose and not any(s.hold_seconds or s.reps for s in move.steps):
            problems.append(
                ContentProblem(
                    where,
                    field,
                    f"{move.slug!r} has no timed step; give hold_seconds or reps",
                )
            )
    if not problems:
        total = plan_routine(routine, course).total_seconds
        if total > MAX_TOTAL_SECONDS:
            problems.append(
                ContentProblem(
                    where,
                    "items",
                    f"the routine would last {total // 3600} h {total % 3600 // 60} min; "
                    f"keep it under {MAX_TOTAL_SECONDS // 3600} hours",
                )
            )
    return problems


def on_floor(pose: Pose | None, move: Move) -> bool:
    """True when a pose has the learner down on the floor: anything but the feet touches it.
    A step without a pose counts as the move's own `floor` flag says."""
    if pose is None:
        return move.floor
    return not set(pose.ground) <= _STANDING_CONTACTS


def order_problems(routine: Routine, course: Course, where: Path | str) -> list[ContentProblem]:
    """A sensible order: once a routine has come up off the floor it does not go down again
    (standing, floor, standing is fine; floor, standing, floor is ping-pong)."""
    moves = [course.move(item.move) for item in routine.items]
    problems = []
    # The floor/standing posture at each move's first and last step, in order: the rise in
    # an inchworm counts as coming up just as a change between two moves does.
    came_up_at: int | None = None
    was_down = None
    for i, move in enumerate(moves):
        for now_down in (on_floor(move.steps[0].pose, move), on_floor(move.steps[-1].pose, move)):
            if was_down and not now_down:
                came_up_at = i
            elif now_down and was_down is False and came_up_at is not None:
                problems.append(
                    ContentProblem(
                        where,
                        f"items[{i}].move",
                        f"{move.slug!r} goes back down to the floor after "
                        f"{moves[came_up_at].slug!r} (items[{came_up_at}]) came up; keep "
                        "the floor moves together",
                    )
                )
                came_up_at = None  # one report for each return to the floor
            was_down = now_down
    return problems


def duration_problems(routine: Routine, course: Course, where: Path | str) -> list[ContentProblem]:
    """A course routine lasts what its purpose calls for."""
    low, high = MINUTES_FOR[routine.purpose]
    total = plan_routine(routine, course).total_seconds
    if low * 60 <= total <= high * 60:
        return []
    return [
        ContentProblem(
            where,
            "items",
            f"a {routine.purpose} should take {low} to {high} minutes; this one takes "
            f"{duration_text(total)}",
        )
    ]


def safety_problems(routine: Routine, course: Course, where: Path | str) -> list[ContentProblem]:
    """The promises a course routine makes, kept: no floor move in a routine that needs no
    floor (a desk break never does), no advanced move in a beginners' routine, and a tempo of
    its own for every item done in reps (a routine's default pace fits no move exactly). A move
    that puts the head below the heart says so in its caution (moves.loader), and the routine
    shows every caution of its moves."""
    problems = []
    if routine.purpose == "desk break" and routine.floor:
        problems.append(ContentProblem(where, "floor", "a desk break needs no floor: floor: false"))
    for i, item in enumerate(routine.items):
        move = course.move(item.move)
        if not routine.floor and move.floor:
            problems.append(
                ContentProblem(
                    where,
                    f"items[{i}].move",
                    f"{move.slug!r} needs the floor, and this routine says floor: false",
                )
            )
        if routine.level == "beginner" and move.level == "advanced":
            problems.append(
                ContentProblem(
                    where,
                    f"items[{i}].move",
                    f"{move.slug!r} is an advanced move; a beginners' routine has none",
                )
            )
        does_reps = item.reps is not None or (
            item.hold_seconds is None and any(step.reps for step in move.steps)
        )
        if does_reps and item.seconds_per_rep is None:
            problems.append(
                ContentProblem(
                    where,
                    f"items[{i}].seconds_per_rep",
                    f"{move.slug!r} is done in reps: give it the tempo its own steps ask for "
                    "(seconds_per_rep, pauses included)",
                )
            )
    return problems
