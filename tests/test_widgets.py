"""The widgets, driven from Python as a click in the browser would drive their traits."""

from __future__ import annotations

import asyncio

import pytest
import traitlets
from support import in_own_loop

from moves.loader import course
from moves.quiz import Question, generate_quiz
from widgets import ProgressStore, Quiz, StepWalkthrough, shared_store

MOVE = "hamstring-kickbacks"


def questions(seed: int = 0) -> dict[str, Question]:
    """The questions of the quiz the widget asks, with their answers (the browser never has)."""
    return {q.id: q for q in generate_quiz(course().move(MOVE), course(), seed=seed)}


# The walkthrough's navigation runs in the browser (tests/browser/test_move_page.py); these
# tests send what the page sends when the learner moves: `index` and `done`.


def test_next_shows_step_two_and_records_step_one():
    store = ProgressStore()
    walk = StepWalkthrough("hamstring-kickbacks", store=store)
    assert walk.current["step_number"] == 1 and walk.current["side_label"] == "Right leg"
    walk.set_state({"index": 1})
    assert walk.get_state("index") == {"index": 1}
    assert walk.current["step_number"] == 2 and walk.current["hold_seconds"] == 20
    assert store.progress.moves["hamstring-kickbacks"].steps == {"right": [1]}


def test_the_side_switches_after_the_last_step():
    walk = StepWalkthrough("hamstring-kickbacks", store=ProgressStore())
    walk.set_state({"index": 3})
    assert walk.current["side_label"] == "Left leg"
    assert walk.current["switch_note"] == "Now repeat on the other leg."


def test_going_back_or_jumping_records_no_step():
    store = ProgressStore()
    walk = StepWalkthrough("hamstring-kickbacks", store=store)
    walk.set_state({"index": 2})  # not a Next: the page never jumps, but a step is not done
    walk.set_state({"index": 1})  # Previous
    assert "hamstring-kickbacks" not in store.progress.moves


def test_finishing_records_the_last_step_and_the_finish():
    store = ProgressStore()
    walk = StepWalkthrough("hamstring-kickbacks", store=store)
    for index in range(1, 6):
        walk.set_state({"index": index})
    walk.set_state({"done": True})  # Finish on the last screen
    entry = store.progress.moves["hamstring-kickbacks"]
    assert entry.steps == {"right": [1, 2, 3], "left": [1, 2, 3]}
    assert entry.finished_at is not None


def test_a_browser_setting_index_out_of_range_is_clamped():
    walk = StepWalkthrough("hamstring-kickbacks")
    walk.set_state({"index": 99})
    assert walk.index == 5


def test_unknown_move_is_a_clear_error():
    with pytest.raises(KeyError, match="no move called 'hamstring-kickback'; the course has:"):
        StepWalkthrough("hamstring-kickback")


def test_reprs_are_short_and_stable():
    assert repr(StepWalkthrough("hamstring-kickbacks")) == (
        "StepWalkthrough(move='hamstring-kickbacks', step=1)"
    )
    assert repr(Quiz("hamstring-kickbacks")) == "Quiz(move='hamstring-kickbacks', questions=9)"


def _wrong(question) -> list[int]:
    if question.kind == "order":
        return list(reversed(question.answer))
    return [next(i for i in range(len(question.options)) if i not in question.answer)]


def test_the_browser_never_gets_the_answers():
    quiz = Quiz("hamstring-kickbacks")
    for public in quiz.get_state("questions")["questions"]:
        assert set(public) <= {"id", "kind", "prompt", "options", "option_ids"}
        assert "answer" not in public and "explanation" not in public


def test_a_wrong_answer_gives_feedback_and_the_explanation():
    quiz = Quiz(MOVE)
    question = questions()["hamstring-kickbacks:q1"]
    result = quiz.answer(_wrong(question), qid=question.id)
    assert result["correct"] is False
    assert result["verdict"] == "Not quite"
    assert result["answer_text"] == "Along the back of the front thigh"
    assert result["explanation"] == question.explanation
    assert quiz.get_state("results")["results"][question.id] == result


def test_a_retry_clears_the_grades_of_the_missed_questions_only():
    quiz = Quiz(MOVE)
    asked = questions()
    missed = []
    for number, qid in enumerate(quiz.order):
        if number % 3 == 0:
            quiz.answer(_wrong(asked[qid]), qid=qid)
            missed.append(qid)
        else:
            quiz.answer(list(asked[qid].answer), qid=qid)
    assert [qid for qid, r in quiz.results.items() if not r["correct"]] == missed
    assert quiz.score == [len(asked) - len(missed), len(asked)]
    # What the page's "Retry the ones I missed" writes: their answers gone, a round of them.
    kept = {qid: a for qid, a in quiz.answers.items() if qid not in missed}
    quiz.set_state({"answers": kept, "order": missed, "position": 0})
    assert set(quiz.results) == set(kept) and quiz.error == ""
    for qid in missed:
        assert quiz.answer(list(asked[qid].answer), qid=qid)["correct"] is True
    assert all(r["correct"] for r in quiz.results.values())
    assert len(quiz.results) == len(asked)
    # The score is the quiz's, not the retry round's, and the best is kept in the same terms.
    assert quiz.score == [len(asked), len(asked)] == quiz.best


