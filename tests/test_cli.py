"""`move-course` tells an author every problem at once, one line each."""

from __future__ import annotations

from moves.cli import main
from moves.loader import MUSCLES_FILE


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
