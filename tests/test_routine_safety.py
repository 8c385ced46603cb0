"""The safety rules every course routine keeps, each on a small library made for the test:
no floor move where the routine promises no floor, no advanced move for beginners, a tempo
for every item done in reps, every caution shown, and head-below-the-heart moves that say so."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring.routine_article import routine_markdown
from moves.errors import ContentError
from moves.loader import LIBRARY_DIR, MUSCLES_FILE, Course, load_library
from moves.routines.checks import safety_problems
from moves.routines.schema import Routine
from widgets.routine import move_for_player


@pytest.fixture
def small_course(write_move, seed_text: str) -> Course:
    """Three copies of the seed move (done in reps, with a caution): one on the floor, one
    standing, one advanced."""
    for slug, week, floor, level in [
        ("on-the-floor", "2026-11-23", "true", "beginner"),
        ("standing-up", "2026-11-30", "false", "beginner"),
        ("hard-one", "2026-12-07", "false", "advanced"),
    ]:
        text = (
            seed_text.replace("slug: hamstring-kickbacks", f"slug: {slug}")
            .replace("title: Hamstring kick backs", f"title: {slug.replace('-', ' ').title()}")
            .replace("week: 2026-11-23", f"week: {week}")
            .replace("floor: true\n", f"floor: {floor}\n")
            .replace("level: beginner\n", f"level: {level}\n")
        )
        path = write_move(slug, text)
    return load_library(path.parent, MUSCLES_FILE)


def routine(**fields) -> Routine:
    data = {
        "slug": "test",
        "title": "Test",
        "purpose": "stretch",
        "level": "beginner",
        "floor": True,
        "introduction": "A test.",
        "items": [{"move": "standing-up", "seconds_per_rep": 4}],
    }
    return Routine.model_validate(data | fields)


def lines(routine: Routine, course: Course) -> list[str]:
    return [f"{p.field}: {p.message}" for p in safety_problems(routine, course, "test.yaml")]


def test_a_careful_routine_has_no_problem(small_course):
    assert lines(routine(), small_course) == []


def test_no_floor_move_where_the_routine_says_no_floor(small_course):
    items = [{"move": "on-the-floor", "seconds_per_rep": 4}]
    assert lines(routine(floor=False, items=items), small_course) == [
        "items[0].move: 'on-the-floor' needs the floor, and this routine says floor: false"
    ]
    assert lines(routine(floor=True, items=items), small_course) == []


def test_a_desk_break_never_needs_the_floor(small_course):
    assert lines(routine(purpose="desk break", floor=True), small_course) == [
        "floor: a desk break needs no floor: floor: false"
    ]


def test_no_advanced_move_for_beginners(small_course):
    items = [{"move": "hard-one", "seconds_per_rep": 4}]
    assert lines(routine(items=items), small_course) == [
        "items[0].move: 'hard-one' is an advanced move; a beginners' routine has none"
    ]
    assert lines(routine(level="intermediate", items=items), small_course) == []


def test_every_item_done_in_reps_has_its_own_tempo(small_course):
    assert lines(routine(items=[{"move": "standing-up"}]), small_course) == [
        "items[0].seconds_per_rep: 'standing-up' is done in reps: give it the tempo its own "
        "steps ask for (seconds_per_rep, pauses included)"
    ]
    held = [{"move": "standing-up", "hold_seconds": 30}]  # a hold replaces the move's reps
    assert lines(routine(items=held), small_course) == []


def test_the_routine_page_and_the_player_show_each_moves_caution(small_course):
    items = [{"move": "standing-up", "seconds_per_rep": 4}, {"move": "on-the-floor"}]
    text = routine_markdown(routine(items=items, seconds_per_rep=4), small_course)
    care = text[text.index("## Take care") :]
    caution = small_course.move("standing-up").caution
    assert caution and caution.split()[0] in care
    assert care.count("**Standing Up:**") == 1 and care.count("**On The Floor:**") == 1
    player = move_for_player(small_course.move("standing-up"), small_course)
    assert player["caution"] == caution


def _downward_dog(tmp_path: Path, caution: str) -> Path:
    text = (LIBRARY_DIR / "downward-dog.yaml").read_text(encoding="utf-8")
    start = text.index("caution: >-")
    end = text.index("\nquestions:")
    folder = tmp_path / "library"
    folder.mkdir()
    path = folder / "downward-dog.yaml"
    path.write_text(text[:start] + f"caution: {caution}" + text[end:], encoding="utf-8")
    return folder


def test_a_move_with_the_head_below_the_heart_says_so_in_its_caution(tmp_path):
    folder = _downward_dog(tmp_path, "Stop if your wrists hurt.")
    with pytest.raises(ContentError) as caught:
        load_library(folder, MUSCLES_FILE)
    (problem,) = caught.value.problems
    assert problem.field == "caution" and "puts the head below the heart" in problem.message


def test_a_caution_that_names_the_heart_is_enough(tmp_path):
    folder = _downward_dog(tmp_path, "Your head is below your heart; check with a doctor.")
    assert "downward-dog" in load_library(folder, MUSCLES_FILE).moves
