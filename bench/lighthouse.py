"""First visit on a phone: Lighthouse (mobile and desktop) and the bytes of a first and a
repeat visit, for the course's pages and the bare Voilà notebook, from one server.

    .venv/bin/python bench/lighthouse.py                       # this tree, 2 runs each
    .venv/bin/python bench/lighthouse.py --compare ../main     # and another checkout, same run

The bench installs npm `lighthouse` into bench/.node (gitignored) on first use and runs it with
Debian's Chromium ($CHROME_PATH, else /usr/bin/chromium). Each tree is served as `make start`
serves it (server.app with the repository's voila.json, its own template via JUPYTER_PATH),
from a temporary copy of its notebooks plus bench/bare.ipynb. Nothing here asserts a threshold.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "bench" / ".node"
LIGHTHOUSE = NODE / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_VERSION = "12"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
]
PAGES = {
    "home": "index",
    "week": "",  # this week's move, pre-heated as voila.json has it: filled in by this_weeks()
    "move": "hamstring-kickbacks",  # a move of another week: its kernel starts on demand
    "review": "review",
    "bare": "bare",
}


def this_weeks() -> str:
    """The notebook of this week's move, from the course calendar."""
    sys.path.insert(0, str(ROOT))
    import datetime as dt

    from moves.calendar import this_week
    from moves.loader import course

    return this_week(course(), dt.date.today()).move.slug


MODES = ("mobile", "desktop")
# A static file whose URL names its version: a query (?v=…) or a hash in the file's name
# (remoteEntry.<hash>.js), or anything under a versioned folder the course app serves.
VERSIONED = re.compile(r"[?&]v=|\.[0-9a-f]{8,}\.js(?:$|\?)|/static/v[0-9a-f]{6,}/")


def ensure_lighthouse() -> Path:
    """npm `lighthouse` in bench/.node, installed on first use."""
    if LIGHTHOUSE.exists():
        return LIGHTHOUSE
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "bench/lighthouse.py installs Lighthouse with npm: no npm on this machine."
        )
    NODE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(NODE),
            "--no-audit",
            "--no-fund",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        check=True,
    )
    return LIGHTHOUSE


@contextlib.contextmanager
def course_app(tree: Path, port: int) -> Iterator[str]:
    """The course app of `tree` (its code, template and voila.json) on `port`, serving a
    temporary copy of its notebooks and the bare notebook; yields its base URL."""
    folder = Path(tempfile.mkdtemp(prefix="motw-lighthouse-"))
    for notebook in (tree / "notebooks").glob("*.ipynb"):
        shutil.copy(notebook, folder)
    shutil.copy(ROOT / "bench" / "bare.ipynb", folder)
    log = folder / "voila.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "JUPYTER_PATH": str(tree / "server" / "share"),
    }
    args = [
        sys.executable,
        "-m",
        "server.app",
        str(folder),
        f"--port={port}",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",  # a port already taken fails here, not in the measurements
        # Every Lighthouse load starts a kernel; let the idle ones go quickly.
        "--MappingKernelManager.cull_idle_timeout=30",
        "--MappingKernelManager.cull_interval=5",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(args, cwd=tree, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the course app of {tree} exited:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/voila/render/bare.ipynb", timeout=30):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not answer:\n{log.read_text()}") from None
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Audit:
    performance: float
    accessibility: float
    fcp_s: float
    lcp_s: float
    tbt_ms: float
    cls: float
    total_kb: float
    requests: int


def lighthouse(url: str, mode: str) -> Audit:
    """One Lighthouse run (performance and accessibility) in `mode`."""
    with tempfile.TemporaryDirectory() as out:
        report = Path(out) / "report.json"
        args = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--only-categories=performance,accessibility",
            # Its gatherer asks Chromium for every response body again and, on a busy machine,
            # times out (PROTOCOL_TIMEOUT); tests/test_caching.py checks compression instead.
            "--skip-audits=uses-text-compression",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
            "--max-wait-for-load=45000",
        ]
        if mode == "desktop":
            args.append("--preset=desktop")
        subprocess.run(
            args,
            check=True,
            env={**os.environ, "CHROME_PATH": CHROME},
            timeout=300,
            stdout=subprocess.DEVNULL,
        )
        data = json.loads(report.read_text())
    audits = data["audits"]
    return Audit(
        performance=round(100 * (data["categories"]["performance"]["score"] or 0)),
        accessibility=round(100 * (data["categories"]["accessibility"]["score"] or 0)),
        fcp_s=audits["first-contentful-paint"]["numericValue"] / 1000,
        lcp_s=audits["largest-contentful-paint"]["numericValue"] / 1000,
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        total_kb=audits["total-byte-weight"]["numericValue"] / 1024,
        requests=len(audits["network-requests"]["details"]["items"]),
    )


