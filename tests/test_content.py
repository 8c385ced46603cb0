"""The library as a course: complete moves, every group trained, each step illustrated."""

from __future__ import annotations

import re
from collections import Counter
from typing import get_args

from moves.loader import LIBRARY_DIR
from moves.schema import Kind, MuscleGroup


def test_the_course_has_24_moves_of_every_kind(library):
    assert len(library.moves) == 24
    kinds = Counter(m.kind for m in library.moves.values())
    # Balance is new this round: its moves come with weeks 25 to 52.
    assert set(kinds) == set(get_args(Kind)) - {"balance"} and min(kinds.values()) >= 3


def test_every_group_is_trained_as_a_primary_target(library):
    trained = {library.muscles[i].group for m in library.moves.values() for i in m.primary_ids}
    assert set(get_args(MuscleGroup)) <= trained


def test_every_move_is_complete(library):
    for move in library.moves.values():
        assert len(move.steps) >= 3, move.slug
        assert move.why and len(move.questions) >= 2, move.slug
        assert move.mistakes and move.caution and move.dose, move.slug
        assert all(step.cue for step in move.steps), move.slug
        assert all(step.pose is not None for step in move.steps), move.slug


def test_one_sided_moves_say_no_left_or_right(library):
    for move in library.moves.values():
        if move.per_side:
            for step in move.steps:
                sided = re.search(r"\b(left|right)\b(?! angle)", step.text, re.IGNORECASE)
                assert sided is None, (move.slug, step.text)


def test_mostly_bodyweight_with_a_few_props(library):
    equipment = Counter(e for m in library.moves.values() for e in m.equipment)
    assert equipment["mat"] >= 12
    assert {"band", "chair", "step"} <= set(equipment)


def test_every_move_file_points_editors_at_the_schema():
    files = sorted(LIBRARY_DIR.glob("*.yaml"))
    assert len(files) == 24
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema.json", path.name
