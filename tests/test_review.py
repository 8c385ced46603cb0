"""Review: FSRS scheduling, session order, the summary, and the widget."""

from __future__ import annotations

import datetime as dt

import pytest

from moves.progress import Progress, record_step
from moves.review import (
    MASTERY_BANDS,
    mastery,
    mastery_band,
    next_session,
    review,
    review_deck,
    summarise,
)
from widgets.mastery import Mastery
from widgets.progress import ProgressStore
from widgets.review import Review

NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)


def _due(progress, qid):
    return dt.datetime.fromisoformat(progress.cards[qid].fsrs["due"])


def test_the_deck_covers_every_move_and_asks_which_move(library):
    deck = review_deck(library)
    assert {card.move for card in deck.values()} == set(library.moves)
    which = [q for q in deck if q.startswith("course:which-move:")]
    assert which and all(deck[q].question.kind == "single" for q in which)


def test_right_is_due_later_than_wrong(library):
    first, second = next_session(Progress(), library, NOW)[:2]
    progress = review(Progress(), first, True, "good", NOW)
    progress = review(progress, second, False, "again", NOW)
    assert _due(progress, first) > _due(progress, second) > NOW
    easy = review(Progress(), first, True, "easy", NOW)
    assert _due(easy, first) - NOW >= dt.timedelta(days=1)


def test_due_cards_come_first_most_overdue_first(library):
    ids = next_session(Progress(), library, NOW)
    progress = review(Progress(), ids[0], False, "again", NOW)
    progress = review(progress, ids[1], False, "again", NOW + dt.timedelta(seconds=30))
    later = NOW + dt.timedelta(hours=1)
    session = next_session(progress, library, later)
    assert session[:2] == [ids[0], ids[1]]
    assert len(session) == 10 and len(set(session)) == 10


def test_new_cards_start_with_moves_the_learner_did_and_mix_moves(library):
    progress = record_step(Progress(), "plank", None, 1, NOW)
    session = next_session(progress, library, NOW)
    deck = review_deck(library)
    assert deck[session[0]].move == "plank"
    assert len({deck[q].move for q in session}) > 3


def test_summary_adds_up(library):
    ids = next_session(Progress(), library, NOW)[:3]
    progress = Progress()
    results = {ids[0]: True, ids[1]: False, ids[2]: False}
    for qid, correct in results.items():
        progress = review(progress, qid, correct, "good" if correct else "again", NOW)
    summary = summarise(results, progress, library, NOW)
    assert (summary.right, summary.total) == (1, 3)
    assert summary.weakest and summary.next_due > NOW
    assert summary.due_within_a_day == 3


def test_mastery_rises_with_right_answers(library):
    deck = review_deck(library)
    hamstring_cards = [q for q, c in deck.items() if "hamstrings" in c.groups]
    progress = Progress()
    for qid in hamstring_cards:
        progress = review(progress, qid, True, "easy", NOW)
    scores = mastery(progress, library, NOW)
    assert scores["hamstrings"] > 0.9
    assert scores["triceps"] == 0.0
    # The page shows each group's band, as the model classifies it.
    store = ProgressStore()
    store.update(lambda _: progress)
    view = Mastery(now=lambda: NOW, source=library, store=store)
    assert view.bands == ["Not reviewed yet", "Starting", "Getting there", "Known well"]
    assert view.band_of["hamstrings"] == 3 and view.band_of["triceps"] == 0
    assert view.band_of == {group: mastery_band(score) for group, score in scores.items()}


def test_a_chance_of_recall_falls_in_one_band():
    assert [mastery_band(s) for s in (0.0, 0.009, 0.01, 0.49, 0.5, 0.849, 0.85, 1.0)] == [
        0, 0, 1, 1, 2, 2, 3, 3
    ]  # fmt: skip
    assert [band.label for band in MASTERY_BANDS][mastery_band(0.9)] == "Known well"


@pytest.fixture
def widget(library):
    return Review(now=lambda: NOW, source=library, store=ProgressStore())


def next_card(widget, rating: str | None = None) -> None:
    """What the page's Next does: record the rating shown (or the one chosen), move on."""
    qid = widget.order[widget.position]
    chosen = rating or widget.results[qid]["rating"]
    widget.set_state({"ratings": {**widget.ratings, qid: chosen}, "position": widget.position + 1})


def _right(widget):
    qid = widget.order[widget.position]
    return list(review_deck(widget.source)[qid].question.answer)


def test_answer_a_card_see_the_next(widget):
    first = widget.order[0]
    result = widget.answer(_right(widget))
    assert result["correct"] and result["rating"] == "good"
    next_card(widget)
    assert widget.position == 1 and widget.order[1] != first
    assert first in widget.store.progress.cards


def test_a_session_ends_with_a_summary_that_adds_up(widget):
    for number in range(len(widget.order)):
        response = _right(widget)
        if number % 2:
            question = review_deck(widget.source)[widget.order[widget.position]].question
            if question.kind == "order":
                response = list(reversed(question.answer))
            else:
                wrong = [i for i in range(len(question.options)) if i not in question.answer]
                response = wrong[:1]
        widget.answer(response)
        next_card(widget)
    assert widget.summary["right"] == 5 and widget.summary["total"] == 10
    assert widget.summary["next_due"].startswith("in ")
    assert widget.summary["weakest"]


def test_the_page_offers_fsrs_s_ratings_by_the_names_python_reads(widget):
    assert widget.rating_choices == [
        {"name": "again", "label": "Again"},
        {"name": "hard", "label": "Hard"},
        {"name": "good", "label": "Good"},
        {"name": "easy", "label": "Easy"},
    ]
    for choice in widget.rating_choices:  # each one schedules the card it is sent for
        qid = widget.order[widget.position]
        widget.answer(_right(widget))
        next_card(widget, choice["name"])
        assert widget.store.progress.cards[qid].reviews == 1


def test_the_learner_can_override_the_rating(widget):
    qid = widget.order[0]
    widget.answer(_right(widget))
    next_card(widget, "again")
    due = widget.store.progress.cards[qid].fsrs["due"]
    assert due < (NOW + dt.timedelta(minutes=5)).isoformat()


def test_a_card_keeps_the_grade_of_its_first_answer(widget):
    """The card is scheduled from the first answer: answering again cannot turn it right."""
    qid = widget.order[0]
    question = review_deck(widget.source)[qid].question
    right = list(question.answer)
    wrong = (
        list(reversed(right))
        if question.kind == "order"
        else [next(i for i in range(len(question.options)) if i not in right)]
    )
    assert widget.answer(wrong)["correct"] is False
    assert widget.answer(right)["correct"] is False
    assert widget.results[qid]["response"] == wrong
