"""The course's own routines: the twelve the course promises, each loaded and checked (order,
length for its purpose, the floor, level and tempo rules) by load_routines, plus what each
promises."""

from __future__ import annotations

import pytest

from authoring.routine_article import routine_markdown
from moves.routines.load import ROUTINES_DIR, load_routines
from moves.routines.plan import plan_routine

PROMISED = {
    "after-run-cool-down": "cool-down",
    "morning-mobility": "mobility",
    "desk-break": "desk break",
    "lower-body-circuit": "strength circuit",
    "core-circuit": "strength circuit",
    "full-body-stretch": "mobility",
    "run-warm-up": "warm-up",
    "long-desk-break": "desk break",
    "balance-session": "balance",
    "hamstring-session": "strength circuit",
    "evening-stretch": "stretch",
    "beginner-strength": "strength circuit",
}
NO_FLOOR = {"desk-break", "long-desk-break", "evening-stretch", "run-warm-up", "balance-session"}


@pytest.fixture(scope="module")
def course_routines(library):
    return load_routines(library)  # raises, listing every problem, if any routine is off


def total(routine, library) -> int:
    return plan_routine(routine, library).total_seconds


def test_the_promised_routines_are_there(course_routines):
    assert len(list(ROUTINES_DIR.glob("*.yaml"))) >= 12
    assert {slug: course_routines[slug].purpose for slug in PROMISED} == PROMISED


def test_the_cool_down_starts_standing_with_the_calves_and_quads(course_routines, library):
    """Running loads the calves and the quadriceps most (Hamner 2010; Dorn 2012): they are
    stretched first, standing, before the mat; the kick backs still come after."""
    cool_down = course_routines["after-run-cool-down"]
    moves = [item.move for item in cool_down.items]
    assert moves[:2] == ["standing-calf-stretch", "standing-quad-stretch"]
    assert "hamstring-kickbacks" in moves
    assert "calves and the front of the thighs" in cool_down.introduction
    assert 6.5 * 60 <= total(cool_down, library) <= 7.5 * 60


def test_the_morning_mobility_has_no_loaded_forward_fold(course_routines, library):
    """Loaded flexion soon after getting up strains the lower back (Adams 1987; Snook 1998)."""
    morning = course_routines["morning-mobility"]
    assert "inchworm" not in [item.move for item in morning.items]
    assert "no deep\n  forward fold" in morning.introduction or "no deep forward fold" in (
        " ".join(morning.introduction.split())
    )


def test_the_desk_break_needs_no_step_and_stretches_both_sides_of_the_forearm(
    course_routines, library
):
    desk = course_routines["desk-break"]
    moves = [library.move(item.move) for item in desk.items]
    assert not any("step" in move.equipment for move in moves)  # no step edge in office shoes
    assert {"wrist-flexor-stretch", "wrist-extensor-stretch"} <= {m.slug for m in moves}
    squat = next(item for item in desk.items if item.move == "bodyweight-squat")
    assert squat.seconds_per_rep == 5  # "two or three seconds down and a pause"


def test_the_morning_mobility_takes_ten_minutes(course_routines, library):
    assert 9 * 60 <= total(course_routines["morning-mobility"], library) <= 11 * 60


def test_the_desk_break_needs_no_floor(course_routines, library):
    moves = [library.move(item.move) for item in course_routines["desk-break"].items]
    assert moves and not any(move.floor for move in moves)


def test_the_circuits_train_what_they_say(course_routines, library):
    def kinds(slug):
        return {library.move(item.move).kind for item in course_routines[slug].items}

    assert kinds("core-circuit") <= {"core", "stretch"} and "core" in kinds("core-circuit")
    lower = {
        library.muscles[use.id].region
        for item in course_routines["lower-body-circuit"].items
        for use in library.move(item.move).muscles.primary
    }
    assert lower <= {"hip", "thigh", "lower leg"}


@pytest.mark.parametrize("slug", sorted(PROMISED))
def test_each_has_an_article_with_its_plan(course_routines, library, slug):
    routine = course_routines[slug]
    text = routine_markdown(routine, library)
    assert text.startswith(f"# {routine.title}\n")
    plan_lines = [line for line in text.splitlines() if line[:1].isdigit()]
    assert len(plan_lines) == len(routine.items)
    assert all(
        library.move(i.move).title in line
        for i, line in zip(routine.items, plan_lines, strict=True)
    )


def test_the_no_floor_routines_promise_it_and_the_hamstring_session_has_the_seed(
    course_routines, library
):
    assert {slug for slug, r in course_routines.items() if not r.floor} >= NO_FLOOR
    hamstrings = [item.move for item in course_routines["hamstring-session"].items]
    assert "hamstring-kickbacks" in hamstrings
    beginners = course_routines["beginner-strength"]
    assert beginners.level == "beginner"
    assert {library.move(i.move).level for i in beginners.items} == {"beginner"}
