"""Quiz questions generated from a move's content, and the grading of answers."""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from moves.loader import MYTHS_FILE, Course, read_myths
from moves.questionkinds import LOCATE, MULTI, ORDER, SINGLE, AnswerError, QuestionKind, kind_named
from moves.schema import Move, Muscle, Myths

__all__ = ["AnswerError", "Grade", "Question", "generate_quiz", "grade_answer"]

DISTRACTORS = 3


@dataclass(frozen=True)
class Question:
    """One quiz question. `answer` holds option indices: the right ones, or the right order.
    `kind` is the id of its kind (moves.questionkinds), which says how it is asked and marked."""

    id: str
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer: tuple[int, ...]
    explanation: str
    topics: tuple[str, ...] = ()
    option_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        kind_named(self.kind)  # a clear error for a kind that does not exist

    @property
    def question_kind(self) -> QuestionKind:
        return kind_named(self.kind)

    def public(self) -> dict[str, object]:
        """What the browser may see before the learner answers: no answer, no explanation."""
        shown: dict[str, object] = {
            "id": self.id,
            "kind": self.kind,
            "prompt": self.prompt,
            "options": self.options,
        }
        if self.option_ids:
            shown["option_ids"] = self.option_ids
        return shown

    def answer_text(self) -> str:
        return self.question_kind.joiner.join(self.options[i] for i in self.answer)


@dataclass(frozen=True)
class Grade:
    correct: bool
    verdict: str
    detail: str
    answer_text: str
    explanation: str
    response: tuple[int, ...]
    right_options: tuple[int, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "correct": self.correct,
            "verdict": self.verdict,
            "detail": self.detail,
            "answer_text": self.answer_text,
            "explanation": self.explanation,
            "response": list(self.response),
            "right_options": list(self.right_options),
        }


