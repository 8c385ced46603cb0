"""Finished sessions in the progress document, and the weekly streak; bad data costs nothing."""

from __future__ import annotations

import datetime as dt
import json

from moves.progress import MAX_SESSIONS, Progress, SessionRecord, merge, read_document
from moves.routines.history import finish_session, recent_sessions, weekly_streak
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
