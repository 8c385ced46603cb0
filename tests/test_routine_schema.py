"""Routine files: every bad input gets one line naming the file, the field and the fix."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from authoring.cli import main
from moves.errors import ContentError
from moves.loader import Course
from moves.routines.checks import duration_problems, order_problems
from moves.routines.load import ROUTINES_DIR, load_routines
from moves.routines.schema import Routine

GOOD = """\
slug: {slug}
title: Test routine
purpose: cool-down
level: beginner
floor: true
introduction: A short test routine.
items:
{items}
"""
FILLER = """\
  - move: hamstring-kickbacks
    seconds_per_rep: 4
  - move: kneeling-hip-flexor-stretch
  - move: childs-pose
  - move: figure-four-stretch
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "routines"
    path.mkdir()
    return path


@pytest.fixture
def write(folder: Path) -> Callable[..., Path]:
    """Write a routine file; `items` replaces the list of moves, `text` the whole file."""

    def write_file(slug: str = "test", items: str = FILLER, text: str | None = None) -> Path:
        path = folder / f"{slug}.yaml"
        body = text if text is not None else GOOD.format(slug=slug, items=items.rstrip())
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return path

    return write_file


def problems(library: Course, folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_routines(library, folder)
    return [str(p).removeprefix(f"{folder.as_posix()}/") for p in caught.value.problems]


def test_a_good_routine_loads(library, folder, write):
    write()
    assert list(load_routines(library, folder)) == ["test"]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (
            "  - move: hamstring-kickback",
            "items[0].move: unknown move 'hamstring-kickback'; expected a slug from "
            "moves/library (did you mean 'hamstring-kickbacks'?)",
        ),
        (
            "  - {move: childs-pose, hold_seconds: 0}",
            "items[0].hold_seconds: expected a number from 1 to 300 seconds, got 0",
        ),
        (
            "  - {move: plank, hold_seconds: -20}",
            "items[0].hold_seconds: expected a number from 1 to 300 seconds, got -20",
        ),
        (
            "  - {move: childs-pose, hold_seconds: 12.5}",
            "items[0].hold_seconds: expected a whole number of seconds, got 12.5",
        ),
        (
            "  - {move: glute-bridge, reps: 0}",
            "items[0].reps: expected a number from 1 to 100 reps, got 0",
        ),
        ("  - {move: plank, sets: 0}", "items[0].sets: expected a number from 1 to 10 sets, got 0"),
        (
            "  - {move: plank, rest_seconds: -5}",
            "items[0].rest_seconds: expected a number from 0 to 600 seconds, got -5",
        ),
        (
            "  - {move: plank, hold_seconds: 3600}",
            "items[0].hold_seconds: expected a number from 1 to 300 seconds, got 3600",
        ),
        (
            "  - {move: plank, sides: left}",
            "items[0].sides: 'plank' works both sides at once; remove sides",
        ),
        (
            "  - {move: figure-four-stretch, sides: up}",
            "items[0].sides: expected one of 'both', 'right' or 'left', got 'up'",
        ),
        (
            "  - {move: childs-pose, reps: 5}",
            "items[0].reps: 'childs-pose' is a held move with no reps; give hold_seconds instead",
        ),
        ("  - {move: plank, time: 30}", "items[0].time: unknown field"),
        (
            "  - move: plank\n  - move: plank",
            "items[1]: 'plank' follows itself; give the item before it more sets instead",
        ),
        ("  - move: Plank!", "items[0].move: expected a move's slug"),
        ("  []", "items: expected at least one move, got none"),
    ],
)
def test_bad_items(library, folder, write, items, expected):
    path = write(items=items)
    found = problems(library, folder)
    assert any(line.startswith(f"{path.name}: {expected}") for line in found), found


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("purpose: cool-down", "purpose: yoga"), "purpose: expected one of 'cool-down'"),
        (("level: beginner\n", ""), "level: this field is required but missing"),
        (
            ("title: Test routine", "title: <b>Test</b>"),
            "title: expected plain text, found HTML, a link or a web address: '<b>Test</b>'",
        ),
        (
            ("introduction: A short", "introduction: See https://example.com for a short"),
            "introduction: expected plain text, found HTML, a link or a web address",
        ),
        (("title: Test routine", "title: '   '"), "title: expected some text"),
        (("items:\n", "moves:\n"), "items: this field is required but missing"),
    ],
)
def test_bad_fields(library, folder, write, change, expected):
    text = GOOD.format(slug="test", items=FILLER.rstrip()).replace(*change)
    path = write(text=text)
    found = problems(library, folder)
    assert any(line.startswith(f"{path.name}: {expected}") for line in found), found


