"""Read the YAML content, validate it, and hold it as one Course, parsed once per process.

Two ways to load the same content: `load_library` is strict (the check, the build and the tests:
any problem in any file fails), `load_course` is what a running course uses: a broken move file
makes that one move unavailable, with its reasons, and every other move keeps working.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from moves.contentcache import remembered
from moves.errors import ContentError, ContentProblem, UnknownMove, problems_from_validation
from moves.library import cross_file_problems, misnamed_problem, move_files
from moves.plaintext import text_problems
from moves.pose import HEAD_BELOW_HEART, ground_problems, head_below_heart
from moves.safeyaml import read_yaml
from moves.schema import Catalogue, Move, Muscle, Myths

__all__ = ["Course", "course", "library_dir", "load_course", "load_library", "read_yaml"]

CONTENT_DIR = Path(__file__).parent
MUSCLES_FILE = CONTENT_DIR / "muscles.yaml"
MYTHS_FILE = CONTENT_DIR / "myths.yaml"
LIBRARY_DIR = CONTENT_DIR / "library"

# The one setting that decides which library is in use, for `move-course check` and `build`
# and for the served course alike: MOTW_LIBRARY=path/to/library make start.
LIBRARY_ENV = "MOTW_LIBRARY"

Model = TypeVar("Model", bound=BaseModel)


def library_dir() -> Path:
    """The library folder in use: $MOTW_LIBRARY when set, else the course's own."""
    return Path(os.environ.get(LIBRARY_ENV) or LIBRARY_DIR)


def _validated(
    path: Path, model: type[Model], data: dict[str, Any]
) -> tuple[Model | None, list[ContentProblem]]:
    """`data` as `model` (None when it does not fit), and every problem of the file: the text
    rules (moves.plaintext) for every string, the schema's for every field."""
    problems = [ContentProblem(path, where, message) for where, message in text_problems(data)]
    try:
        return model.model_validate(data), problems
    except ValidationError as exc:
        return None, problems + problems_from_validation(path, exc)


def _checked(path: Path, model: type[Model], data: dict[str, Any]) -> Model:
    validated, problems = _validated(path, model, data)
    if validated is None or problems:
        raise ContentError(problems)
    return validated


def load_muscles(path: Path = MUSCLES_FILE) -> dict[str, Muscle]:
    """The muscle catalogue, by id."""
    return {m.id: m for m in _checked(path, Catalogue, read_yaml(path)).muscles}


def read_myths(path: Path = MYTHS_FILE) -> Myths:
    """The myths the benefit questions offer as wrong options."""
    return _checked(path, Myths, read_yaml(path))


def _read_move(path: Path) -> tuple[Move | None, list[ContentProblem]]:
    data = read_yaml(path)
    data.pop("$schema", None)
    return _validated(path, Move, data)


def read_move(path: Path) -> Move:
    """One move file as far as the schema can read it (a ContentError when it cannot): for an
    author's preview, before the text rules, the muscle ids and the ground are checked."""
    move, problems = _read_move(path)
    if move is None:
        raise ContentError(problems)
    return move


def load_move(path: Path, muscles: dict[str, Muscle]) -> Move:
    """One move file, validated, with every muscle id resolved against the catalogue and every
    pose's ground checked; one ContentError with every problem of the file."""
    move, problems = _read_move(path)
    if move is None:
        raise ContentError(problems)
    problems += [
        ContentProblem(
            path,
            f"muscles.{tier}[{i}].id",
            f"unknown muscle {use.id!r}; expected an id from moves/muscles.yaml"
            + _suggestion(use.id, muscles),
        )
        for tier in ("primary", "secondary")
        for i, use in enumerate(getattr(move.muscles, tier))
        if use.id not in muscles
    ]
    problems += [
        ContentProblem(path, f"steps[{i}].pose", problem)
        for i, step in enumerate(move.steps)
        if step.pose is not None
        for problem in ground_problems(step.pose)
    ]
    problems += head_below_heart_problems(path, move)
    if problems:
        raise ContentError(problems)
    return move


