"""What the routine player shows and says for each segment of a plan, composed once, here,
from the segment's parts (kind, move, side, set). The page shows these words as they come
(`player_plan`); it never builds a sentence of its own, nor takes one of these apart."""

from __future__ import annotations

from moves.routines.plan import Plan, Segment
from moves.walkthrough import switch_to

HEADINGS = {"ready": "Get ready", "work": "Now", "switch": "Switch sides", "rest": "Rest"}
NOTES = {
    "ready": "Get into the starting position.",
    "switch": "Get into the starting position.",
    "rest": "Breathe and shake out.",
}
LAST_ONE = "Last one: finish strong."


def work_label(segment: Segment) -> str:
    """The work a segment is, or leads to: 'Hamstring kick backs · Right leg · set 1 of 2'."""
    words = [segment.title]
    if segment.side_label:
        words.append(segment.side_label)
    if segment.sets > 1:
        words.append(f"set {segment.set} of {segment.sets}")
    return " · ".join(words)


def _switch(segment: Segment) -> str:
    return switch_to(segment.side_label or segment.side or "other side")


def segment_label(segment: Segment) -> str:
    """The segment in one line, for the plan's list and 'Paused, …'."""
    if segment.kind == "work":
        return work_label(segment)
    if segment.kind == "ready":
        return f"Get ready: {work_label(segment)}"
    if segment.kind == "switch":
        return _switch(segment)
    return f"Rest · next: {work_label(segment)}"


def spoken(segment: Segment) -> str:
    """What the player says, and announces, as the segment begins."""
    side = segment.side_label
    if segment.kind == "ready":
        return f"Get ready: {segment.title}{f', {side.lower()}' if side else ''}."
    if segment.kind == "switch":
        return f"{_switch(segment)}."
    if segment.kind == "rest":
        return f"Rest for {segment.seconds} seconds. Next: {segment.title}."
    first = segment.phases[0] if segment.phases else None
    if first is not None and first.kind == "reps":
        dose = f"{first.reps} reps."
    else:
        dose = f"Hold for {first.seconds if first else segment.seconds} seconds."
    sets = f" Set {segment.set} of {segment.sets}." if segment.sets > 1 else ""
    return f"{segment.title}.{f' {side}.' if side else ''}{sets} {dose}"


def next_up(plan: Plan, segment: Segment) -> str:
    """What comes next: for a pause, the work it leads to; for work, the next work, if any."""
    if segment.kind != "work":
        return f"Next up: {work_label(segment)}"
    later = (s for s in plan.segments[segment.index + 1 :] if s.kind == "work")
    following = next(later, None)
    return f"Next up: {work_label(following)}" if following else LAST_ONE


def segment_words(plan: Plan, segment: Segment) -> dict[str, str]:
    """Every word the player shows or says for one segment."""
    return {
        "heading": HEADINGS[segment.kind],
        "name": _switch(segment) if segment.kind == "switch" else segment.title,
        "label": segment_label(segment),
        "next": next_up(plan, segment),
        "note": NOTES.get(segment.kind, ""),
        "spoken": spoken(segment),
    }


def player_plan(plan: Plan) -> dict[str, object]:
    """The plan as the player reads it: each segment's parts (Plan.as_dict) and its words."""
    data = plan.as_dict()
    for segment, shown in zip(plan.segments, data["segments"], strict=True):
        shown["words"] = segment_words(plan, segment)
    return data
