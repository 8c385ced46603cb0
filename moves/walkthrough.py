"""The order in which a learner goes through a move's steps: once, or once per side."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from moves.schema import Move

SIDES = ("right", "left")


def switch_to(side_label: str) -> str:
    """What a learner is told when a one-sided move changes sides: 'Switch to the left leg'."""
    return f"Switch to the {side_label.lower()}"


@dataclass(frozen=True)
class StepView:
    """One screen of the walkthrough: a step, on a side."""

    step_number: int
    step_count: int
    side: str | None
    side_label: str | None
    first_side: bool  # a move done once, or its first side: the steps as written, once
    text: str
    cue: str | None
    hold_seconds: int | None
    reps: int | None
    switch_note: str | None
    then_label: str  # what comes after this screen: "Next step", "Switch to the …" or "Finish"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def walkthrough(move: Move) -> list[StepView]:
    """Every screen of the walkthrough in order: all steps for one side, then the other."""
    sides: tuple[str | None, ...] = SIDES if move.per_side else (None,)
    count = len(move.steps)
    labels = [f"{side.capitalize()} {move.per_side}" if side else None for side in sides]
    views = []
    for side_index, (side, label) in enumerate(zip(sides, labels, strict=True)):
        for number, step in enumerate(move.steps, start=1):
            switch = None
            if side_index > 0 and number == 1:
                switch = f"Now repeat on the other {move.per_side}."
            then = "Next step"
            if number == count:
                other = labels[side_index + 1] if side_index + 1 < len(sides) else None
                then = switch_to(other) if other else "Finish"
            views.append(
                StepView(
                    step_number=number,
                    step_count=count,
                    side=side,
                    side_label=label,
                    first_side=side_index == 0,
                    text=step.text,
                    cue=step.cue,
                    hold_seconds=step.hold_seconds,
                    reps=step.reps,
                    switch_note=switch,
                    then_label=then,
                )
            )
    return views
