"""The course's own routines: the six the course promises, each loaded and checked (order,
length for its purpose, desk break off the floor) by load_routines, plus what each promises."""

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
}


@pytest.fixture(scope="module")
def course_routines(library):
    return load_routines(library)  # raises, listing every problem, if any routine is off


def total(routine, library) -> int:
    return plan_routine(routine, library).total_seconds


def test_the_promised_routines_are_there(course_routines):
    assert len(list(ROUTINES_DIR.glob("*.yaml"))) >= 6
    assert {slug: course_routines[slug].purpose for slug in PROMISED} == PROMISED


def test_the_cool_down_takes_five_minutes_and_has_the_kick_backs(course_routines, library):
    cool_down = course_routines["after-run-cool-down"]
    assert "hamstring-kickbacks" in [item.move for item in cool_down.items]
    assert 4.5 * 60 <= total(cool_down, library) <= 5.5 * 60


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
