"""The light page (issue 21): the course's pages load none of Voilà's front end, only the course's
own widget host, after the first paint; the host keeps the page with its kernel when the
connection drops, says so when the kernel is gone, and shuts the kernel down on pagehide."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlparse

import nbformat
import pytest
from conftest import serving
from helpers import axe_violations, open_course_page, quiz_questions
from playwright.sync_api import Page, WebSocketRoute, expect

MOVE = "hamstring-kickbacks"
KEY = "move-of-the-week:progress"
READY = "document.documentElement.dataset.motwHost === 'ready'"
# Every request a course page makes: the page, its styles, the widget host, the built widget
# files, and the kernel's websocket. Voilà's front end (voila.js and its chunks under
# /voila/static/, voila-style.js, the labextensions, the lab CSS, the themes) is none of them.
ALLOWED = re.compile(
    r"""/voila/render/[\w-]+\.ipynb(\?.*)?$
      | /voila/templates/motw/static/(page\.css|print\.css|host\.js)\?v=[0-9a-f]+$
      | /motw/static/[\w-]+\.[A-Z0-9]{8}\.(js|css)$
      | /api/kernels/[0-9a-f-]+/channels\?session_id=[\w-]+$""",
    re.VERBOSE,
)


def ready(page: Page) -> None:
    page.wait_for_function(READY)


def kernel_id(page: Page) -> str:
    return page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )


def kernel_exists(base: str, kernel: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/api/kernels/{kernel}", timeout=5):
            return True
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise


@pytest.mark.parametrize(
    ("name", "shown"),
    [("index", ".motw-home .motw-card"), (MOVE, ".motw-quiz .motw-prompt")],
)
def test_a_page_loads_only_the_course_host_and_widget_files(
    page: Page, voila_url: str, name: str, shown: str
):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_course_page(page, voila_url, name, shown)
    ready(page)
    page.wait_for_timeout(500)
    paths = [urlparse(url)._replace(scheme="", netloc="").geturl() for url in requested]
    assert [p for p in paths if not ALLOWED.search(p)] == []
    assert not any("voila.js" in p or "/voila/static/" in p for p in paths)
    assert sum(p.startswith("/voila/templates/motw/static/host.js") for p in paths) == 1


def test_the_host_is_asked_for_only_after_the_first_paint(page: Page, voila_url: str):
    html = page.request.get(f"{voila_url}/voila/render/{MOVE}.ipynb").text()
    head = html[: html.index("</head>")]
    for loads_early in ("<script src=", "modulepreload", 'type="module"'):
        assert loads_early not in head
    open_course_page(page, voila_url, MOVE, ".motw-quiz .motw-prompt")
    ready(page)
    painted, asked = page.evaluate(
        """() => [
          performance.getEntriesByName("first-contentful-paint")[0].startTime,
          performance.getEntriesByType("resource").find((e) => e.name.includes("/host.js"))
            .startTime,
        ]"""
    )
    assert asked > painted, f"host.js asked for at {asked:.0f} ms, first paint at {painted:.0f} ms"


class Relay:
    """The page's kernel websocket through Playwright, so that a test can lose messages and
    drop the connection as a train's tunnel would."""

    def __init__(self, page: Page) -> None:
        self.sockets: list[WebSocketRoute] = []
        self.closed = 0  # of the page's websockets, how many have closed (either side)
        self.to_page_lost = False
        self.sent: list[bytes | str] = []
        page.route_web_socket("**/api/kernels/*/channels*", self._connect)
        page.on("websocket", lambda socket: socket.on("close", self._closed))

    def _closed(self, _socket: object) -> None:
        self.closed += 1

    def _connect(self, socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        self.sockets.append(socket)

        def to_server(message: bytes | str) -> None:
            self.sent.append(message)
            server.send(message)

        def to_page(message: bytes | str) -> None:
            if not self.to_page_lost:
                socket.send(message)

        socket.on_message(to_server)
        server.on_message(to_page)

    def drop(self, code: int) -> None:
        """Close the page's websocket (unless the server just did)."""
        if self.closed < len(self.sockets):
            self.sockets[-1].close(code=code)

    def asked_for_states(self) -> int:
        return sum(
            b"request_states" in (m if isinstance(m, bytes) else m.encode()) for m in self.sent
        )


@pytest.mark.parametrize("code", [1000, 4000])
def test_after_the_connection_drops_the_page_reconnects_and_takes_the_state_again(
    page: Page, voila_url: str, code: int
):
    """A grade lost with the connection reaches the page through the state taken again."""
    relay = Relay(page)
    open_course_page(page, voila_url, MOVE, ".motw-quiz .motw-prompt")
    ready(page)
    assert len(relay.sockets) == 1 and relay.asked_for_states() == 1
    first = page.locator(".motw-quiz form[data-qid]").get_attribute("data-qid")
    question = quiz_questions(MOVE)[first]
    assert question.kind in ("single", "multi")
    quiz = page.locator(".motw-quiz")
    relay.to_page_lost = True  # the kernel's replies are lost from here on
    for index in question.answer:
        quiz.locator(".motw-option input").nth(index).check()
    quiz.locator("form button[type=submit]").click()
    expect(quiz.locator(".motw-hint")).to_have_text("Checking…")
    relay.drop(code)
    relay.to_page_lost = False
    expect(quiz.locator(".motw-verdict")).to_have_text(re.compile("^✓ Right"), timeout=20_000)
    ready(page)
    assert len(relay.sockets) == 2 and relay.asked_for_states() == 2
    expect(page.locator(".motw-connection")).to_be_hidden()
    # And the page works on: the walkthrough tells Python of a finished move.
    walk = page.locator(".motw-walk")
    for _ in range(6):
        walk.get_by_role("button", name=re.compile("^(Next|Finish)$")).click()
    page.wait_for_function(
        f"JSON.parse(localStorage.getItem({KEY!r}) || '{{}}')?.moves?.[{MOVE!r}]?.finished_at"
    )


@pytest.mark.parametrize("noticed", ["the connection drops", "the learner comes back"])
def test_when_the_kernel_is_gone_the_page_says_so_and_keeps_the_progress(
    page: Page, page_watch, voila_url: str, noticed: str
):
    """The kernel is shut down under the page (a server restart, the idle cull): when the page
    next reconnects, or when the learner comes back to it, it says so and offers a reload."""
    page_watch.allow("/api/kernels/")  # the page asks for it and finds it gone (404)
    relay = Relay(page)
    open_course_page(page, voila_url, MOVE, ".motw-walk svg.motw-figure")
    ready(page)
    walk = page.locator(".motw-walk")
    for _ in range(6):
        walk.get_by_role("button", name=re.compile("^(Next|Finish)$")).click()
    saved = f"JSON.parse(localStorage.getItem({KEY!r}) || '{{}}')?.moves?.[{MOVE!r}]?.finished_at"
    page.wait_for_function(saved)
    kernel = kernel_id(page)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")
    shut = page.request.post(f"{voila_url}/voila/api/shutdown/{kernel}", form={"_xsrf": token})
    assert shut.status == 204
    if noticed == "the connection drops":
        relay.drop(4000)
    else:
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    line = page.locator(".motw-connection")
    expect(line).to_be_visible(timeout=20_000)
    expect(line).to_have_attribute("role", "status")
    expect(line).to_contain_text("session on the course server has ended")
    assert page.evaluate("document.documentElement.dataset.motwHost") == "gone"
    assert page.evaluate(saved)  # the learner's progress is still there
    assert axe_violations(page) == []  # the line too
    line.get_by_role("button", name="Reload the page").click()
    ready(page)
    assert kernel_id(page) != kernel
    expect(line).to_be_hidden()
    expect(page.locator(".motw-walk .motw-progress")).to_contain_text("Step 1 of 3")
    assert page.evaluate(saved)


def test_pagehide_shuts_the_kernel_down_with_a_beacon(page: Page, voila_url: str):
    open_course_page(page, voila_url, MOVE, ".motw-quiz .motw-prompt")
    ready(page)
    kernel = kernel_id(page)
    assert kernel_exists(voila_url, kernel)
    with page.expect_request(f"**/voila/api/shutdown/{kernel}") as beacon:
        page.evaluate("dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }))")
    assert beacon.value.method == "POST"
    assert "_xsrf" in (beacon.value.post_data or "")
    deadline = time.monotonic() + 15
    while kernel_exists(voila_url, kernel):
        assert time.monotonic() < deadline, "the kernel is still running"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def odd_page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The course app serving one notebook with a widget the host does not draw (an ipywidgets
    Button) between two it does."""
    folder = tmp_path_factory.mktemp("odd")
    cells = [
        "from widgets import shared_store\n\nshared_store()",
        "import ipywidgets\n\nipywidgets.Button(description='Press me')",
        "from widgets import BodyMap\n\nBodyMap('hamstring-kickbacks')",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, folder / "odd.ipynb")
    args = [
        "server.app",
        str(folder),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        "--VoilaConfiguration.preheat_kernel=False",
    ]
    with serving(args, "/voila/render/odd.ipynb", folder / "voila.log") as url:
        yield url


def test_a_widget_the_host_cannot_draw_says_so_in_its_place(page: Page, page_watch, odd_page_url):
    page_watch.allow("ButtonModel")  # the host tells the console too (a warning)
    page.goto(f"{odd_page_url}/voila/render/odd.ipynb")
    ready(page)
    note = page.locator(".motw-host-problem")
    expect(note).to_have_count(1)
    expect(note).to_have_text(
        "This part of the page (a ButtonModel from @jupyter-widgets/controls) cannot be shown here."
    )
    cells = page.locator(".jp-OutputArea-child")
    expect(cells.nth(1).locator(".motw-host-problem")).to_be_visible()
    expect(page.locator(".motw-map [data-muscle]").first).to_be_visible()  # the others are drawn
