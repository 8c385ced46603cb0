"""The course's views: widgets that read the `moves` model and record what the learner does."""

from widgets.bodymap import BodyMap
from widgets.home import CourseHome, MuscleIndex
from widgets.mastery import Mastery
from widgets.progress import ProgressStore, shared_store
from widgets.quiz import Quiz
from widgets.review import Review
from widgets.walkthrough import StepWalkthrough

__all__ = [
    "BodyMap",
    "CourseHome",
    "Mastery",
    "MuscleIndex",
    "ProgressStore",
    "Quiz",
    "Review",
    "StepWalkthrough",
    "shared_store",
]
