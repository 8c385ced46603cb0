"""A real server for the tests: `python -m <module>` on a free loopback port, until the block
ends. Used by the course app's tests (tests/test_serve_*.py) and the browser tests."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from support import free_port, wait_until_answering

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def serving(
    module_args: list[str],
    ready_path: str,
    log: Path,
    env: dict[str, str] | None = None,
    port: int | None = None,
) -> Iterator[str]:
    """Run `python -m <module_args> --port=<port, else a free one>` from the repository root
    (with `env` added to the environment) until the block ends; yield its base URL once
    `ready_path` answers 200."""
    port = port or free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", *module_args, f"--port={port}"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(process, url + ready_path, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
