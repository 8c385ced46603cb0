"""`move-course cards`: every move's printable card in one PDF, in week order, one A4 page a
move, for a coach who prints the season.

The cards are the ones a move page prints (widgets.card, with the page's print stylesheet),
laid out from static HTML, no kernel or server, and printed by headless Chromium through
Playwright (the `test` extra). The PDF is Chromium's; nothing here draws one.
"""

from __future__ import annotations

import html
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from moves.loader import Course
from widgets.card import move_card_html

ROOT = Path(__file__).resolve().parent.parent
PRINT_CSS = ROOT / "server" / "share" / "voila" / "templates" / "motw" / "static" / "print.css"
DEFAULT_OUT = ROOT / "build" / "cards.pdf"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]

# The printable area of an A4 page inside print.css's 12 mm margins, in CSS pixels (96 per
# inch): a card taller than this would run onto a second page.
MM = 96 / 25.4
PAGE_WIDTH_PX = round((210 - 2 * 12) * MM)
PAGE_HEIGHT_PX = round((297 - 2 * 12) * MM)

INSTALL_PLAYWRIGHT = "pip install -e '.[test]'"
INSTALL_CHROMIUM = "apt-get install chromium, or .venv/bin/python -m playwright install chromium"


class RendererMissing(RuntimeError):
    """Playwright or a Chromium for it is not installed: the message says what to install."""


@dataclass(frozen=True)
class CardsPrinted:
    path: Path
    cards: int
    too_tall: list[tuple[str, float]]  # (slug, how many mm over one page) for cards that are


def chromium_path() -> str | None:
    """Debian's Chromium when present (or $MOTW_CHROMIUM); otherwise Playwright's own (None)."""
    for candidate in (
        os.environ.get("MOTW_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def cards_document(course: Course) -> str:
    """One HTML page holding every move's card, in week order, with the print stylesheet."""
    cards = "\n".join(move_card_html(move, course) for move in course.by_week())
    style = PRINT_CSS.read_text(encoding="utf-8")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape('Move of the Week: every move on a card')}</title>"
        f"<style>{style}</style></head>\n<body>\n{cards}\n</body></html>\n"
    )


# Each card's height as laid out for print at the printable width (see PAGE_*_PX).
_MEASURE = """() => Array.from(document.querySelectorAll(".motw-printcard"),
    (card) => [card.dataset.move, card.getBoundingClientRect().height])"""


def print_cards(course: Course, out: Path = DEFAULT_OUT) -> CardsPrinted:
    """Write the PDF of every card to `out`; say which cards do not fit one page."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise RendererMissing(
            f"move-course cards needs Playwright, which is not installed: {INSTALL_PLAYWRIGHT}"
        ) from None
    document = cards_document(course)
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
        except Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise RendererMissing(
                f"move-course cards needs Chromium, which did not start ({first}): "
                f"{INSTALL_CHROMIUM}"
            ) from None
        try:
            page = browser.new_page(viewport={"width": PAGE_WIDTH_PX, "height": PAGE_HEIGHT_PX})
            # Nothing may load from anywhere: the cards are self-contained.
            page.route("**/*", lambda route: route.abort())
            page.set_content(document, wait_until="load")
            page.emulate_media(media="print")
            heights = page.evaluate(_MEASURE)
            page.pdf(path=str(out), format="A4", prefer_css_page_size=True)
        finally:
            browser.close()
    too_tall = [
        (slug, round((height - PAGE_HEIGHT_PX) / MM, 1))
        for slug, height in heights
        if height > PAGE_HEIGHT_PX
    ]
    return CardsPrinted(out, len(heights), too_tall)
