"""The production setup in a real browser: two course workers behind HAProxy (server.cluster).

Each page's kernel websocket must reach the worker that rendered the page (sticky sessions),
and when one worker dies, the pages on the other keep working and a new visitor still gets a
working page.
"""

from __future__ import annotations

import json
import os
import re
import signal
import urllib.error
import urllib.request

import psutil
from helpers import answer_shown_question_rightly, open_in_a_new_context
from playwright.sync_api import Browser, BrowserContext, Page

MOVE = "hamstring-kickbacks"


def _worker_of(context: BrowserContext) -> str:
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    return cookies["motw_worker"]


def _kernel_id(page: Page) -> str:
    config = json.loads(page.locator("#jupyter-config-data").text_content() or "{}")
    kernel_id = config.get("kernelId") or re.search(
        r'"kernelId":\s*"([0-9a-f-]+)"', page.content()
    ).group(1)
    return kernel_id


def _worker_holds(port: int, kernel_id: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernels/{kernel_id}", timeout=5):
            return True
    except urllib.error.HTTPError:
        return False


def _kill_worker(port: int) -> None:
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info["cmdline"] or []
        if "server.app" in cmdline and f"--port={port}" in cmdline:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(10)
            return
    raise AssertionError(f"no worker on port {port}")


def test_pages_stick_to_their_worker_and_survive_a_dead_one(
    browser: Browser, cluster: tuple[str, int]
):
    base, first_port = cluster
    ports = {"w1": first_port, "w2": first_port + 1}
    opened: list[tuple[BrowserContext, Page]] = []
    try:
        # Open pages until both workers hold one (the proxy sends a new visitor to the worker
        # with the fewest connections, so this takes two or three).
        while len({_worker_of(c) for c, _ in opened}) < 2:
            assert len(opened) < 5, "the proxy never used the second worker"
            opened.append(open_in_a_new_context(browser, base, MOVE))
        for context, page in opened:
            worker = _worker_of(context)
            kernel_id = _kernel_id(page)
            assert _worker_holds(ports[worker], kernel_id), f"{worker} does not hold the kernel"
            other = "w2" if worker == "w1" else "w1"
            assert not _worker_holds(ports[other], kernel_id)
            answer_shown_question_rightly(page, MOVE)

        doomed = opened[0]
        survivor = next(o for o in opened if _worker_of(o[0]) != _worker_of(doomed[0]))
        _kill_worker(ports[_worker_of(doomed[0])])

        # The page on the other worker keeps working: its next answer is graded.
        quiz = survivor[1].locator(".motw-quiz")
        quiz.get_by_role("button", name="Next question").click()
        answer_shown_question_rightly(survivor[1], MOVE)

        # A new visitor gets a working page from the worker that is left.
        context, page = open_in_a_new_context(browser, base, MOVE)
        opened.append((context, page))
        assert _worker_of(context) == _worker_of(survivor[0])
        answer_shown_question_rightly(page, MOVE)
    finally:
        for context, _ in opened:
            context.close()


def test_the_proxy_compresses_pages(cluster: tuple[str, int]):
    base, _ = cluster
    request = urllib.request.Request(
        f"{base}/voila/render/{MOVE}.ipynb", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "motw_worker=" in response.headers["Set-Cookie"] or any(
            "motw_worker=" in v for v in response.headers.get_all("Set-Cookie")
        )
        response.read()
