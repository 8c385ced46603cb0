"""The plan: every set, side, switch and rest, timed by the one rule in moves/routines/plan."""

from __future__ import annotations

from typing import Any

from moves.routines.plan import GET_READY_SECONDS, Plan, plan_routine
from moves.routines.schema import CustomRoutine


def plan_of(library, *items: dict[str, Any], **timing: Any) -> Plan:
    return plan_routine(CustomRoutine(title="T", items=list(items), **timing), library)


def kinds(plan: Plan) -> list[tuple[str, int]]:
    return [(s.kind, s.seconds) for s in plan.segments]


def test_a_one_sided_move_does_each_set_right_then_left(library):
    # The seed move: a 20-second hold, then 5 rocks of 3 seconds, on each leg.
    plan = plan_of(library, {"move": "hamstring-kickbacks", "sets": 2})
    assert kinds(plan) == [
        ("ready", GET_READY_SECONDS),
        ("work", 35), ("switch", 5), ("work", 35), ("rest", 10),
        ("work", 35), ("switch", 5), ("work", 35),
    ]  # fmt: skip
    assert plan.total_seconds == 10 + 75 + 10 + 75
    assert [(s.side, s.set) for s in plan.work()] == [
        ("right", 1), ("left", 1), ("right", 2), ("left", 2)
    ]  # fmt: skip
    phases = plan.work()[0].phases
    assert [(p.step, p.kind, p.start, p.seconds, p.reps) for p in phases] == [
        (2, "hold", 0, 20, None),
        (3, "reps", 20, 15, 5),
    ]


def test_pauses_are_shown_to_the_next_work(library):
    plan = plan_of(library, {"move": "hamstring-kickbacks"}, {"move": "childs-pose"})
    ready, _, switch, _, rest, _ = plan.segments
    assert (ready.move, ready.side, ready.side_label) == (
        "hamstring-kickbacks",
        "right",
        "Right leg",
    )
    assert (switch.side, switch.side_label) == ("left", "Left leg")
    assert rest.move == "childs-pose" and rest.side is None
    assert rest.phases == ()


def test_segments_follow_each_other_without_gaps(library):
    plan = plan_of(
        library,
        {"move": "thread-the-needle", "sets": 2},
        {"move": "plank", "hold_seconds": 30, "sets": 3},
    )
    for before, after in zip(plan.segments, plan.segments[1:], strict=False):
        assert after.start == before.end and after.index == before.index + 1
    assert plan.segments[0].start == 0 and plan.total_seconds == plan.segments[-1].end


def test_short_holds_are_pauses_inside_every_rep(library):
    # A glute bridge holds 2 s at the top of each of its 12 reps: 12 x (3 + 2).
    assert plan_of(library, {"move": "glute-bridge"}).total_seconds == 10 + 60
    # An item's own seconds_per_rep is the whole rep, pause included.
    assert plan_of(library, {"move": "glute-bridge", "seconds_per_rep": 4}).total_seconds == 58
    # The routine's seconds_per_rep is the rep before the pause.
    assert plan_of(library, {"move": "glute-bridge"}, seconds_per_rep=5).total_seconds == 10 + 84


def test_a_dose_override_replaces_the_whole_dose(library):
    plank = plan_of(library, {"move": "plank", "hold_seconds": 30, "sets": 3, "rest_seconds": 20})
    assert kinds(plank)[1:] == [
        ("work", 30),
        ("rest", 20),
        ("work", 30),
        ("rest", 20),
        ("work", 30),
    ]
    assert plank.total_seconds == 10 + 3 * 30 + 2 * 20
    assert [(p.step, p.kind) for p in plank.work()[0].phases] == [(3, "hold")]
    thread = plan_of(library, {"move": "thread-the-needle", "hold_seconds": 20, "reps": 4})
    assert [(p.step, p.kind, p.start) for p in thread.work()[0].phases] == [
        (4, "reps", 0),
        (5, "hold", 12),
    ]
    rocks = plan_of(library, {"move": "hamstring-kickbacks", "reps": 8})
    assert [(p.kind, p.seconds) for p in rocks.work()[0].phases] == [("reps", 24)]


def test_a_hold_on_a_rep_move_shows_the_position_before_the_reps(library):
    squat = plan_of(library, {"move": "bodyweight-squat", "hold_seconds": 20, "reps": 5})
    phases = squat.work()[0].phases
    assert [(p.step, p.kind, p.start, p.seconds) for p in phases] == [
        (3, "hold", 0, 20),
        (4, "reps", 20, 15),
    ]


def test_the_moves_own_step_order_is_kept(library):
    # Thread the needle: six reaches, then a 30-second hold on the last thread.
    phases = plan_of(library, {"move": "thread-the-needle"}).work()[0].phases
    assert [(p.step, p.kind, p.seconds) for p in phases] == [(4, "reps", 18), (5, "hold", 30)]


def test_one_side_only(library):
    plan = plan_of(library, {"move": "figure-four-stretch", "sides": "left"})
    assert kinds(plan) == [("ready", 10), ("work", 30)]
    assert plan.work()[0].side_label == "Left leg"


def test_rests_and_switches_of_zero_are_left_out(library):
    plan = plan_of(
        library,
        {"move": "figure-four-stretch", "rest_seconds": 0},
        {"move": "childs-pose"},
        switch_seconds=0,
    )
    assert kinds(plan) == [("ready", 10), ("work", 30), ("work", 30), ("work", 45)]
    assert plan.total_seconds == 115


def test_the_last_rest_is_dropped_and_routine_rest_is_the_default(library):
    plan = plan_of(library, {"move": "plank"}, {"move": "dead-bug"}, rest_seconds=25)
    assert [k for k, _ in kinds(plan)] == ["ready", "work", "rest", "work"]
    assert kinds(plan)[2] == ("rest", 25)


def test_the_plan_is_plain_data_for_the_player(library):
    data = plan_of(library, {"move": "neck-side-stretch"}).as_dict()
    assert data["total_seconds"] == 10 + 30 + 5 + 30
    assert data["segments"][1]["phases"][0] == {
        "step": 3, "kind": "hold", "start": 0, "seconds": 30, "reps": None, "rep_seconds": None
    }  # fmt: skip
    assert data["segments"][1]["side_label"] == "Right side"
