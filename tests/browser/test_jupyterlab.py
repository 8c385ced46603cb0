"""The same widgets work in JupyterLab: open a move notebook, run all cells, step on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import serving
from playwright.sync_api import Page, expect


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("lab")
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


def test_run_all_in_jupyterlab_shows_working_widgets(page: Page, lab_url: str):
    page.goto(f"{lab_url}/lab/tree/notebooks/hamstring-kickbacks.ipynb")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook")
    expect(page.get_by_role("heading", name="Hamstring kick backs", level=1)).to_be_visible()
    page.locator(".jp-NotebookPanel").click()
    page.keyboard.press("Escape")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator('[data-command="runmenu:run-all"]').click()
    walk = page.locator(".motw-walk")
    expect(walk.locator(".motw-progress")).to_contain_text("Step 1 of 3", timeout=60_000)
    walk.get_by_role("button", name="Next").click()
    expect(walk.locator(".motw-progress")).to_contain_text("Step 2 of 3")
    quiz = page.locator(".motw-quiz")
    quiz.locator(".motw-option input").first.check()
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.locator(".motw-explanation")).not_to_be_empty()
