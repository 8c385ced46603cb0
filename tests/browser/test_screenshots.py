"""Screenshots of what a learner sees, written to build/screenshots/ (never to docs/).

`make docs` copies them to docs/ for the README. With MOTW_COMPARE_DOCS=1 each one is also
compared with its copy in docs/, with a tolerance: a way to see whether a change moved pixels.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import struct
from pathlib import Path

import pytest
from helpers import OFFLINE_FAILURES, open_and_keep, open_course_page
from live_server import ROOT
from playwright.sync_api import BrowserContext, Page, expect

from moves.loader import course

SHOTS = ROOT / "build" / "screenshots"
DOCS = ROOT / "docs"
COMPARE_ENV = "MOTW_COMPARE_DOCS"
# The home shows this week's move by the learner's own date: pin the browser's clock, so the
# pictures change when the pages do, not every Monday.
SHOWN_ON = dt.datetime(2026, 12, 1, 10, 0)
# The player's picture: a routine, and how far into it (its first hold, with the countdown, the
# figure, the cue and "next up" all showing).
PLAYER_ROUTINE, PLAYED_MS = "after-run-cool-down", 14_000
# A pixel differs when a channel moves more than this (anti-aliasing moves a little);
# a picture matches when at most this share of its pixels differ.
CHANNEL_TOLERANCE, PIXEL_SHARE = 48, 0.02


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def share_of_pixels_that_differ(page: Page, one: Path, other: Path) -> float:
    """Compared in the browser's canvas: the share of pixels where a channel differs by more
    than CHANNEL_TOLERANCE."""
    urls = [
        f"data:image/png;base64,{base64.b64encode(p.read_bytes()).decode()}" for p in (one, other)
    ]
    return page.evaluate(
        """async ([a, b, tolerance]) => {
          const pixels = async (url) => {
            const image = new Image(); image.src = url; await image.decode();
            const canvas = new OffscreenCanvas(image.width, image.height);
            const context = canvas.getContext("2d"); context.drawImage(image, 0, 0);
            return context.getImageData(0, 0, image.width, image.height).data;
          };
          const [x, y] = await Promise.all([pixels(a), pixels(b)]);
          let differ = 0;
          for (let i = 0; i < x.length; i += 4) {
            if ([0, 1, 2, 3].some((c) => Math.abs(x[i + c] - y[i + c]) > tolerance)) differ++;
          }
          return differ / (x.length / 4);
        }""",
        [*urls, CHANNEL_TOLERANCE],
    )


def save(page: Page, name: str, locator=None) -> Path:
    """Take a screenshot into build/screenshots; its width must be the page's (or the part's),
    and with MOTW_COMPARE_DOCS=1 it must look like the one in docs/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    if locator is None:
        page.screenshot(path=path, full_page=True)
        width = page.viewport_size["width"]
    else:
        locator.screenshot(path=path)
        width = round(locator.bounding_box()["width"])
    shot_width, shot_height = png_size(path)
    assert abs(shot_width - width) <= 1 and shot_height > 200, (name, shot_width, shot_height)
    if os.environ.get(COMPARE_ENV) == "1":
        committed = DOCS / path.name
        assert png_size(committed) == png_size(path), f"{name}: not the size of docs/{path.name}"
        share = share_of_pixels_that_differ(page, path, committed)
        assert share <= PIXEL_SHARE, f"{name}: {share:.1%} of its pixels differ from docs/"
    return path


def grow_to_the_page(page: Page) -> None:
    """Grow the viewport to the page's height, as the pictures in docs/ were taken (Voilà's front
    end scrolled inside a panel then, so a full-page shot held only the viewport)."""
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": height + 40})
    page.wait_for_timeout(100)  # one frame for the resized layout


def light_dark_phone(name: str) -> list[tuple[str, int, str]]:
    """The three pictures of a page in docs/: light and dark at 1280 px, and a 390 px phone."""
    return [
        ("light", 1280, f"{name}-light"),
        ("dark", 1280, f"{name}-dark"),
        ("light", 390, f"{name}-phone"),
    ]


@pytest.mark.parametrize(("theme", "width", "name"), light_dark_phone("move-page"))
def test_move_page_screenshot(page: Page, voila_url: str, theme: str, width: int, name: str):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{voila_url}/voila/render/hamstring-kickbacks.ipynb?theme={theme}")
    page.wait_for_selector(".motw-quiz .motw-option")
    page.locator(".motw-walk").get_by_role("button", name="Next").click()
    expect(page.locator(".motw-walk .motw-progress")).to_contain_text("Step 2 of 3")
    expect(page.locator(".motw-walk svg.motw-figure")).to_have_attribute("data-settled", "true")
    grow_to_the_page(page)
    save(page, name)
    if name == "move-page-light":
        save(page, "walkthrough-light", page.locator(".motw-walk"))
        save(page, "body-map-light", page.locator(".motw-map"))


