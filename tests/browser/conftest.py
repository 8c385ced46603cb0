"""A real Voilà server with the project's configuration, and headless Chromium to drive it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from live_server import ROOT, serving
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from authoring.cards import CHROMIUM_ARGS, chromium_path

__all__ = ["ERROR_CELL", "ROOT", "serving"]
ERROR_CELL = "There was an error when executing cell"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(item.path).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def voila_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The course app (Voilà with the repository's voila.json, as `make start` runs it) serving
    notebooks/ on a free loopback port."""
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    args = ["server.app", "notebooks/", "--no-browser", "--Voila.ip=127.0.0.1"]
    with serving(args, "/voila/static/voila.js", log) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What went wrong on a page: console errors, failed requests, requests off this machine."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        self.leaving = False
        self.expected: list[str] = []  # what a test makes fail on purpose (allow)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("requestfailed", self._failed)
        page.on("request", self._request)
        page.on("response", self._response)

    def allow(self, *texts: str) -> None:
        """A problem that mentions one of `texts` is part of the test, not a failure."""
        self.expected.extend(texts)

    def found(self) -> list[str]:
        return [p for p in self.problems if not any(text in p for text in self.expected)]

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.problems.append(f"console error: {message.text} ({where})")

    def _failed(self, request) -> None:
        # Leaving a page (a reload too), the page asks the server to shut its kernel down; the
        # navigation may cancel that request in the browser after it is sent. At the end of a
        # test, leaving cancels whatever else is in flight (JupyterLab's file-browser poll).
        # Anything else counts.
        if request.failure == "net::ERR_ABORTED" and (
            self.leaving or "/voila/api/shutdown/" in request.url
        ):
            return
        self.problems.append(f"failed request: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _request(self, request) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname != "127.0.0.1":
            self.problems.append(f"request leaving 127.0.0.1: {request.url}")


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page_watch(context: BrowserContext) -> PageWatch:
    """What goes wrong on the test's page (a test may `allow` what it causes on purpose)."""
    return PageWatch(context.new_page())


@pytest.fixture
def page(context: BrowserContext, page_watch: PageWatch) -> Iterator[Page]:
    page = context.pages[0]  # the one page_watch watches
    page.set_default_timeout(30_000)
    yield page
    if ERROR_CELL in page.content():
        page_watch.problems.append("a cell failed: 'There was an error when executing cell'")
    # Leave the page as a learner would: the page's widget host asks the server to shut its
    # kernel down (a beacon on pagehide), so kernels do not pile up over the run.
    page_watch.leaving = True
    page.goto("about:blank")
    assert not page_watch.found(), "\n".join(page_watch.found())


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """`make serve` on free ports: two workers behind HAProxy; yields (its URL, the first
    worker's port). CI installs HAProxy; elsewhere the tests that need it are skipped."""
    from server.cluster import consecutive_free_ports, find_haproxy

    if find_haproxy() is None:
        if os.environ.get("CI"):
            pytest.fail("HAProxy is missing: .ci/run installs Debian's haproxy before the tests")
        pytest.skip("HAProxy is not installed here (apt-get install haproxy); CI installs it")
    first = consecutive_free_ports(2)
    log = tmp_path_factory.mktemp("cluster") / "cluster.log"
    args = ["server.cluster", "notebooks/", "--workers=2", f"--worker-port={first}"]
    with serving(args, "/voila/static/voila.js", log) as url:
        yield url, first
