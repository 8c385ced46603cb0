"""A routine's exact plan: every segment of work, side switch and rest, with its time.

The time rule, in one place (the player reads the plan; it does not re-time anything):
- A work segment is one set on one side. Its time is the move's dose, unless the item gives
  hold_seconds or reps, which replace the whole dose (what the item leaves out is not done).
- The move's own dose is its steps in order: a step hold of HELD_POSITION_SECONDS or more is a
  held position, timed as written; a step with reps takes reps x the rep time. Shorter step
  holds in a move with reps are pauses inside every rep (the 2-second squeeze at the top of a
  bridge), so they lengthen the rep instead of being timed once.
- One rep takes the routine's seconds_per_rep (default 3) plus the move's pauses, or exactly
  the item's seconds_per_rep when it gives one.
- A one-sided move (per_side) does each set right, then left, with a switch of the routine's
  switch_seconds (default 5) in between; an item may ask for one side only.
- After every set comes the item's rest_seconds (default: the routine's, 10); the routine's
  final rest is dropped. A GET_READY_SECONDS lead-in opens the routine.
- Segments of zero seconds (a rest or switch set to 0) are left out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from moves.loader import Course
from moves.routines.schema import CustomRoutine, RoutineItem
from moves.schema import Move
from moves.walkthrough import SIDES, walkthrough

HELD_POSITION_SECONDS = 10
GET_READY_SECONDS = 10

SegmentKind = Literal["ready", "work", "switch", "rest"]


@dataclass(frozen=True)
class Phase:
    """Part of a work segment that shows one step: a hold, or a run of reps."""

    step: int  # the step number (from 1) whose text and pose this phase shows
    kind: Literal["hold", "reps"]
    start: int  # seconds from the start of the work segment
    seconds: int
    reps: int | None = None
    rep_seconds: int | None = None


@dataclass(frozen=True)
class Segment:
    """One stretch of the clock. Work segments describe themselves; ready, switch and rest
    segments describe the work that follows them ("next up"). What the player shows and says
    for it is composed from these parts in moves.routines.words."""

    index: int
    kind: SegmentKind
    start: int  # seconds from the start of the routine
    seconds: int
    item: int  # index into routine.items
    move: str
    title: str
    set: int
    sets: int
    side: str | None
    side_label: str | None
    phases: tuple[Phase, ...] = field(default=())

    @property
    def end(self) -> int:
        return self.start + self.seconds


@dataclass(frozen=True)
class Plan:
    title: str
    segments: tuple[Segment, ...]

    @property
    def total_seconds(self) -> int:
        return self.segments[-1].end if self.segments else 0

    def work(self) -> list[Segment]:
        return [s for s in self.segments if s.kind == "work"]

    def item_seconds(self, items: int) -> list[int]:
        """The time each of the routine's `items` takes in this plan: its work, its side
        switches, and the rests after its sets (a rest belongs to the work it follows)."""
        seconds = [0] * items
        for segment in self.segments:
            if segment.kind in ("work", "switch"):
                seconds[segment.item] += segment.seconds
            elif segment.kind == "rest":  # a rest carries the item of the work after it
                seconds[segment.item - (segment.set == 1)] += segment.seconds
        return seconds

    def as_dict(self) -> dict[str, object]:
        """The plan as plain JSON data, for the player."""
        return {
            "title": self.title,
            "total_seconds": self.total_seconds,
            "segments": [asdict(s) for s in self.segments],
        }


def _has_reps(move: Move) -> bool:
    return any(step.reps for step in move.steps)


def _is_pause(move: Move, hold: int) -> bool:
    return hold < HELD_POSITION_SECONDS and _has_reps(move)


def rep_seconds(move: Move, item: RoutineItem, routine: CustomRoutine) -> int:
    """How long one rep of this item takes, its pauses included."""
    if item.seconds_per_rep is not None:
        return item.seconds_per_rep
    pauses = sum(
        s.hold_seconds for s in move.steps if s.hold_seconds and _is_pause(move, s.hold_seconds)
    )
    return routine.seconds_per_rep + pauses


def hold_step(move: Move) -> int:
    """The step a hold given by a routine shows: the move's longest held step, else the
    position just before its reps (the bottom of a squat), else its last step."""
    holds = [(s.hold_seconds, -n) for n, s in enumerate(move.steps, 1) if s.hold_seconds]
    if holds:
        return -max(holds)[1]
    reps = reps_step(move)
    return max(reps - 1, 1) if reps else len(move.steps)


def reps_step(move: Move) -> int | None:
    return next((n for n, s in enumerate(move.steps, 1) if s.reps), None)


def work_phases(move: Move, item: RoutineItem, routine: CustomRoutine) -> tuple[Phase, ...]:
    """One set on one side, step by step."""
    per_rep = rep_seconds(move, item, routine)
    parts: list[tuple[int, Literal["hold", "reps"], int, int | None]] = []
    if item.overrides_dose:
        if item.hold_seconds is not None:
            parts.append((hold_step(move), "hold", item.hold_seconds, None))
        if item.reps is not None:
            parts.append((reps_step(move) or len(move.steps), "reps", item.reps, item.reps))
        parts.sort(key=lambda part: part[0])
    else:
        for number, step in enumerate(move.steps, 1):
            if step.hold_seconds and not _is_pause(move, step.hold_seconds):
                parts.append((number, "hold", step.hold_seconds, None))
            if step.reps:
                parts.append((number, "reps", step.reps, step.reps))
    phases = []
    start = 0
    for number, kind, amount, reps in parts:
        seconds = amount * per_rep if kind == "reps" else amount
        phases.append(
            Phase(
                step=number,
                kind=kind,
                start=start,
                seconds=seconds,
                reps=reps,
                rep_seconds=per_rep if kind == "reps" else None,
            )
        )
        start += seconds
    return tuple(phases)


def sides_of(move: Move, item: RoutineItem) -> tuple[str | None, ...]:
    if not move.per_side:
        return (None,)
    return SIDES if item.sides in (None, "both") else (item.sides,)


def plan_routine(routine: CustomRoutine, course: Course) -> Plan:
    """Expand a routine, already checked against the library, into its timeline."""
    raw: list[dict[str, Any]] = []
    for number, item in enumerate(routine.items):
        move = course.move(item.move)
        labels = {view.side: view.side_label for view in walkthrough(move)}
        phases = work_phases(move, item, routine)
        work_seconds = sum(p.seconds for p in phases)
        rest = routine.rest_seconds if item.rest_seconds is None else item.rest_seconds
        sides = sides_of(move, item)
        for set_number in range(1, item.sets + 1):
            for side_number, side in enumerate(sides):
                if side_number:
                    raw.append({"kind": "switch", "seconds": routine.switch_seconds})
                raw.append(
                    {
                        "kind": "work",
                        "seconds": work_seconds,
                        "item": number,
                        "move": move.slug,
                        "title": move.title,
                        "set": set_number,
                        "sets": item.sets,
                        "side": side,
                        "side_label": labels.get(side),
                        "phases": phases,
                    }
                )
            raw.append({"kind": "rest", "seconds": rest})
    raw.pop()  # the rest after the final set: the routine is over
    raw.insert(0, {"kind": "ready", "seconds": GET_READY_SECONDS})
    return Plan(title=routine.title, segments=_timeline(raw))


def _timeline(raw: list[dict[str, Any]]) -> tuple[Segment, ...]:
    """Give every segment its start; each pause (ready, switch, rest) takes its move, side and
    set from the work that follows it, so the player can say what is next."""
    filled: list[dict[str, Any]] = []
    following: dict[str, Any] = {}
    for part in reversed(raw):  # every pause is followed by some work
        if part["kind"] == "work":
            following = part
            filled.append(part)
        else:
            filled.append({**following, **part, "phases": ()})
    segments: list[Segment] = []
    start = 0
    for part in reversed(filled):
        if part["seconds"] > 0:
            segments.append(Segment(index=len(segments), start=start, **part))
            start += part["seconds"]
    return tuple(segments)
