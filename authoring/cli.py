"""`move-course`: check the content, rebuild the notebooks from it, preview a move's poses, and
print every move's card."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from authoring.build import (
    NOTEBOOK_DIR,
    README,
    build,
    readme_with_moves,
    stale_notebooks,
)
from authoring.preview import preview
from authoring.starter import starter_yaml
from moves.errors import ContentError
from moves.loader import (
    CONTENT_DIR,
    LIBRARY_DIR,
    LIBRARY_ENV,
    MUSCLES_FILE,
    MYTHS_FILE,
    library_dir,
    load_library,
    read_yaml,
)
from moves.names import SLUG_HINT, is_slug
from moves.pages import HOME, REVIEW, routine_page
from moves.routines.load import ROUTINES_DIR, load_routines
from moves.schema import json_schema

SCHEMA_FILE = CONTENT_DIR / "schema.json"
PREVIEW_DIR = CONTENT_DIR.parent / "build" / "poses"


def _load(args: argparse.Namespace):
    """Every content file, strictly: any problem in any file fails (the myths included)."""
    return load_library(Path(args.library), Path(args.muscles), Path(args.myths))


def _is_own_library(folder: str) -> bool:
    """True for the course's own library (whose moves the README lists)."""
    try:
        return Path(folder).samefile(LIBRARY_DIR)
    except OSError:
        return False


def cmd_check(args: argparse.Namespace) -> int:
    course = _load(args)
    routines = load_routines(course, Path(args.routines))
    problems = (
        []
        if args.content_only
        else [
            f"{Path(args.notebooks).name}/{p}"
            for p in stale_notebooks(course, Path(args.notebooks), routines)
        ]
    )
    readme = README.read_text(encoding="utf-8")
    if (
        _is_own_library(args.library)
        and not args.content_only
        and readme_with_moves(readme, course) != readme
    ):
        problems.append("README.md: the list of moves is out of date; run `move-course build`")
    if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text(encoding="utf-8") != json_schema():
        problems.append(
            "moves/schema.json: out of date with moves/schema.py; run `move-course build`"
        )
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    fresh = "" if args.content_only else ", notebooks up to date"
    print(
        f"ok: {len(course.moves)} moves, {len(course.muscles)} muscles, "
        f"{len(routines)} routines{fresh}"
    )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    course = _load(args)
    # The course's routines are made of the course's moves: a draft library builds without them.
    own = _is_own_library(args.library)
    routines = load_routines(course, Path(args.routines)) if own else {}
    pages = {*course.moves, HOME, REVIEW, *(routine_page(slug) for slug in routines)}
    unknown = set(args.slugs) - pages
    if unknown:
        print(
            f"move-course: no move called {', '.join(sorted(unknown))} (the other pages are "
            f"{HOME}, {REVIEW} and {routine_page('<slug>')} for each routine)",
            file=sys.stderr,
        )
        return 2
    SCHEMA_FILE.write_text(json_schema(), encoding="utf-8")
    if own:
        README.write_text(readme_with_moves(README.read_text(encoding="utf-8"), course))
    # The notebooks' kernels load the course themselves (moves.loader.course): from this library.
    kernels = {**os.environ, LIBRARY_ENV: str(Path(args.library).resolve())}
    for path in build(
        course, Path(args.notebooks), only=set(args.slugs) or None, routines=routines, env=kernels
    ):
        print(f"wrote {path.name}")
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    """Every step's pose figure on one page, for an author checking their angles. Works while
    the move does not yet pass `check`."""
    path = Path(args.library) / f"{args.slug}.yaml"
    if not path.is_file():
        print(
            f"move-course: no file {path}; `move-course new {args.slug}` writes one",
            file=sys.stderr,
        )
        return 2
    out = Path(args.out) if args.out else PREVIEW_DIR / f"{args.slug}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    print(f"wrote {preview(path, out)}: open it in a browser")
    return 0


def cmd_cards(args: argparse.Namespace) -> int:
    """Every move's card in one PDF, in week order, one page a move (authoring.cards)."""
    from authoring.cards import DEFAULT_OUT, RendererMissing, print_cards

    course = _load(args)
    out = Path(args.out) if args.out else DEFAULT_OUT
    try:
        printed = print_cards(course, out)
    except RendererMissing as exc:
        print(f"move-course: {exc}", file=sys.stderr)
        return 2
    for slug, over in printed.too_tall:
        print(
            f"moves/library/{slug}.yaml: its card is {over} mm too tall for one A4 page; "
            "shorten its steps, cues or caution",
            file=sys.stderr,
        )
    if printed.too_tall:
        print(f"wrote {printed.path}, but {len(printed.too_tall)} card(s) run onto a second page")
        return 1
    print(f"wrote {printed.path}: {printed.cards} cards, one A4 page each")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    slug = args.slug
    if not is_slug(slug):
        print(f"move-course: {slug!r} is not a slug: use {SLUG_HINT}", file=sys.stderr)
        return 2
    library = Path(args.library)
    path = library / f"{slug}.yaml"
    if path.exists():
        print(f"move-course: {path} already exists; edit it instead", file=sys.stderr)
        return 2
    weeks = set()
    for other in library.glob("*.yaml"):
        try:
            week = read_yaml(other).get("week")
        except ContentError:
            continue
        if isinstance(week, dt.date):
            weeks.add(week)
    path.write_text(starter_yaml(slug, weeks, dt.date.today()), encoding="utf-8")
    print(f"wrote {path}: replace every TODO, then run `move-course check`")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="move-course", description=__doc__)
    parser.add_argument(
        "--library",
        default=str(library_dir()),
        help=f"folder of move YAML files (default: ${LIBRARY_ENV} if set, else moves/library)",
    )
    parser.add_argument("--muscles", default=str(MUSCLES_FILE), help="the muscle catalogue")
    parser.add_argument("--myths", default=str(MYTHS_FILE), help="the myths of the quizzes")
    parser.add_argument("--routines", default=str(ROUTINES_DIR), help="folder of routines")
    parser.add_argument("--notebooks", default=str(NOTEBOOK_DIR), help="where notebooks go")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every move; list every problem at once")
    check.add_argument("--content-only", action="store_true", help="skip comparing the notebooks")
    check.set_defaults(run=cmd_check)
    build_cmd = commands.add_parser("build", help="write and run the notebooks")
    build_cmd.add_argument(
        "slugs", nargs="*", help="only these pages: move slugs, index, review, routine-<slug>"
    )
    build_cmd.set_defaults(run=cmd_build)
    new = commands.add_parser("new", help="write a starting YAML for a new move")
    new.add_argument("slug", help="the new move's slug, e.g. side-lunge")
    new.set_defaults(run=cmd_new)
    preview = commands.add_parser("preview", help="draw every step's pose on one HTML page")
    preview.add_argument("slug", help="the move to draw, e.g. side-lunge")
    preview.add_argument("--out", help=f"where the page goes (default: {PREVIEW_DIR}/SLUG.html)")
    preview.set_defaults(run=cmd_preview)
    cards = commands.add_parser(
        "cards", help="print every move's card into one PDF, in week order (needs Playwright)"
    )
    cards.add_argument("--out", help="where the PDF goes (default: build/cards.pdf)")
    cards.set_defaults(run=cmd_cards)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
