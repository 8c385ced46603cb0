"""The course's views: anywidget components that read the `moves` model and record what the
learner does. Their JavaScript and CSS live in `widgets/static/`, their data in `widgets/data/`."""

from widgets.bodymap import BodyMap
from widgets.builder import RoutineBuilder
from widgets.card import MoveCard
from widgets.home import CourseHome
from widgets.mastery import Mastery
from widgets.muscleindex import MuscleIndex
from widgets.progress import ProgressStore, shared_store
from widgets.quiz import Quiz
from widgets.review import Review
from widgets.routine import RoutinePlayer
from widgets.shelf import RoutineShelf
from widgets.walkthrough import StepWalkthrough

__all__ = [
    "BodyMap",
    "CourseHome",
    "Mastery",
    "MoveCard",
    "MuscleIndex",
    "ProgressStore",
    "Quiz",
    "Review",
    "RoutineBuilder",
    "RoutinePlayer",
    "RoutineShelf",
    "StepWalkthrough",
    "shared_store",
]
