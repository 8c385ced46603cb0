"""First visit on a phone: Lighthouse (mobile and desktop), the bytes of a first and a repeat
visit, and when the widgets are live at 4x CPU throttling, for the course's pages and, in the
same run, bare Voilà (bench/bare.ipynb, one Button and a Label, with Voilà's stock template).

    .venv/bin/python bench/lighthouse.py                          # this tree, 3 runs each
    .venv/bin/python bench/lighthouse.py --compare ../main        # and another checkout
    .venv/bin/python bench/lighthouse.py --compare ../main --no-lighthouse   # bytes and ready

Lighthouse is npm `lighthouse`, pinned by bench/lighthouse/package-lock.json and installed
there with `npm ci` on first use; it runs Debian's Chromium ($CHROME_PATH, else
/usr/bin/chromium). Each tree is served as `make start` serves it (server.app with the
repository's voila.json, its own template via JUPYTER_PATH) from a temporary copy of its
notebooks; bare Voilà is `voila` itself, in a folder of its own (no voila.json). Nothing here
asserts a threshold.
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
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' helpers
from support import wait_until_answering  # noqa: E402

NODE = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = NODE / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
]
# Each page: its notebook, and what shows once all its widgets are live.
MOVE_LIVE = [
    ".motw-store-line:not(:empty)",
    ".motw-map [data-muscle]",
    ".motw-walk svg.motw-figure",
    ".motw-quiz .motw-prompt",
]
PAGES = {
    "home": (
        "index",
        [
            ".motw-store-line:not(:empty)",
            ".motw-home .motw-card",
            ".motw-builder .motw-pick li",
            ".motw-index .motw-field",
        ],
    ),
    "week": ("", MOVE_LIVE),  # this week's move, pre-heated as voila.json has it: this_weeks()
    "move": ("hamstring-kickbacks", MOVE_LIVE),  # a move of another week: its kernel starts then
    "review": (
        "review",
        [".motw-store-line:not(:empty)", ".motw-quiz .motw-prompt", ".motw-mastery"],
    ),
    "routine": ("routine-desk-break", [".motw-store-line:not(:empty)", ".motw-player"]),
}
BARE = ("bare", [".widget-button", ".widget-label"])  # served by bare Voilà
BARE_LABEL = "bare Voilà"


def this_weeks() -> str:
    """The notebook of this week's move, from the course calendar."""
    sys.path.insert(0, str(ROOT))
    import datetime as dt

    from moves.calendar import this_week
    from moves.loader import course

    return this_week(course(), dt.date.today()).move.slug


MODES = ("mobile", "desktop")
# A static file whose URL names its version: a query (?v=…), a hash in the file's name
# (remoteEntry.<hash>.js, the widgets' quiz.AB12CD34.js), or a versioned folder's file.
VERSIONED = re.compile(
    r"[?&]v=|\.[0-9a-f]{8,}\.js(?:$|\?)|\.[A-Z0-9]{8}\.(?:js|css)$|/static/v[0-9a-f]{6,}/"
)


def ensure_lighthouse() -> Path:
    """npm `lighthouse` in bench/lighthouse, from its lockfile (`npm ci`) on first use."""
    if LIGHTHOUSE.exists():
        return LIGHTHOUSE
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("bench/lighthouse.py installs Lighthouse with npm: no npm here.")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=NODE, check=True)
    return LIGHTHOUSE


@contextlib.contextmanager
def running(args: list[str], cwd: Path, env: dict[str, str], ready: str, folder: Path):
    log = folder / "voila.log"
    with log.open("w") as out:
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_answering(process, ready, log, seconds=120, every=0.5)
        yield
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(folder, ignore_errors=True)


# Every Lighthouse load starts a kernel; let the idle ones go quickly.
CULL = ["--MappingKernelManager.cull_idle_timeout=30", "--MappingKernelManager.cull_interval=5"]


