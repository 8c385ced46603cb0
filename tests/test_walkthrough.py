"""The walkthrough runs the steps once per side, labelling each screen."""

from moves.walkthrough import walkthrough


def test_one_sided_move_goes_through_both_sides(library):
    screens = walkthrough(library.move("hamstring-kickbacks"))
    assert len(screens) == 6
    assert [s.side for s in screens] == ["right"] * 3 + ["left"] * 3
    assert [s.step_number for s in screens] == [1, 2, 3] * 2
    assert {s.step_count for s in screens} == {3}
    assert screens[1].side_label == "Right leg"
    assert screens[3].switch_note == "Now repeat on the other leg."
    assert screens[3].side_label == "Left leg"
    assert [s.switch_note is not None for s in screens] == [False, False, False, True, False, False]
    assert [s.then_label for s in screens] == [
        "Next step", "Next step", "Switch to the left leg", "Next step", "Next step", "Finish"
    ]  # fmt: skip


def test_symmetric_move_has_no_sides(library):
    symmetric = next(m for m in library.moves.values() if not m.per_side)
    screens = walkthrough(symmetric)
    assert len(screens) == len(symmetric.steps)
    assert [s.step_number for s in screens] == list(range(1, len(symmetric.steps) + 1))
    assert all(s.side is None and s.side_label is None and s.switch_note is None for s in screens)
    assert screens[-1].then_label == "Finish"
    assert {s.then_label for s in screens[:-1]} <= {"Next step"}
