"""The library as a course: two years of complete moves, every group trained, ladders linked."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from typing import get_args

from moves.loader import LIBRARY_DIR
from moves.schema import Kind, MuscleGroup

WEEKS = 104  # two years of Mondays (issue 23); more may follow, one a week
SECOND_YEAR = dt.date(2027, 11, 22)
# Ladders, easiest first; each `harder` link is answered by the next move's `easier`.
LADDERS = [
    ["wall-push-up", "incline-push-up", "knee-push-up", "push-up", "decline-push-up"],
    ["bodyweight-squat", "split-squat"],
    ["flat-calf-raise", "calf-raise", "single-leg-calf-raise"],
    ["glute-bridge", "single-leg-glute-bridge"],
    ["hamstring-bridge-walkout", "nordic-curl"],
    ["kneeling-side-plank", "side-plank"],
    ["bear-plank", "plank", "plank-shoulder-tap"],
    ["dead-bug", "hollow-body-hold"],
    ["single-leg-stance", "single-leg-balance-reach"],
    ["seated-hamstring-stretch", "hamstring-kickbacks"],
    ["clamshell", "side-lying-leg-raise"],
]
# Steps down that the easier move does not answer: it steps up to another move (issue 23).
ONE_WAY_EASIER = {"hamstring-bridge-walkout": "glute-bridge"}


def test_two_years_of_mondays_with_every_kind(library):
    """A move a Monday for two years at least (the calendar test checks no Monday is missed)."""
    moves = library.by_week()
    assert len(moves) >= WEEKS
    assert (moves[-1].week - moves[0].week).days == 7 * (len(moves) - 1)
    assert {m.kind for m in moves} == set(get_args(Kind))


def test_every_group_is_a_target_of_at_least_four_moves(library):
    trained = Counter(
        group
        for move in library.moves.values()
        for group in {library.muscles[i].group for i in move.primary_ids}
    )
    thin = {g: trained[g] for g in get_args(MuscleGroup) if trained[g] < 4}
    assert thin == {}


def test_the_second_year_stretches_balances_and_trains_the_hamstrings(library):
    year = [m for m in library.by_week() if m.week >= SECOND_YEAR]
    assert len(year) >= 52
    assert len([m for m in year if m.kind in ("stretch", "mobility")]) >= 20
    assert len([m for m in year if not m.floor]) >= 12
    assert len([m for m in year if m.kind == "balance"]) >= 4
    hamstrings = [m.slug for m in year if set(m.primary_ids) & HAMSTRINGS]
    assert len(hamstrings) >= 4 and "leg-swings" in hamstrings, hamstrings
    assert {m.kind for m in year if set(m.primary_ids) & HAMSTRINGS} >= {"strength", "mobility"}


def ladders_of(library) -> list[list[str]]:
    """Every ladder of two moves or more, easiest first, followed by `harder` links."""
    tops = [m for m in library.moves.values() if m.harder and not _has_harder_below(library, m)]
    found = []
    for move in tops:
        ladder = [move.slug]
        while library.move(ladder[-1]).harder:
            ladder.append(library.move(ladder[-1]).harder)
        found.append(ladder)
    return found


def _has_harder_below(library, move) -> bool:
    return any(other.harder == move.slug for other in library.moves.values())


def test_at_least_twenty_ladders_each_checked_both_ways(library):
    ladders = ladders_of(library)
    assert len(ladders) >= 20, ladders
    for ladder in ladders:
        for easier, harder in itertools.pairwise(ladder):
            assert library.move(harder).easier == easier, (easier, harder)


def test_the_second_half_year_is_rich_in_stretching(library):
    second_half = library.by_week()[24:]
    loosening = [m for m in second_half if m.kind in ("stretch", "mobility")]
    assert len(loosening) >= 12
    assert len([m for m in loosening if not m.floor]) >= 3, "a few stretches need no floor"


def test_hamstring_strength_and_balance_have_moves_of_their_own(library):
    hamstrings = {i for i, m in library.muscles.items() if m.group == "hamstrings"}
    strength = [
        m.slug
        for m in library.moves.values()
        if m.kind == "strength" and hamstrings & set(m.primary_ids)
    ]
    assert len(strength) >= 2, strength
    assert len([m for m in library.moves.values() if m.kind == "balance"]) >= 2


def test_some_moves_need_no_floor(library):
    floor = Counter(m.floor for m in library.moves.values())
    assert floor[False] >= 10 and floor[True] >= 10, floor


def test_the_progression_ladders_are_linked(library):
    for ladder in LADDERS:
        for easier, harder in itertools.pairwise(ladder):
            assert library.move(easier).harder == harder, (easier, harder)
        assert library.move(ladder[0]).easier == ONE_WAY_EASIER.get(ladder[0]), ladder
        assert library.move(ladder[-1]).harder is None, ladder


def test_every_move_is_complete(library):
    """What the schema leaves optional, every move of the course still has."""
    for move in library.moves.values():
        assert move.mistakes and move.caution, move.slug
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
    assert len(files) >= WEEKS
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema.json", path.name


# The expert review's corrections (issue 13), each held by a rule where one can hold it.

HAMSTRINGS = {"biceps-femoris", "semitendinosus", "semimembranosus"}


def test_head_below_heart_poses_warn_about_blood_and_eye_pressure(library):
    caution = library.move("downward-dog").caution.lower()
    assert "blood pressure" in caution
    assert "glaucoma" in caution and "eye-pressure" in caution
    assert "pregnancy" in caution


def test_the_band_curl_puts_the_heaviest_load_in_the_middle_not_at_the_top(library):
    introduction = " ".join(library.move("band-biceps-curl").introduction.split())
    assert not re.search(r"top of the curl is the hardest", introduction)
    assert "heaviest around the middle" in introduction


def test_clamshell_poses_match_its_text_and_the_figure_says_what_it_cannot_show(library):
    move = library.move("clamshell")
    for step in move.steps:
        for limb in (step.pose.near, step.pose.far):
            assert 35 <= limb.hip <= 55 and 75 <= limb.knee <= 105, step.text[:40]
        # The lift turns the thigh out; drawn as a change of hip angle it would read as flexion.
        assert step.pose.near.hip == step.pose.far.hip, step.text[:40]
    assert move.figure_note and "cannot show" in move.figure_note


def test_no_stretch_promises_fewer_injuries_in_a_benefit_title(library):
    """A title alone becomes a quiz answer; stretching alone has no shown protective effect."""
    for move in library.moves.values():
        if move.kind in ("stretch", "mobility"):
            for benefit in move.why:
                assert "injur" not in benefit.title.lower(), (move.slug, benefit.title)


def test_a_stretch_of_the_hamstrings_targets_all_three(library):
    for move in library.moves.values():
        targets = set(move.primary_ids)
        if move.kind in ("stretch", "mobility") and targets & HAMSTRINGS:
            assert targets >= HAMSTRINGS, move.slug


def test_hamstring_strength_advice_names_moves_that_train_the_hamstrings(library):
    advice = " ".join(b.text for b in library.move("hamstring-kickbacks").why).lower()
    named = [m for m in library.moves.values() if m.title.lower() in advice]
    for move in named:
        assert set(move.primary_ids) & HAMSTRINGS, f"{move.title} is not hamstring strength work"


def test_the_dip_explanation_says_a_right_angle_not_a_full_bend(library):
    explanation = library.move("chair-triceps-dip").questions[0].explanation
    assert "full bend" not in explanation and "right angle" in explanation


def test_the_bridge_stops_at_a_straight_hip(library):
    top = library.move("glute-bridge").steps[2]
    assert "straight line" in top.text
    assert top.pose.near.hip == top.pose.far.hip == 0


# The third review's corrections (issue 23), each held by a rule where one can hold it.


def test_the_cross_body_stretch_lists_no_muscle_its_cue_keeps_still(library):
    """The cue holds the shoulder blade down and back, so the muscles between the shoulder
    blades, which would lengthen only if it slid forward, are not stretched."""
    move = library.move("cross-body-shoulder-stretch")
    listed = set(move.primary_ids + move.secondary_ids)
    assert not listed & {"rhomboids", "middle-trapezius"}
    assert any("down and back" in (step.cue or "") for step in move.steps)
    introduction = " ".join(move.introduction.split())
    assert "does not spread to the muscles between the shoulder blades" in introduction


def test_the_walk_out_steps_down_to_the_glute_bridge_without_a_second_way_up(library):
    """Several moves may name the same easier move: the glute bridge steps up to the
    single-leg bridge, and both that and the walk-out step down to it."""
    bridge = library.move("glute-bridge")
    assert bridge.harder == "single-leg-glute-bridge"
    stepping_down = {m.slug for m in library.moves.values() if m.easier == "glute-bridge"}
    assert stepping_down == {"single-leg-glute-bridge", "hamstring-bridge-walkout"}


def test_the_step_up_to_the_nordic_curl_has_a_readiness_rule_and_a_first_weeks_range(library):
    walkout = library.move("hamstring-bridge-walkout")
    readiness = "3 sets of 6 walk-outs"
    assert any(readiness in " ".join(b.text.split()) for b in walkout.why)
    nordic = library.move("nordic-curl")
    introduction = " ".join(nordic.introduction.split())
    assert readiness in introduction
    assert "In the first weeks, lean only part of the way" in introduction
    assert "band looped under your arms" in introduction
    assert "in the first weeks, lower only part of the way" in " ".join(nordic.dose.split())
    assert readiness.replace("walk-outs", "hamstring bridge walk-outs") in " ".join(
        nordic.caution.split()
    )


def test_the_clamshell_names_when_to_move_on(library):
    text = " ".join(b.text for b in library.move("clamshell").why)
    assert "When 3 sets of 15 slow reps feel easy, the side-lying leg raise" in " ".join(
        text.split()
    )


def test_the_evertors_are_listed_where_the_ankle_must_not_roll_outward(library):
    """The fibularis muscles turn the sole outward and resist the roll onto the outer edge of
    the foot that sprains an ankle: helpers in the one-leg balance moves and the calf raises
    (the bilateral raise leans on the longus, which presses the big toe down)."""
    both = {"fibularis-longus", "fibularis-brevis"}
    for slug in ("single-leg-stance", "single-leg-balance-reach", "single-leg-calf-raise"):
        assert both <= set(library.move(slug).secondary_ids), slug
    assert "fibularis-longus" in library.move("calf-raise").secondary_ids
    for muscle_id in both:
        muscle = library.muscles[muscle_id]
        assert muscle.group is None and muscle.region == "lower leg" and muscle.view == "front"
    assert "first (medial) cuneiform" in " ".join(library.muscles["fibularis-longus"].runs.split())
    assert "fifth (little-toe) metatarsal" in " ".join(
        library.muscles["fibularis-brevis"].runs.split()
    )


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def test_the_hollow_body_hold_starts_beginners_on_a_timed_tuck(library):
    move = library.move("hollow-body-hold")
    tuck, full = move.steps[1], move.steps[2]
    assert tuck.hold_seconds and "for a beginner it is the whole hold" in _words(tuck.text)
    assert _words(full.text).startswith("Straighten your legs")
    assert "once the tucked hold is easy" in _words(full.text)
    question = next(q for q in move.questions if "stays on the mat" in q.prompt)
    assert question.answer == "The lower back and pelvis"
    everything = _words(" ".join([move.introduction, *(m.fix for m in move.mistakes)]))
    assert "middle back" not in everything + _words(question.explanation)


def test_the_nordic_curl_says_it_needs_a_partner_or_an_anchor(library):
    move = library.move("nordic-curl")
    assert "anchor" in move.equipment
    assert "by a partner or hooked under a fixed anchor" in _words(move.summary)


def test_the_seated_twist_steps_start_with_their_action(library):
    """The order question shows each step's first sentence."""
    from moves.quiz import step_summary

    step = library.move("seated-spinal-twist").steps[1]
    assert step_summary(_words(step.text)).startswith("Turn your chest and shoulders")


