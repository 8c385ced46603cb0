"""`move-course cards`: one PDF of every move's card, in week order, one A4 page a move, printed
by Chromium from static HTML (no server, no kernel)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pdf import read_pdf

import authoring.cards
from authoring.cli import main
from moves.loader import MUSCLES_FILE, course


def cards(*args: str) -> int:
    """`move-course ... cards ...`, in a thread of its own: Playwright's sync API, which the
    command uses, will not start in a thread where the browser tests' own one is running."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(main, list(args)).result()


def test_cards_prints_every_move_on_a_page_of_its_own_in_week_order(tmp_path, capsys):
    out = tmp_path / "season" / "cards.pdf"
    assert cards("cards", "--out", str(out)) == 0
    moves = list(course().by_week())
    assert f"{len(moves)} cards, one A4 page each" in capsys.readouterr().out
    pages = read_pdf(out.read_bytes())
    assert len(pages) == len(moves)
    assert all(page.is_a4() for page in pages)
    for move, printed in zip(moves, pages, strict=True):
        assert printed.text.startswith(move.title), (move.slug, printed.text[:80])
        assert printed.holds(move.steps[0].text), move.slug


def test_a_card_that_does_not_fit_is_named(write_move, seed_text, tmp_path, capsys, monkeypatch):
    library = write_move("hamstring-kickbacks", seed_text).parent
    monkeypatch.setattr(authoring.cards, "PAGE_HEIGHT_PX", 200)  # a page a fifth as tall
    out = tmp_path / "cards.pdf"
    args = ["--library", str(library), "--muscles", str(MUSCLES_FILE)]
    code = cards(*args, "cards", "--out", str(out))
    captured = capsys.readouterr()
    assert code == 1
    assert "hamstring-kickbacks.yaml: its card is" in captured.err
    assert "too tall for one A4 page" in captured.err
    assert out.exists()


def test_without_playwright_cards_says_what_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "playwright.sync_api", None)
    assert cards("cards", "--out", str(tmp_path / "cards.pdf")) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "needs Playwright" in line and "pip install -e '.[test]'" in line
    assert not (tmp_path / "cards.pdf").exists()


def test_without_a_browser_cards_says_what_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(authoring.cards, "chromium_path", lambda: str(tmp_path / "no-chromium"))
    assert cards("cards", "--out", str(tmp_path / "cards.pdf")) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "needs Chromium" in line and "playwright install chromium" in line


def test_short_cards_still_print_one_to_a_page(ladder_course, tmp_path, monkeypatch):
    """Cards short enough to share a page (here without their steps and details) still start
    a page each: the page break is the stylesheet's, not a side effect of long cards."""
    import re

    from widgets.card import move_card_html

    def short_card(move, source):
        card = move_card_html(move, source)
        return re.sub(r'<ol class="motw-printcard-steps">.*?</ol>|<dl .*?</dl>', "", card)

    monkeypatch.setattr(authoring.cards, "move_card_html", short_card)
    out = tmp_path / "cards.pdf"
    with ThreadPoolExecutor(1) as pool:
        printed = pool.submit(authoring.cards.print_cards, ladder_course, out).result()
    assert printed.cards == len(ladder_course.moves) == 4 and printed.too_tall == []
    pages = read_pdf(out.read_bytes())
    assert [p.text.split(" A kneeling")[0] for p in pages] == [
        m.title for m in ladder_course.by_week()
    ]
