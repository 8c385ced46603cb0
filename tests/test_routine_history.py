"""Finished sessions in the progress document, and the weekly streak; bad data costs nothing."""

from __future__ import annotations

import datetime as dt
import json

from moves.progress import MAX_SESSIONS, Progress, SessionRecord, merge, read_document
from moves.routines.history import (
    finish_session,
    recent_sessions,
    record_finished,
    weekly_streak,
)
from moves.routines.load import routines
from moves.routines.schema import CustomRoutine

MONDAY = dt.date(2026, 11, 23)


def at(day: dt.date, hour: int = 12, tz: dt.tzinfo = dt.UTC) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tz)


def with_sessions(*days: dt.date) -> Progress:
    progress = Progress()
    for day in days:
        progress = finish_session(progress, routines()["desk-break"], at(day), 285)
    return progress


def test_a_finished_session_is_recorded_and_read_back():
    mine = CustomRoutine(title="Mine", items=[{"move": "plank"}])
    progress = finish_session(Progress(), routines()["desk-break"], at(MONDAY), 285)
    progress = finish_session(progress, mine, at(MONDAY, 18), 70)
    back, notes = read_document(json.dumps(progress.dump()))
    assert notes == []
    assert [(s.routine, s.title, s.seconds) for s in back.sessions] == [
        ("desk-break", "Desk break", 285),
        (progress.sessions[1].routine, "Mine", 70),
    ]
    assert back.sessions[1].routine.startswith("custom-")
    assert [s.title for s in recent_sessions(back, 1)] == ["Mine"]


def test_an_older_document_without_sessions_still_reads():
    progress, notes = read_document('{"version": 1, "moves": {}, "cards": {}}')
    assert progress.sessions == [] and notes == []


def test_bad_sessions_cost_nothing_else():
    good = with_sessions(MONDAY).dump()["sessions"][0]
    doc = {
        "version": 1,
        "sessions": [
            good,
            {**good, "seconds": -5},
            {**good, "finished_at": "2026-11-23T12:00:00"},  # no time zone
            {**good, "finished_at": "yesterday"},
            {**good, "routine": "<script>"},
            {**good, "title": "<img src=x onerror=alert(1)>"},
            {**good, "title": "x" * 500},
            "not a session",
            None,
        ],
    }
    progress, notes = read_document(json.dumps(doc))
    assert [s.routine for s in progress.sessions] == ["desk-break"]
    assert notes == ["8 saved items could not be read and were left out; everything else was kept."]
    progress, notes = read_document(json.dumps({"version": 1, "sessions": {"a": 1}}))
    assert progress.sessions == [] and "1 saved item could not be read" in notes[0]


def test_two_tabs_merge_without_losing_or_doubling_a_session():
    one = with_sessions(MONDAY, MONDAY + dt.timedelta(days=1))
    two = with_sessions(MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=2))
    merged = merge(one, two)
    assert [s.finished_at.day for s in merged.sessions] == [23, 24, 25]
    assert merge(two, one).sessions == merged.sessions


def test_the_history_keeps_the_newest_sessions():
    days = [MONDAY - dt.timedelta(days=n) for n in range(MAX_SESSIONS + 5)]
    progress = Progress(
        sessions=[SessionRecord(routine="desk-break", finished_at=at(d), seconds=60) for d in days]
    )
    kept = merge(progress, Progress()).sessions
    assert len(kept) == MAX_SESSIONS and kept[-1].finished_at == at(MONDAY)


def test_no_sessions_no_streak():
    assert weekly_streak(Progress(), MONDAY) == 0


def test_consecutive_weeks_make_the_streak():
    week = dt.timedelta(days=7)
    progress = with_sessions(MONDAY - 2 * week + dt.timedelta(days=6), MONDAY - week, MONDAY)
    assert weekly_streak(progress, MONDAY + dt.timedelta(days=3)) == 3


def test_two_sessions_in_one_week_count_once():
    progress = with_sessions(MONDAY, MONDAY + dt.timedelta(days=4))
    assert weekly_streak(progress, MONDAY + dt.timedelta(days=6)) == 1


def test_the_streak_stands_until_a_whole_week_is_missed():
    progress = with_sessions(MONDAY - dt.timedelta(days=7), MONDAY - dt.timedelta(days=3))
    assert weekly_streak(progress, MONDAY + dt.timedelta(days=6)) == 1  # this week still open
    assert weekly_streak(progress, MONDAY + dt.timedelta(days=7)) == 0  # a week went by


