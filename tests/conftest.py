"""Fixtures shared by the model and widget tests."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from moves.loader import LIBRARY_DIR, Course, course

SEED_MOVE = LIBRARY_DIR / "hamstring-kickbacks.yaml"


@pytest.fixture(scope="session")
def library() -> Course:
    return course()


@pytest.fixture(autouse=True)
def own_learner(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test is a new learner: `shared_store()`, the store every widget records progress
    in by default, starts empty, so no test sees what another one answered."""
    progress = sys.modules.get("widgets.progress")  # not imported: nothing shared yet
    if progress is not None:
        monkeypatch.setattr(progress, "_shared", None)


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
