"""The move of the week follows the calendar, with sensible words before and after the course."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from moves.calendar import monday_of, this_week


def test_the_seed_move_is_first(library):
    assert library.by_week()[0].slug == "hamstring-kickbacks"


def test_the_weeks_run_on_with_no_monday_missed(library):
    """The loader checks one move per Monday; a gap would leave a week with no new move."""
    weeks = [m.week for m in library.by_week()]
    gaps = [(a, b) for a, b in itertools.pairwise(weeks) if b - a != dt.timedelta(7)]
    assert weeks and gaps == []


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
    last = library.by_week()[-1]
    week = this_week(library, last.week + dt.timedelta(days=8))
    assert (week.state, week.move.slug, week.next_move) == ("after", last.slug, None)
    assert f"All {len(library.moves)} moves are out" in week.headline


def test_archive_order_is_by_week(library):
    weeks = [m.week for m in library.by_week()]
    assert weeks == sorted(weeks)
    assert monday_of(dt.date(2026, 11, 25)) == dt.date(2026, 11, 23)
