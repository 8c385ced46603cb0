"""The course's views: widgets that read the `moves` model and record what the learner does.

Each widget is imported when first asked for (`from widgets import Quiz`), so that the course
server (`python -m widgets.serve`) does not load the widget stack it never uses.
"""

from __future__ import annotations

import importlib
from typing import Any

# The module that defines each name the package offers.
MODULE_OF = {
    "BodyMap": "widgets.bodymap",
    "CourseHome": "widgets.home",
    "Mastery": "widgets.mastery",
    "MuscleIndex": "widgets.muscleindex",
    "ProgressStore": "widgets.progress",
    "Quiz": "widgets.quiz",
    "Review": "widgets.review",
    "RoutineBuilder": "widgets.builder",
    "RoutinePlayer": "widgets.routine",
    "RoutineShelf": "widgets.shelf",
    "StepWalkthrough": "widgets.walkthrough",
    "shared_store": "widgets.progress",
}

__all__ = sorted(MODULE_OF)


def __getattr__(name: str) -> Any:
    if name not in MODULE_OF:
        raise AttributeError(f"module 'widgets' has no attribute {name!r}")
    value = getattr(importlib.import_module(MODULE_OF[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *MODULE_OF])