@contextlib.contextmanager
def course_app(tree: Path, port: int) -> Iterator[str]:
    """The course app of `tree` (its code, template and voila.json) on `port`, serving a
    temporary copy of its notebooks; yields its base URL."""
    folder = Path(tempfile.mkdtemp(prefix="motw-lighthouse-"))
    for notebook in (tree / "notebooks").glob("*.ipynb"):
        shutil.copy(notebook, folder)
    env = {**os.environ, "PYTHONPATH": str(tree), "JUPYTER_PATH": str(tree / "server" / "share")}
    args = [
        *(sys.executable, "-m", "server.app", str(folder), f"--port={port}", "--no-browser"),
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",  # a port already taken fails here, not in the measurements
        *CULL,
    ]
    url = f"http://127.0.0.1:{port}"
    with running(args, tree, env, f"{url}/voila/render/index.ipynb", folder):
        yield url


@contextlib.contextmanager
def bare_voila(port: int) -> Iterator[str]:
    """Voilà itself, with its stock template, serving bench/bare.ipynb from a folder of its own
    (no voila.json there); yields its base URL."""
    folder = Path(tempfile.mkdtemp(prefix="motw-bare-voila-"))
    shutil.copy(ROOT / "bench" / "bare.ipynb", folder)
    args = [
        *(sys.executable, "-m", "voila", str(folder), f"--port={port}", "--no-browser"),
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        *CULL,
    ]
    url = f"http://127.0.0.1:{port}"
    with running(args, folder, dict(os.environ), f"{url}/voila/render/bare.ipynb", folder):
        yield url


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


# In the page from its first script: the moment every selector in window.motwLive matches.
WATCH_LIVE = """
(() => {
  const check = () => {
    const wanted = window.motwLive;
    if (!wanted || window.motwLiveAt) return;
    if (wanted.every((selector) => document.querySelector(selector))) {
      window.motwLiveAt = performance.now();
    }
  };
  const all = { subtree: true, childList: true, attributes: true };
  new MutationObserver(check).observe(document, all);
})();
"""


async def watch_live(page, live: list[str]) -> None:
    await page.add_init_script(f"window.motwLive = {json.dumps(live)};" + WATCH_LIVE)


async def visit(page, cdp, url: str) -> Visit:
    """Open `url` and count what crosses the network until the page is quiet: its widgets live
    (the selectors watch_live was given) and no HTTP request for 2 s."""
    seen = Visit()
    last = [time.monotonic()]

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
        "Network.webSocketHandshakeResponseReceived": handshake,
        "Network.webSocketFrameReceived": frame,
    }
    for name, handler in handlers.items():
        cdp.on(name, handler)
    try:
        await page.goto(url, wait_until="load", timeout=120_000)
        await page.wait_for_function("window.motwLiveAt", timeout=120_000)
        while time.monotonic() - last[0] < 2.0:
            await asyncio.sleep(0.25)
    finally:
        for name, handler in handlers.items():
            cdp.remove_listener(name, handler)
    return seen


async def first_and_repeat(url: str, live: list[str]) -> tuple[Visit, Visit]:
    """A first visit, then the learner opens the same page again in the same browser."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS[1:])
        context = await browser.new_context()
        page = await context.new_page()
        await watch_live(page, live)
        cdp = await context.new_cdp_session(page)
        await cdp.send("Network.enable")
        first = await visit(page, cdp, url)
        await page.goto("about:blank")
        repeat = await visit(page, cdp, url)
        await page.goto("about:blank")
        await browser.close()
    return first, repeat


THROTTLING = 4


async def live_after(url: str, live: list[str]) -> tuple[float, float]:
    """A first visit in Chromium at 4x CPU throttling (no network throttling): milliseconds from
    the navigation to the first contentful paint, and to every widget live."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS[1:])
        context = await browser.new_context(viewport={"width": 412, "height": 823})
        page = await context.new_page()
        await watch_live(page, live)
        cdp = await context.new_cdp_session(page)
        await cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLING})
        await page.goto(url, wait_until="commit", timeout=120_000)
        await page.wait_for_function("window.motwLiveAt", timeout=120_000, polling=500)
        painted, live_at = await page.evaluate(
            """() => [performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0,
                      window.motwLiveAt]"""
        )
        await page.goto("about:blank")
        await browser.close()
    return painted, live_at


def span(values: list[float], digits: int = 0) -> str:
    """A range over runs (12 to 15, with an en dash), or one figure when they agree."""
    low, high = min(values), max(values)
    fmt = f"{{:.{digits}f}}"
    return (
        fmt.format(low)
        if fmt.format(low) == fmt.format(high)
        else (f"{fmt.format(low)}\u2013{fmt.format(high)}")
    )


