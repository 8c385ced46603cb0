"""The course app as `make start` runs it, started for real: a pre-heated kernel, taken from
the pool for a page, lives until the page connects, and the widgets' files are served.

A pooled kernel may sit in the pool for hours. Voilà keeps it out of the idle cull while it
is there, but the kernel kept the idle time it gathered: a cull pass between the page's HTML
and its websocket (the browser loading the scripts) shut it down, and the learner got a dead
page. No browser is needed to show it: the page is requested and never connects.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
from live_server import serving

from widgets.files import DIST, built_name, static_url

CULL_AFTER = 3  # seconds idle; the server looks every second


def _kernel_alive(url: str, kernel_id: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/kernels/{kernel_id}", timeout=5) as response:
            return response.status == 200
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise


def _wait_for(log: Path, text: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while text not in log.read_text():
        if time.monotonic() > deadline:
            raise AssertionError(f"the server never logged {text!r}:\n{log.read_text()}")
        time.sleep(0.1)


def test_a_kernel_from_the_pool_is_not_culled_before_its_page_connects(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, tmp_path / "tiny.ipynb")
    pools = {"default": {"pool_size": 0}, "tiny.ipynb": {"pool_size": 1}}
    args = [
        "server.app",
        str(tmp_path),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        "--VoilaConfiguration.preheat_kernel=True",
        f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_AFTER}",
        "--MappingKernelManager.cull_interval=1",
    ]
    log = tmp_path / "voila.log"
    with serving(args, "/voila/static/voila.js", log) as url:
        _wait_for(log, "Kernel pool of tiny.ipynb is filled")
        time.sleep(CULL_AFTER + 1)  # the pooled kernel has now been idle past the cull timeout

        asked = dt.datetime.now(dt.UTC)
        with urllib.request.urlopen(f"{url}/voila/render/tiny.ipynb", timeout=30) as response:
            html = response.read().decode()
        kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', html).group(1)
        assert "Using pre-heated kernel" in log.read_text()

        # The hand-out counts as activity: the kernel has a whole cull timeout to be connected.
        with urllib.request.urlopen(f"{url}/api/kernels/{kernel_id}", timeout=5) as response:
            active = dt.datetime.fromisoformat(json.load(response)["last_activity"])
        assert active >= asked, f"idle since {active}, before the page asked at {asked}"

        # A page that never connects is still culled in the end.
        _wait_for(log, f"Culling 'idle' kernel 'python3' ({kernel_id})")
        deadline = time.monotonic() + 30
        while _kernel_alive(url, kernel_id):  # its shutdown has begun; it ends soon after
            assert time.monotonic() < deadline, f"never shut down:\n{log.read_text()}"
            time.sleep(0.1)

        with urllib.request.urlopen(f"{url}/{static_url('quiz.js')}") as response:
            assert response.read() == (DIST / built_name("quiz.js")).read_bytes()
            assert "immutable" in response.headers["Cache-Control"]
