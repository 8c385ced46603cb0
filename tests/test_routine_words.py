"""What the player shows and says for each segment, composed once from the plan's parts."""

from __future__ import annotations

from typing import Any

from moves.routines.plan import Plan, plan_routine
from moves.routines.schema import CustomRoutine
from moves.routines.words import player_plan, segment_words


def plan_of(library, *items: dict[str, Any]) -> Plan:
    return plan_routine(CustomRoutine(title="T", items=list(items)), library)


def test_each_kind_of_segment_in_words(library):
    plan = plan_of(library, {"move": "hamstring-kickbacks", "sets": 2}, {"move": "childs-pose"})
    ready, right, switch, _, rest = (segment_words(plan, s) for s in plan.segments[:5])
    assert ready == {
        "heading": "Get ready",
        "name": "Hamstring kick backs",
        "label": "Get ready: Hamstring kick backs · Right leg · set 1 of 2",
        "next": "Next up: Hamstring kick backs · Right leg · set 1 of 2",
        "note": "Get into the starting position.",
        "spoken": "Get ready: Hamstring kick backs, right leg.",
    }
    assert right["heading"] == "Now" and right["note"] == ""
    assert right["label"] == "Hamstring kick backs · Right leg · set 1 of 2"
    assert right["spoken"] == "Hamstring kick backs. Right leg. Set 1 of 2. Hold for 20 seconds."
    assert right["next"] == "Next up: Hamstring kick backs · Left leg · set 1 of 2"
    assert switch["name"] == switch["label"] == "Switch to the left leg"
    assert switch["spoken"] == "Switch to the left leg."
    assert switch["note"] == "Get into the starting position."
    assert switch["next"] == "Next up: Hamstring kick backs · Left leg · set 1 of 2"
    assert rest["heading"] == "Rest" and rest["note"] == "Breathe and shake out."
    assert rest["label"] == "Rest · next: Hamstring kick backs · Right leg · set 2 of 2"
    assert rest["spoken"] == "Rest for 10 seconds. Next: Hamstring kick backs."


def test_reps_are_said_and_the_last_work_says_so(library):
    plan = plan_of(library, {"move": "hamstring-kickbacks", "reps": 8}, {"move": "childs-pose"})
    first = segment_words(plan, plan.work()[0])
    assert first["spoken"] == "Hamstring kick backs. Right leg. 8 reps."
    assert segment_words(plan, plan.work()[-1])["next"] == "Last one: finish strong."


def test_the_player_gets_every_segment_s_parts_and_its_words(library):
    plan = plan_of(library, {"move": "plank"}, {"move": "dead-bug"})
    data = player_plan(plan)
    assert [s["kind"] for s in data["segments"]] == [s.kind for s in plan.segments]
    for shown, segment in zip(data["segments"], plan.segments, strict=True):
        assert shown["words"] == segment_words(plan, segment)
        assert (shown["move"], shown["side"], shown["start"]) == (
            segment.move,
            segment.side,
            segment.start,
        )
