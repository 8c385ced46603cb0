"""What a page's kernel costs, forked from the warm process (`motw-fork`, as voila.json has it)
beside jupyter_client's stock start (`local-provisioner`), in the same run.

    .venv/bin/python bench/kernels.py                  # 5 rounds of starts, 10 pages, 100 open
    .venv/bin/python bench/kernels.py --open 20        # fewer open pages (memory)

1. Kernel start: from the start request to the kernel's kernel_info reply, as jupyter_server
   starts a kernel (AsyncKernelManager, in this process), a bare kernel each time.
2. A page that is not pre-heated, through the course app (`python -m server.app`, pools off):
   the whole HTML of a move page, one visitor at a time, and the CPU it took to open it (the
   kernel's own, from its start until its page is open, and the worker's and warm process's).
3. Twenty visitors at once (the HTML, pages not pre-heated), then `--open` pages held open at the
   websocket level (bench/crowd.py): each kernel's RSS, PSS and USS (psutil memory_full_info)
   and the PSS of the whole tree (worker, warm process, kernels). RSS counts the pages a kernel
   shares with the warm process again in every kernel; PSS divides them among their sharers.
Nothing is asserted; it prints what it measured.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import queue
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from crowd import KERNEL_ID, Learner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' helpers
from support import wait_until_answering  # noqa: E402

PROVISIONERS = ("motw-fork", "local-provisioner")
MOVE = "hamstring-kickbacks.ipynb"
MIB = 2**20


def spread(values: list[float], digits: int = 0, scale: float = 1.0) -> str:
    """The median, and the range in brackets."""
    if not values:
        return "n/a"
    v = [x * scale for x in values]
    return f"{statistics.median(v):.{digits}f} ({min(v):.{digits}f} to {max(v):.{digits}f})"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


async def kernel_starts(provisioner: str, rounds: int) -> tuple[list[float], list[float]]:
    """Seconds from the start request to the kernel_info reply, and the CPU seconds the kernel
    had used by then (its own: a forked kernel's count from the fork), `rounds` kernels in turn."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import KernelProvisionerFactory

    from server.provisioner import ForkServer

    KernelProvisionerFactory.instance().default_provisioner_name = provisioner
    if provisioner == "motw-fork":
        await asyncio.to_thread(ForkServer.instance().start().join)
    times, spent = [], []
    for _ in range(rounds):
        manager = AsyncKernelManager(kernel_name="python3")
        began = time.perf_counter()
        await manager.start_kernel()
        client = manager.client()
        client.start_channels()
        client.kernel_info()
        try:
            while (await client.get_shell_msg(timeout=60))["msg_type"] != "kernel_info_reply":
                pass
        except queue.Empty:  # it died starting (a port taken meanwhile, on a busy machine)
            print(f"{provisioner}: a kernel did not answer; not counted", file=sys.stderr)
        else:
            times.append(time.perf_counter() - began)
            spent.append(cpu(psutil.Process(manager.provisioner.pid)))
        client.stop_channels()
        await manager.shutdown_kernel()
        await asyncio.sleep(0.3)
    return times, spent


class App:
    """The course app with one provisioner, pools off and no cull, on a free port."""

    def __init__(self, provisioner: str) -> None:
        from server.cluster import consecutive_free_ports

        self.port = consecutive_free_ports(1)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="motw-kernels-", suffix=".log")[1])
        args = [
            sys.executable,
            "-m",
            "server.app",
            "notebooks/",
            f"--port={self.port}",
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--KernelProvisionerFactory.default_provisioner_name={provisioner}",
            "--VoilaConfiguration.preheat_kernel=False",
            "--MappingKernelManager.cull_idle_timeout=0",
        ]
        with self.log.open("w") as out:
            self.process = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        wait_until_answering(self.process, f"{self.url}/voila/static/voila.js", self.log, 120, 0.2)
        time.sleep(3)  # the warm process, if any, imports the course

    def tree(self) -> list[psutil.Process]:
        root = psutil.Process(self.process.pid)
        return [root, *root.children(recursive=True)]

    def helpers(self) -> list[psutil.Process]:
        """The worker and its warm process: what every page shares."""
        return [p for p in self.tree() if not is_kernel(p)]

    def kernels(self) -> list[psutil.Process]:
        return [p for p in self.tree() if is_kernel(p)]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()


def is_kernel(process: psutil.Process) -> bool:
    with contextlib.suppress(psutil.Error):
        cmdline = " ".join(process.cmdline())
        if "ipykernel_launcher" in cmdline:
            return True
        return "server.forkserver" in cmdline and "server.forkserver" in " ".join(
            process.parent().cmdline()
        )
    return False


def cpu(process: psutil.Process) -> float:
    with contextlib.suppress(psutil.Error):
        times = process.cpu_times()
        return times.user + times.system
    return 0.0


async def one_at_a_time(app: App, pages: int) -> dict[str, list[float]]:
    """Whole-HTML seconds and CPU seconds to open a page, one visitor at a time."""
    html, kernel_cpu, shared_cpu = [], [], []
    for _ in range(pages):
        learner = Learner(app.url, timeout=120)
        began = time.perf_counter()
        page = await learner.get(f"/voila/render/{MOVE}")
        html.append(time.perf_counter() - began)
        learner.kernel_id = KERNEL_ID.search(page).group(1)
        await learner.leave(beacon=True)
        await asyncio.sleep(0.5)
        # Another page, opened as a browser opens it (scripts, websocket, widget states).
        learner = Learner(app.url, timeout=120)
        before = {p.pid: cpu(p) for p in app.helpers()}
        await learner.open(MOVE)
        after = {p.pid: cpu(p) for p in app.helpers()}
        kernel = max(app.kernels(), key=lambda p: p.create_time())
        kernel_cpu.append(cpu(kernel))
        shared_cpu.append(sum(after[pid] - before.get(pid, 0.0) for pid in after))
        await learner.leave(beacon=True)
        await asyncio.sleep(0.5)
    return {"html": html, "kernel_cpu": kernel_cpu, "shared_cpu": shared_cpu}


