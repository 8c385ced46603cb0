"""Read the course's routines from moves/routines/<slug>.yaml and check them all at once."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import ValidationError

from moves.errors import ContentError, ContentProblem, problems_from_validation
from moves.loader import Course, course, read_yaml
from moves.routines.checks import (
    duration_problems,
    library_problems,
    order_problems,
    safety_problems,
)
from moves.routines.schema import Routine

ROUTINES_DIR = Path(__file__).parent


def load_routine(path: Path, library: Course) -> Routine:
    """One routine file: valid, every move in the library, a sensible order and length."""
    try:
        routine = Routine.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise ContentError(problems_from_validation(path, exc)) from None
    problems = library_problems(routine, library, path)
    if not problems:  # order and length need every move to exist
        problems = [
            *order_problems(routine, library, path),
            *duration_problems(routine, library, path),
            *safety_problems(routine, library, path),
        ]
    if routine.slug in library.moves:
        problems.append(
            ContentProblem(
                path,
                "slug",
                f"{routine.slug!r} is already a move's slug; a routine needs a name of its own",
            )
        )
    if problems:
        raise ContentError(problems)
    return routine


def load_routines(library: Course, folder: Path = ROUTINES_DIR) -> dict[str, Routine]:
    """Every routine, by slug; one ContentError that lists every problem in every file."""
    problems: list[ContentProblem] = []
    routines: dict[str, Routine] = {}
    files = sorted(folder.glob("*.yaml"))
    if not files:
        problems.append(ContentProblem(folder, "", "has no routine files (*.yaml)"))
    loaded: list[tuple[Path, Routine]] = []
    for path in files:
        try:
            loaded.append((path, load_routine(path, library)))
        except ContentError as exc:
            problems.extend(exc.problems)
    used_by = {routine.slug: path for path, routine in loaded if path.stem == routine.slug}
    for path, routine in loaded:
        if path.stem == routine.slug:
            routines[routine.slug] = routine
        elif routine.slug in used_by:  # blame the copy, not the file it was copied from
            problems.append(
                ContentProblem(
                    path,
                    "slug",
                    f"duplicate slug {routine.slug!r}, already used by "
                    f"{used_by[routine.slug].name}; give this routine its own slug",
                )
            )
        else:
            problems.append(
                ContentProblem(
                    path,
                    "slug",
                    f"expected {path.stem!r} to match the file name, got {routine.slug!r}",
                )
            )
    if problems:
        raise ContentError(problems)
    return routines


@functools.cache
def routines() -> dict[str, Routine]:
    """The course's routines, parsed and checked once per process against course()."""
    return load_routines(course())
