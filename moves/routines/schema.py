"""What a routine file, or a routine a learner builds, may say: moves with doses and rests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from moves.names import MAX_TITLE_CHARS, is_slug
from moves.plaintext import plain_text_problem
from moves.schema import Level, Slug, Strict

Purpose = Literal[
    "cool-down", "warm-up", "mobility", "stretch", "balance", "desk break", "strength circuit"
]
Sides = Literal["both", "right", "left"]


@dataclass(frozen=True)
class Bound:
    """The whole numbers a field may hold, from low to high, and what they count."""

    low: int
    high: int
    unit: str


# Bounds that keep a learner's routine (or a hostile link) from asking for absurd times. The
# schema reads them when it checks a value, and the builder's inputs get them as data
# (widgets.builder), so this table is the one place to change them.
BOUNDS: dict[str, Bound] = {
    "hold_seconds": Bound(1, 300, "seconds"),
    "reps": Bound(1, 100, "reps"),
    "seconds_per_rep": Bound(1, 30, "seconds"),
    "sets": Bound(1, 10, "sets"),
    "rest_seconds": Bound(0, 600, "seconds"),
    "switch_seconds": Bound(0, 60, "seconds"),
}
MAX_ITEMS = 40
MAX_INTRODUCTION_CHARS = 1200

# The time rule's defaults (see moves/routines/plan.py for how they are used).
SECONDS_PER_REP = 3
REST_SECONDS = 10
SWITCH_SECONDS = 5


def _shown(number: int) -> str:
    return str(number) if abs(number) < 10**9 else "a number far out of range"


def _whole(field: str):
    """A whole number within the field's BOUNDS; booleans and text such as "20" are refused."""

    def check(value: Any) -> Any:
        bound = BOUNDS[field]
        if isinstance(value, bool) or not isinstance(value, int):
            raise PydanticCustomError(
                "whole_number", "expected a whole number of {unit}", {"unit": bound.unit}
            )
        if not bound.low <= value <= bound.high:
            raise PydanticCustomError(
                "out_of_range",
                "expected a number from {low} to {high} {unit}, got {value}",
                {"low": bound.low, "high": bound.high, "unit": bound.unit, "value": _shown(value)},
            )
        return value

    return Annotated[int, BeforeValidator(check)]


def _plain(limit: int):
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise PydanticCustomError("string_type", "expected text")
        value = " ".join(value.split())
        if not value:
            raise PydanticCustomError("empty_text", "expected some text, got an empty string")
        if len(value) > limit:
            raise PydanticCustomError(
                "too_long_text",
                "expected at most {limit} characters, got {length}",
                {"limit": limit, "length": len(value)},
            )
        problem = plain_text_problem(value)
        if problem:
            raise PydanticCustomError("plain_text", problem)
        return value

    return Annotated[str, BeforeValidator(check)]


Title = _plain(MAX_TITLE_CHARS)


def _move_slug(value: Any) -> Any:
    if not is_slug(value):
        raise PydanticCustomError(
            "move_slug", "expected a move's slug: lowercase words joined by -, e.g. plank"
        )
    return value


MoveSlug = Annotated[str, BeforeValidator(_move_slug)]
Introduction = _plain(MAX_INTRODUCTION_CHARS)


class RoutineItem(Strict):
    """One move of a routine: the move's own dose, or the item's, and the rest after it."""

    move: MoveSlug = Field(description="The slug of a move in moves/library.")
    hold_seconds: _whole("hold_seconds") | None = Field(
        default=None,
        description="Hold for this long. Giving hold_seconds or reps replaces the move's own "
        "dose: what you leave out is not done.",
    )
    reps: _whole("reps") | None = Field(
        default=None, description="Do this many reps (replaces the move's dose, as above)."
    )
    seconds_per_rep: _whole("seconds_per_rep") | None = Field(
        default=None,
        description="How long one rep takes, pauses included; default: the routine's "
        "seconds_per_rep plus the move's own short pauses.",
    )
    sets: _whole("sets") = Field(default=1, description="How many times through.")
    sides: Sides | None = Field(
        default=None,
        description="For a one-sided move: both (right, then left; the default), or one side.",
    )
    rest_seconds: _whole("rest_seconds") | None = Field(
        default=None, description="Rest after each set; default: the routine's rest_seconds."
    )

    @property
    def overrides_dose(self) -> bool:
        return self.hold_seconds is not None or self.reps is not None


class CustomRoutine(Strict):
    """A routine as a learner builds it: a title, moves, and the timing defaults."""

    title: Title
    seconds_per_rep: _whole("seconds_per_rep") = Field(
        default=SECONDS_PER_REP, description="How long one rep takes, before a move's pauses."
    )
    rest_seconds: _whole("rest_seconds") = Field(
        default=REST_SECONDS, description="The rest after each set, unless an item says."
    )
    switch_seconds: _whole("switch_seconds") = Field(
        default=SWITCH_SECONDS, description="Time to change sides in a one-sided move."
    )
    items: list[RoutineItem] = Field(description="The moves, in order.")

    @field_validator("items", mode="before")
    @classmethod
    def _some_items(cls, items: Any) -> Any:
        if isinstance(items, list) and not items:
            raise PydanticCustomError("empty_routine", "expected at least one move, got none")
        if isinstance(items, list) and len(items) > MAX_ITEMS:
            raise PydanticCustomError(
                "too_many_moves",
                "expected at most {limit} moves, got {count}",
                {"limit": MAX_ITEMS, "count": len(items)},
            )
        return items

    @model_validator(mode="after")
    def _no_move_twice_in_a_row(self) -> CustomRoutine:
        for i in range(1, len(self.items)):
            if self.items[i].move == self.items[i - 1].move:
                move = self.items[i].move
                raise PydanticCustomError(
                    "repeated_move",
                    f"items[{i}]: {move!r} follows itself; give the item before it more sets "
                    "instead",
                )
        return self


class Routine(CustomRoutine):
    """A course routine, from moves/routines/<slug>.yaml."""

    slug: Slug
    purpose: Purpose
    level: Level
    floor: bool = Field(
        description="Whether it gets down on the floor; false promises that every move is done "
        "standing or sitting on a chair (in work clothes, in a park)."
    )
    introduction: Introduction
