"""Bad content gets one clear error naming the file, the field path and what was expected."""

from __future__ import annotations

import re

import pytest

from moves.errors import ContentError
from moves.loader import MUSCLES_FILE, load_library, load_move, load_muscles, read_yaml


@pytest.fixture(scope="module")
def muscles():
    return load_muscles()


def _error(path, muscles) -> str:
    with pytest.raises(ContentError) as caught:
        load_move(path, muscles)
    return str(caught.value)


def test_the_seed_move_loads(library):
    move = library.move("hamstring-kickbacks")
    assert [m.id for m in move.muscles.primary] == [
        "biceps-femoris",
        "semimembranosus",
        "semitendinosus",
    ]
    assert len(move.steps) == 3 and move.per_side == "leg"
    assert len(move.why) == 3


def test_malformed_yaml_names_the_line(write_move, muscles):
    path = write_move("broken", "slug: broken\ntitle: [unclosed\nkind: stretch\n")
    message = _error(path, muscles)
    assert message.startswith(f"{path.as_posix()}: not valid YAML at line ")


def test_a_key_written_twice_is_refused(write_move, seed_text, muscles):
    path = write_move("hamstring-kickbacks", seed_text + "\ntitle: Again\n")
    assert "the key 'title' is written twice" in _error(path, muscles)


def test_missing_field(write_move, seed_text, muscles):
    text = re.sub(r"^dose:.*\n(  .*\n)*", "", seed_text, flags=re.M)
    path = write_move("hamstring-kickbacks", text)
    assert _error(path, muscles) == f"{path.as_posix()}: dose: this field is required but missing"


def test_wrong_type_names_the_step(write_move, seed_text, muscles):
    path = write_move(
        "hamstring-kickbacks", seed_text.replace("hold_seconds: 20", "hold_seconds: ten")
    )
    assert _error(path, muscles) == (
        f"{path.as_posix()}: steps[1].hold_seconds: expected a positive number, got 'ten'"
    )


def test_negative_reps(write_move, seed_text, muscles):
    path = write_move("hamstring-kickbacks", seed_text.replace("reps: 5", "reps: -5"))
    assert "steps[2].reps: expected a positive number, got -5" in _error(path, muscles)


def test_unknown_muscle_suggests_the_nearest(write_move, seed_text, muscles):
    path = write_move(
        "hamstring-kickbacks", seed_text.replace("id: semimembranosus", "id: semimembranosis")
    )
    assert _error(path, muscles) == (
        f"{path.as_posix()}: muscles.primary[1].id: unknown muscle 'semimembranosis'; expected an "
        "id from moves/muscles.yaml (did you mean 'semimembranosus'?)"
    )


def test_empty_step_list(write_move, seed_text, muscles):
    text = re.sub(r"^steps:\n(  .*\n)+", "steps: []\n", seed_text, flags=re.M)
    path = write_move("hamstring-kickbacks", text)
    assert _error(path, muscles) == f"{path.as_posix()}: steps: expected at least 3 items, got 0"


def test_week_must_be_a_monday(write_move, seed_text, muscles):
    path = write_move(
        "hamstring-kickbacks", seed_text.replace("week: 2026-11-23", "week: 2026-11-24")
    )
    assert _error(path, muscles) == (
        f"{path.as_posix()}: week: expected a Monday, got 2026-11-24 (a Tuesday)"
    )