@dataclass
class Visit:
    http_kb: float = 0.0
    websocket_kb: float = 0.0
    requests: int = 0  # requests that reached the server (not served from the browser's cache)
    versioned_asked: int = 0  # of those, versioned static files
    _urls: dict[str, str] = field(default_factory=dict, repr=False)
    _cached: set[str] = field(default_factory=set, repr=False)


async def visit(page, cdp, url: str) -> Visit:
    """Open `url` and count what crosses the network until the page is quiet (its kernel's
    websocket open and no HTTP request for 2 s)."""
    seen = Visit()
    last = [time.monotonic()]
    socket_open = asyncio.Event()

    def sent(event: dict) -> None:
        seen._urls[event["requestId"]] = event["request"]["url"]
        last[0] = time.monotonic()

    def response(event: dict) -> None:
        r = event["response"]
        if r.get("fromDiskCache") or r.get("fromPrefetchCache") or r.get("fromServiceWorker"):
            seen._cached.add(event["requestId"])

    def finished(event: dict) -> None:
        last[0] = time.monotonic()
        rid = event["requestId"]
        target = seen._urls.get(rid, "")
        if rid in seen._cached or not target.startswith("http"):
            return
        seen.requests += 1
        seen.http_kb += event["encodedDataLength"] / 1024
        if VERSIONED.search(target):
            seen.versioned_asked += 1

    deflate: dict[str, zlib._Compress] = {}

    def handshake(event: dict) -> None:
        headers = {k.lower(): v for k, v in event["response"].get("headers", {}).items()}
        if "permessage-deflate" in headers.get("sec-websocket-extensions", ""):
            deflate[event["requestId"]] = zlib.compressobj(wbits=-15)

    def frame(event: dict) -> None:
        # CDP shows the inflated payload; with permessage-deflate agreed, deflate it again as
        # the server did (one stream per socket, 4 trailing bytes dropped per message).
        payload = event["response"]["payloadData"]
        data = base64.b64decode(payload) if event["response"]["opcode"] == 2 else payload.encode()
        stream = deflate.get(event["requestId"])
        if stream is not None:
            wire = stream.compress(data) + stream.flush(zlib.Z_SYNC_FLUSH)
            seen.websocket_kb += (len(wire) - 4) / 1024
        else:
            seen.websocket_kb += len(data) / 1024

    handlers = {
        "Network.requestWillBeSent": sent,
        "Network.requestServedFromCache": lambda e: seen._cached.add(e["requestId"]),
        "Network.responseReceived": response,
        "Network.loadingFinished": finished,
        "Network.webSocketCreated": lambda e: socket_open.set(),
        "Network.webSocketHandshakeResponseReceived": handshake,
        "Network.webSocketFrameReceived": frame,
    }
    for name, handler in handlers.items():
        cdp.on(name, handler)
    try:
        await page.goto(url, wait_until="load", timeout=120_000)
        await asyncio.wait_for(socket_open.wait(), 90)
        while time.monotonic() - last[0] < 2.0:
            await asyncio.sleep(0.25)
    finally:
        for name, handler in handlers.items():
            cdp.remove_listener(name, handler)
    return seen