def test_answers_are_recorded_in_the_learners_progress_and_the_best_score_shown():
    store = shared_store()
    quiz = Quiz(MOVE)
    assert quiz.best == []
    asked = questions()
    for qid in quiz.order:
        quiz.answer(list(asked[qid].answer), qid=qid)
    recorded = store.progress.moves[MOVE].quiz
    assert set(recorded.answers) == set(asked) and recorded.best == (len(asked), len(asked))
    assert quiz.best == [len(asked), len(asked)]
    assert Quiz(MOVE, seed=3).best == [len(asked), len(asked)]  # the same learner, a new quiz


def test_each_test_starts_with_a_learner_who_has_done_nothing():
    """The test before this one recorded a whole quiz in this kernel's store."""
    assert shared_store().progress.moves == {}
    assert Quiz(MOVE).best == []


def test_a_malformed_response_from_the_browser_is_reported_not_raised():
    quiz = Quiz("hamstring-kickbacks")
    quiz.set_state({"answers": {"hamstring-kickbacks:q1": [42], "nope": [0]}})
    assert (
        "That answer could not be checked: hamstring-kickbacks:q1: options are numbered"
        in quiz.error
    )
    assert "There is no question 'nope' in this quiz." in quiz.error
    assert quiz.results == {}


def test_seeds_change_the_question_order():
    orders = {tuple(Quiz("hamstring-kickbacks", seed=s).order) for s in range(5)}
    assert len(orders) > 1


def test_selecting_a_muscle_on_the_body_map():
    from widgets import BodyMap

    body = BodyMap("hamstring-kickbacks")
    body.set_state({"selected": "semimembranosus"})
    assert body.selected == "semimembranosus"
    assert body.roles["semimembranosus"] == "target"
    with pytest.raises(traitlets.TraitError, match="no muscle called 'wing'"):
        body.selected = "wing"
    assert repr(body) == "BodyMap(move='hamstring-kickbacks')"


def test_a_click_on_the_map_answers_the_find_it_question():
    quiz = Quiz(MOVE)
    question = questions()["hamstring-kickbacks:locate"]
    target = question.option_ids[question.answer[0]]
    wrong = question.option_ids.index("gluteus-maximus")
    assert quiz.answer([wrong], qid=question.id)["correct"] is False
    quiz.set_state({"answers": {question.id: [question.option_ids.index(target)]}})
    assert quiz.results[question.id]["correct"] is True


def test_the_find_it_map_goes_to_the_page_when_its_question_is_near():
    quiz = Quiz("hamstring-kickbacks")
    at = quiz.order.index("hamstring-kickbacks:locate")
    assert at >= 2, "this test needs the find-it question later in the round"
    assert quiz.map_svg == ""  # a page that never reaches it does not carry 80 KB for it
    quiz.position = at - 2
    assert quiz.map_svg == ""
    quiz.set_state({"position": at - 1})  # Next: the find-it question is next, the map comes now
    assert quiz.map_svg.startswith("<svg")
    assert "<title>" not in quiz.map_svg.split("</title>", 1)[1]  # no names to give it away
    retried = Quiz("hamstring-kickbacks")
    retried.order = ["hamstring-kickbacks:locate"]  # a retry of just the missed find-it question
    assert retried.map_svg


def test_an_answer_sent_as_a_message_gets_its_grade_first_then_the_state():
    from widgets.base import REPLY_GRACE

    quiz = Quiz(MOVE)
    sent: list[dict] = []
    quiz._send = lambda msg, buffers=None: sent.append(msg)
    question = questions()["hamstring-kickbacks:q1"]
    response = list(question.answer)

    async def in_a_kernel() -> None:
        quiz._handle_custom_msg({"event": "answer", "id": question.id, "response": response}, [])
        assert [m["method"] for m in sent] == ["custom"]  # the grade alone, nothing to wait for
        await asyncio.sleep(REPLY_GRACE * 3)

    # A loop of its own, as a kernel has (in this process, Playwright's may be running).
    in_own_loop(in_a_kernel())
    reply = sent[0]["content"]
    assert reply["event"] == "graded" and reply["id"] == question.id
    assert reply["result"]["correct"] is True and reply["error"] == ""
    updates = [m["state"] for m in sent[1:] if m["method"] == "update"]
    assert any({"answers", "results", "score"} <= set(update) for update in updates)  # together
    assert quiz.results[question.id] == reply["result"]
    assert quiz.answers == {question.id: response}


def test_a_malformed_answer_message_is_reported_and_other_messages_ignored():
    quiz = Quiz("hamstring-kickbacks")
    quiz._handle_custom_msg({"event": "answer", "id": 3, "response": "a"}, [])
    assert quiz.error == (
        "That answer could not be checked: it did not arrive as a list of choices."
    )
    quiz._handle_custom_msg({"event": "answer", "id": "nope", "response": [0]}, [])
    assert quiz.error == "There is no question 'nope' in this quiz."
    quiz._handle_custom_msg({"event": "something else"}, [])
    quiz._handle_custom_msg(["not", "a", "dict"], [])
    assert quiz.results == {}


def test_every_page_gets_the_stored_picture_beside_the_live_view():
    """One bundle for every host: nbviewer and code hosts show the picture; Voilà's motw
    template shows it until the live view is drawn (tests/browser/test_first_paint.py)."""
    walk = StepWalkthrough("hamstring-kickbacks")
    data, _ = walk._repr_mimebundle_()
    assert "<svg" in data["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in data
