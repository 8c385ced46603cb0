"""Broken content on a running course: a short notice where the widget would be, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from IPython.core.interactiveshell import InteractiveShell

from moves.errors import ContentError, ContentProblem, UnknownMove
from moves.loader import course, load_course
from widgets.errors import (
    ContentNotice,
    UnavailableMoves,
    show_content_errors,
    show_unavailable_moves,
)


def test_the_notice_lists_each_problem_escaped():
    error = ContentError(
        [
            ContentProblem(Path("moves/library/x.yaml"), "title", "expected text, got <script>"),
            ContentProblem(Path("moves/library/y.yaml"), "", "line 3, column 1: bad indent"),
        ]
    )
    notice = ContentNotice(error)
    page = notice._repr_html_()
    assert 'role="alert"' in page
    assert "<code>moves/library/x.yaml: title: expected text, got &lt;script&gt;</code>" in page
    assert "<script>" not in page
    assert repr(notice).splitlines()[1:] == [
        "moves/library/x.yaml: title: expected text, got <script>",
        "moves/library/y.yaml: line 3, column 1: bad indent",
    ]


def test_an_unknown_move_names_the_moves_there_are():
    with pytest.raises(UnknownMove) as caught:
        course().move("handstand")
    assert str(caught.value).startswith("no move called 'handstand'; the course has: ")
    assert isinstance(caught.value, KeyError)


@pytest.fixture
def shell():
    shell = InteractiveShell.instance()
    yield shell
    shell.set_custom_exc((), None)
    InteractiveShell.clear_instance()


def test_a_cell_that_meets_broken_content_shows_the_notice_once(shell, capsys):
    show_content_errors(shell)
    raise_it = "raise ContentError([ContentProblem('a.yaml', 'week', 'expected a Monday')])"
    shell.run_cell("from moves.errors import ContentError, ContentProblem\n" + raise_it)
    first = capsys.readouterr().out
    assert "This part of the course cannot be shown" in first
    assert "a.yaml: week: expected a Monday" in first
    assert "Traceback" not in first
    shell.run_cell(raise_it)
    assert capsys.readouterr().out == ""  # the same problem is not repeated cell after cell
    shell.run_cell("1/0")
    assert "ZeroDivisionError" in capsys.readouterr().out  # other errors are left alone


def _course_with_a_broken_move(write_move, seed_text):
    write_move("hamstring-kickbacks", seed_text)
    broken = write_move("zz-broken", "title: <b>x</b>\n")
    return load_course(broken.parent), broken


def test_the_home_notice_lists_each_broken_move_with_its_reason(write_move, seed_text):
    source, broken = _course_with_a_broken_move(write_move, seed_text)
    notice = UnavailableMoves(source)
    assert notice.lines == [("zz-broken", source.why_unavailable("zz-broken"))]
    assert source.why_unavailable("zz-broken").startswith(f"{broken.as_posix()}: title: ")
    page = notice._repr_html_()
    assert 'role="status"' in page and "<strong>zz-broken</strong>" in page
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_the_notice_is_shown_in_a_kernel_only_when_a_move_is_broken(
    shell, capsys, write_move, seed_text
):
    source, _ = _course_with_a_broken_move(write_move, seed_text)
    show_unavailable_moves(course())  # the course's own library: nothing is broken
    assert capsys.readouterr().out == ""
    show_unavailable_moves(source)
    out = capsys.readouterr().out
    assert out.startswith("Unavailable for now: the content of these moves has a problem.")
    assert "zz-broken: " in out