def test_a_gap_ends_the_older_streak():
    week = dt.timedelta(days=7)
    progress = with_sessions(MONDAY - 4 * week, MONDAY - 3 * week, MONDAY - week, MONDAY)
    assert weekly_streak(progress, MONDAY) == 2


def test_weeks_run_across_the_new_year():
    # 2026 has an ISO week 53 (Monday 28 December); week 1 of 2027 starts on 4 January.
    progress = with_sessions(dt.date(2026, 12, 31), dt.date(2027, 1, 4))
    assert weekly_streak(progress, dt.date(2027, 1, 5)) == 2


def test_weeks_are_the_learners_own():
    late_sunday = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)  # Monday in Berlin
    progress = finish_session(Progress(), routines()["desk-break"], late_sunday, 285)
    berlin = dt.timezone(dt.timedelta(hours=1))
    assert weekly_streak(progress, MONDAY + dt.timedelta(days=7), tz=berlin) == 1
    assert weekly_streak(progress, MONDAY + dt.timedelta(days=7)) == 0


def test_sessions_from_a_wrong_clock_do_not_count():
    assert weekly_streak(with_sessions(MONDAY + dt.timedelta(days=30)), MONDAY) == 0


NOW = at(MONDAY, 18)


def kept(id: str = "a1b2c3d4-0001", **changes: object) -> dict[str, object]:
    """A session as the browser keeps it until Python has recorded it."""
    return {
        "id": id,
        "routine": "desk-break",
        "title": "Desk break",
        "finished_at": "2026-11-23T12:00:00+00:00",
        "seconds": 285,
        **changes,
    }


def test_a_kept_session_is_recorded_once_however_often_it_is_sent():
    progress, settled = record_finished(Progress(), [kept()], NOW)
    assert (settled.saved, settled.new, settled.refused, settled.problems) == (
        ["a1b2c3d4-0001"],
        ["a1b2c3d4-0001"],
        [],
        [],
    )
    again, settled = record_finished(progress, [kept(), kept()], NOW)
    assert again.sessions == progress.sessions
    assert (settled.saved, settled.new) == (["a1b2c3d4-0001", "a1b2c3d4-0001"], [])
    [session] = again.sessions
    assert (session.id, session.finished_at, session.seconds) == ("a1b2c3d4-0001", at(MONDAY), 285)
    back, notes = read_document(json.dumps(again.dump()))
    assert back.sessions == again.sessions and notes == []


def test_two_tabs_that_both_recorded_a_session_merge_it_once():
    ahead = kept(finished_at="2030-01-01T00:00:00Z")  # a clock ahead: each kernel says now
    one, _ = record_finished(Progress(), [ahead], NOW)
    two, _ = record_finished(Progress(), [ahead], at(MONDAY, 19))  # same id, another kernel
    two, _ = record_finished(two, [kept("a1b2c3d4-0002")], NOW)
    assert sorted(s.id for s in merge(one, two).sessions) == ["a1b2c3d4-0001", "a1b2c3d4-0002"]


def test_damaged_kept_sessions_are_refused_one_by_one_and_cost_nothing_else():
    entries = [
        kept("bad-seconds", seconds="285"),
        kept("bad-routine", routine="<script>"),
        kept("bad-time", finished_at="yesterday"),
        kept("bad-zone", finished_at="2026-11-23T12:00:00"),
        kept("bad-title", title="x" * 500),
        kept("x"),  # too short for an id
        {key: value for key, value in kept().items() if key != "id"},
        "not a session",
        None,
        kept(),
    ]
    progress, settled = record_finished(Progress(), entries, NOW)
    assert [s.id for s in progress.sessions] == ["a1b2c3d4-0001"]
    assert settled.saved == ["a1b2c3d4-0001"]
    assert settled.refused == [
        "bad-seconds",
        "bad-routine",
        "bad-time",
        "bad-zone",
        "bad-title",
        "x",
    ]
    assert len(settled.problems) == 9
    assert settled.problems[0] == (
        "A finished session kept in this browser could not be read (its seconds), so it was "
        "set aside; your other sessions are kept."
    )
    assert "(its id)" in settled.problems[6]
    assert "not in a form the course knows" in settled.problems[7]
    assert record_finished(Progress(), "garbage", NOW)[0] == Progress()


def test_a_session_from_a_clock_ahead_is_recorded_as_now_and_a_wild_length_as_a_day():
    progress, _ = record_finished(
        Progress(), [kept(finished_at="2030-01-01T00:00:00Z", seconds=10**9)], NOW
    )
    assert (progress.sessions[0].finished_at, progress.sessions[0].seconds) == (NOW, 86400)