def test_wording_corrections(library):
    wall = _words(library.move("wall-push-up").steps[0].text)
    assert "a little less than an arm's length away" in wall
    curl = _words(library.move("band-biceps-curl").introduction)
    assert "less leverage" in curl and "little leverage" not in curl
    assert "brachioradialis" in library.move("band-row").secondary_ids
    assert "anchor" in library.move("band-row").equipment


def test_the_decline_push_up_hedges_every_upper_chest_claim(library):
    move = library.move("decline-push-up")
    texts = [move.summary, move.introduction, *(b.title + " " + b.text for b in move.why)]
    texts += [u.action for u in move.muscles.primary + move.muscles.secondary]
    for text in map(_words, texts):
        if "upper chest" in text or "clavicular" in text or "upper part of the chest" in text:
            assert "probably" in text, text


def test_the_open_book_targets_the_turn_as_well_as_the_chest(library):
    """It is a thoracic rotation move: the obliques that the turn lengthens are targets, with
    the pectoralis major and anterior deltoid that the open arm stretches."""
    targets = set(library.move("thoracic-open-book").primary_ids)
    assert {"external-oblique", "internal-oblique"} <= targets
    assert {"pectoralis-major", "anterior-deltoid"} <= targets


def test_the_shoulder_tap_figure_says_what_it_cannot_show(library):
    note = _words(library.move("plank-shoulder-tap").figure_note)
    assert "cannot show the lifted hand crossing under the chest to the opposite shoulder" in note
