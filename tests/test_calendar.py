"""The move of the week follows the calendar, with sensible words before and after the course."""

from __future__ import annotations

import datetime as dt

import pytest

from moves.calendar import monday_of, this_week


def test_the_seed_move_is_first(library):
    assert library.by_week()[0].slug == "hamstring-kickbacks"


def test_weeks_are_mondays_one_move_each(library):
    weeks = [m.week for m in library.moves.values()]
    assert len(set(weeks)) == len(weeks) == len(library.moves)
    assert all(week.weekday() == 0 for week in weeks)


@pytest.mark.parametrize(
    ("today", "slug"),
    [
        ("2026-11-23", "hamstring-kickbacks"),  # the Monday itself
        ("2026-11-29", "hamstring-kickbacks"),  # the Sunday after
        ("2026-11-30", "glute-bridge"),
        ("2027-05-03", "wrist-flexor-stretch"),
    ],
)
def test_current_move(library, today, slug):
    week = this_week(library, dt.date.fromisoformat(today))
    assert (week.state, week.move.slug) == ("current", slug)


def test_the_headline_names_the_next_move(library):
    week = this_week(library, dt.date(2026, 11, 25))
    assert week.headline == (
        "Move of the week from Monday 23 November 2026. "
        "Next: Glute bridge, on Monday 30 November 2026."
    )


def test_before_the_course_starts(library):
    week = this_week(library, dt.date(2026, 11, 1))
    assert (week.state, week.move.slug) == ("before", "hamstring-kickbacks")
    assert week.headline.startswith("The course starts on Monday 23 November 2026.")


def test_after_the_last_move(library):
    week = this_week(library, dt.date(2027, 6, 1))
    assert (week.state, week.move.slug, week.next_move) == ("after", "wrist-flexor-stretch", None)
    assert "All 24 moves are out" in week.headline


def test_archive_order_is_by_week(library):
    weeks = [m.week for m in library.by_week()]
    assert weeks == sorted(weeks)
    assert monday_of(dt.date(2026, 11, 25)) == dt.date(2026, 11, 23)
