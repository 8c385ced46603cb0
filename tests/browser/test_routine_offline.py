"""A routine that is playing survives a lost signal: it plays to its end offline or with the
kernel's websocket gone, and the finished session reaches the learner's history once the page
can tell Python, exactly once. The page's clock is Playwright's (page.clock); the kernel's
websocket goes through page.route_web_socket, so a test can make it drop what the page sends
(a phone's socket that died without saying so) and close it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, WebSocketRoute, expect
from test_routine_player import open_player, plan_of, sessions, shown

CHANNELS = re.compile(r"/api/kernels/[^/]+/channels")


class KernelLine:
    """The page's kernel websocket, passed through to the server unless the test cuts it:
    `dead` drops every message both ways (the socket still looks open to the page), `refuse`
    closes new connections at once (no network), `close()` ends the open ones."""

    def __init__(self, page: Page) -> None:
        self.dead = False
        self.refuse = False
        self.sockets: list[WebSocketRoute] = []
        page.route_web_socket(CHANNELS, self._connect)

    def _connect(self, ws: WebSocketRoute) -> None:
        if self.refuse:
            ws.close(code=1006 if False else 1011, reason="offline")
            return
        server = ws.connect_to_server()
        ws.on_message(lambda message: None if self.dead else server.send(message))
        server.on_message(lambda message: None if self.dead else ws.send(message))
        self.sockets.append(ws)

    def close(self) -> None:
        for ws in self.sockets:
            ws.close(code=1011, reason="reset")
        self.sockets.clear()


def play_to_end(page: Page, slug: str) -> None:
    page.get_by_role("button", name=re.compile(r"^Play")).click()
    page.clock.run_for(plan_of(slug).total_seconds * 1000 + 1000)
    assert shown(page)["state"] == "finished"


def wait_connected(page: Page) -> None:
    """Give the page's host real time to reconnect and the kernel time to answer, with the
    page's own clock running too (the host's reconnection timers are on it)."""
    for _ in range(60):
        page.clock.run_for(1000)
        page.wait_for_timeout(100)
        if page.evaluate("document.documentElement.dataset.motwHost") == "ready":
            return
    raise AssertionError("the page did not reconnect")


def test_a_finish_lost_with_the_socket_is_recorded_and_so_is_the_next(page: Page, voila_url: str):
    slug = "desk-break"
    line = KernelLine(page)
    open_player(page, voila_url, slug)
    page.get_by_role("button", name="Play", exact=True).click()
    page.clock.run_for(10_000)
    line.dead = True  # the phone's socket died without a word: what the page sends is lost
    page.clock.run_for(plan_of(slug).total_seconds * 1000)
    assert shown(page)["state"] == "finished"
    line.close()
    line.dead = False
    wait_connected(page)
    expect(page.locator(".motw-player-done")).to_contain_text("Saved in your history")
    assert [s["routine"] for s in sessions(page)] == [slug]
    play_to_end(page, slug)
    expect(page.locator(".motw-player-done")).to_contain_text("Saved in your history")
    assert [s["routine"] for s in sessions(page)] == [slug, slug]
