"""Read the YAML content, validate it, and hold it as one Course, parsed once per process."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from moves.errors import ContentError, ContentProblem, UnknownMove, problems_from_validation
from moves.pose import ground_problems
from moves.schema import Catalogue, Move, Muscle, text_fields

CONTENT_DIR = Path(__file__).parent
MUSCLES_FILE = CONTENT_DIR / "muscles.yaml"
LIBRARY_DIR = CONTENT_DIR / "library"


# libyaml's parser when PyYAML has it: parsing is most of the cost of loading the course.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):
    """A safe loader that refuses a key written twice (PyYAML would silently keep the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, Any] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} is written twice", mark
            )
        seen[key] = True
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> dict[str, Any]:
    """Parse one YAML file into a mapping, or raise ContentError naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError.single(path, "", f"cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ContentError.single(path, "", "is not UTF-8 text") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError.single(path, "", f"not valid YAML at {where}: {problem}") from None
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        raise ContentError.single(path, "", f"expected a mapping of field: value, got {got}")
    return data


def load_muscles(path: Path = MUSCLES_FILE) -> dict[str, Muscle]:
    """The muscle catalogue, by id."""
    try:
        catalogue = Catalogue.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise ContentError(problems_from_validation(path, exc)) from None
    return {m.id: m for m in catalogue.muscles}


def load_move(path: Path, muscles: dict[str, Muscle]) -> Move:
    """One move file, validated, with every muscle id resolved against the catalogue."""
    data = read_yaml(path)
    data.pop("$schema", None)
    placeholders = [
        ContentProblem(path, where, "still says TODO: replace it with the real content")
        for where, text in text_fields(data)
        if "TODO" in text
    ]
    try:
        move = Move.model_validate(data)
    except ValidationError as exc:
        raise ContentError(placeholders + problems_from_validation(path, exc)) from None
    problems = placeholders + [
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
    if problems:
        raise ContentError(problems)
    return move


def _suggestion(unknown: str, muscles: dict[str, Muscle]) -> str:
    import difflib

    close = difflib.get_close_matches(unknown, list(muscles), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass(frozen=True, eq=False)
class Course:
    """Every move and muscle of the course. Compared and hashed by identity, so that work
    derived from one course (its review deck) can be cached against it."""

    muscles: dict[str, Muscle]
    moves: dict[str, Move] = field(default_factory=dict)

    def move(self, slug: str) -> Move:
        try:
            return self.moves[slug]
        except KeyError:
            known = ", ".join(sorted(self.moves)) or "none"
            raise UnknownMove(f"no move called {slug!r}; the course has: {known}") from None

    def by_week(self) -> list[Move]:
        return sorted(self.moves.values(), key=lambda m: m.week)


def load_library(library: Path = LIBRARY_DIR, muscles_file: Path = MUSCLES_FILE) -> Course:
    """Load and check everything; raise one ContentError that lists every problem at once."""
    problems: list[ContentProblem] = []
    try:
        muscles = load_muscles(muscles_file)
    except ContentError as exc:
        raise ContentError(exc.problems) from None
    moves: dict[str, Move] = {}
    weeks: dict[Any, Path] = {}
    files = sorted(library.glob("*.yaml"))
    if not files:
        problems.append(ContentProblem(library, "", "has no move files (*.yaml)"))
    for path in files:
        try:
            move = load_move(path, muscles)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        if move.slug in moves:
            other = (
                f"{move.slug}.yaml" if (library / f"{move.slug}.yaml").exists() else "another file"
            )
            problems.append(
                ContentProblem(
                    path, "slug", f"duplicate slug {move.slug!r}, already used by {other}"
                )
            )
            continue
        if path.stem != move.slug:
            problems.append(
                ContentProblem(
                    path,
                    "slug",
                    f"expected {path.stem!r} to match the file name, got {move.slug!r}",
                )
            )
        if move.week in weeks:
            problems.append(
                ContentProblem(
                    path, "week", f"{move.week} is already the week of {weeks[move.week].name}"
                )
            )
        weeks[move.week] = path
        moves[move.slug] = move
    problems.extend(progression_problems(moves, library))
    if problems:
        raise ContentError(problems)
    return Course(muscles=muscles, moves=moves)


def progression_problems(moves: dict[str, Move], library: Path) -> list[ContentProblem]:
    """Each `easier`/`harder` names another move of the library, the two ends of a link agree
    (A.harder is B exactly when B.easier is A), and no ladder leads back to where it started."""
    problems: list[ContentProblem] = []
    opposite = {"easier": "harder", "harder": "easier"}
    for slug, move in moves.items():
        path = library / f"{slug}.yaml"
        for field_name, other_field in opposite.items():
            target = getattr(move, field_name)
            if target is None:
                continue
            if target == slug:
                problems.append(ContentProblem(path, field_name, "names the move itself"))
            elif target not in moves:
                known = ", ".join(sorted(moves))
                problems.append(
                    ContentProblem(
                        path, field_name, f"no move called {target!r} in the library: {known}"
                    )
                )
            elif getattr(moves[target], other_field) != slug:
                problems.append(
                    ContentProblem(
                        path,
                        field_name,
                        f"{target!r} should name {slug!r} as its {other_field!r} move too",
                    )
                )
    for slug in moves:
        seen = [slug]
        step = moves[slug].harder
        while step in moves and step not in seen:
            seen.append(step)
            step = moves[step].harder
        if step == slug and len(seen) > 1:
            ladder = " -> ".join([*seen, slug])
            problems.append(
                ContentProblem(
                    library / f"{slug}.yaml", "harder", f"the ladder is a loop: {ladder}"
                )
            )
    return problems


# An author can serve a draft library from elsewhere: MOTW_LIBRARY=path/to/library make start.
LIBRARY_ENV = "MOTW_LIBRARY"


@functools.cache
def course() -> Course:
    """The course content, parsed and validated once per process (from $MOTW_LIBRARY if set)."""
    return load_library(Path(os.environ.get(LIBRARY_ENV) or LIBRARY_DIR))
