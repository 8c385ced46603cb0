"""Installable and readable offline (issue 24, parts 1 and 2): the manifest and its icons, the
service worker, a kept page read offline, the course's offline page for a page never opened,
and a changed page replacing its kept copy on the next online visit.

The tests serve a copy of the notebooks from a temporary folder, so that one of them can change
a page's text as an author's rebuild would."""

from __future__ import annotations

import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, serving
from helpers import OFFLINE_FAILURES, axe_violations, open_and_keep, open_course_page
from playwright.sync_api import BrowserContext, Page, expect
from support import png_rows

from moves.loader import course

MOVE, OTHER = "hamstring-kickbacks", "bird-dog"
QUIZ = ".motw-quiz .motw-option"
OFFLINE_LINE = (
    "Offline: you can read this page; checking answers, the review's schedule and recording "
    "progress need a connection."
)


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("offline") / "notebooks"
    shutil.copytree(ROOT / "notebooks", folder)
    return folder


@pytest.fixture(scope="module")
def offline_url(course_copy: Path) -> Iterator[str]:
    """The course app serving the copy of the notebooks."""
    args = ["server.app", str(course_copy), "--no-browser", "--Voila.ip=127.0.0.1"]
    with serving(args, "/voila/static/voila.js", course_copy.parent / "voila.log") as url:
        yield url


def kept_pages(page: Page) -> list[str]:
    """The URLs of the pages the service worker has kept."""
    return page.evaluate(
        """async () => {
          const urls = [];
          for (const name of await caches.keys()) {
            if (!name.startsWith("motw-pages-")) continue;
            const cache = await caches.open(name);
            urls.push(...(await cache.keys()).map((request) => request.url));
          }
          return urls;
        }"""
    )


def fetch(url: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), dict(response.headers)


def test_the_manifest_names_the_course_and_every_icon_is_served_at_its_size(offline_url: str):
    body, headers = fetch(f"{offline_url}/motw.webmanifest")
    assert headers["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(body)
    required = {"name", "short_name", "start_url", "display", "icons", "theme_color"}
    assert required <= manifest.keys()
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/voila/render/index.ipynb"
    assert len(manifest["short_name"]) <= 12
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        data, icon_headers = fetch(offline_url + icon["src"])
        assert icon_headers["Content-Type"] == "image/png"
        assert "immutable" in icon_headers["Cache-Control"]  # its URL names its version
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert png_rows(data)[:2] == (width, height), icon["src"]
    # The start URL is the course home.
    home, _ = fetch(offline_url + manifest["start_url"])
    assert b"<main" in home


def test_every_course_page_links_the_manifest_and_its_theme_colours(offline_url: str):
    manifest = json.loads(fetch(f"{offline_url}/motw.webmanifest")[0])
    for url in (f"{offline_url}/voila/render/{MOVE}.ipynb", f"{offline_url}/"):
        html = fetch(url)[0].decode()
        assert '<link rel="manifest" href="/motw.webmanifest">' in html, url
        assert (
            '<meta name="theme-color" media="(prefers-color-scheme: light)" '
            f'content="{manifest["theme_color"]}">'
        ) in html, url
        assert '<meta name="theme-color" media="(prefers-color-scheme: dark)"' in html, url


def test_the_worker_is_sent_fresh_with_the_scope_of_the_whole_course(offline_url: str):
    _, headers = fetch(f"{offline_url}/motw-sw.js")
    assert headers["Content-Type"].startswith("text/javascript")
    assert headers["Cache-Control"] == "no-cache"


def test_the_service_worker_registers_on_the_home_and_is_active(
    context: BrowserContext, page: Page, offline_url: str
):
    open_course_page(page, offline_url, "index", ".motw-home .motw-card")
    # The worker is registered once the widgets are live; `ready` may find it still activating.
    state = page.evaluate(
        """async () => {
          const registration = await navigator.serviceWorker.ready;
          const worker = registration.active;
          const activated = new Promise((resolve) => {
            if (worker.state === "activated") resolve();
            worker.addEventListener("statechange", () => worker.state === "activated" && resolve());
          });
          await Promise.race([activated, new Promise((resolve) => setTimeout(resolve, 30000))]);
          return { scope: registration.scope, state: worker.state };
        }"""
    )
    assert state == {"scope": f"{offline_url}/", "state": "activated"}
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    assert [worker.url for worker in context.service_workers] == [f"{offline_url}/motw-sw.js"]


def test_a_page_opened_once_reads_offline_with_one_line_about_the_connection(
    context: BrowserContext, page: Page, page_watch, offline_url: str
):
    move = course().move(MOVE)
    open_and_keep(page, offline_url, MOVE)
    page_watch.allow(*OFFLINE_FAILURES)
    context.set_offline(True)
    page.reload()
    expect(page.locator("h1").first).to_contain_text(move.title)
    walk = page.locator('.motw-fallback[data-widget="StepWalkthrough"]')
    expect(walk).to_contain_text(move.steps[0].text[:40])
    expect(walk.locator("svg.motw-figure").first).to_be_visible()
    expect(page.locator('.motw-fallback[data-widget="BodyMap"] svg').first).to_be_visible()
    line = page.get_by_role("status")
    expect(line.locator("span")).to_have_text(OFFLINE_LINE)
    expect(line.get_by_role("button")).to_be_hidden()  # nothing to reload into while offline
    expect(page.locator(".motw-connection")).to_have_count(1)  # one line, not one per widget
    expect(page.locator("html")).to_have_attribute("data-motw-host", "kept")
    # Online again: a reload button, and no reload by itself.
    context.set_offline(False)
    expect(line).to_contain_text("online again")
    line.get_by_role("button", name="Reload the page").click()
    page.wait_for_selector(QUIZ)
    page.wait_for_function("document.documentElement.dataset.motwHost === 'ready'")
    # The kernel's API is never kept, nor is an error answer: ask it as the host does when its
    # connection is down, and for a kernel that does not exist.
    kernel = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent)")
    page.evaluate("(id) => fetch(`/api/kernels/${id}`).then((r) => r.status)", kernel["kernelId"])
    page.evaluate("fetch('/api/kernels/no-such-kernel').then((r) => r.status)")
    page_watch.allow("/api/kernels/no-such-kernel")
    kept = page.evaluate(
        """async () => {
          const found = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
              found.push([request.url, (await cache.match(request)).status]);
            }
          }
          return found;
        }"""
    )
    assert [url for url, _ in kept if "/api/" in url] == []
    assert [url for url, status in kept if status != 200] == []
    assert any(url.endswith(f"/voila/render/{MOVE}.ipynb?theme=light") for url, _ in kept)
    assert any("/motw/static/" in url for url, _ in kept)  # the widgets' files
    assert any("/static/host.js?v=" in url for url, _ in kept)


