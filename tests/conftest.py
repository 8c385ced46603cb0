"""Fixtures shared by the model and widget tests."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from moves.loader import LIBRARY_DIR, Course, course

SEED_MOVE = LIBRARY_DIR / "hamstring-kickbacks.yaml"


@pytest.fixture(scope="session")
def library() -> Course:
    return course()


@pytest.fixture
def write_move(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a move file into a fresh library folder and return its path."""
    folder = tmp_path / "library"
    folder.mkdir()

    def write(name: str, text: str) -> Path:
        path = folder / f"{name}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def seed_text() -> str:
    return SEED_MOVE.read_text(encoding="utf-8")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A notebook run that collects nothing would pass silently: make it fail instead."""
    if config.getoption("nbval", default=False) and not any(
        item.path.suffix == ".ipynb" for item in items
    ):
        raise pytest.UsageError("--nbval is on but no notebook was collected")


@pytest.fixture
def ladder_course(write_move, seed_text: str) -> Course:
    """A small library: a three-step ladder (first -> middle -> last, only the last one with no
    floor) and a move of its own, each a copy of the seed move."""
    from moves.loader import MUSCLES_FILE, load_library

    moves = {
        "first-step": ("2026-11-23", "true", None, "middle-step"),
        "middle-step": ("2026-11-30", "true", "first-step", "last-step"),
        "last-step": ("2026-12-07", "false", "middle-step", None),
        "on-its-own": ("2026-12-14", "true", None, None),
    }
    for slug, (week, floor, easier, harder) in moves.items():
        links = "".join(f"{k}: {v}\n" for k, v in (("easier", easier), ("harder", harder)) if v)
        text = (
            seed_text.replace("slug: hamstring-kickbacks", f"slug: {slug}")
            .replace("title: Hamstring kick backs", f"title: {slug.replace('-', ' ').title()}")
            .replace("week: 2026-11-23", f"week: {week}")
            .replace("floor: true\n", f"floor: {floor}\n{links}")
        )
        path = write_move(slug, text)
    return load_library(path.parent, MUSCLES_FILE)
