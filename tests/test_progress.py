"""The progress document: bad data costs nothing else, two tabs lose no answer."""

from __future__ import annotations

import datetime as dt
import json

from moves.progress import (
    VERSION,
    Progress,
    merge,
    quiz_score,
    read_document,
    record_answer,
    record_finish,
    record_step,
)

T0 = dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)
T1 = T0 + dt.timedelta(minutes=5)
QUIZ = [f"hamstring-kickbacks:q{n}" for n in range(1, 8)]  # a quiz of seven questions


def sample() -> Progress:
    progress = record_step(Progress(), "hamstring-kickbacks", "right", 1, T0)
    progress = record_answer(
        progress, "hamstring-kickbacks", "hamstring-kickbacks:q1", True, QUIZ, T0
    )
    return record_finish(progress, "hamstring-kickbacks", T0)


def test_a_quiz_score_counts_the_latest_answer_to_each_of_its_questions():
    progress = sample()  # q1 right
    progress = record_answer(
        progress, "hamstring-kickbacks", "hamstring-kickbacks:q2", False, QUIZ, T0
    )
    assert progress.moves["hamstring-kickbacks"].quiz.last == (1, 7)
    progress = record_answer(
        progress, "hamstring-kickbacks", "hamstring-kickbacks:q2", True, QUIZ, T1
    )
    quiz = progress.moves["hamstring-kickbacks"].quiz
    assert quiz.last == quiz.best == (2, 7) == quiz_score(quiz.answers, QUIZ)
    # An answer to a question the quiz no longer asks does not count.
    assert quiz_score(quiz.answers, QUIZ[1:]) == (1, 6)


def test_round_trip():
    raw = json.dumps(sample().dump())
    progress, notes = read_document(raw)
    assert notes == []
    assert progress.moves["hamstring-kickbacks"].steps == {"right": [1]}
    assert progress.moves["hamstring-kickbacks"].quiz.best == (1, 7)
    assert json.loads(raw)["version"] == VERSION


def test_nothing_saved_yet_is_no_problem():
    assert read_document("") == (Progress(), [])


def test_corrupt_json_starts_afresh_politely():
    progress, notes = read_document('{"version": 1, "moves": {')
    assert progress == Progress()
    assert notes == ["Your saved progress could not be read, so this page starts afresh."]


def test_a_foreign_document():
    progress, notes = read_document('["not", "ours"]')
    assert progress == Progress() and "not in a form this course knows" in notes[0]


def test_unknown_version_keeps_what_it_can():
    doc = sample().dump() | {"version": 99}
    progress, notes = read_document(json.dumps(doc))
    assert "hamstring-kickbacks" in progress.moves
    assert notes == [
        "Your saved progress came from a newer version of the course; what could be read was kept."
    ]


def test_one_bad_entry_among_good_ones():
    doc = sample().dump()
    doc["moves"]["plank"] = {"steps": "all of them", "at": "yesterday"}
    doc["cards"] = {"x": {"fsrs": {"nonsense": 1}, "at": T0.isoformat()}}
    progress, notes = read_document(json.dumps(doc))
    assert set(progress.moves) == {"hamstring-kickbacks"}
    assert progress.cards == {}
    assert notes == ["2 saved items could not be read and were left out; everything else was kept."]


def test_two_tabs_merge_by_time():
    base = sample()
    tab_a = record_answer(base, "hamstring-kickbacks", "hamstring-kickbacks:q2", False, QUIZ, T1)
    tab_b = record_step(base, "hamstring-kickbacks", "left", 2, T1)
    tab_b = record_answer(tab_b, "hamstring-kickbacks", "hamstring-kickbacks:q1", False, QUIZ, T1)
    merged = merge(tab_a, tab_b)
    entry = merged.moves["hamstring-kickbacks"]
    assert entry.steps == {"right": [1], "left": [2]}
    assert set(entry.quiz.answers) == {"hamstring-kickbacks:q1", "hamstring-kickbacks:q2"}
    assert entry.quiz.answers["hamstring-kickbacks:q1"].correct is False  # the newer answer
    assert entry.quiz.best == (1, 7)
    assert merge(tab_b, tab_a).moves["hamstring-kickbacks"].steps == entry.steps


def test_merging_keeps_moves_only_one_tab_knows():
    other = record_step(Progress(), "plank", None, 1, T1)
    merged = merge(sample(), other)
    assert set(merged.moves) == {"hamstring-kickbacks", "plank"}
    assert merged.moves["plank"].steps == {"both": [1]}
