"""The kinds of quiz question. Each kind is one object that holds all of it: its id, what the
learner is asked to do (`label`), how a response is checked and marked, and the view that
draws it on the page (`view`: widgets/static/question-<view>.js, which questions.js finds by
that name). The page gets the kinds as data (`for_page`) and keeps no list of its own.

A new kind is one object here, listed in KINDS, and the questions that use it (moves.quiz);
it needs a new view only when none of the existing ones can draw it."""

from __future__ import annotations

from dataclasses import dataclass


class AnswerError(ValueError):
    """A response that does not fit its question (wrong option numbers, not a full order)."""


@dataclass(frozen=True)
class QuestionKind:
    """How one kind of question is asked, answered and marked."""

    id: str
    label: str  # what the learner is asked to do, e.g. "Choose all that apply"
    view: str
    check_label: str = "Check answer"  # the button that sends the response
    empty_hint: str = "Choose an answer first."  # said when the learner sends nothing
    joiner: str = "; "  # between the options of the right answer, written out
    uses_body_map: bool = False  # the page needs the unlabelled body map to draw it

    def check(self, qid: str, count: int, chosen: tuple[int, ...]) -> None:
        """Raise AnswerError when `chosen` (option indices, each in range) cannot be a response."""
        raise NotImplementedError

    def mark(self, answer: tuple[int, ...], chosen: tuple[int, ...]) -> tuple[bool, str]:
        """Whether the response is right, and, when it is not, what was right in it."""
        raise NotImplementedError

    def right_options(self, answer: tuple[int, ...]) -> tuple[int, ...]:
        """The options the page may mark as right once the learner has answered."""
        return answer

    def for_page(self) -> dict[str, object]:
        """What the page needs to draw and send a question of this kind."""
        return {
            "view": self.view,
            "check_label": self.check_label,
            "empty_hint": self.empty_hint,
        }


@dataclass(frozen=True)
class ChoiceKind(QuestionKind):
    """Options to pick: exactly one, or (`several`) every one that applies."""

    several: bool = False

    def check(self, qid: str, count: int, chosen: tuple[int, ...]) -> None:
        if len(set(chosen)) != len(chosen) or not chosen:
            raise AnswerError(f"{qid}: expected distinct options, got {list(chosen)}")
        if not self.several and len(chosen) != 1:
            raise AnswerError(f"{qid}: expected one option, got {len(chosen)}")

    def mark(self, answer: tuple[int, ...], chosen: tuple[int, ...]) -> tuple[bool, str]:
        right = set(answer)
        if set(chosen) == right:
            return True, ""
        if not self.several:
            return False, ""
        found = len(right & set(chosen))
        extra = len(set(chosen) - right)
        detail = f"You found {found} of {len(right)}"
        detail += f" and picked {extra} that {'is' if extra == 1 else 'are'} not." if extra else "."
        return False, detail

    def for_page(self) -> dict[str, object]:
        return {**super().for_page(), "several": self.several}


@dataclass(frozen=True)
class OrderKind(QuestionKind):
    """Options to put in order: the response is every option once, in the learner's order."""

    def check(self, qid: str, count: int, chosen: tuple[int, ...]) -> None:
        if sorted(chosen) != list(range(count)):
            raise AnswerError(f"{qid}: expected every step once, got {list(chosen)}")

    def mark(self, answer: tuple[int, ...], chosen: tuple[int, ...]) -> tuple[bool, str]:
        if chosen == answer:
            return True, ""
        in_place = sum(a == b for a, b in zip(chosen, answer, strict=True))
        return False, f"{in_place} of {len(answer)} steps are in the right place."

    def right_options(self, answer: tuple[int, ...]) -> tuple[int, ...]:
        return ()  # the right order is said in words (answer_text), not marked on the options


SINGLE = ChoiceKind("single", "Choose one answer", view="choice")
MULTI = ChoiceKind("multi", "Choose all that apply", view="choice", several=True)
ORDER = OrderKind(
    "order", "Put them in order", view="order", check_label="Check order", joiner=" → "
)
LOCATE = ChoiceKind(
    "locate",
    "Find it on the body map",
    view="locate",
    empty_hint="Click or press Enter on an area of the body first.",
    uses_body_map=True,
)

KINDS: dict[str, QuestionKind] = {kind.id: kind for kind in (SINGLE, MULTI, ORDER, LOCATE)}


def kind_named(name: str) -> QuestionKind:
    """The kind with this id; a clear error naming the kinds there are, for any other."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(
            f"there is no question kind {name!r}; the kinds are {', '.join(KINDS)} "
            "(moves/questionkinds.py)"
        ) from None


def page_kinds() -> dict[str, object]:
    """Every kind as the page reads it, by id."""
    return {kind.id: kind.for_page() for kind in KINDS.values()}