def lighthouse_version() -> str:
    package = NODE / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else "?"


def measure(
    trees: dict[str, Path],
    runs: int,
    pages: dict[str, tuple[str, list[str]]],
    port: int,
    audit: bool = True,
    bare: bool = True,
) -> None:
    if audit:
        ensure_lighthouse()
    audits: dict[tuple[str, str, str], list[Audit]] = {}
    visits: dict[tuple[str, str], list[tuple[Visit, Visit]]] = {}
    ready: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with contextlib.ExitStack() as stack:
        targets = []  # (tree label, page, url, what shows once live)
        for i, (label, tree) in enumerate(trees.items()):
            base = stack.enter_context(course_app(tree, port + i))
            for page, (name, live) in pages.items():
                targets.append((label, page, f"{base}/voila/render/{name}.ipynb", live))
        if bare:
            base = stack.enter_context(bare_voila(port + len(trees)))
            targets.append((BARE_LABEL, "bare", f"{base}/voila/render/{BARE[0]}.ipynb", BARE[1]))
        for run in range(runs):
            for label, page, url, live in targets:
                for mode in MODES if audit else ():
                    found = lighthouse(url, mode)
                    print(f"run {run + 1}: {label} {page} {mode}: {found}", file=sys.stderr)
                    audits.setdefault((label, page, mode), []).append(found)
                seen = asyncio.run(first_and_repeat(url, live))
                print(f"run {run + 1}: {label} {page} visits: {seen}", file=sys.stderr)
                visits.setdefault((label, page), []).append(seen)
                timed = asyncio.run(live_after(url, live))
                print(f"run {run + 1}: {label} {page} live: {timed}", file=sys.stderr)
                ready.setdefault((label, page), []).append(timed)
    if audits:
        print(
            f"# Lighthouse {lighthouse_version()}, {runs} runs each (ranges), "
            f"Chromium at {CHROME}\n"
        )
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
        "\nBytes over the network, first and repeat visit in one browser (HTTP as sent, the "
        "kernel's websocket as deflated), until the widgets are live and 2 s pass quietly:\n"
    )
    print(
        "| tree | page | first: HTTP kB | requests | websocket kB | together kB | repeat: HTTP kB "
        "| websocket kB | requests | of them versioned static |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (label, page), found in visits.items():
        first = [f for f, _ in found]
        again = [r for _, r in found]
        print(
            f"| {label} | {page} | {span([v.http_kb for v in first])} "
            f"| {span([v.requests for v in first])} | {span([v.websocket_kb for v in first])} "
            f"| {span([v.http_kb + v.websocket_kb for v in first])} "
            f"| {span([v.http_kb for v in again], 1)} | {span([v.websocket_kb for v in again])} "
            f"| {span([v.requests for v in again])} | {span([v.versioned_asked for v in again])} |"
        )
    print(
        f"\nA first visit in Chromium at {THROTTLING}x CPU throttling (no network throttling, "
        "412 px wide): first contentful paint, and every widget live:\n"
    )
    print("| tree | page | first paint (ms) | widgets live (ms) |")
    print("| --- | --- | ---: | ---: |")
    for (label, page), found in ready.items():
        print(
            f"| {label} | {page} | {span([p for p, _ in found])} "
            f"| {span([r for _, r in found])} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each page and mode")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to serve")
    parser.add_argument("--label", default="this tree", help="its name in the tables")
    parser.add_argument("--compare", type=Path, help="a checkout to measure first, as 'before'")
    parser.add_argument("--port", type=int, default=8896, help="first port for the servers")
    parser.add_argument("--no-lighthouse", action="store_true", help="bytes and timings only")
    parser.add_argument("--no-bare", action="store_true", help="without bare Voilà")
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES))
    args = parser.parse_args()
    trees = {args.label: args.tree.resolve()}
    if args.compare:
        trees = {"before": args.compare.resolve(), **trees}
    pages = {}
    for page in args.pages:
        name, live = PAGES[page]
        pages[page] = (name or this_weeks(), live)
    measure(trees, args.runs, pages, args.port, not args.no_lighthouse, not args.no_bare)


if __name__ == "__main__":
    main()