def test_broken_yaml_names_the_line(library, folder, write):
    path = write(text="slug: test\nitems: [\n")
    assert problems(library, folder)[0].startswith(f"{path.name}: not valid YAML at line")


def test_a_copy_is_blamed_for_the_duplicate_slug(library, folder, write):
    write("after-run")
    copy = folder / "copy-of-after-run.yaml"  # sorted after the original
    copy.write_text((folder / "after-run.yaml").read_text(), encoding="utf-8")
    assert problems(library, folder) == [
        "copy-of-after-run.yaml: slug: duplicate slug 'after-run', already used by after-run.yaml; "
        "give this routine its own slug"
    ]


def test_slug_must_match_the_file_and_not_be_a_move(library, folder, write):
    write(text=GOOD.format(slug="other", items=FILLER.rstrip()))  # written as test.yaml
    write("plank")
    found = problems(library, folder)
    assert "test.yaml: slug: expected 'test' to match the file name, got 'other'" in found
    assert any(
        line.startswith("plank.yaml: slug: 'plank' is already a move's slug") for line in found
    )


def test_every_problem_in_every_file_at_once(library, folder, write):
    write("one", items="  - {move: plank, hold_seconds: 0, sets: 0}")
    write("two", items="  - move: no-such-move")
    found = problems(library, folder)
    assert len(found) == 3
    assert {line.split(":")[0] for line in found} == {"one.yaml", "two.yaml"}


def test_an_empty_folder_is_a_problem(library, folder):
    assert problems(library, folder)[0].endswith("has no routine files (*.yaml)")


def routine(purpose: str, *moves: str) -> Routine:
    return Routine(
        slug="r",
        title="R",
        purpose=purpose,
        level="beginner",
        floor=True,
        introduction="x",
        items=[{"move": m} for m in moves],
    )


def test_floor_standing_ping_pong_is_caught(library):
    bad = routine("mobility", "plank", "bodyweight-squat", "glute-bridge", "calf-raise", "dead-bug")
    found = [str(p) for p in order_problems(bad, library, "r.yaml")]
    assert found == [
        "r.yaml: items[2].move: 'glute-bridge' goes back down to the floor after "
        "'bodyweight-squat' (items[1]) came up; keep the floor moves together",
        "r.yaml: items[4].move: 'dead-bug' goes back down to the floor after "
        "'calf-raise' (items[3]) came up; keep the floor moves together",
    ]


def test_down_once_and_up_once_is_a_sensible_order(library):
    fine = routine("mobility", "neck-side-stretch", "plank", "childs-pose", "bodyweight-squat")
    assert order_problems(fine, library, "r.yaml") == []


def test_standing_up_inside_a_move_counts(library):
    # The inchworm starts with the hands on the floor and ends standing tall.
    bad = routine("mobility", "cat-cow", "inchworm", "glute-bridge")
    assert [p.field for p in order_problems(bad, library, "r.yaml")] == ["items[2].move"]
    assert order_problems(routine("mobility", "cat-cow", "inchworm"), library, "r.yaml") == []


def test_length_must_suit_the_purpose(library):
    short = routine("cool-down", "childs-pose")
    assert [str(p) for p in duration_problems(short, library, "r.yaml")] == [
        "r.yaml: items: a cool-down should take 4 to 8 minutes; this one takes 55 s"
    ]
    fine = routine("desk break", "neck-side-stretch", "wrist-flexor-stretch")
    assert duration_problems(fine, library, "r") == []


def test_check_validates_routines(library, folder, write, capsys):
    write(items="  - {move: plank, hold_seconds: 0}")
    assert main(["--routines", str(folder), "check", "--content-only"]) == 1
    err = capsys.readouterr().err
    assert "test.yaml: items[0].hold_seconds: expected a number from 1 to 300" in err
    assert main(["--routines", str(ROUTINES_DIR), "check", "--content-only"]) == 0
    assert "12 routines" in capsys.readouterr().out
