"""Speed and memory of the course app, as ratios to a bare ipywidgets notebook served by the
same Voilà server with the same production configuration (voila.json).

    .venv/bin/python bench/run.py            # full run: medians of 7, 25 learners
    .venv/bin/python bench/run.py --quick    # smoke run for CI: 1 run each, 3 learners

Every latency is measured inside the page: performance.now() at the click, a MutationObserver
until the visible change. Nothing here asserts a threshold; it prints what it measured.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from crowd import learner_session
from playwright.async_api import Browser, Page, async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the tests' helpers
from support import free_port, wait_until_answering

ROOT = Path(__file__).resolve().parents[1]
MOVE = "hamstring-kickbacks"
# The bare notebook (ipywidgets' Button and Label) is drawn by Voilà's own front end, with its
# stock template: the course template's widget host draws only the course's kinds of widget.
# A pool pre-heats a page for the template it renders with, so the bare page is never pooled.
STOCK = {"bare": "?template=lab"}


def page_url(server: Server, name: str) -> str:
    return f"{server.url}/voila/render/{name}.ipynb{STOCK.get(name, '')}"
# Kernels voila.json keeps pre-heated (waiting in a pool for their page), whatever happens.
PREHEATED = sum(
    pool["pool_size"]
    for name, pool in json.loads((ROOT / "voila.json").read_text())
    .get("VoilaKernelManager", {})
    .get("kernel_pools_config", {})
    .items()
    if name != "default"
)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]

# In-page timing: click `target`, resolve with the ms until `done()` holds after a DOM change.
CLICK_UNTIL = """
async ([target, done]) => {
  const check = new Function(`return (${done});`);
  const el = document.querySelector(target);
  return await new Promise((resolve) => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (check()) { observer.disconnect(); resolve(performance.now() - start); }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true,
                                      attributes: true });
    el.click();
  });
}
"""
# Time to interactive: wait for the control, use it, report performance.now() (ms since the
# navigation began) once it has answered.
INTERACTIVE_AT = """
async ([target, done]) => {
  const check = new Function(`return (${done});`);
  while (!document.querySelector(target)) await new Promise((r) => setTimeout(r, 5));
  return await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (check()) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true,
                                      attributes: true });
    document.querySelector(target).click();
  });
}
"""
BARE = (".widget-button", "document.querySelector('.widget-label').textContent.trim() !== '0'")
NEXT = (
    ".motw-walk [data-action=next]",
    "document.querySelector('.motw-walk .motw-progress').textContent.includes('Step 2')",
)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (its own, not its children's)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


class Server:
    """The course app (server.app: Voilà with the repository's voila.json), serving the
    course and the bare notebook."""

    def __init__(self, cull_seconds: int, preheat: tuple[str, ...] = ()) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="motw-bench-"))
        for notebook in (ROOT / "notebooks").glob("*.ipynb"):
            shutil.copy(notebook, self.folder)
        shutil.copy(ROOT / "bench" / "bare.ipynb", self.folder)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = self.folder / "voila.log"
        args = [
            sys.executable,
            "-m",
            "server.app",
            str(self.folder),
            f"--port={self.port}",
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--MappingKernelManager.cull_idle_timeout={cull_seconds}",
            "--MappingKernelManager.cull_interval=5",
        ]
        if preheat:
            pools = {"default": {"pool_size": 0}} | {nb: {"pool_size": 1} for nb in preheat}
            args += [
                "--VoilaConfiguration.preheat_kernel=True",
                f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
                "--VoilaKernelManager.fill_delay=0",
            ]
        with self.log.open("w") as out:
            self.process = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        wait_until_answering(self.process, f"{self.url}/voila/static/voila.js", self.log, 90, 0.2)

    def kernels(self) -> set[int]:
        """The kernels' processes: the server's children, or, forked (voila.json's motw-fork),
        its warm process's."""
        found = set()
        for pid in children(self.process.pid):
            if b"server.forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found |= children(pid)
            else:
                found.add(pid)
        return found

    def memory_mib(self) -> float:
        """The tree's PSS: kernels forked from the warm process share most of their pages."""
        total = 0
        for pid in {self.process.pid, *children(self.process.pid), *self.kernels()}:
            with contextlib.suppress(psutil.Error):
                total += psutil.Process(pid).memory_full_info().pss
        return total / 2**20

    def __enter__(self) -> Server:
        return self

    def __exit__(self, failure: type[BaseException] | None, *_: object) -> None:
        """Stop the server; after a failed run, print the end of its log first (the folder,
        log included, goes with stop())."""
        if failure is not None:
            lines = self.log.read_text(errors="replace").splitlines()[-60:]
            print("\n--- end of the course app's log ---", *lines, sep="\n", file=sys.stderr)
        self.stop()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


async def open_page(browser: Browser, url: str) -> tuple[Page, list[str]]:
    context = await browser.new_context()
    page = await context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    await page.goto(url, wait_until="commit")
    return page, problems


async def leave(page: Page) -> None:
    """Leave as a learner would (the page shuts its kernel down as it goes), then close."""
    await page.goto("about:blank")
    await page.context.close()


async def time_to_interactive(browser: Browser, server: Server, name: str, control) -> float:
    page, _ = await open_page(browser, page_url(server, name))
    try:
        return await page.evaluate(INTERACTIVE_AT, list(control))
    finally:
        await leave(page)


HOME_FILTER = r"""
async () => {
  while (!document.querySelector('.motw-home select[data-filter=kind]'))
    await new Promise((r) => setTimeout(r, 5));
  const select = document.querySelector('.motw-home select[data-filter=kind]');
  const count = document.querySelector('.motw-count');
  return await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (/ of \d+ moves match/.test(count.textContent)) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(count, { subtree: true, childList: true, characterData: true });
    select.value = 'core';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
"""


async def home_interactive(browser: Browser, server: Server) -> float:
    page, _ = await open_page(browser, f"{server.url}/voila/render/index.ipynb")
    try:
        return await page.evaluate(HOME_FILTER)
    finally:
        await leave(page)


def kernel_pid(server: Server, kernel_id: str) -> int:
    """The process of one kernel: the one listening on the shell port of its connection file
    (a forked kernel's command line is its warm process's, with no kernel id)."""
    folder = re.search(r"Storing connection files in (\S+?)\.?$", server.log.read_text(), re.M)
    if folder:
        info = json.loads((Path(folder.group(1)) / f"kernel-{kernel_id}.json").read_text())
        for pid in server.kernels():
            with contextlib.suppress(psutil.Error):
                for connection in psutil.Process(pid).net_connections(kind="tcp"):
                    if connection.laddr.port == info["shell_port"]:
                        return pid
    raise RuntimeError(f"no kernel process for {kernel_id}")


async def kernel_cost(
    browser: Browser, server: Server, name: str, ready: str
) -> tuple[tuple[float, float, float], float]:
    """RSS, PSS and USS (MiB) and CPU time (s, from its start) of the kernel behind one page,
    once the page is interactive (not of others starting meanwhile, such as a pool refilling)."""
    page, _ = await open_page(browser, page_url(server, name))
    try:
        await page.wait_for_selector(ready)
        await asyncio.sleep(1.5)
        kernel_id = await page.evaluate(
            "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
        )
        pid = kernel_pid(server, kernel_id)
        info = psutil.Process(pid).memory_full_info()
        return (info.rss / 2**20, info.pss / 2**20, info.uss / 2**20), cpu_seconds(pid)
    finally:
        await leave(page)


# Choosing an answer and checking it are two acts, a moment apart, as a learner makes them; only
# the check is timed (clicking both in one task would time the choice's repaint as well).
PICK = """
() => {
  const quiz = document.querySelector('.motw-quiz');
  const option = quiz.querySelector('.motw-option input');
  if (option) option.click();
  const area = quiz.querySelector('[data-muscle]');
  if (!option && area) area.dispatchEvent(new MouseEvent('click', { bubbles: true }));
}
"""
CHECK = """
async () => {
  const quiz = document.querySelector('.motw-quiz');
  return await new Promise((resolve) => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (quiz.querySelector('.motw-verdict')) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(quiz, { subtree: true, childList: true, characterData: true });
    quiz.querySelector('form button[type=submit]').click();
  });
}
"""


async def answer(page: Page) -> float:
    """Choose the first answer, pause as a learner does, then time Check until the verdict."""
    await page.evaluate(PICK)
    await asyncio.sleep(THINK)
    return await page.evaluate(CHECK)


# A step is shown when its text and the figure's target pose have both changed (the figure
# then eases into the pose, as designed).
STEP_BEFORE = """() => { window.__before = [
  document.querySelector('.motw-walk .motw-step').textContent,
  document.querySelector('.motw-walk svg.motw-figure').dataset.step +
  document.querySelector('.motw-walk svg.motw-figure').dataset.mirror]; }"""
STEP_SHOWN = (
    "document.querySelector('.motw-walk .motw-step').textContent !== window.__before[0] && "
    "document.querySelector('.motw-walk svg.motw-figure').dataset.step + "
    "document.querySelector('.motw-walk svg.motw-figure').dataset.mirror !== window.__before[1]"
)
NEXT_QUESTION = "document.querySelector('.motw-quiz [data-action=next]').click()"


# A pause between interactions, as a person makes: back-to-back messages on one websocket
# run into TCP's delayed acknowledgement (about 40 ms here), which no learner would meet.
THINK = 0.25


async def interactions(
    page: Page, steps: bool = True, ready_ms: float = 30_000
) -> list[tuple[str, float]]:
    """One learner's session on the move page: every step, then every quiz answer."""
    measured: list[tuple[str, float]] = []
    await page.wait_for_selector(".motw-quiz .motw-prompt", timeout=ready_ms)
    if steps:
        for _ in range(5):
            await asyncio.sleep(THINK)
            await page.evaluate(STEP_BEFORE)
            ms = await page.evaluate(CLICK_UNTIL, [".motw-walk [data-action=next]", STEP_SHOWN])
            measured.append(("step", ms))
    for _ in range(8):
        await asyncio.sleep(THINK)
        measured.append(("answer", await answer(page)))
        await asyncio.sleep(THINK)
        await page.evaluate(NEXT_QUESTION)
    return measured


async def single_interactions(browser: Browser, server: Server, runs: int) -> dict[str, list]:
    out: dict[str, list[float]] = {"bare": [], "step": [], "answer": []}
    for _ in range(runs):
        page, _ = await open_page(browser, page_url(server, "bare"))
        await page.wait_for_selector(".widget-button")
        await asyncio.sleep(0.3)
        for _ in range(3):
            await asyncio.sleep(THINK)
            await page.evaluate(
                "window.__before = document.querySelector('.widget-label').textContent"
            )
            out["bare"].append(
                await page.evaluate(
                    CLICK_UNTIL,
                    [
                        ".widget-button",
                        "document.querySelector('.widget-label').textContent !== window.__before",
                    ],
                )
            )
        await leave(page)
        page, _ = await open_page(browser, f"{server.url}/voila/render/{MOVE}.ipynb")
        await page.wait_for_selector(".motw-quiz .motw-prompt")
        await asyncio.sleep(0.3)
        for kind, ms in await interactions(page):
            out[kind].append(ms)
        await leave(page)
    return out


async def crowd(server: Server, learners: int) -> dict[str, object]:
    """`learners` learners at the websocket level (bench/crowd.py), arriving within five
    seconds, each walking the move and answering its quiz. Interactions are split by when
    they were sent: while pages were still opening (kernels starting), and once all were open."""
    peak = [server.memory_mib()]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak.append(server.memory_mib())
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    began = time.perf_counter()
    sessions = await asyncio.gather(
        *(
            learner_session(server.url, f"{MOVE}.ipynb", delay=n * 0.2, think=THINK)
            for n in range(learners)
        )
    )
    elapsed = time.perf_counter() - began
    stop.set()
    sampler.join()
    all_open = max(s.ready_at for s in sessions)
    timed = [(at, ms) for s in sessions for _, at, ms in s.timed]
    latencies = [ms for _, ms in timed]
    arriving = [ms for at, ms in timed if at < all_open]
    steady = [ms for at, ms in timed if at >= all_open]
    loads = [s.ready_ms for s in sessions]
    return {
        "learners": learners,
        "interactions": len(latencies),
        "per_second": len(latencies) / elapsed,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "arriving": (len(arriving), percentile(arriving, 50), percentile(arriving, 95)),
        "steady": (len(steady), percentile(steady, 50), percentile(steady, 95)),
        "errors": [e for s in sessions for e in s.errors],
        "peak_mib": max(peak),
        "load_p50": percentile(loads, 50),
        "load_p95": percentile(loads, 95),
    }


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


async def preheated_tti(runs: int) -> dict[str, float]:
    """Time to interactive with a pool of pre-heated kernels for the course's pages measured
    (production pre-heats the home only, see voila.json and bench/RESULTS.md); the bare page,
    with the stock template, is not pooled (STOCK)."""
    with Server(cull_seconds=0, preheat=(f"{MOVE}.ipynb", "index.ipynb")) as server:
        async with async_playwright() as playwright:
            executable = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
            browser = await playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS
            )
            times: dict[str, list[float]] = {"bare": [], "move": [], "home": []}
            for _ in range(runs):
                await asyncio.sleep(3)  # let the pools refill between visits
                times["bare"].append(await time_to_interactive(browser, server, "bare", BARE))
                times["move"].append(await time_to_interactive(browser, server, MOVE, NEXT))
                times["home"].append(await home_interactive(browser, server))
            await browser.close()
    return {name: median(values) for name, values in times.items()}


async def main(quick: bool) -> None:
    runs = 1 if quick else 7
    learners = 3 if quick else 25
    # Culling as in production would leave nothing to see within a bench run; a short cull
    # would kill kernels of learners still waiting for their page under load. Pages that are
    # left shut their kernels down (Voilà's unload beacon), so measure memory after they left.
    with Server(cull_seconds=0) as server:
        async with async_playwright() as playwright:
            executable = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
            browser = await playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS
            )
            tti = {"bare": [], "move": [], "home": []}
            memory: dict[str, list[tuple[float, float, float]]] = {"bare": [], "move": []}
            cpu: dict[str, list[float]] = {"bare": [], "move": []}
            for _ in range(runs):  # alternate, so drift hits every page alike
                tti["bare"].append(await time_to_interactive(browser, server, "bare", BARE))
                tti["move"].append(await time_to_interactive(browser, server, MOVE, NEXT))
                tti["home"].append(await home_interactive(browser, server))
            for _ in range(min(runs, 3)):
                for name, notebook, ready in (
                    ("bare", "bare", ".widget-button"),
                    ("move", MOVE, ".motw-quiz .motw-prompt"),
                ):
                    sizes, seconds = await kernel_cost(browser, server, notebook, ready)
                    memory[name].append(sizes)
                    cpu[name].append(seconds)
            clicks = await single_interactions(browser, server, runs)
            await browser.close()
        alone = await crowd(server, 1)
        many = await crowd(server, learners)
        deadline = time.monotonic() + 30
        while len(server.kernels()) > PREHEATED and time.monotonic() < deadline:
            time.sleep(1)
        settled = server.memory_mib()
        left = len(server.kernels())

    preheated = await preheated_tti(runs)
    bare_click = median(clicks["bare"])
    rows = [
        ("time to interactive, move page", median(tti["move"]), median(tti["bare"]), "≤ 1.25"),
        (
            "time to interactive, home (pre-heated, as voila.json has it)",
            median(tti["home"]),
            median(tti["bare"]),
            "≤ 1.25",
        ),
        ("step navigation (Next → new step and pose)", median(clicks["step"]), bare_click, "≤ 0.3"),
        ("quiz answer → feedback", median(clicks["answer"]), bare_click, "≤ 1.2"),
        *(
            (
                f"kernel memory, {kind} (MiB)",
                median([m[i] for m in memory["move"]]),
                median([m[i] for m in memory["bare"]]),
                "≤ 1.1" if kind == "USS" else "",
            )
            for i, kind in enumerate(("RSS", "PSS", "USS"))
        ),
        ("kernel CPU, start to interactive (s)", median(cpu["move"]), median(cpu["bare"]), "≤ 1.2"),
    ]
    print(f"# Move of the Week bench ({'quick' if quick else f'median of {runs}'})")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print()
    print("| measure | course | bare | ratio | target |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, course_value, bare_value, target in rows:
        unit = "" if "MiB" in name or "(s)" in name else " ms"
        digits = 2 if "(s)" in name else 1
        ratio = course_value / bare_value if bare_value else float("nan")
        print(
            f"| {name} | {course_value:.{digits}f}{unit} | {bare_value:.{digits}f}{unit} | "
            f"{ratio:.2f} | {target} |"
        )
    print()
    print("With a pool of pre-heated kernels (one per page, no culling):")
    print()
    print("| time to interactive | pre-heated | ratio to bare, no pool | ratio to bare, pooled |")
    print("| --- | ---: | ---: | ---: |")
    for name in ("move", "home"):
        print(
            f"| {name} | {preheated[name]:.1f} ms | {preheated[name] / median(tti['bare']):.2f} | "
            f"{preheated[name] / preheated['bare']:.2f} |"
        )
    print(
        f"| bare | {preheated['bare']:.1f} ms | {preheated['bare'] / median(tti['bare']):.2f} | |"
    )
    print()
    print(f"Load, at the websocket level (bench/crowd.py): 1 learner, then {learners} at once.")
    print()
    print(f"| load | 1 learner | {learners} learners | ratio |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| interactions per second | {alone['per_second']:.1f} | {many['per_second']:.1f} | |")
    print(
        f"| p50 latency (ms) | {alone['p50']:.1f} | {many['p50']:.1f} | "
        f"{many['p50'] / alone['p50']:.2f} |"
    )
    print(
        f"| p95 latency (ms) | {alone['p95']:.1f} | {many['p95']:.1f} | "
        f"{many['p95'] / alone['p95']:.2f} (target < 3) |"
    )
    windows = (("arriving", "while pages were opening"), ("steady", "once all were open"))
    for window, label in windows:
        count, p50, p95 = many[window]
        print(
            f"| p50 / p95 {label} ({count} interactions) | | {p50:.1f} / {p95:.1f} | "
            f"{p95 / alone['p95']:.2f} |"
        )
    print(
        f"| page ready, p50 (ms) | {alone['load_p50']:.0f} | {many['load_p50']:.0f} | "
        f"{many['load_p50'] / alone['load_p50']:.2f} |"
    )
    print(
        f"| page ready, p95 (ms) | {alone['load_p95']:.0f} | {many['load_p95']:.0f} | "
        f"{many['load_p95'] / alone['load_p95']:.2f} |"
    )
    print(f"| errors | {len(alone['errors'])} | {len(many['errors'])} | |")
    print(f"| peak server memory (MiB) | {alone['peak_mib']:.0f} | {many['peak_mib']:.0f} | |")
    print(
        f"\nserver memory once the learners had left their pages: {settled:.0f} MiB "
        f"({left} kernels left running; voila.json keeps {PREHEATED} pre-heated)"
    )
    for error in many["errors"][:5]:
        print(f"error: {error}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run for CI")
    asyncio.run(main(parser.parse_args().quick))