def _sentence(text: str) -> str:
    """Text that ends as a sentence, so that several can follow one another."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def grade_answer(question: Question, response: Sequence[int]) -> Grade:
    """Mark a response (option indices: the chosen ones, or the full order), as its kind says."""
    chosen = tuple(response)
    n = len(question.options)
    if any(not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < n for i in chosen):
        raise AnswerError(f"{question.id}: options are numbered 0 to {n - 1}, got {list(chosen)}")
    kind = question.question_kind
    kind.check(question.id, n, chosen)
    correct, detail = kind.mark(question.answer, chosen)
    return Grade(
        correct=correct,
        verdict="Right" if correct else "Not quite",
        detail=detail,
        answer_text=question.answer_text(),
        explanation=question.explanation,
        response=chosen,
        right_options=kind.right_options(question.answer),
    )


@functools.cache
def load_myths(path: Path = MYTHS_FILE) -> Myths:
    """The myths, read once per process (checked with the rest by `move-course check`)."""
    return read_myths(path)


def _shuffled(qid: str, seed: int, right: Sequence[str], wrong: Sequence[str]) -> tuple:
    """Options in a seeded order, with the indices of the right ones."""
    options = [*right, *wrong]
    random.Random(f"{seed}:{qid}").shuffle(options)
    return tuple(options), tuple(sorted(options.index(r) for r in right))


def _pick(qid: str, seed: int, pool: Sequence, k: int) -> list:
    return random.Random(f"{seed}:{qid}:pick").sample(list(pool), min(k, len(pool)))


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _nearby(target: Muscle, muscles: Sequence[Muscle]) -> list[Muscle]:
    """Distractor candidates, nearest first: same region, then same view, then the rest."""
    same_region = [m for m in muscles if m.region == target.region]
    same_view = [m for m in muscles if m.view == target.view and m not in same_region]
    return same_region + same_view + [m for m in muscles if m not in same_region + same_view]


def _not_targets(muscles: Sequence[Muscle]) -> str:
    """What is true of every wrong option, whichever move: it is not a target. (It may still
    work a little, unlisted: "belongs to a group the move does not train" was false for some.)"""
    if len(muscles) == 1 and not muscles[0].plural:
        return f"{muscles[0].name} is not a target of this move."
    if len(muscles) == 1:
        return f"{muscles[0].name} are not targets of this move."
    return f"{_join([m.name for m in muscles])} are not targets of this move."


def targets_question(move: Move, course: Course, seed: int) -> Question:
    """Choose-all of the move's targets. Wrong options come from muscle groups the move does
    not list and from other parts of the body than the ones it lists (seen from the same
    side), so that none of them is a listed helper or a quiet one such as a muscle lying
    alongside a target."""
    qid = f"{move.slug}:targets"
    targets = [course.muscles[i] for i in move.primary_ids]
    worked = [course.muscles[i] for i in move.primary_ids + move.secondary_ids]
    worked_groups = {m.group for m in worked}
    worked_places = {(m.region, m.view) for m in worked}
    unrelated = [
        m
        for m in course.muscles.values()
        if m not in worked
        and m.group is not None
        and m.group not in worked_groups
        and (m.region, m.view) not in worked_places
    ]
    wanted = min(DISTRACTORS, 6 - len(targets))
    regions = {m.region for m in targets}
    wrong = _pick(qid, seed, [m for m in unrelated if m.region in regions], wanted)
    if len(wrong) < wanted:
        rest = [m for m in _nearby(targets[0], unrelated) if m not in wrong]
        wrong += rest[: wanted - len(wrong)]
    options, answer = _shuffled(qid, seed, [m.name for m in targets], [m.name for m in wrong])
    why = " ".join(
        f"{course.muscles[u.id].name}: {_sentence(u.action)}" for u in move.muscles.primary
    )
    return Question(
        id=qid,
        kind=MULTI.id,
        prompt=f"Which muscles does this move target? {MULTI.label}.",
        options=options,
        answer=answer,
        explanation=f"{why} {_not_targets(wrong)}",
        topics=tuple(move.primary_ids),
    )


def muscle_question(move: Move, muscle: Muscle, course: Course, seed: int) -> Question:
    """Where a target muscle runs, or which muscle a description fits: chosen by the seed."""
    qid = f"{move.slug}:muscle:{muscle.id}"
    others = [m for m in course.muscles.values() if m.id != muscle.id and m.group != muscle.group]
    wrong = _pick(qid, seed, _nearby(muscle, others)[:8], DISTRACTORS)
    if random.Random(f"{seed}:{qid}:kind").random() < 0.5:
        prompt = f"Where {'do' if muscle.plural else 'does'} the {muscle.name.lower()} run?"
        options, answer = _shuffled(qid, seed, [muscle.runs], [m.runs for m in wrong])
    else:
        prompt = f"Which muscle is this? “{muscle.description}”"
        options, answer = _shuffled(qid, seed, [muscle.name], [m.name for m in wrong])
    return Question(
        id=qid,
        kind=SINGLE.id,
        prompt=prompt,
        options=options,
        answer=answer,
        explanation=f"{muscle.name}: {muscle.runs} {muscle.description}",
        topics=(muscle.id,),
    )


def locate_question(move: Move, course: Course, seed: int) -> Question:
    """'Find the ___ on the body': the learner clicks a muscle on the body map."""
    qid = f"{move.slug}:locate"
    muscle = course.muscles[_pick(qid, seed, move.primary_ids, 1)[0]]
    everyone = sorted(course.muscles.values(), key=lambda m: m.id)
    where = "deep, under other muscles" if muscle.depth == "deep" else "near the surface"
    return Question(
        id=qid,
        kind=LOCATE.id,
        prompt=f"Find the {muscle.name.lower()} on the body map.",
        options=tuple(m.name for m in everyone),
        option_ids=tuple(m.id for m in everyone),
        answer=(everyone.index(muscle),),
        explanation=f"The {muscle.name.lower()} {'are' if muscle.plural else 'is'} seen from the "
        f"{muscle.view}, {where}. "
        f"{muscle.runs}",
        topics=(muscle.id,),
    )


def benefit_question(move: Move, seed: int) -> Question:
    qid = f"{move.slug}:benefit"
    benefit = _pick(qid, seed, move.why, 1)[0]
    myths = _pick(qid, seed, load_myths().myths, DISTRACTORS)
    options, answer = _shuffled(qid, seed, [benefit.title], [m.claim for m in myths])
    busted = " ".join(f"“{m.claim}” is a myth: {m.truth}" for m in myths)
    return Question(
        id=qid,
        kind=SINGLE.id,
        prompt=f"Which of these is a real benefit of {move.title.lower()}?",
        options=options,
        answer=answer,
        explanation=f"{benefit.title}: {benefit.text} {busted}",
    )


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def step_summary(text: str) -> str:
    """The first sentence of a step, which names its action."""
    return _SENTENCE.split(text.strip(), maxsplit=1)[0]


def order_question(move: Move, seed: int) -> Question:
    qid = f"{move.slug}:order"
    steps = [step_summary(s.text) for s in move.steps]
    shuffled = list(steps)
    rng = random.Random(f"{seed}:{qid}")
    while shuffled == steps and len(steps) > 1:
        rng.shuffle(shuffled)
    return Question(
        id=qid,
        kind=ORDER.id,
        prompt=f"Put the steps of {move.title.lower()} in order.",
        options=tuple(shuffled),
        answer=tuple(shuffled.index(s) for s in steps),
        explanation=" ".join(f"{i}. {s}" for i, s in enumerate(steps, start=1)),
    )


def authored_questions(move: Move, seed: int) -> list[Question]:
    questions = []
    for number, authored in enumerate(move.questions, start=1):
        qid = f"{move.slug}:q{number}"
        wrong = [o for o in authored.options if o not in authored.answers]
        options, answer = _shuffled(qid, seed, authored.answers, wrong)
        multi = not isinstance(authored.answer, str)
        questions.append(
            Question(
                id=qid,
                kind=(MULTI if multi else SINGLE).id,
                prompt=authored.prompt + (f" {MULTI.label}." if multi else ""),
                options=options,
                answer=answer,
                explanation=authored.explanation,
            )
        )
    return questions


def generate_quiz(move: Move, course: Course, seed: int = 0) -> list[Question]:
    """Every question of a move's quiz, in an order shuffled from `seed`."""
    questions = [
        targets_question(move, course, seed),
        *(muscle_question(move, course.muscles[i], course, seed) for i in move.primary_ids),
        locate_question(move, course, seed),
        benefit_question(move, seed),
        *([order_question(move, seed)] if len(move.steps) > 1 else []),
        *authored_questions(move, seed),
    ]
    random.Random(f"{seed}:{move.slug}:questions").shuffle(questions)
    return questions
