"""The muscle catalogue is whole and consistent, and every move points into it."""

from __future__ import annotations

from collections import Counter
from typing import get_args

from moves.schema import MuscleGroup, Region

REQUIRED = {
    # the hip, thigh, lower leg and trunk muscles the quizzes draw distractors from
    "biceps-femoris",
    "semitendinosus",
    "semimembranosus",
    "gluteus-maximus",
    "gluteus-medius",
    "gluteus-minimus",
    "rectus-femoris",
    "vastus-lateralis",
    "vastus-medialis",
    "vastus-intermedius",
    "adductor-longus",
    "adductor-magnus",
    "iliopsoas",
    "gastrocnemius",
    "soleus",
    "tibialis-anterior",
    "erector-spinae",
    "rectus-abdominis",
    "external-oblique",
    "internal-oblique",
    "transversus-abdominis",
}


def test_catalogue_holds_every_required_muscle(library):
    assert set(library.muscles) >= REQUIRED


def test_the_three_hamstrings_are_grouped_together(library):
    hamstrings = {m.id for m in library.muscles.values() if m.group == "hamstrings"}
    assert hamstrings == {"biceps-femoris", "semitendinosus", "semimembranosus"}


def test_deep_muscles_are_marked_deep(library):
    for muscle_id in ("soleus", "iliopsoas", "transversus-abdominis", "vastus-intermedius"):
        assert library.muscles[muscle_id].depth == "deep", muscle_id


def test_every_region_has_enough_muscles_for_distractors(library):
    counts = Counter(m.region for m in library.muscles.values())
    for region in get_args(Region):
        assert counts[region] >= 3, (region, counts[region])


def test_groups_come_from_the_vocabulary(library):
    groups = {m.group for m in library.muscles.values()} - {None}
    assert groups == set(get_args(MuscleGroup))


def test_a_muscle_under_another_is_deep_even_where_its_edges_show(library):
    for muscle_id in ("semimembranosus", "soleus"):
        assert library.muscles[muscle_id].depth == "deep", muscle_id


def test_semimembranosus_keeps_the_seeds_size_fact_in_its_accurate_form(library):
    description = " ".join(library.muscles["semimembranosus"].description.split())
    assert "largest cross-section of the single hamstring muscles" in description


def test_the_piriformis_leaves_the_pelvis_through_the_foramen(library):
    runs = " ".join(library.muscles["piriformis"].runs.split())
    assert "greater sciatic foramen" in runs and "sciatic notch" not in runs
