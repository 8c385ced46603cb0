"""The course's views: widgets that read the `moves` model and record what the learner does."""

from widgets.bodymap import BodyMap
from widgets.errors import show_content_errors
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


def _install() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return
    shell = get_ipython()
    if shell is not None:
        show_content_errors(shell)


_install()