def test_unknown_field_and_bad_choice_are_both_reported(write_move, seed_text, muscles):
    text = seed_text.replace("kind: stretch", "kind: yoga\ncolour: red")
    message = _error(write_move("hamstring-kickbacks", text), muscles)
    assert (
        "kind: expected one of 'stretch', 'mobility', 'strength', 'core' or 'balance', got 'yoga'"
        in message
    )
    assert "colour: unknown field" in message


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[click me](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_markup_in_content_is_refused(write_move, seed_text, muscles, hostile):
    text = seed_text.replace(
        "cue: Hips stacked over the back knee; chest tall.", f"cue: '{hostile}'"
    )
    message = _error(write_move("hamstring-kickbacks", text), muscles)
    assert "steps[0].cue: expected plain text, found HTML or a markdown link" in message


def test_an_authored_answer_must_be_an_option(write_move, seed_text, muscles):
    text = seed_text.replace(
        "    answer: Along the back of the front thigh", "    answer: Along the shin"
    )
    message = _error(write_move("hamstring-kickbacks", text), muscles)
    assert "questions[0]: answer 'Along the shin' is not one of the options" in message


def test_not_a_mapping(write_move, muscles):
    assert _error(write_move("list", "- a\n- b\n"), muscles).endswith(
        "expected a mapping of field: value, got a list"
    )


def test_duplicate_slug_and_week_across_files(write_move, seed_text):
    first = write_move("hamstring-kickbacks", seed_text)
    second = write_move("zz-copy", seed_text)
    with pytest.raises(ContentError) as caught:
        load_library(first.parent, MUSCLES_FILE)
    assert [str(p) for p in caught.value.problems] == [
        f"{second.as_posix()}: slug: duplicate slug 'hamstring-kickbacks', "
        "already used by hamstring-kickbacks.yaml"
    ]


def test_library_reports_every_problem_at_once(write_move, seed_text):
    write_move("hamstring-kickbacks", seed_text.replace("kind: stretch", "kind: yoga"))
    broken = write_move("broken", "title: [")
    with pytest.raises(ContentError) as caught:
        load_library(broken.parent, MUSCLES_FILE)
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{broken.as_posix()}: not valid YAML")
    assert lines[1].endswith(
        "kind: expected one of 'stretch', 'mobility', 'strength', 'core' or 'balance', got 'yoga'"
    )


def test_a_file_that_is_not_utf8(write_move):
    path = write_move("bad", "")
    path.write_bytes(b"title: \xff\xfe\n")
    with pytest.raises(ContentError, match="is not UTF-8 text"):
        read_yaml(path)


def test_slug_must_match_file_name(write_move, seed_text):
    path = write_move("kickbacks", seed_text)
    with pytest.raises(ContentError, match="slug: expected 'kickbacks' to match the file name"):
        load_library(path.parent, MUSCLES_FILE)


def _two_moves(write_move, seed_text, first_extra: str, second_extra: str):
    """The seed move and a copy of it one week later, each with extra top-level lines."""
    write_move("hamstring-kickbacks", seed_text + first_extra)
    copy = seed_text.replace("slug: hamstring-kickbacks", "slug: kickbacks-plus").replace(
        "week: 2026-11-23", "week: 2026-11-30"
    )
    return write_move("kickbacks-plus", copy + second_extra)


def test_a_progression_ladder_loads_both_ways(write_move, seed_text):
    path = _two_moves(
        write_move, seed_text, "harder: kickbacks-plus\n", "easier: hamstring-kickbacks\n"
    )
    loaded = load_library(path.parent)
    assert loaded.move("hamstring-kickbacks").harder == "kickbacks-plus"
    assert loaded.move("kickbacks-plus").easier == "hamstring-kickbacks"


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("harder: nowhere\n", "", "harder: no move called 'nowhere' in the library"),
        ("harder: hamstring-kickbacks\n", "", "harder: names the move itself"),
        ("harder: kickbacks-plus\n", "", "'kickbacks-plus' should name 'hamstring-kickbacks' as"),
        (
            "harder: kickbacks-plus\neasier: kickbacks-plus\n",
            "harder: hamstring-kickbacks\neasier: hamstring-kickbacks\n",
            "harder: the ladder is a loop: hamstring-kickbacks -> kickbacks-plus -> hamstring",
        ),
    ],
)
def test_a_broken_progression_link_is_named(write_move, seed_text, first, second, expected):
    path = _two_moves(write_move, seed_text, first, second)
    with pytest.raises(ContentError) as caught:
        load_library(path.parent)
    assert expected in str(caught.value)
