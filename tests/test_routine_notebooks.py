"""Each routine has a notebook, built like the move notebooks and checked for staleness."""

from __future__ import annotations

import json

import nbformat

from authoring.build import NOTEBOOK_DIR, planned_notebooks, stale_notebooks
from authoring.cli import main
from authoring.routine_article import routine_markdown
from moves.pages import ROUTINE_PREFIX
from moves.routines.load import routines


def test_every_routine_has_a_committed_notebook_with_its_player(library):
    slugs = sorted(routines())
    assert slugs, "no routines collected"
    for slug in slugs:
        path = NOTEBOOK_DIR / f"{ROUTINE_PREFIX}{slug}.ipynb"
        nb = json.loads(path.read_text())
        assert "".join(nb["cells"][0]["source"]) == routine_markdown(routines()[slug], library)
        plain = [
            "".join(o["data"]["text/plain"]) for c in nb["cells"] for o in c.get("outputs", [])
        ]
        assert plain[0] == "ProgressStore(key='move-of-the-week:progress')"
        assert plain[1].startswith(f"RoutinePlayer(routine='{slug}', total=")
        assert "widgets" not in nb["metadata"]


def test_a_changed_routine_makes_its_notebook_stale(library, tmp_path):
    for path, nb in planned_notebooks(library, tmp_path).items():
        nbformat.write(nb, path)
    changed = dict(routines())
    changed["desk-break"] = changed["desk-break"].model_copy(update={"title": "Desk break!"})
    stale = [p for p in stale_notebooks(library, tmp_path, changed) if "no stored outputs" not in p]
    assert stale == [
        f"{ROUTINE_PREFIX}desk-break.ipynb: out of date with its YAML; run `move-course build`"
    ]
    (tmp_path / f"{ROUTINE_PREFIX}desk-break.ipynb").unlink()
    assert f"{ROUTINE_PREFIX}desk-break.ipynb: missing; run `move-course build`" in (
        stale_notebooks(library, tmp_path)
    )


def test_build_names_routine_pages_and_refuses_unknown_ones(capsys):
    assert main(["build", "routine-no-such-routine"]) == 2
    error = capsys.readouterr().err
    assert "no move called routine-no-such-routine" in error and "routine-<slug>" in error
