"""The committed notebooks are exactly what the build writes from the content."""

from __future__ import annotations

import json
import re

import nbformat

from authoring.build import NOTEBOOK_DIR, md, planned_notebooks, stale_notebooks


def test_every_move_has_a_notebook_and_there_is_a_home(library):
    names = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb"))
    assert names, "no notebooks collected"
    assert "index.ipynb" in names
    assert {f"{slug}.ipynb" for slug in library.moves} <= set(names)


def test_committed_notebooks_are_up_to_date(library):
    assert stale_notebooks(library) == []


def test_a_changed_move_makes_its_notebook_stale(library, tmp_path):
    for path, nb in planned_notebooks(library, tmp_path).items():
        nbformat.write(nb, path)
    (tmp_path / "hamstring-kickbacks.ipynb").write_text(
        (NOTEBOOK_DIR / "hamstring-kickbacks.ipynb").read_text().replace("kick backs", "kickbacks")
    )
    problems = stale_notebooks(library, tmp_path)
    assert (
        "hamstring-kickbacks.ipynb: out of date with its YAML; run `move-course build`" in problems
    )


def test_a_move_notebook_says_it_prints_a_card(library, tmp_path):
    """The course page offers "Print this card" on the pages whose notebook says so; a move
    notebook without the mark is stale."""
    for path, nb in planned_notebooks(library, tmp_path).items():
        if path.stem in library.moves:
            assert nb.metadata["motw"] == {"printable": True}
        else:
            assert "motw" not in nb.metadata
        nbformat.write(nb, path)
    seed = tmp_path / "hamstring-kickbacks.ipynb"
    nb = nbformat.read(seed, as_version=4)
    del nb.metadata["motw"]
    nbformat.write(nb, seed)
    stale = "hamstring-kickbacks.ipynb: out of date with its YAML; run `move-course build`"
    assert stale in stale_notebooks(library, tmp_path)


def test_move_page_sections_come_in_the_fixed_order():
    nb = nbformat.read(NOTEBOOK_DIR / "hamstring-kickbacks.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in nb.cells)
    order = [
        "# Hamstring kick backs",
        "## Why do it",
        "## The muscles it works",
        "StepWalkthrough(",
        "## Quiz yourself",
        "Quiz(",
        "(index.ipynb)",
        "MoveCard(",  # the printable card, last: hidden on screen
    ]
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_stored_outputs_show_the_stable_widget_reprs():
    nb = json.loads((NOTEBOOK_DIR / "hamstring-kickbacks.ipynb").read_text())
    plain = ["".join(o["data"]["text/plain"]) for c in nb["cells"] for o in c.get("outputs", [])]
    assert plain == [
        "ProgressStore(key='move-of-the-week:progress')",
        "BodyMap(move='hamstring-kickbacks')",
        "StepWalkthrough(move='hamstring-kickbacks', step=1)",
        "Quiz(move='hamstring-kickbacks', questions=9)",
        "MoveCard(move='hamstring-kickbacks')",
    ]
    assert "widgets" not in nb["metadata"]


def test_markdown_escaping_neutralises_markup():
    assert md("a *b* <i>c</i> [d](e)") == r"a \*b\* \<i\>c\</i\> \[d\](e)"
    assert re.search(r"(?<!\\)[<*\[]", md("<script>alert(1)</script> ** [x]")) is None


def test_a_figure_note_sits_right_above_the_walkthrough(library):
    from authoring.build import move_notebook

    for slug in library.moves:
        move = library.move(slug)
        cells = move_notebook(move, library).cells
        walk = next(i for i, c in enumerate(cells) if "StepWalkthrough" in c.source)
        before = cells[walk - 1].source
        if move.figure_note:
            assert f"*About the figure:* {md(move.figure_note)}" in before, slug
        else:
            assert "About the figure" not in before, slug
    assert any(library.move(s).figure_note for s in library.moves), "no move has a figure note"


def test_a_move_page_links_its_easier_and_harder_steps(ladder_course):
    from authoring.build import move_notebook

    def text(slug):
        return "\n".join(
            c.source for c in move_notebook(ladder_course.move(slug), ladder_course).cells
        )

    middle = text("middle-step")
    assert (
        "Too hard? Try [First Step](first-step.ipynb) / "
        "Ready for more? Try [Last Step](last-step.ipynb)"
    ) in middle
    assert "Ready for more? Try [Middle Step](middle-step.ipynb)" in text("first-step")
    assert "Too hard?" not in text("first-step")
    assert "Too hard?" not in text("on-its-own") and "Ready for more?" not in text("on-its-own")
