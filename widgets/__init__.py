"""The course's views: widgets that read the `moves` model and record what the learner does."""

from widgets.quiz import Quiz
from widgets.walkthrough import StepWalkthrough

__all__ = ["Quiz", "StepWalkthrough"]
