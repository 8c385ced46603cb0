"""A routine that is playing survives a lost signal: it plays to its end offline or with the
kernel's websocket gone, and the finished session reaches the learner's history once the page
can tell Python, exactly once. The page's clock is Playwright's (page.clock); the kernel's
websocket goes through page.route_web_socket, so a test can make it drop what the page sends
(a phone's socket that died without saying so) and close it."""

from __future__ import annotations

import json
import re

import pytest
from helpers import axe_violations, open_course_page
from playwright.sync_api import BrowserContext, Page, WebSocketRoute, expect
from test_routine_player import STORAGE_KEY, open_player, plan_of, sessions, shown

from moves.routines.words import segment_words

CHANNELS = re.compile(r"/api/kernels/[^/]+/channels")
UNSAVED_KEY = f"{STORAGE_KEY}:unsaved-sessions"


class KernelLine:
    """The page's kernel websocket, passed through to the server unless the test cuts it:
    `dead` drops every message both ways (the socket still looks open to the page), `refuse`
    closes new connections at once (no network), `close()` ends the open ones."""

    def __init__(self, page: Page) -> None:
        self.dead = False
        self.refuse = False
        self.hold: bytes | None = None  # what the page sends that holds this is kept back
        self.held: list[tuple[object, str | bytes]] = []
        self.seen: list[bytes] = []  # what the server sent the page
        self.sockets: list[WebSocketRoute] = []
        page.route_web_socket(CHANNELS, self._connect)

    def _connect(self, ws: WebSocketRoute) -> None:
        if self.refuse:
            ws.close(code=1011, reason="offline")
            return
        server = ws.connect_to_server()
        ws.on_message(lambda message: self._up(server, message))
        server.on_message(lambda message: self._down(ws, message))
        self.sockets.append(ws)

    def _up(self, server, message: str | bytes) -> None:
        if self.dead:
            return
        if self.hold and self.hold in _bytes(message):
            self.held.append((server, message))
        else:
            server.send(message)

    def _down(self, ws: WebSocketRoute, message: str | bytes) -> None:
        if not self.dead:
            self.seen.append(_bytes(message))
            ws.send(message)

    def release(self) -> None:
        """Send what was held back, in order, and hold nothing more."""
        self.hold = None
        for server, message in self.held:
            server.send(message)
        self.held.clear()

    def close(self) -> None:
        for ws in self.sockets:
            ws.close(code=1011, reason="reset")
        self.sockets.clear()


def _bytes(message: str | bytes) -> bytes:
    return message.encode() if isinstance(message, str) else message


def play_to_end(page: Page, slug: str) -> None:
    page.get_by_role("button", name=re.compile(r"^Play")).click()
    page.clock.run_for(plan_of(slug).total_seconds * 1000 + 1000)
    assert shown(page)["state"] == "finished"


def wait_connected(page: Page) -> None:
    """Give the page's host real time to reconnect and the kernel time to answer, with the
    page's own clock running too (the host's reconnection timers are on it)."""
    for _ in range(300):  # each turn: a second on the page's clock, a tenth of one in real time
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


def stored(page: Page, key: str) -> object:
    text = page.evaluate(f"localStorage.getItem({json.dumps(key)})")
    return json.loads(text) if text else None


def test_offline_ten_seconds_in_the_routine_plays_to_its_end_and_is_recorded_back_online(
    page: Page, context: BrowserContext, voila_url: str, page_watch
):
    slug = "after-run-cool-down"  # several moves: each one's figure and words come with the plan
    plan = plan_of(slug)
    line = KernelLine(page)
    open_player(page, voila_url, slug)
    page.get_by_role("button", name="Play", exact=True).click()
    page.clock.run_for(10_000)
    context.set_offline(True)  # a phone out of signal: its socket goes with it
    line.refuse = True
    line.close()
    page_watch.allow("ERR_INTERNET_DISCONNECTED")  # the host asks after its kernel, offline
    seen = set()
    for segment in plan.segments[1:]:
        page.clock.run_for(segment.start * 1000 + 1500 - elapsed(page))
        now = shown(page)
        assert (now["state"], now["segment"], now["move"]) == (
            "playing",
            str(segment.index),
            segment_words(plan, segment)["name"],
        )
        if segment.kind == "work":
            figure = page.locator(".motw-player-figure svg.motw-figure")
            expect(figure).to_be_visible()
            seen.add(segment.move)
    assert len(seen) == len({s.move for s in plan.segments if s.kind == "work"}) > 1
    page.clock.run_for(plan.total_seconds * 1000 - elapsed(page) + 500)
    assert shown(page)["state"] == "finished"
    expect(page.locator(".motw-player-done")).to_contain_text("this browser keeps it")
    assert sessions(page) == [] and [s["routine"] for s in stored(page, UNSAVED_KEY)] == [slug]

    context.set_offline(False)
    line.refuse = False
    wait_connected(page)
    expect(page.locator(".motw-player-done")).to_contain_text("Saved in your history")
    [session] = sessions(page)
    assert session["routine"] == slug and session["seconds"] == plan.total_seconds
    assert stored(page, UNSAVED_KEY) is None  # forgotten once the saved progress holds it


