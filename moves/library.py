"""The library folder as a whole: which files are move files, and the rules that span files
(one file per slug, one move per week, progression links that agree and never loop)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from moves.contentfile import is_misnamed_yaml
from moves.errors import ContentProblem
from moves.schema import Move


def move_files(library: Path) -> tuple[list[Path], list[ContentProblem]]:
    """The files of the library that look like YAML, by name (misnamed ones included, for
    `misnamed_problem` to name), and the problems of the folder itself."""
    try:
        names = sorted(entry.name for entry in os.scandir(library))
    except OSError as exc:
        return [], [ContentProblem(library, "", f"cannot be read as a folder ({exc.strerror})")]
    files = [
        library / name
        for name in names
        if not name.startswith(".") and (name.endswith(".yaml") or is_misnamed_yaml(name))
    ]
    if not files:
        return [], [ContentProblem(library, "", "has no move files (*.yaml)")]
    return files, []


def misnamed_problem(path: Path) -> ContentProblem | None:
    """`.yml` or `.YAML` files are not read, on purpose (one spelling, one glob): say so."""
    if not is_misnamed_yaml(path.name):
        return None
    return ContentProblem(
        path, "", f"is not read: move files end in .yaml; rename it to {path.stem}.yaml"
    )


def cross_file_problems(
    loaded: dict[Path, Move], every_slug: set[str]
) -> list[tuple[Path, ContentProblem]]:
    """The problems between files, each on the file to fix: the copy, not the original; the
    later of two moves in one week. `every_slug` names every move file, broken ones too."""
    problems: list[tuple[Path, ContentProblem]] = []
    owners = {move.slug: path for path, move in loaded.items() if path.stem == move.slug}
    named: dict[Path, Move] = {}
    for path, move in loaded.items():
        if path.stem == move.slug:
            named[path] = move
            continue
        original = owners.get(move.slug)
        message = (
            f"duplicate slug {move.slug!r}, already used by {original.name}"
            if original is not None
            else f"expected {path.stem!r} to match the file name, got {move.slug!r}"
        )
        problems.append((path, ContentProblem(path, "slug", message)))
    weeks: dict[dt.date, Path] = {}
    for path, move in named.items():
        if move.week in weeks:
            message = f"{move.week} is already the week of {weeks[move.week].name}"
            problems.append((path, ContentProblem(path, "week", message)))
        else:
            weeks[move.week] = path
    problems += progression_problems(named, every_slug)
    return problems


def progression_problems(
    named: dict[Path, Move], every_slug: set[str]
) -> list[tuple[Path, ContentProblem]]:
    """Each `easier`/`harder` names another move of the library; a `harder` link is answered
    by the move it names (A.harder is B only when B.easier is A); and no ladder leads back to
    where it started, going up or going down. An `easier` link need not be answered: several
    moves may step down to the same easier move (the glute bridge is one step down from both
    the single-leg bridge and the bridge walk-out), while the easier move steps up to one of
    them. A link to a broken move file is left to that file's own problems."""
    moves = {move.slug: move for move in named.values()}
    paths = {move.slug: path for path, move in named.items()}
    problems: list[tuple[Path, ContentProblem]] = []
    for slug, move in moves.items():
        path = paths[slug]
        for field_name in ("easier", "harder"):
            target = getattr(move, field_name)
            if target is None:
                continue
            message = None
            if target == slug:
                message = "names the move itself"
            elif target not in every_slug:
                message = f"no move called {target!r} in the library: {', '.join(sorted(moves))}"
            elif field_name == "harder" and target in moves and moves[target].easier != slug:
                message = f"{target!r} should name {slug!r} as its 'easier' move too"
            if message:
                problems.append((path, ContentProblem(path, field_name, message)))
    for field_name in ("harder", "easier"):
        for slug in moves:
            seen = [slug]
            step = getattr(moves[slug], field_name)
            while step in moves and step not in seen:
                seen.append(step)
                step = getattr(moves[step], field_name)
            if step == slug and len(seen) > 1:
                ladder = " -> ".join([*seen, slug])
                loop = ContentProblem(paths[slug], field_name, f"the ladder is a loop: {ladder}")
                problems.append((paths[slug], loop))
    return problems