def test_a_page_never_opened_shows_the_course_offline_page_with_the_kept_pages(
    context: BrowserContext, page: Page, page_watch, offline_url: str
):
    open_and_keep(page, offline_url, MOVE)
    page_watch.allow(*OFFLINE_FAILURES)
    context.set_offline(True)
    page.goto(f"{offline_url}/voila/render/{OTHER}.ipynb?theme=light")
    expect(page).to_have_title("Offline · Move of the Week")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    kept = page.locator("ul.motw-kept").get_by_role("link")
    expect(kept).to_have_text([course().move(MOVE).title])
    kept.click()
    expect(page.locator("h1").first).to_contain_text(course().move(MOVE).title)
    expect(page.get_by_role("status").locator("span")).to_have_text(OFFLINE_LINE)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_offline_page_has_no_axe_violations(
    context: BrowserContext, page: Page, page_watch, offline_url: str, theme: str
):
    open_and_keep(page, offline_url, MOVE)
    page_watch.allow(*OFFLINE_FAILURES)
    context.set_offline(True)
    page.goto(f"{offline_url}/voila/render/{OTHER}.ipynb?theme={theme}")
    expect(page.locator("ul.motw-kept").get_by_role("link")).to_have_count(1)
    expect(page.locator("html")).to_have_attribute("data-theme", theme)
    assert axe_violations(page) == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_kept_page_read_offline_has_no_axe_violations(
    context: BrowserContext, page: Page, page_watch, offline_url: str, theme: str
):
    """Its stored pictures are pictures: the body map's has nothing that takes focus."""
    open_and_keep(page, offline_url, MOVE, theme=theme)
    page_watch.allow(*OFFLINE_FAILURES)
    context.set_offline(True)
    page.reload()
    expect(page.locator(".motw-connection")).to_be_visible()
    assert axe_violations(page) == []
    assert page.locator("main [tabindex]").count() == 0


def test_a_changed_page_replaces_its_kept_copy_on_the_next_online_visit(
    context: BrowserContext, page: Page, page_watch, offline_url: str, course_copy: Path
):
    notebook = course_copy / f"{OTHER}.ipynb"
    before = notebook.read_text(encoding="utf-8")
    summary = course().move(OTHER).summary
    assert summary in before
    open_and_keep(page, offline_url, OTHER)
    changed = "This week the move was rewritten by its author."
    try:
        notebook.write_text(before.replace(summary, changed), encoding="utf-8")
        page.reload()  # online: the network first
        page.wait_for_selector(QUIZ)
        expect(page.locator("main")).to_contain_text(changed)
        page_watch.allow(*OFFLINE_FAILURES)
        context.set_offline(True)
        page.reload()  # offline: the kept copy is the new one
        expect(page.locator("html")).to_have_attribute("data-motw-host", "kept")
        # The article's opening (the printable card, drawn by the kernel, keeps the YAML's text).
        opening = page.locator(".jp-MarkdownOutput").first
        expect(opening).to_contain_text(changed)
        expect(opening).not_to_contain_text(summary)
    finally:
        notebook.write_text(before, encoding="utf-8")


def test_an_open_page_that_loses_the_network_says_so_in_one_line_and_comes_back(
    context: BrowserContext, page: Page, page_watch, offline_url: str
):
    open_course_page(page, offline_url, MOVE, QUIZ)
    page.wait_for_function("document.documentElement.dataset.motwHost === 'ready'")
    page_watch.allow(*OFFLINE_FAILURES)
    context.set_offline(True)
    line = page.locator(".motw-connection")  # the widgets have status lines of their own
    expect(line.locator("span")).to_have_text(OFFLINE_LINE)
    expect(page.locator("html")).to_have_attribute("data-motw-host", "offline")
    context.set_offline(False)
    page.wait_for_function("document.documentElement.dataset.motwHost === 'ready'")
    expect(line).to_be_hidden()
