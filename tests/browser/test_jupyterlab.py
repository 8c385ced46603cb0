"""The same widgets work in JupyterLab: open a notebook, run all cells, use what it shows.

JupyterLab binds keys of its own in a notebook (in command mode the arrows move between cells
and headings); the routine player's keys must act only while the player has focus, and then
JupyterLab must not act on them too."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serving
from playwright.sync_api import Locator, Page, expect

from moves.durations import duration_text
from moves.loader import course
from moves.routines.load import routines
from moves.routines.plan import plan_routine
from moves.routines.schema import CustomRoutine

# JupyterLab's own settings for the test: never save a notebook by itself (the tests run the
# repository's notebooks, which a run must not rewrite), and never ask about news (the toast
# covers the page's corner).
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false"},
}
RUN_ALL_TIMEOUT = 60_000  # a cold kernel imports the course on a busy machine
ACTIVE_CELL = re.compile(r"\bjp-mod-active\b")


def write_lab_settings(settings_dir: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        package, name = plugin.rsplit("/", 1)
        path = settings_dir / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("lab")
    write_lab_settings(home / "settings")
    args = [
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--allow-root",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
    ]
    with serving(args, "/lab", home / "lab.log") as url:
        yield url


def run_all(page: Page, lab_url: str, notebook: str) -> None:
    """Open notebooks/<notebook> in JupyterLab and run all its cells from the Run menu. `reset`
    starts from an empty workspace: the server remembers the tabs an earlier test opened."""
    page.goto(f"{lab_url}/lab/tree/notebooks/{notebook}?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook")
    page.locator(".jp-NotebookPanel").click()
    page.keyboard.press("Escape")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator('[data-command="runmenu:run-all"]').click()


def focus_is_in(locator: Locator) -> bool:
    return locator.evaluate("e => e.contains(document.activeElement)")


def active_cell(page: Page) -> int:
    """Which cell JupyterLab has selected (its command-mode keys move it)."""
    return page.locator(".jp-Notebook .jp-Cell").evaluate_all(
        "cells => cells.findIndex(c => c.classList.contains('jp-mod-active'))"
    )


def test_run_all_in_jupyterlab_shows_working_widgets(page: Page, lab_url: str):
    run_all(page, lab_url, "hamstring-kickbacks.ipynb")
    expect(page.get_by_role("heading", name="Hamstring kick backs", level=1)).to_be_visible()
    walk = page.locator(".motw-walk")
    expect(walk.locator(".motw-progress")).to_contain_text("Step 1 of 3", timeout=RUN_ALL_TIMEOUT)
    walk.get_by_role("button", name="Next").click()
    expect(walk.locator(".motw-progress")).to_contain_text("Step 2 of 3")
    quiz = page.locator(".motw-quiz")
    quiz.locator(".motw-option input").first.check()
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.locator(".motw-explanation")).not_to_be_empty()


def test_routine_player_plays_in_jupyterlab_and_keeps_to_its_own_keys(page: Page, lab_url: str):
    segments = plan_routine(routines()["desk-break"], course()).segments
    run_all(page, lab_url, "routine-desk-break.ipynb")
    player = page.locator(".motw-player")
    expect(player).to_be_visible(timeout=RUN_ALL_TIMEOUT)
    expect(player.locator(".motw-player-title")).to_have_text("Desk break")
    expect(player.locator(".motw-player-move")).to_have_text(segments[0].title)
    # Its styles reached JupyterLab: the countdown is read from a mat.
    size = player.locator(".motw-player-count").evaluate("e => getComputedStyle(e).fontSize")
    assert float(size.removesuffix("px")) >= 64

    # Faked only now: JupyterLab does not run cells under a fake clock from its start.
    page.clock.install()
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # Python's clock takes seconds
    player.get_by_role("button", name="Play", exact=True).click()
    expect(player).to_have_attribute("data-state", "playing")
    page.clock.run_for(segments[1].start * 1000 + 2000)
    expect(player.locator(".motw-player-move")).to_have_text(segments[1].title)
    expect(player.locator(".motw-player-count")).to_have_text(f"0:{segments[1].seconds - 2:02d}")
    page.clock.resume()  # JupyterLab draws on timers of its own

    # The learner pressed Play, so the player has focus: its keys are its own, not JupyterLab's.
    assert focus_is_in(player)
    cell = active_cell(page)
    page.keyboard.press("Space")
    expect(player).to_have_attribute("data-state", "paused")
    page.keyboard.press("ArrowRight")
    expect(player).to_have_attribute("data-segment", "2")
    expect(player).to_have_attribute("data-kind", segments[2].kind)
    page.keyboard.press("ArrowLeft")
    expect(player).to_have_attribute("data-segment", "1")
    assert focus_is_in(player) and active_cell(page) == cell

    # Focus on the notebook, on the cell that holds the player: the keys are JupyterLab's.
    page.get_by_role("heading", name="Follow along").click()
    page.keyboard.press("Escape")
    before = active_cell(page)
    page.keyboard.press("ArrowDown")
    expect(page.locator(".jp-Notebook .jp-Cell").nth(before + 1)).to_have_class(ACTIVE_CELL)
    assert not focus_is_in(player)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert player.get_attribute("data-state") == "paused"
    assert player.get_attribute("data-segment") == "1"

    # A press of Skip works too, and the keys still act once the player has focus again.
    player.get_by_role("button", name="Skip").click()
    expect(player).to_have_attribute("data-segment", "2")
    page.keyboard.press("Space")
    expect(player).to_have_attribute("data-state", "playing")
    # A click anywhere on the player gives it focus (JupyterLab does not take it to the cell).
    player.locator(".motw-player-count").click()
    expect(player).to_be_focused()
    page.keyboard.press("Space")
    expect(player).to_have_attribute("data-state", "paused")


def test_routine_builder_in_jupyterlab_adds_moves_shows_the_total_and_plays(
    page: Page, lab_url: str
):
    run_all(page, lab_url, "index.ipynb")
    builder = page.locator(".motw-builder")
    expect(builder.locator(".motw-pick li").first).to_be_visible(timeout=RUN_ALL_TIMEOUT)
    builder.get_by_role("button", name="Add Glute bridge").click()
    builder.get_by_role("button", name="Add Hamstring kick backs").click()
    expected = CustomRoutine.model_validate(
        {
            "title": "My routine",
            "items": [{"move": "glute-bridge"}, {"move": "hamstring-kickbacks"}],
        }
    )
    total = duration_text(plan_routine(expected, course()).total_seconds)
    expect(builder.locator(".motw-total")).to_contain_text(f"Total: {total} for 2 moves")
    builder.get_by_role("button", name="Play", exact=True).click()
    player = page.locator(".motw-player")
    expect(player).to_be_visible()
    expect(player.locator(".motw-player-move")).to_have_text("Glute bridge")
    # The player takes focus, so Space starts it at once, as its notice says.
    expect(player).to_be_focused()
    page.keyboard.press("Space")
    expect(player).to_have_attribute("data-state", "playing")
