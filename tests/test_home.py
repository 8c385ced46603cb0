"""The course home and the muscle index, driven from Python."""

from __future__ import annotations

import datetime as dt

import pytest
import traitlets

from moves.browse import filter_moves
from moves.pages import move_address
from widgets import CourseHome, MuscleIndex


@pytest.fixture
def home():
    return CourseHome(today=dt.date(2026, 12, 2))


def test_this_week_is_pinned_by_the_date(home):
    assert home.week["slug"] == "glute-bridge"
    assert home.week["state"] == "current"
    assert repr(home) == f"CourseHome(moves={len(home.cards)})"


def test_every_card_links_to_its_notebook(home, library):
    assert [c["slug"] for c in home.cards] == [m.slug for m in library.by_week()]
    assert all(c["url"] == move_address(c["slug"]) for c in home.cards)


def test_filter_traits_update_visible(home, library):
    assert len(home.visible) == len(library.moves)
    home.set_state({"group": "calves"})
    assert home.visible == [m.slug for m in filter_moves(library, group="calves")]
    home.set_state({"search": "single-leg calf"})
    assert home.visible == ["single-leg-calf-raise"]
    home.set_state({"group": "", "search": ""})
    assert len(home.visible) == len(library.moves)


def test_an_unknown_filter_value_is_refused(home):
    with pytest.raises(traitlets.TraitError, match="kind must be one of"):
        home.kind = "yoga"


def test_muscle_index_answers_a_choice():
    index = MuscleIndex()
    index.set_state({"choice": "gastrocnemius"})
    titles = [m["title"] for m in index.result["primary"]]
    assert "Calf raise" in titles
    index.set_state({"choice": "nothing-here"})
    assert index.result == {"error": "no muscle called 'nothing-here'"}


def test_the_no_floor_filter_from_the_browser(ladder_course):
    home = CourseHome(today=dt.date(2026, 12, 2), source=ladder_course)
    home.set_state({"no_floor": True})
    assert home.visible == ["last-step"]
    home.set_state({"no_floor": False})
    assert len(home.visible) == 4


def test_a_card_shows_its_ladder_and_a_lone_move_none(ladder_course):
    home = CourseHome(today=dt.date(2026, 12, 2), source=ladder_course)
    cards = {c["slug"]: c for c in home.cards}
    rungs = ["first-step", "middle-step", "last-step"]
    assert [r["slug"] for r in cards["middle-step"]["ladder"]] == rungs
    assert [r["url"] for r in cards["middle-step"]["ladder"]] == [move_address(s) for s in rungs]
    assert cards["middle-step"]["ladder"][0]["title"] == "First Step"
    assert cards["on-its-own"]["ladder"] == []
    assert [c["floor"] for c in cards.values()] == [True, True, False, True]


def test_a_card_picture_is_decorative_beside_its_title(home):
    """The card's figure is hidden from screen readers as drawn (the title says what it is);
    the page no longer strips a label off it."""
    pictures = [c["picture"] for c in home.cards if c["picture"]]
    assert pictures
    for svg in pictures:
        head = svg[: svg.index(">")]
        assert 'aria-hidden="true"' in head and "role=" not in head and "aria-label" not in head
