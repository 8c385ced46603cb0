"""What the tests (and the benches, which put this folder on their path) share: a free port on
loopback, waiting for a server to answer, and a coroutine run on an event loop of its own."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import time
import urllib.request
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(
    process: subprocess.Popen, url: str, log: Path, seconds: float = 90, every: float = 0.1
) -> None:
    """Wait until `url` answers 200 while `process` (a server writing to `log`) runs; if it
    exits first or `seconds` pass, fail with its log."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer in {seconds:.0f} s:\n{log.read_text()}")
        time.sleep(every)


def in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop running in
    the main thread once a browser test has run, and asyncio.run refuses to start beside it."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
