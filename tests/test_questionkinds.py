"""Each kind of quiz question is one object: how it is marked, and the view the page draws it
with; the page gets the kinds as data and has a view for each."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from moves import questionkinds
from moves.questionkinds import KINDS, MULTI, ORDER, SINGLE, AnswerError, ChoiceKind, page_kinds
from moves.quiz import Question, grade_answer
from widgets.progress import ProgressStore
from widgets.quiz import Quiz

ROOT = Path(__file__).resolve().parents[1]


def question(kind: str, answer: tuple[int, ...], options: int = 4) -> Question:
    return Question(
        id="q",
        kind=kind,
        prompt="?",
        options=tuple(f"option {i}" for i in range(options)),
        answer=answer,
        explanation="Because.",
    )


def test_each_kind_marks_as_it_says():
    multi = question(MULTI.id, (0, 2))
    assert grade_answer(multi, [2, 0]).correct
    partly = grade_answer(multi, [0, 1])
    assert not partly.correct and partly.detail == "You found 1 of 2 and picked 1 that is not."
    assert partly.right_options == (0, 2)
    with pytest.raises(AnswerError, match="expected one option"):
        grade_answer(question(SINGLE.id, (1,)), [0, 1])
    order = grade_answer(question(ORDER.id, (2, 0, 1), options=3), [2, 1, 0])
    assert order.detail == "1 of 3 steps are in the right place." and order.right_options == ()
    assert order.answer_text == "option 2 → option 0 → option 1"


def test_a_question_of_a_kind_that_does_not_exist_is_a_clear_error():
    with pytest.raises(ValueError, match="no question kind 'essay'; the kinds are single, multi"):
        question("essay", (0,))


def test_the_page_has_a_view_for_every_kind():
    """The page finds a kind's view by the name Python gives it (widgets/static/questions.js)."""
    script = (
        'import { VIEW_NAMES } from "./widgets/static/questions.js";'
        "console.log(JSON.stringify(VIEW_NAMES));"
    )
    run = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    views = set(json.loads(run.stdout))
    assert {kind.view for kind in KINDS.values()} <= views


def test_a_new_kind_is_one_object(monkeypatch):
    """Adding a kind that an existing view can draw touches this module and nothing else."""
    either = ChoiceKind("true-or-false", "Say whether it is true", view="choice")
    monkeypatch.setitem(questionkinds.KINDS, either.id, either)
    asked = question(either.id, (0,), options=2)
    assert grade_answer(asked, [0]).correct
    assert page_kinds()[either.id] == {
        "view": "choice",
        "check_label": "Check answer",
        "empty_hint": "Choose an answer first.",
        "several": False,
    }
    quiz = Quiz("hamstring-kickbacks", store=ProgressStore())
    assert quiz.question_kinds[either.id]["view"] == "choice"  # sent to the page as data
