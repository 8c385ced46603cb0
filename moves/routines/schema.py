"""What a routine file, or a routine a learner builds, may say: moves with doses and rests."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from moves.plaintext import plain_text_problem
from moves.schema import Level, Slug, Strict

Purpose = Literal["cool-down", "warm-up", "mobility", "desk break", "strength circuit"]
Sides = Literal["both", "right", "left"]

# Bounds that keep a learner's routine (or a hostile link) from asking for absurd times.
MAX_HOLD_SECONDS = 300
MAX_REPS = 100
MAX_SETS = 10
MAX_REST_SECONDS = 600
MAX_SECONDS_PER_REP = 30
MAX_SWITCH_SECONDS = 60
MAX_ITEMS = 40
MAX_TITLE_CHARS = 80
MAX_INTRODUCTION_CHARS = 1200

# The time rule's defaults (see moves/routines/plan.py for how they are used).
SECONDS_PER_REP = 3
REST_SECONDS = 10
SWITCH_SECONDS = 5


def _shown(number: int) -> str:
    return str(number) if abs(number) < 10**9 else "a number far out of range"


def _whole(low: int, high: int, unit: str):
    """A whole number from low to high; booleans and text such as "20" are refused."""

    def check(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise PydanticCustomError(
                "whole_number", "expected a whole number of {unit}", {"unit": unit}
            )
        if not low <= value <= high:
            raise PydanticCustomError(
                "out_of_range",
                "expected a number from {low} to {high} {unit}, got {value}",
                {"low": low, "high": high, "unit": unit, "value": _shown(value)},
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
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _move_slug(value: Any) -> Any:
    if not isinstance(value, str) or len(value) > 60 or not _SLUG.fullmatch(value):
        raise PydanticCustomError(
            "move_slug", "expected a move's slug: lowercase words joined by -, e.g. plank"
        )
    return value


MoveSlug = Annotated[str, BeforeValidator(_move_slug)]
Introduction = _plain(MAX_INTRODUCTION_CHARS)


class RoutineItem(Strict):
    """One move of a routine: the move's own dose, or the item's, and the rest after it."""

    move: MoveSlug = Field(description="The slug of a move in moves/library.")
    hold_seconds: _whole(1, MAX_HOLD_SECONDS, "seconds") | None = Field(
        default=None,
        description="Hold for this long. Giving hold_seconds or reps replaces the move's own "
        "dose: what you leave out is not done.",
    )
    reps: _whole(1, MAX_REPS, "reps") | None = Field(
        default=None, description="Do this many reps (replaces the move's dose, as above)."
    )
    seconds_per_rep: _whole(1, MAX_SECONDS_PER_REP, "seconds") | None = Field(
        default=None,
        description="How long one rep takes, pauses included; default: the routine's "
        "seconds_per_rep plus the move's own short pauses.",
    )
    sets: _whole(1, MAX_SETS, "sets") = Field(default=1, description="How many times through.")
    sides: Sides | None = Field(
        default=None,
        description="For a one-sided move: both (right, then left; the default), or one side.",
    )
    rest_seconds: _whole(0, MAX_REST_SECONDS, "seconds") | None = Field(
        default=None, description="Rest after each set; default: the routine's rest_seconds."
    )

    @property
    def overrides_dose(self) -> bool:
        return self.hold_seconds is not None or self.reps is not None


class CustomRoutine(Strict):
    """A routine as a learner builds it: a title, moves, and the timing defaults."""

    title: Title
    seconds_per_rep: _whole(1, MAX_SECONDS_PER_REP, "seconds") = Field(
        default=SECONDS_PER_REP, description="How long one rep takes, before a move's pauses."
    )
    rest_seconds: _whole(0, MAX_REST_SECONDS, "seconds") = Field(
        default=REST_SECONDS, description="The rest after each set, unless an item says."
    )
    switch_seconds: _whole(0, MAX_SWITCH_SECONDS, "seconds") = Field(
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
    introduction: Introduction
