"""`move-course` tells an author every problem at once, one line each."""

from __future__ import annotations

from authoring.cli import main
from moves.loader import LIBRARY_ENV, MUSCLES_FILE


def test_check_passes_on_the_course(capsys):
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_check_lists_every_problem(write_move, seed_text, capsys, tmp_path):
    write_move("hamstring-kickbacks", seed_text.replace("reps: 5", "reps: many"))
    broken = write_move("zz-broken", "slug: zz-broken\n")
    code = main(["--library", str(broken.parent), "--muscles", str(MUSCLES_FILE), "check"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert any(
        line.endswith("steps[2].reps: expected a positive number, got 'many'") for line in err
    )
    assert sum("zz-broken.yaml: " in line and "required but missing" in line for line in err) > 5
    assert err[-1].endswith("problems found.")


def test_build_refuses_an_unknown_slug(capsys):
    assert main(["build", "no-such-move"]) == 2
    assert "no move called no-such-move" in capsys.readouterr().err


def test_new_writes_a_starter_that_check_explains(tmp_path, capsys):
    library = tmp_path / "library"
    library.mkdir()
    args = ["--library", str(library), "--muscles", str(MUSCLES_FILE)]
    assert main([*args, "new", "side-lunge"]) == 0
    text = (library / "side-lunge.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema.json")
    assert all("#" in line for line in text.splitlines() if line.startswith(("kind:", "week:")))
    capsys.readouterr()
    assert main([*args, "check", "--content-only"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "side-lunge.yaml: title: still says TODO: replace it with the real content" in err[0]
    assert any("unknown muscle 'todo-muscle-id'" in line for line in err)
    assert main([*args, "new", "side-lunge"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main([*args, "new", "Side Lunge"]) == 2


def test_new_takes_the_first_free_monday(tmp_path, capsys):
    import datetime as dt

    from authoring.starter import starter_yaml

    taken = {dt.date(2026, 11, 23), dt.date(2026, 11, 30)}
    assert "week: 2026-12-07" in starter_yaml("x", taken, dt.date(2026, 11, 25))
    assert "week: 2026-11-30" in starter_yaml("x", set(), dt.date(2026, 11, 25))


def test_schema_json_is_current():
    from authoring.cli import SCHEMA_FILE
    from moves.schema import json_schema

    assert SCHEMA_FILE.read_text() == json_schema()


def test_check_reads_the_library_the_course_serves(write_move, seed_text, capsys, monkeypatch):
    broken = write_move("hamstring-kickbacks", seed_text.replace("week: 2026-11-23", "week: x"))
    monkeypatch.setenv(LIBRARY_ENV, str(broken.parent))
    assert main(["check", "--content-only"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{broken.as_posix()}: week: expected a date written YYYY-MM-DD, got 'x'"


def test_check_reads_the_myths(tmp_path, capsys):
    myths = tmp_path / "myths.yaml"
    myths.write_text("myths: [{claim: '<b>x</b>', truth: y}]\n", encoding="utf-8")
    assert main(["--myths", str(myths), "check", "--content-only"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == [
        f"{myths.as_posix()}: myths[0].claim: expected plain text, found HTML, a link or a web "
        "address: '<b>x</b>'",
        f"{myths.as_posix()}: myths: expected at least 3 items, got 1",
    ]


def test_check_fails_on_a_broken_move_the_running_course_would_hide(write_move, seed_text, capsys):
    write_move("hamstring-kickbacks", seed_text)
    broken = write_move("zz-broken", "slug: [\n")
    assert main(["--library", str(broken.parent), "check", "--content-only"]) == 1
    assert "zz-broken.yaml: not valid YAML at line 2" in capsys.readouterr().err


def test_build_runs_the_notebooks_on_the_library_it_was_given(write_move, seed_text, tmp_path):
    """The kernels that run the cells load the course themselves: from the same library."""
    import nbformat

    draft = seed_text.replace("slug: hamstring-kickbacks", "slug: draft-kickbacks")
    library = write_move("draft-kickbacks", draft).parent
    notebooks = tmp_path / "notebooks"
    assert (
        main(["--library", str(library), "--notebooks", str(notebooks), "build", "draft-kickbacks"])
        == 0
    )
    nb = nbformat.read(notebooks / "draft-kickbacks.ipynb", as_version=4)
    shown = [o["data"]["text/plain"] for c in nb.cells for o in c.get("outputs", []) if "data" in o]
    assert "StepWalkthrough(move='draft-kickbacks', step=1)" in shown
    assert not any("cannot be shown" in text for text in shown)


def test_preview_draws_every_pose_of_a_move(tmp_path, capsys):
    out = tmp_path / "poses.html"
    assert main(["preview", "hamstring-kickbacks", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}: open it in a browser\n"
    page = out.read_text()
    assert page.count("<figure>") == 6 and page.count("(mirrored)") == 3  # 3 steps, both legs
    assert main(["preview", "side-lunge"]) == 2
    assert "no file" in capsys.readouterr().err
