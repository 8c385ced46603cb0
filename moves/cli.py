"""`move-course`: check the content and rebuild the notebooks from it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from moves.build import NOTEBOOK_DIR, build, stale_notebooks
from moves.errors import ContentError
from moves.loader import LIBRARY_DIR, MUSCLES_FILE, load_library


def _load(args: argparse.Namespace):
    return load_library(Path(args.library), Path(args.muscles))


def cmd_check(args: argparse.Namespace) -> int:
    course = _load(args)
    problems = [] if args.content_only else stale_notebooks(course, Path(args.notebooks))
    for problem in problems:
        print(f"{Path(args.notebooks).name}/{problem}", file=sys.stderr)
    if problems:
        return 1
    fresh = "" if args.content_only else ", notebooks up to date"
    print(f"ok: {len(course.moves)} moves, {len(course.muscles)} muscles{fresh}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    course = _load(args)
    unknown = set(args.slugs) - set(course.moves) - {"index"}
    if unknown:
        print(f"move-course: no move called {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    for path in build(course, Path(args.notebooks), only=set(args.slugs) or None):
        print(f"wrote {path.name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="move-course", description=__doc__)
    parser.add_argument("--library", default=str(LIBRARY_DIR), help="folder of move YAML files")
    parser.add_argument("--muscles", default=str(MUSCLES_FILE), help="the muscle catalogue")
    parser.add_argument("--notebooks", default=str(NOTEBOOK_DIR), help="where notebooks go")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every move; list every problem at once")
    check.add_argument("--content-only", action="store_true", help="skip comparing the notebooks")
    check.set_defaults(run=cmd_check)
    build_cmd = commands.add_parser("build", help="write and run the notebooks")
    build_cmd.add_argument("slugs", nargs="*", help="only these moves (default: all)")
    build_cmd.set_defaults(run=cmd_build)
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
