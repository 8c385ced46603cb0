"""The markdown of a routine's notebook: title, purpose, introduction, and the plan as a
readable list with times. The notebook itself is generated with the player."""

from __future__ import annotations

from authoring.markdown import md
from moves.durations import clock_text, duration_text
from moves.loader import Course
from moves.routines.plan import Phase, Plan, Segment, plan_routine
from moves.routines.schema import Routine


def _phase(phase: Phase) -> str:
    if phase.kind == "hold":
        return f"hold {duration_text(phase.seconds)}"
    return f"{phase.reps} reps ({duration_text(phase.seconds)})"


def _item_line(first: Segment, segments: list[Segment], rest: int) -> str:
    """One item: when it starts, the move, its sides, one set's dose, sets, and the rest."""
    sides = [s.side_label for s in segments if s.kind == "work" and s.set == 1]
    words = [f"**{clock_text(first.start)}** {md(first.title)}"]
    if sides and sides[0]:
        words.append(", then ".join(label.lower() for label in sides if label))
    words.append(", then ".join(_phase(p) for p in first.phases))
    if first.sets > 1:
        words.append(f"{first.sets} sets")
    if rest:
        words.append(f"rest {duration_text(rest)} after {'each set' if first.sets > 1 else 'it'}")
    return " · ".join(words)


def plan_lines(plan: Plan) -> list[str]:
    """The plan, one line per item of the routine."""
    lines = []
    for item in sorted({s.item for s in plan.segments}):
        own = [s for s in plan.segments if s.item == item and s.kind in ("work", "switch")]
        after = [plan.segments[s.index + 1] for s in own if s.index + 1 < len(plan.segments)]
        rest = next((s.seconds for s in after if s.kind == "rest"), 0)
        first = next(s for s in own if s.kind == "work")
        lines.append(_item_line(first, own, rest))
    return lines


def routine_markdown(routine: Routine, course: Course) -> str:
    """The article of a routine's notebook."""
    plan = plan_routine(routine, course)
    equipment = sorted({e for i in routine.items for e in course.move(i.move).equipment})
    facts = (
        f"**{routine.purpose.capitalize()}** · **{routine.level.capitalize()}** · "
        f"{duration_text(plan.total_seconds)} in all · "
        f"Equipment: {md(', '.join(equipment) or 'none')}"
    )
    steps = "\n".join(f"{n}. {line}" for n, line in enumerate(plan_lines(plan), 1))
    return (
        f"# {md(routine.title)}\n\n{facts}\n\n{md(routine.introduction)}\n\n"
        f"## The plan\n\nTimes are from the start, after a "
        f"{duration_text(plan.segments[0].seconds)} lead-in to get ready.\n\n{steps}\n\n"
        f"{take_care(routine, course)}"
    )


def take_care(routine: Routine, course: Course) -> str:
    """The "Take care" section: the caution of every move in the routine, once each, in the
    order they come; the player shows each again as its move begins."""
    moves = [course.move(slug) for slug in dict.fromkeys(i.move for i in routine.items)]
    cautions = [f"- **{md(m.title)}:** {md(m.caution)}" for m in moves if m.caution]
    if not cautions:
        return "## Take care\n\nStop any move that hurts, and breathe steadily throughout.\n"
    return "## Take care\n\n" + "\n".join(cautions) + "\n"
