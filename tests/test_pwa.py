"""The installable course's files (server.pwa): the manifest, the icons drawn from the course's
own figure, the service worker's version and the routes under a base URL."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import threading
from pathlib import Path

import pytest
import tornado.httpclient
import tornado.httpserver
import tornado.testing
import tornado.web
from support import png_rows

import server.pwa.served as pwa
from server.pwa.icons import HERE, ICONS, draw, figure_shapes, png_bytes

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "server/share/voila/templates/motw"


def test_the_committed_icons_are_what_the_figure_draws_today():
    shapes = figure_shapes()
    stale = [icon.name for icon in ICONS if (HERE / icon.name).read_bytes() != draw(icon, shapes)]
    assert stale == [], f"{stale}: run `python -m server.pwa.icons` and commit the PNGs"


@pytest.mark.parametrize("icon", ICONS, ids=lambda icon: icon.name)
def test_each_icon_has_its_size_the_course_colour_and_a_figure(icon):
    width, height, rows = png_rows((HERE / icon.name).read_bytes())
    assert (width, height) == (icon.size, icon.size)
    stride = 1 + 4 * width

    def at(x: int, y: int) -> tuple[int, ...]:
        return tuple(rows[y * stride + 1 + 4 * x : y * stride + 5 + 4 * x])

    corner, middle_row = at(0, 0), [at(x, height // 2) for x in range(width)]
    # A maskable icon bleeds to its edges; the other has rounded (transparent) corners.
    assert corner[3] == (255 if icon.maskable else 0)
    assert at(width // 2, 2) == (0xC2, 0x41, 0x0C, 255)  # the course's colour at the top
    white = sum(pixel == (255, 255, 255, 255) for pixel in middle_row)
    assert white >= icon.size // 40, "the figure crosses the middle of the icon"
    if icon.maskable:  # the figure stays inside the safe zone, a circle of radius 40%
        centre, radius = icon.size / 2, 0.4 * icon.size
        outside = [
            (x, y)
            for y in range(height)
            for x in range(width)
            if at(x, y)[:3] != (0xC2, 0x41, 0x0C)
            and (x + 0.5 - centre) ** 2 + (y + 0.5 - centre) ** 2 > radius**2
        ]
        assert outside == []


def test_png_bytes_writes_a_png_a_decoder_reads():
    rows = b"".join(b"\0" + bytes([10, 20, 30, 255]) * 3 for _ in range(2))
    width, height, data = png_rows(png_bytes(3, 2, rows))
    assert (width, height, data) == (3, 2, rows)


def test_the_manifest_under_a_base_url():
    manifest = pwa.manifest("/course/", "abc")
    assert manifest["start_url"] == "/course/voila/render/index.ipynb"
    assert manifest["scope"] == "/course/"
    assert manifest["display"] == "standalone"
    assert len(manifest["short_name"]) <= 12
    assert [icon["src"] for icon in manifest["icons"]] == [
        f"/course/motw-icons/{icon.name}?v=abc" for icon in ICONS
    ]


@pytest.mark.parametrize("page", ["index.html.j2", "tree-lab.html"])
def test_the_pages_name_the_manifest_and_its_theme_colours(page: str):
    html = (TEMPLATE / page).read_text(encoding="utf-8")
    assert 'rel="manifest"' in html and f"{pwa.MANIFEST_ROUTE}" in html
    found = dict(
        re.findall(
            r'<meta name="theme-color" media="\(prefers-color-scheme: (\w+)\)" content="(#\w+)">',
            html,
        )
    )
    assert found == pwa.THEME_COLOURS


def test_the_offline_page_has_the_theme_colours():
    html = (pwa.HERE / "offline.html").read_text(encoding="utf-8")
    for scheme, colour in pwa.THEME_COLOURS.items():
        assert (
            f'<meta name="theme-color" media="(prefers-color-scheme: {scheme})" '
            f'content="{colour}">'
        ) in html


def test_a_change_to_the_worker_or_an_icon_is_a_new_version(tmp_path, monkeypatch):
    folder = tmp_path / "pwa"
    shutil.copytree(pwa.HERE, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(pwa, "HERE", folder)
    first = pwa.version()
    (folder / "sw.js").write_text((folder / "sw.js").read_text() + "\n// changed\n")
    second = pwa.version()
    (folder / ICONS[0].name).write_bytes(b"changed")
    assert len({first, second, pwa.version()}) == 3


def _get(base: str, path: str) -> tornado.httpclient.HTTPResponse:
    async def fetch() -> tornado.httpclient.HTTPResponse:
        app = tornado.web.Application(pwa.routes(base))
        sock, port = tornado.testing.bind_unused_port()
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets([sock])
        try:
            client = tornado.httpclient.AsyncHTTPClient()
            return await client.fetch(f"http://127.0.0.1:{port}{path}", raise_error=False)
        finally:
            server.stop()

    # In a thread of its own: after the browser tests, Playwright keeps an event loop running in
    # the main thread.
    answers: list[tornado.httpclient.HTTPResponse] = []
    thread = threading.Thread(target=lambda: answers.append(asyncio.run(fetch())))
    thread.start()
    thread.join()
    return answers[0]


def test_the_routes_under_a_base_url():
    manifest = json.loads(_get("/course/", "/course/motw.webmanifest").body)
    assert manifest["start_url"] == "/course/voila/render/index.ipynb"
    worker = _get("/course/", "/course/motw-sw.js")
    assert worker.headers["Cache-Control"] == "no-cache"
    settings = json.loads(worker.body.decode().split("\n", 1)[0].split(" = ", 1)[1].rstrip(";"))
    assert settings["offlinePage"] == "/course/motw-offline.html"
    assert settings["keep"][1:] == [icon["src"] for icon in manifest["icons"]]
    icon = _get("/course/", manifest["icons"][0]["src"])
    assert icon.headers["Content-Type"] == "image/png"
    assert "immutable" in icon.headers["Cache-Control"]
    stale = _get("/course/", "/course/motw-icons/icon-192.png?v=old")
    assert stale.headers["Cache-Control"] == "no-cache"  # not its version: not for good
    assert _get("/course/", "/course/motw-icons/other.png").code == 404
    assert _get("/course/", "/course/motw-icons/sw.js").code == 404
    offline = _get("/course/", "/course/motw-offline.html")
    assert b"<main" in offline.body
