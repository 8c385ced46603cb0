"""Fixtures shared by the model and widget tests."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from moves.loader import LIBRARY_DIR, Course, course, load_library

SEED_MOVE = LIBRARY_DIR / "hamstring-kickbacks.yaml"


@pytest.fixture(scope="session")
def library() -> Course:
    """The course as the widgets read it, after the strict load: a problem in any content
    file fails every test that uses the course (the running course would hide the move)."""
    load_library()
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
