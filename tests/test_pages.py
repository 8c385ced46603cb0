"""Where the pages are: one rule (moves.pages) that names the notebooks the builder writes and
gives the views the addresses they link to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from authoring.build import planned_notebooks
from moves import pages
from moves.routines.load import load_routines
from widgets import CourseHome, MuscleIndex, ProgressStore, RoutineShelf

FOLDER = Path("notebooks")


def test_a_page_s_address_is_its_notebook():
    assert pages.move_address("plank") == "plank.ipynb"
    assert pages.routine_address("desk-break") == "routine-desk-break.ipynb"
    assert pages.page_address(pages.HOME) == "index.ipynb"


def links_from_the_views(library) -> set[str]:
    store = ProgressStore()
    home = CourseHome(today=dt.date(2026, 12, 2), source=library, store=store)
    shelf = RoutineShelf(source=library, store=store)
    index = MuscleIndex(source=library, store=store)
    index.set_state({"choice": "group:hamstrings"})
    return (
        {card["url"] for card in home.cards}
        | {rung["url"] for card in home.cards for rung in card["ladder"]}
        | {card["url"] for card in shelf.routines}
        | {link["url"] for link in index.result["primary"] + index.result["secondary"]}
    )


def written_pages(library) -> set[str]:
    routines = load_routines(library)
    return {path.name for path in planned_notebooks(library, FOLDER, routines)}


def test_every_address_a_view_links_to_is_a_page_the_build_writes(library):
    links = links_from_the_views(library)
    assert any(link.startswith("routine-") for link in links)
    assert any(rung.startswith("plank") for rung in links)
    assert links <= written_pages(library)


def test_a_change_to_the_rule_moves_the_pages_and_the_links_together(
    library, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(pages, "page_address", lambda name: f"{name}/page.ipynb")
    links = links_from_the_views(library)
    assert "plank/page.ipynb" in links and "routine-desk-break/page.ipynb" in links
    written = {
        str(path.relative_to(FOLDER))
        for path in planned_notebooks(library, FOLDER, load_routines(library))
    }
    assert links <= written