async def at_once(app: App, visitors: int) -> tuple[list[float], int]:
    """Whole-HTML seconds of `visitors` arriving together, and how many failed."""

    async def visit() -> float | None:
        learner = Learner(app.url, timeout=300)
        began = time.perf_counter()
        try:
            page = await learner.get(f"/voila/render/{MOVE}")
            took = time.perf_counter() - began
            learner.kernel_id = KERNEL_ID.search(page).group(1)
            return took
        except Exception:
            return None
        finally:
            await learner.leave(beacon=True)  # its kernel shut down, as a page left

    results = await asyncio.gather(*(visit() for _ in range(visitors)))
    return [r for r in results if r is not None], sum(1 for r in results if r is None)


async def held_open(app: App, pages: int) -> dict[str, object]:
    """Open `pages` pages (a few at a time) and keep them; then the memory of the tree."""
    learners: list[Learner] = []
    for start in range(0, pages, 4):
        batch = [Learner(app.url, timeout=300) for _ in range(min(4, pages - start))]
        await asyncio.gather(*(learner.open(MOVE) for learner in batch))
        learners += batch
    await asyncio.sleep(3)
    kernels, helpers = app.kernels(), app.helpers()
    infos = [k.memory_full_info() for k in kernels]
    helper_infos = {" ".join(h.cmdline()[1:3]): h.memory_full_info() for h in helpers}
    tree_pss = sum(i.pss for i in infos) + sum(i.pss for i in helper_infos.values())
    for learner in learners:
        await learner.leave(beacon=True)
    return {
        "kernels": len(kernels),
        "rss": [i.rss / MIB for i in infos],
        "pss": [i.pss / MIB for i in infos],
        "uss": [i.uss / MIB for i in infos],
        "helpers": {
            name: (i.rss / MIB, i.pss / MIB, i.uss / MIB) for name, i in helper_infos.items()
        },
        "tree_pss": tree_pss / MIB,
    }


async def main(rounds: int, pages: int, crowd: int, held: int) -> None:
    load = os.getloadavg()
    print(
        f"# Kernel cost: motw-fork beside local-provisioner (same run)\n"
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average at start {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f} (1/5/15 min)\n"
    )
    starts: dict[str, list[float]] = {name: [] for name in PROVISIONERS}
    start_cpu: dict[str, list[float]] = {name: [] for name in PROVISIONERS}
    for _ in range(rounds):  # alternate, so drift hits both alike
        for name in PROVISIONERS:
            took, spent = await kernel_starts(name, 1)
            starts[name] += took
            start_cpu[name] += spent
    from server.provisioner import ForkServer

    ForkServer.instance().stop()
    results = {}
    for name in PROVISIONERS:
        app = App(name)
        try:
            opened = await one_at_a_time(app, pages)
            crowd_html, crowd_errors = await at_once(app, crowd)
            await asyncio.sleep(5)
            memory = await held_open(app, held)
        finally:
            app.stop()
        results[name] = (opened, crowd_html, crowd_errors, memory)
    print("| measure | motw-fork | local-provisioner (bare start) |")
    print("| --- | ---: | ---: |")
    row = lambda label, f: print(f"| {label} | {f('motw-fork')} | {f('local-provisioner')} |")  # noqa: E731
    row(
        f"kernel start, request to kernel_info reply, ms ({rounds} each)",
        lambda n: spread(starts[n], 0, 1000),
    )
    row(
        "kernel start: the kernel's CPU until that reply, ms",
        lambda n: spread(start_cpu[n], 0, 1000),
    )
    row(
        f"page not pre-heated: whole HTML, s ({pages} in turn)",
        lambda n: spread(results[n][0]["html"], 2),
    )
    row("CPU to open a page: its kernel, s", lambda n: spread(results[n][0]["kernel_cpu"], 2))
    row(
        "CPU to open a page: worker and warm process, s",
        lambda n: spread(results[n][0]["shared_cpu"], 2),
    )
    row(
        f"{crowd} at once: whole HTML p50 / p95, s; errors",
        lambda n: (
            f"{percentile(results[n][1], 50):.2f} / {percentile(results[n][1], 95):.2f}; "
            f"{results[n][2]}"
        ),
    )
    row("open pages measured", lambda n: str(results[n][3]["kernels"]))
    for key in ("rss", "pss", "uss"):
        row(f"per page kernel {key.upper()}, MiB", lambda n, k=key: spread(results[n][3][k], 1))
    row(f"whole tree PSS, {held} open pages, MiB", lambda n: f"{results[n][3]['tree_pss']:.0f}")
    for name in PROVISIONERS:
        for helper, (rss, pss, uss) in results[name][3]["helpers"].items():
            print(f"\n{name}: {helper}: RSS {rss:.0f} MiB, PSS {pss:.0f} MiB, USS {uss:.0f} MiB")
    load = os.getloadavg()
    print(f"\nload average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="kernel starts of each kind")
    parser.add_argument("--pages", type=int, default=10, help="pages opened one at a time")
    parser.add_argument("--crowd", type=int, default=20, help="visitors arriving at once")
    parser.add_argument("--open", type=int, default=100, help="pages held open for memory")
    options = parser.parse_args()
    asyncio.run(main(options.rounds, options.pages, options.crowd, options.open))