@pytest.mark.parametrize(
    ("page_name", "theme", "width", "name"),
    [
        ("index", "light", 1280, "home-light"),
        ("index", "light", 390, "home-phone"),
        ("review", "dark", 1280, "review-dark"),
    ],
)
def test_home_and_review_screenshots(
    page: Page, voila_url: str, page_name: str, theme: str, width: int, name: str
):
    page.set_viewport_size({"width": width, "height": 900})
    page.clock.set_fixed_time(SHOWN_ON)
    page.goto(f"{voila_url}/voila/render/{page_name}.ipynb?theme={theme}")
    page.wait_for_selector(".motw-store-line:not(:empty)")
    if page_name == "index":
        expect(page.locator(".motw-card")).to_have_count(len(course().moves))
        expect(page.locator(".motw-week").get_by_role("link")).to_be_visible()
    else:
        expect(page.locator(".motw-quiz .motw-progress")).to_have_text("Card 1 of 10")
        expect(page.locator(".motw-mastery-table")).to_contain_text("Muscle group")
    grow_to_the_page(page)
    save(page, name)


# Phones and desktops have a voice; headless Chromium has none, and the player offers spoken
# cues only where there is one: the picture shows the option as learners see it.
ONE_VOICE = """
(() => {
  const synth = new EventTarget();
  synth.getVoices = () => [{ name: "Screenshot", lang: "en-GB" }];
  synth.speak = () => {};
  synth.cancel = () => {};
  Object.defineProperty(window, "speechSynthesis", { configurable: true, value: synth });
})();
"""


@pytest.mark.parametrize(("theme", "width", "name"), light_dark_phone("routine-player"))
def test_routine_player_screenshot(page: Page, voila_url: str, theme: str, width: int, name: str):
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(ONE_VOICE)
    page.emulate_media(reduced_motion="reduce")  # the figure goes to its pose without easing
    page.clock.install()
    open_course_page(page, voila_url, f"routine-{PLAYER_ROUTINE}", ".motw-player", theme)
    page.wait_for_selector(".motw-store-line:not(:empty)")
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # in seconds: Python reads seconds
    player = page.locator(".motw-player")
    player.get_by_role("button", name="Play", exact=True).click()
    page.mouse.move(0, 0)  # no hover on the button
    page.clock.run_for(PLAYED_MS)
    expect(player).to_have_attribute("data-kind", "work")
    expect(player.locator("svg.motw-figure")).to_have_attribute("data-settled", "true")
    grow_to_the_page(page)
    save(page, name, player)


@pytest.mark.parametrize(("theme", "width", "name"), light_dark_phone("offline-page"))
def test_offline_page_screenshot(
    context: BrowserContext, page: Page, page_watch, voila_url: str, theme: str, width: int, name
):
    """Offline, a page never opened shows the course's offline page with the kept pages."""
    page.set_viewport_size({"width": width, "height": 900})
    open_and_keep(page, voila_url, "hamstring-kickbacks", theme=theme)
    page_watch.allow(*OFFLINE_FAILURES)
    context.set_offline(True)
    page.goto(f"{voila_url}/voila/render/bird-dog.ipynb?theme={theme}")
    expect(page.locator("ul.motw-kept").get_by_role("link")).to_have_count(1)
    save(page, name)


def test_kept_move_page_offline_screenshot(
    context: BrowserContext, page: Page, page_watch, voila_url: str
):
    """Offline, a page opened before is read from its kept copy, with one line at the foot."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_and_keep(page, voila_url, "hamstring-kickbacks")
    page_watch.allow(*OFFLINE_FAILURES)
    context.set_offline(True)
    page.reload()
    expect(page.locator(".motw-connection")).to_be_visible()
    page.screenshot(path=SHOTS / "offline-move-phone.png")  # the window, with its foot line
    assert png_size(SHOTS / "offline-move-phone.png") == (390, 844)


# A4 at the browser's 96 pixels an inch, and print.css's page margin drawn round the card.
A4_WIDTH_PX, PAGE_MARGIN = 794, "12mm"


def test_printed_card_screenshot(page: Page, voila_url: str):
    """The seed move's page as it prints (print media, A4 wide): its card alone."""
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    open_course_page(page, voila_url, "hamstring-kickbacks", ".motw-quiz .motw-option")
    page.emulate_media(media="print")
    page.add_style_tag(content=f"main.motw-page {{ padding: {PAGE_MARGIN} !important; }}")
    expect(page.locator(".motw-printcard")).to_be_visible()
    expect(page.locator(".motw-walk")).to_be_hidden()
    save(page, "card-print")