async def first_and_repeat(url: str) -> tuple[Visit, Visit]:
    """A first visit, then the learner opens the same page again in the same browser."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS[1:])
        context = await browser.new_context()
        page = await context.new_page()
        cdp = await context.new_cdp_session(page)
        await cdp.send("Network.enable")
        first = await visit(page, cdp, url)
        await page.goto("about:blank")
        repeat = await visit(page, cdp, url)
        await page.goto("about:blank")
        await browser.close()
    return first, repeat


def span(values: list[float], digits: int = 0) -> str:
    """A range over runs (12 to 15, with an en dash), or one figure when they agree."""
    low, high = min(values), max(values)
    fmt = f"{{:.{digits}f}}"
    return (
        fmt.format(low)
        if fmt.format(low) == fmt.format(high)
        else (f"{fmt.format(low)}\u2013{fmt.format(high)}")
    )


def measure(
    trees: dict[str, Path], runs: int, pages: dict[str, str], port: int, audit: bool = True
) -> None:
    if audit:
        ensure_lighthouse()
    audits: dict[tuple[str, str, str], list[Audit]] = {}
    visits: dict[tuple[str, str], list[tuple[Visit, Visit]]] = {}
    with contextlib.ExitStack() as stack:
        urls = {
            label: stack.enter_context(course_app(tree, port + i))
            for i, (label, tree) in enumerate(trees.items())
        }
        for run in range(runs):
            for label, base in urls.items():
                for page, name in pages.items():
                    url = f"{base}/voila/render/{name}.ipynb"
                    for mode in MODES if audit else ():
                        found = lighthouse(url, mode)
                        print(f"run {run + 1}: {label} {page} {mode}: {found}", file=sys.stderr)
                        audits.setdefault((label, page, mode), []).append(found)
                    seen = asyncio.run(first_and_repeat(url))
                    print(f"run {run + 1}: {label} {page} visits: {seen}", file=sys.stderr)
                    visits.setdefault((label, page), []).append(seen)
    print(f"# Lighthouse {LIGHTHOUSE_VERSION}, {runs} runs each (ranges), Chromium at {CHROME}\n")
    print(
        "| tree | page | mode | performance | FCP (s) | LCP (s) | TBT (ms) | CLS | total (kB) "
        "| requests | accessibility |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (label, page, mode), found in audits.items():
        print(
            f"| {label} | {page} | {mode} | {span([a.performance for a in found])} "
            f"| {span([a.fcp_s for a in found], 1)} | {span([a.lcp_s for a in found], 1)} "
            f"| {span([a.tbt_ms for a in found])} | {span([a.cls for a in found], 3)} "
            f"| {span([a.total_kb for a in found])} | {span([a.requests for a in found])} "
            f"| {span([a.accessibility for a in found])} |"
        )
    print(
        "\nBytes over the network (HTTP; the kernel's websocket apart), first and repeat visit "
        "in one browser:\n"
    )
    print(
        "| tree | page | first: HTTP kB | requests | websocket kB | repeat: HTTP kB "
        "| requests | of them versioned static |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (label, page), found in visits.items():
        first = [f for f, _ in found]
        again = [r for _, r in found]
        print(
            f"| {label} | {page} | {span([v.http_kb for v in first])} "
            f"| {span([v.requests for v in first])} | {span([v.websocket_kb for v in first])} "
            f"| {span([v.http_kb for v in again], 1)} | {span([v.requests for v in again])} "
            f"| {span([v.versioned_asked for v in again])} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2, help="runs of each page and mode")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to serve")
    parser.add_argument("--label", default="this tree", help="its name in the tables")
    parser.add_argument("--compare", type=Path, help="a checkout to measure first, as 'before'")
    parser.add_argument("--port", type=int, default=8896, help="first port for the servers")
    parser.add_argument("--visits-only", action="store_true", help="bytes only, no Lighthouse")
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES))
    args = parser.parse_args()
    trees = {args.label: args.tree.resolve()}
    if args.compare:
        trees = {"before": args.compare.resolve(), **trees}
    measure(
        trees,
        args.runs,
        {page: PAGES[page] or this_weeks() for page in args.pages},
        args.port,
        not args.visits_only,
    )


if __name__ == "__main__":
    main()