def elapsed(page: Page) -> int:
    return int(page.locator(".motw-player").get_attribute("data-elapsed"))


def test_a_session_whose_page_never_got_back_is_recorded_by_the_next_routine_page(
    page: Page, voila_url: str
):
    line = KernelLine(page)
    open_player(page, voila_url, "desk-break")
    line.dead = True  # the socket died, and the learner leaves before it comes back
    play_to_end(page, "desk-break")
    [kept] = stored(page, UNSAVED_KEY)
    line.dead = False
    page.clock.resume()  # the next page runs on real time
    open_course_page(page, voila_url, "routine-after-run-cool-down", ".motw-player")
    expect(page.locator(".motw-store-line")).not_to_be_empty()
    page.wait_for_function(f"localStorage.getItem({json.dumps(UNSAVED_KEY)}) === null")
    assert [(s["id"], s["routine"]) for s in sessions(page)] == [(kept["id"], "desk-break")]
    page.reload()  # once more: nothing is recorded twice
    page.wait_for_selector(".motw-player")
    expect(page.locator(".motw-store-line")).not_to_be_empty()
    assert [s["id"] for s in sessions(page)] == [kept["id"]]


def test_damaged_kept_sessions_are_set_aside_with_a_note_and_the_rest_is_kept(
    page: Page, voila_url: str
):
    good = {
        "id": "0b7a6c1e-good",
        "routine": "desk-break",
        "title": "Desk break",
        "finished_at": "2026-12-01T08:00:00Z",
        "seconds": 300,
    }
    bad = {**good, "id": "0b7a6c1e-bad", "seconds": "a lot"}
    progress = {"version": 1, "moves": {"plank": {"steps": {"both": [1]}}}}
    kept = json.dumps([good, "junk", bad])
    page.add_init_script(
        f"""if (location.protocol === "http:" && !sessionStorage.getItem("seeded")) {{
            sessionStorage.setItem("seeded", "1");
            localStorage.setItem({json.dumps(UNSAVED_KEY)}, {json.dumps(kept)});
            localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps(progress))});
        }}"""
    )
    open_course_page(page, voila_url, "routine-desk-break", ".motw-player")
    note = page.locator(".motw-player-note")
    expect(note).to_contain_text("could not be read, so it was set aside")  # "junk"
    expect(note).to_contain_text("could not be read (its seconds), so it was set aside")
    page.wait_for_function(f"localStorage.getItem({json.dumps(UNSAVED_KEY)}) === null")
    assert [s["id"] for s in sessions(page)] == [good["id"]]
    assert stored(page, STORAGE_KEY)["moves"]["plank"]["steps"] == {"both": [1]}
    aside = page.evaluate(
        """(prefix) => Object.keys(localStorage).filter(k => k.startsWith(prefix))
            .flatMap(k => JSON.parse(localStorage.getItem(k)))""",
        f"{UNSAVED_KEY}:set-aside:",
    )
    assert sorted(map(json.dumps, aside)) == sorted(map(json.dumps, ["junk", bad]))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_axe_violations_on_a_session_kept_offline_with_a_note(
    page: Page, voila_url: str, theme: str
):
    page.add_init_script(
        f"""if (location.protocol === "http:") {{
            localStorage.setItem({json.dumps(UNSAVED_KEY)}, '["junk"]');
        }}"""
    )
    line = KernelLine(page)
    open_player(page, voila_url, "desk-break", theme)
    expect(page.locator(".motw-player-note")).to_be_visible()
    line.dead = True
    play_to_end(page, "desk-break")
    expect(page.locator(".motw-player-done")).to_contain_text("this browser keeps it")
    page.clock.resume()  # axe-core waits on timers of its own
    assert axe_violations(page) == []


def test_a_session_recorded_before_the_saved_progress_is_read_is_forgotten_once_it_is_saved(
    page: Page, voila_url: str
):
    """On a page's load the player may send a kept session before the progress store has read
    the saved progress: Python records it at once, but the browser keeps it until its saved
    progress holds it, and forgets it then, on the same page."""
    kept = {
        "id": "5c1d7e2a-early",
        "routine": "desk-break",
        "title": "Desk break",
        "finished_at": "2026-12-01T08:00:00Z",
        "seconds": 300,
    }
    page.add_init_script(
        f"""if (location.protocol === "http:") {{
            localStorage.setItem({json.dumps(UNSAVED_KEY)}, {json.dumps(json.dumps([kept]))});
        }}"""
    )
    line = KernelLine(page)
    line.hold = b'"stored"'  # the progress store's first read of the saved progress
    page.goto(f"{voila_url}/voila/render/routine-desk-break.ipynb")
    page.wait_for_selector(".motw-player")
    for _ in range(600):  # until Python has answered the player
        if any(b'"settled"' in m and kept["id"].encode() in m for m in line.seen):
            break
        page.wait_for_timeout(50)
    assert sessions(page) == [] and stored(page, UNSAVED_KEY) == [kept]  # not saved yet: kept
    assert line.held
    line.release()
    page.wait_for_function(f"localStorage.getItem({json.dumps(UNSAVED_KEY)}) === null")
    assert [s["id"] for s in sessions(page)] == [kept["id"]]
