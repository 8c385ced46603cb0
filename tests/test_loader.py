"""Bad content gets one clear error naming the file, the field path and what was expected."""

from __future__ import annotations

import os
import re

import pytest

from moves.errors import ContentError
from moves.loader import (
    LIBRARY_DIR,
    LIBRARY_ENV,
    MUSCLES_FILE,
    library_dir,
    load_course,
    load_library,
    load_move,
    load_muscles,
    read_yaml,
)


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
    assert "steps[0].cue: expected plain text, found HTML, a link or a web address" in message


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
    with pytest.raises(ContentError, match="line 1, column 8: is not UTF-8 text"):
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


def test_an_easier_link_need_not_be_answered(write_move, seed_text):
    """Several moves may step down to the same easier move, which steps up to only one."""
    path = _two_moves(write_move, seed_text, "", "easier: hamstring-kickbacks\n")
    loaded = load_library(path.parent)
    assert loaded.move("kickbacks-plus").easier == "hamstring-kickbacks"
    assert loaded.move("hamstring-kickbacks").harder is None


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("harder: nowhere\n", "", "harder: no move called 'nowhere' in the library"),
        ("easier: nowhere\n", "", "easier: no move called 'nowhere' in the library"),
        ("easier: hamstring-kickbacks\n", "", "easier: names the move itself"),
        (
            "easier: kickbacks-plus\n",
            "easier: hamstring-kickbacks\n",
            "easier: the ladder is a loop: hamstring-kickbacks -> kickbacks-plus -> hamstring",
        ),
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


def test_a_copy_is_blamed_for_the_duplicate_slug_even_when_it_sorts_first(write_move, seed_text):
    copy = write_move("a-copy", seed_text.replace("week: 2026-11-23", "week: 2026-11-30"))
    write_move("hamstring-kickbacks", seed_text)
    with pytest.raises(ContentError) as caught:
        load_library(copy.parent, MUSCLES_FILE)
    assert [str(p) for p in caught.value.problems] == [
        f"{copy.as_posix()}: slug: duplicate slug 'hamstring-kickbacks', "
        "already used by hamstring-kickbacks.yaml"
    ]


def test_the_later_of_two_moves_in_one_week_is_blamed(write_move, seed_text):
    write_move("hamstring-kickbacks", seed_text)
    later = write_move(
        "kickbacks-plus", seed_text.replace("slug: hamstring-kickbacks", "slug: kickbacks-plus")
    )
    with pytest.raises(ContentError) as caught:
        load_library(later.parent, MUSCLES_FILE)
    assert [str(p) for p in caught.value.problems] == [
        f"{later.as_posix()}: week: 2026-11-23 is already the week of hamstring-kickbacks.yaml"
    ]


@pytest.mark.parametrize("name", ["plank.yml", "plank.YAML", "plank.Yaml"])
def test_a_misnamed_yaml_file_is_named_not_ignored(write_move, seed_text, name):
    good = write_move("hamstring-kickbacks", seed_text)
    (good.parent / name).write_text("slug: plank\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_library(good.parent, MUSCLES_FILE)
    assert str(caught.value) == (
        f"{(good.parent / name).as_posix()}: is not read: move files end in .yaml; "
        "rename it to plank.yaml"
    )


def test_special_entries_in_the_library_are_named(write_move, seed_text):
    good = write_move("hamstring-kickbacks", seed_text)
    library = good.parent
    (library / "loop.yaml").symlink_to(library / "loop.yaml")
    os.mkfifo(library / "pipe.yaml")
    (library / ".#hamstring-kickbacks.yaml").symlink_to("nobody@host.1234")  # an editor's lock
    with pytest.raises(ContentError) as caught:
        load_library(library, MUSCLES_FILE)
    assert [str(p) for p in caught.value.problems] == [
        f"{(library / 'loop.yaml').as_posix()}: cannot be read (Too many levels of symbolic links)",
        f"{(library / 'pipe.yaml').as_posix()}: is not a regular file: content must be a file",
    ]


def test_a_library_that_is_not_a_folder(tmp_path):
    with pytest.raises(ContentError, match="cannot be read as a folder"):
        load_library(tmp_path / "missing", MUSCLES_FILE)


def test_the_strict_load_reads_the_myths(write_move, seed_text, tmp_path):
    good = write_move("hamstring-kickbacks", seed_text)
    myths = tmp_path / "myths.yaml"
    myths.write_text("myths:\n  - claim: One\n    truth: Only one.\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_library(good.parent, MUSCLES_FILE, myths)
    assert str(caught.value) == f"{myths.as_posix()}: myths: expected at least 3 items, got 1"


def _broken_library(write_move, seed_text):
    """The seed move, a second good move, and a broken third one that links to the first."""
    write_move(
        "hamstring-kickbacks",
        seed_text.replace("week: 2026-11-23", "week: 2026-11-23\nharder: kickbacks-plus"),
    )
    second = seed_text.replace("slug: hamstring-kickbacks", "slug: kickbacks-plus")
    second = second.replace("week: 2026-11-23", "week: 2026-11-30\neasier: hamstring-kickbacks")
    write_move("kickbacks-plus", second)
    broken = seed_text.replace("slug: hamstring-kickbacks", "slug: kickbacks-max")
    broken = broken.replace("week: 2026-11-23", "week: 2026-12-08\neasier: kickbacks-plus")
    return write_move("kickbacks-max", broken.replace("kind: stretch", "kind: yoga"))


def test_a_running_course_keeps_every_move_that_loads(write_move, seed_text):
    broken = _broken_library(write_move, seed_text)
    loaded = load_course(broken.parent, MUSCLES_FILE)
    assert sorted(loaded.moves) == ["hamstring-kickbacks", "kickbacks-plus"]
    assert list(loaded.unavailable) == ["kickbacks-max"]
    assert [p.field for p in loaded.unavailable["kickbacks-max"]] == ["kind", "week"]
    assert loaded.why_unavailable("kickbacks-max") == (
        f"{broken.as_posix()}: kind: expected one of 'stretch', 'mobility', 'strength', "
        "'core' or 'balance', got 'yoga' (and 1 more)"
    )
    with pytest.raises(ContentError) as caught:
        loaded.move("kickbacks-max")
    assert caught.value.problems == loaded.unavailable["kickbacks-max"]
    with pytest.raises(ContentError) as strict:
        load_library(broken.parent, MUSCLES_FILE)
    assert str(strict.value) == str(ContentError(loaded.unavailable["kickbacks-max"]))
    assert loaded.problems == loaded.unavailable["kickbacks-max"]


def test_a_running_course_with_no_move_that_loads_says_why(write_move):
    broken = write_move("broken", "title: [")
    with pytest.raises(ContentError, match=r"broken\.yaml: not valid YAML at line 2, column 1"):
        load_course(broken.parent, MUSCLES_FILE)


def test_the_course_in_use_is_the_one_setting(write_move, seed_text, monkeypatch):
    broken = _broken_library(write_move, seed_text)
    monkeypatch.setenv(LIBRARY_ENV, str(broken.parent))
    assert library_dir() == broken.parent
    assert list(load_course().unavailable) == ["kickbacks-max"]
    monkeypatch.delenv(LIBRARY_ENV)
    assert library_dir() == LIBRARY_DIR
