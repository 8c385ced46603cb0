"""Library filters, search, and the muscle index."""

from __future__ import annotations

from typing import get_args

import pytest

from moves.browse import filter_moves, ladder, moves_for, primary_groups
from moves.schema import Kind, MuscleGroup


def slugs(moves):
    return [m.slug for m in moves]


def test_no_filter_is_the_whole_library_in_week_order(library):
    assert slugs(filter_moves(library)) == slugs(library.by_week())


def test_every_group_is_a_primary_target_somewhere(library):
    for group in get_args(MuscleGroup):
        assert filter_moves(library, group=group), group


def test_group_filter_uses_primary_targets(library):
    found = filter_moves(library, group="hamstrings")
    assert "hamstring-kickbacks" in slugs(found)
    assert all("hamstrings" in primary_groups(m, library) for m in found)
    assert "glute-bridge" not in slugs(found)  # hamstrings only help there


def test_kind_level_and_equipment(library):
    for kind in get_args(Kind):
        assert all(m.kind == kind for m in filter_moves(library, kind=kind))
    assert sum(len(filter_moves(library, kind=k)) for k in get_args(Kind)) == len(library.moves)
    assert all(m.level == "beginner" for m in filter_moves(library, level="beginner"))
    assert all("band" in m.equipment for m in filter_moves(library, equipment="band"))
    assert all(not m.equipment for m in filter_moves(library, equipment="none"))
    assert filter_moves(library, equipment="chair")


def test_filters_combine(library):
    both = filter_moves(library, kind="stretch", equipment="mat")
    assert both and all(m.kind == "stretch" and "mat" in m.equipment for m in both)


def test_text_search_needs_every_word(library):
    assert slugs(filter_moves(library, text="HAMSTRING kick")) == ["hamstring-kickbacks"]
    assert "hamstring-kickbacks" in slugs(filter_moves(library, text="semimembranosus"))
    assert filter_moves(library, text="zzz-nothing") == []


def test_muscle_index_by_muscle_and_group(library):
    semimembranosus = moves_for(library, "semimembranosus")
    assert "hamstring-kickbacks" in slugs(semimembranosus.primary)
    assert not set(slugs(semimembranosus.primary)) & set(slugs(semimembranosus.secondary))
    glutes = moves_for(library, "group:glutes")
    assert "glute-bridge" in slugs(glutes.primary)
    assert glutes.title == "The glutes group"


def test_muscle_index_unknown_choice(library):
    with pytest.raises(KeyError, match="no muscle called 'biceps'"):
        moves_for(library, "biceps")
    with pytest.raises(KeyError, match="no muscle group called 'wings'"):
        moves_for(library, "group:wings")


def test_no_floor_keeps_only_the_moves_done_standing_or_seated(ladder_course):
    assert slugs(filter_moves(ladder_course, no_floor=True)) == ["last-step"]
    assert len(filter_moves(ladder_course)) == 4
    assert filter_moves(ladder_course, no_floor=True, text="first") == []


def test_a_ladder_runs_from_the_easiest_to_the_hardest_through_any_step(ladder_course):
    whole = ["first-step", "middle-step", "last-step"]
    for slug in whole:
        assert slugs(ladder(ladder_course, slug)) == whole, slug
    assert slugs(ladder(ladder_course, "on-its-own")) == ["on-its-own"]


def test_a_ladder_steps_down_through_a_one_way_easier_link(write_move, seed_text):
    """The walk-out steps down to the glute bridge, which steps up to the single-leg bridge:
    each ladder follows the links of the move it starts from."""
    from moves.loader import MUSCLES_FILE, load_library

    moves = {
        "bridge": ("2026-11-23", None, "one-leg-bridge"),
        "one-leg-bridge": ("2026-11-30", "bridge", None),
        "walk-out": ("2026-12-07", "bridge", "nordic"),
        "nordic": ("2026-12-14", "walk-out", None),
    }
    for slug, (week, easier, harder) in moves.items():
        links = "".join(f"{k}: {v}\n" for k, v in (("easier", easier), ("harder", harder)) if v)
        text = (
            seed_text.replace("slug: hamstring-kickbacks", f"slug: {slug}")
            .replace("week: 2026-11-23", f"week: {week}")
            .replace("floor: true\n", f"floor: true\n{links}")
        )
        path = write_move(slug, text)
    course = load_library(path.parent, MUSCLES_FILE)
    assert slugs(ladder(course, "walk-out")) == ["bridge", "walk-out", "nordic"]
    assert slugs(ladder(course, "nordic")) == ["bridge", "walk-out", "nordic"]
    assert slugs(ladder(course, "bridge")) == ["bridge", "one-leg-bridge"]
    assert slugs(ladder(course, "one-leg-bridge")) == ["bridge", "one-leg-bridge"]
