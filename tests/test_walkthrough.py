"""The walkthrough runs the steps once per side, labelling each screen."""

from moves.walkthrough import walkthrough


def test_one_sided_move_goes_through_both_sides(library):
    screens = walkthrough(library.move("hamstring-kickbacks"))
    assert len(screens) == 6
    assert [s.side for s in screens] == ["right"] * 3 + ["left"] * 3
    assert screens[1].progress == "Right leg · Step 2 of 3"
    assert screens[3].switch_note == "Now repeat on the other leg."
    assert screens[3].progress == "Left leg · Step 1 of 3"


def test_symmetric_move_has_no_sides(library):
    symmetric = next(m for m in library.moves.values() if not m.per_side)
    screens = walkthrough(symmetric)
    assert len(screens) == len(symmetric.steps)
    assert screens[0].progress == f"Step 1 of {len(symmetric.steps)}"
    assert all(s.side is None and s.switch_note is None for s in screens)