def head_below_heart_problems(path: Path, move: Move) -> list[ContentProblem]:
    """A move whose figure puts the head below the heart warns who should take care, in its
    caution (which every routine with the move shows too)."""
    low = next(
        (
            i
            for i, step in enumerate(move.steps)
            if step.pose is not None and head_below_heart(step.pose) > HEAD_BELOW_HEART
        ),
        None,
    )
    if low is None or (move.caution and "heart" in move.caution.lower()):
        return []
    return [
        ContentProblem(
            path,
            "caution",
            f"steps[{low}] puts the head below the heart; say so in the caution, and who "
            "should check first (high blood pressure, glaucoma or another eye-pressure "
            "condition, late pregnancy)",
        )
    ]


def _suggestion(unknown: str, muscles: dict[str, Muscle]) -> str:
    import difflib

    close = difflib.get_close_matches(unknown, list(muscles), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass(frozen=True, eq=False)
class Course:
    """Every move and muscle of the course. Compared and hashed by identity, so that work
    derived from one course (its review deck) can be cached against it.

    `unavailable` holds, by slug (the file name), the problems of each move file that could not
    be loaded; `problems` every problem found, for the strict check.
    """

    muscles: dict[str, Muscle]
    moves: dict[str, Move] = field(default_factory=dict)
    unavailable: dict[str, list[ContentProblem]] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)

    def move(self, slug: str) -> Move:
        """The move, or ContentError with its file's problems when it is broken."""
        if slug in self.moves:
            return self.moves[slug]
        if slug in self.unavailable:
            raise ContentError(self.unavailable[slug])
        known = ", ".join(sorted(self.moves)) or "none"
        raise UnknownMove(f"no move called {slug!r}; the course has: {known}")

    def why_unavailable(self, slug: str) -> str:
        """One line on a broken move: its file's first problem, and how many more there are."""
        first, *more = self.unavailable[slug]
        return f"{first}" + (f" (and {len(more)} more)" if more else "")

    def by_week(self) -> list[Move]:
        return sorted(self.moves.values(), key=lambda m: m.week)


def load_course(library: Path | None = None, muscles_file: Path = MUSCLES_FILE) -> Course:
    """The course as a running course shows it: every move that loads, and each broken move
    file with its problems. Raises ContentError only when no move can be shown at all (the
    muscle catalogue or the library folder is broken)."""
    library = library_dir() if library is None else library
    muscles = load_muscles(muscles_file)
    files, problems = move_files(library)
    loaded: dict[Path, Move] = {}
    by_file: dict[Path, list[ContentProblem]] = {path: [] for path in files}
    for path in files:
        misnamed = misnamed_problem(path)
        if misnamed is not None:
            by_file[path].append(misnamed)
            continue
        try:
            loaded[path] = load_move(path, muscles)
        except ContentError as exc:
            by_file[path].extend(exc.problems)
    every_slug = {path.stem for path in files}
    for problem_path, problem in cross_file_problems(loaded, every_slug):
        by_file[problem_path].append(problem)
    for found in by_file.values():
        problems.extend(found)
    moves = {move.slug: move for path, move in loaded.items() if not by_file[path]}
    unavailable = {path.stem: found for path, found in by_file.items() if found}
    unavailable = {slug: found for slug, found in unavailable.items() if slug not in moves}
    if not moves:
        raise ContentError(problems or [ContentProblem(library, "", "has no move that loads")])
    return Course(muscles=muscles, moves=moves, unavailable=unavailable, problems=problems)


def load_library(
    library: Path | None = None, muscles_file: Path = MUSCLES_FILE, myths_file: Path = MYTHS_FILE
) -> Course:
    """Load and check every content file the course reads; raise one ContentError that lists
    every problem at once."""
    problems: list[ContentProblem] = []
    try:
        read_myths(myths_file)
    except ContentError as exc:
        problems.extend(exc.problems)
    try:
        loaded = load_course(library, muscles_file)
    except ContentError as exc:
        raise ContentError(problems + exc.problems) from None
    problems.extend(loaded.problems)
    if problems:
        raise ContentError(problems)
    return loaded


@functools.cache
def course() -> Course:
    """The course content, parsed and validated once per process, from the library in use
    (`library_dir`). A broken move file leaves that one move unavailable (`Course.unavailable`).
    Validated once for all processes: later kernels read the result (moves.contentcache)."""
    library = library_dir()
    return remembered(lambda: load_course(library), [library, MUSCLES_FILE])
