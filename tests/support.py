"""What the tests (and the benches, which put this folder on their path) share: a free port on
loopback, waiting for a server to answer, reading a PNG, and a coroutine run on an event loop of
its own."""

from __future__ import annotations

import asyncio
import socket
import struct
import subprocess
import time
import urllib.request
import zlib
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


def png_rows(data: bytes) -> tuple[int, int, bytes]:
    """An 8-bit RGBA PNG's width, height and inflated rows (each a filter byte, then its
    pixels), every chunk's checksum checked: a broken file fails here."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    chunks: dict[bytes, bytes] = {}
    at = 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        chunks[kind] = chunks.get(kind, b"") + data[at + 8 : at + 8 + length]
        assert zlib.crc32(data[at + 4 : at + 8 + length]) == struct.unpack(
            ">I", data[at + 8 + length : at + 12 + length]
        )[0], kind
        at += 12 + length
    assert (depth, colour) == (8, 6), "8-bit RGBA"
    rows = zlib.decompress(chunks[b"IDAT"])
    assert len(rows) == height * (1 + 4 * width)
    return width, height, rows


def in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop running in
    the main thread once a browser test has run, and asyncio.run refuses to start beside it."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
