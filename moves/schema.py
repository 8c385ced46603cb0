"""The content schema: what a move file and the muscle catalogue may say, checked on load."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from moves.names import MAX_SLUG_CHARS, SLUG
from moves.pose import Pose

MuscleGroup = Literal[
    "abdominals",
    "abductors",
    "adductors",
    "biceps",
    "calves",
    "chest",
    "forearms",
    "glutes",
    "hamstrings",
    "lats",
    "lower back",
    "middle back",
    "neck",
    "quadriceps",
    "shoulders",
    "traps",
    "triceps",
]
"""The open 17-group vocabulary of the free-exercise-db data set."""

Region = Literal[
    "neck",
    "shoulder",
    "chest",
    "upper back",
    "lower back",
    "upper arm",
    "forearm",
    "abdomen",
    "hip",
    "thigh",
    "lower leg",
]
Kind = Literal["stretch", "mobility", "strength", "core", "balance"]
Level = Literal["beginner", "intermediate", "advanced"]
Equipment = Literal["mat", "band", "wall", "chair", "step", "doorway", "anchor", "weights"]
"""What a move needs. An anchor is something fixed that holds a band or part of the body
still: a sturdy post, a door anchor, heavy furniture, or a partner's hands."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[
    str,
    StringConstraints(pattern=f"^{SLUG.pattern}$", max_length=MAX_SLUG_CHARS),
]


def _positive_int(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise PydanticCustomError("positive_number", "expected a positive number")
    return value


PositiveCount = Annotated[int, BeforeValidator(_positive_int)]


class Strict(BaseModel):
    # defer_build: a page's kernel reads the validated course from moves.contentcache and needs
    # no validator; building them at import cost every kernel about 12 MiB and 0.2 s of CPU.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Muscle(Strict):
    id: Slug
    name: Text
    latin: Text | None = None
    group: MuscleGroup | None = Field(
        description="One of the 17 groups; null for a muscle outside them (hip flexors, shin)."
    )
    region: Region
    view: Literal["front", "back"]
    depth: Literal["superficial", "deep"] = "superficial"
    plural: bool = Field(
        default=False,
        description="True when the name is a group in the plural (Rhomboids, Wrist flexors), so "
        "that generated sentences say 'are'.",
    )
    runs: Text = Field(description="Origin to insertion, in plain words.")
    description: Text = Field(description="One line: what the muscle does.")


class Catalogue(Strict):
    muscles: list[Muscle] = Field(min_length=1)

    @field_validator("muscles")
    @classmethod
    def _unique_ids(cls, muscles: list[Muscle]) -> list[Muscle]:
        seen: set[str] = set()
        for muscle in muscles:
            if muscle.id in seen:
                raise ValueError(f"muscle id '{muscle.id}' appears twice")
            seen.add(muscle.id)
        return muscles


class Benefit(Strict):
    title: Text
    text: Text


class MuscleUse(Strict):
    id: Slug = Field(description="A muscle id from moves/muscles.yaml.")
    action: Text = Field(description="What the move does to this muscle.")


class MuscleTargets(Strict):
    primary: list[MuscleUse] = Field(min_length=1)
    secondary: list[MuscleUse] = []

    @model_validator(mode="after")
    def _no_repeats(self) -> MuscleTargets:
        ids = [m.id for m in self.primary + self.secondary]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"muscle listed more than once: {', '.join(repeated)}")
        return self


class Step(Strict):
    text: Text
    cue: Text | None = None
    hold_seconds: PositiveCount | None = None
    reps: PositiveCount | None = None
    pose: Pose | None = Field(default=None, description="The body position, as joint angles.")


class Mistake(Strict):
    mistake: Text
    fix: Text


class AuthoredQuestion(Strict):
    prompt: Text
    options: list[Text] = Field(min_length=2, max_length=6)
    answer: Text | list[Text] = Field(
        description="The right option, or a list of them for a choose-all question."
    )
    explanation: Text

    @model_validator(mode="after")
    def _answer_in_options(self) -> AuthoredQuestion:
        if len(set(self.options)) != len(self.options):
            raise ValueError("options must all be different")
        answers = [self.answer] if isinstance(self.answer, str) else self.answer
        if not answers:
            raise ValueError("answer: expected at least one right option")
        for answer in answers:
            if answer not in self.options:
                raise ValueError(f"answer {answer!r} is not one of the options")
        return self

    @property
    def answers(self) -> list[str]:
        return [self.answer] if isinstance(self.answer, str) else list(self.answer)


class Move(Strict):
    slug: Slug
    title: Text
    kind: Kind
    level: Level
    equipment: list[Equipment] = Field(description="What the learner needs; [] for nothing.")
    floor: bool = Field(
        description="True when the move gets the learner down on the floor (lying, kneeling or "
        "sitting on it); false for moves done standing or on a chair."
    )
    easier: Slug | None = Field(
        default=None, description="The slug of an easier move in the library: one step down."
    )
    harder: Slug | None = Field(
        default=None, description="The slug of a harder move in the library: one step up."
    )
    week: dt.date = Field(description="The Monday on which this is the move of the week.")
    summary: Text
    introduction: Text
    good_for: list[Text] = Field(default=[], description="Where the move fits in a routine.")
    dose: Text = Field(description="How much: holds, reps, rounds, sides.")
    per_side: Text | None = Field(
        default=None,
        description="The body part that alternates ('leg', 'arm'); the steps run once per side.",
    )
    why: list[Benefit] = Field(min_length=1)
    muscles: MuscleTargets
    steps: list[Step] = Field(min_length=3)
    figure_note: Text | None = Field(
        default=None,
        description="What the side-view pose figure cannot show (a turn of the thigh, a body "
        "lying on its side), in a sentence or two; shown beside the figure.",
    )
    mistakes: list[Mistake] = []
    caution: Text | None = None
    questions: list[AuthoredQuestion] = Field(min_length=2)

    @field_validator("week")
    @classmethod
    def _monday(cls, week: dt.date) -> dt.date:
        if week.weekday() != 0:
            raise ValueError(f"expected a Monday, got {week.isoformat()} (a {week:%A})")
        return week

    @property
    def primary_ids(self) -> list[str]:
        return [m.id for m in self.muscles.primary]

    @property
    def secondary_ids(self) -> list[str]:
        return [m.id for m in self.muscles.secondary]

    @property
    def equipment_text(self) -> str:
        """What the move needs, in words, as its page and its card say it: 'mat, wall', or
        'none'."""
        return ", ".join(self.equipment) if self.equipment else "none"


class Myth(Strict):
    claim: Text = Field(description="A false claim, phrased like a benefit.")
    truth: Text = Field(description="Why it is false, in one sentence.")


class Myths(Strict):
    myths: list[Myth] = Field(min_length=3)


def json_schema() -> str:
    """The move schema as JSON Schema, for editors that check YAML as the author types."""
    import json

    schema = Move.model_json_schema()
    schema["title"] = "Move of the Week: one move"
    schema["properties"]["$schema"] = {"type": "string"}
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
