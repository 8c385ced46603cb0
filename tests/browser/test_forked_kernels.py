"""Pages on kernels forked from each worker's warm process, in a real browser, through the
production setup (`make serve`: server.cluster, voila.json's motw-fork provisioner).

A page opens on a forked kernel and its quiz is graded; a kernel that dies is restarted (forked
again); a warm process that is killed costs no learner their page: open pages keep their kernels,
new pages get kernels started the usual way, and a new warm process takes over.
"""

from __future__ import annotations

import glob
import json
import os
import re
import signal
import tempfile
import time

import psutil
from helpers import answer_shown_question_rightly, open_in_a_new_context
from playwright.sync_api import Browser, Page, expect

MOVE = "hamstring-kickbacks"


def _kernel_id(page: Page) -> str:
    return re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page.content()).group(1)


def _kernel_process(kernel_id: str) -> psutil.Process:
    """The process listening on the shell port of the kernel's connection file."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for path in glob.glob(os.path.join(tempfile.gettempdir(), "*", f"kernel-{kernel_id}.json")):
            try:
                with open(path) as file:
                    port = json.load(file)["shell_port"]
            except (OSError, ValueError):
                continue
            for process in psutil.process_iter():
                try:
                    if any(
                        c.laddr.port == port and c.status == psutil.CONN_LISTEN
                        for c in process.net_connections(kind="tcp")
                    ):
                        return process
                except psutil.Error:
                    continue
        time.sleep(0.2)
    raise AssertionError(f"no process for kernel {kernel_id}")


def _warm_processes(first_port: int) -> list[psutil.Process]:
    """The warm processes of this cluster's two workers."""
    ports = {f"--port={first_port}", f"--port={first_port + 1}"}
    found = []
    for process in psutil.process_iter(["cmdline"]):
        try:
            worker = process.parent().cmdline() if process.parent() else []
            if "server.forkserver" in (process.info["cmdline"] or []) and ports & set(worker):
                found.append(process)
        except psutil.Error:
            continue
    return found


def _forked(process: psutil.Process) -> bool:
    return "server.forkserver" in process.parent().cmdline()


def _next_question(page: Page) -> None:
    page.locator(".motw-quiz").get_by_role("button", name="Next question").click()


def test_a_page_opens_on_a_forked_kernel_and_a_dead_kernel_is_forked_again(
    browser: Browser, cluster: tuple[str, int]
):
    context, page = open_in_a_new_context(browser, cluster[0], MOVE)
    try:
        kernel_id = _kernel_id(page)
        first = _kernel_process(kernel_id)
        assert _forked(first)
        answer_shown_question_rightly(page, MOVE)

        first.kill()  # the server's restarter starts the kernel again: forked again
        deadline = time.monotonic() + 60
        while (second := _kernel_process(kernel_id)).pid == first.pid:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert _forked(second)
        page.reload()  # the restarted kernel has none of the page's widgets: open it again
        expect(page.locator(".motw-quiz .motw-prompt")).to_be_visible()
        answer_shown_question_rightly(page, MOVE)
    finally:
        context.close()


def test_a_killed_warm_process_costs_no_learner_their_page(
    browser: Browser, cluster: tuple[str, int]
):
    base, first_port = cluster
    opened = [open_in_a_new_context(browser, base, MOVE)]
    try:
        before = _kernel_process(_kernel_id(opened[0][1]))
        assert _forked(before)
        answer_shown_question_rightly(opened[0][1], MOVE)
        killed = _warm_processes(first_port)
        assert len(killed) == 2, "one warm process a worker"
        for warm in killed:
            os.kill(warm.pid, signal.SIGKILL)

        # The page already open keeps its kernel (the kernel outlives its warm process).
        _next_question(opened[0][1])
        answer_shown_question_rightly(opened[0][1], MOVE)
        # A new visitor gets a page: its kernel starts the usual way meanwhile, or is forked
        # from the warm process that replaced the killed one.
        opened.append(open_in_a_new_context(browser, base, MOVE))
        answer_shown_question_rightly(opened[-1][1], MOVE)

        deadline = time.monotonic() + 120
        while {w.pid for w in _warm_processes(first_port)} & {w.pid for w in killed} or len(
            _warm_processes(first_port)
        ) < 2:
            assert time.monotonic() < deadline, "no new warm process"
            time.sleep(0.5)
        # Later pages are forked again.
        for _ in range(60):
            opened.append(open_in_a_new_context(browser, base, MOVE))
            if _forked(_kernel_process(_kernel_id(opened[-1][1]))):
                break
            time.sleep(1)
        else:
            raise AssertionError("no page was forked from the new warm processes")
        answer_shown_question_rightly(opened[-1][1], MOVE)
    finally:
        for context, _ in opened:
            context.close()
