"""Monday morning: a class opens this week's move through the production setup (HAProxy in front
of N course workers, `python -m server.cluster`), at the websocket level (bench/crowd.py).

    .venv/bin/python bench/monday.py              # the three scenarios below, one worker a core
    .venv/bin/python bench/monday.py --quick      # smoke run: 6 learners over 6 s, no kill
    .venv/bin/python bench/monday.py --class-pool 50   # this week's pool sized for the class

Scenarios:
- arrivals: 100 learners over 60 s (Poisson arrivals from a fixed seed) at this week's move;
  each walks the steps and answers the quiz, then leaves as a phone does (no shutdown beacon:
  its kernel waits for the idle cull).
- kill: the same, with one worker killed (SIGKILL) 30 s in.
- burst: 25 learners at once.
Reported: page ready p50/p95, interaction p95 (and one learner alone, measured first in the
same run, for the ratio), errors, CPU seconds per page (workers and kernels, reaped ones
included), peak memory, and memory once the idle kernels are culled. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from crowd import Session, learner_session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from moves.calendar import this_week  # noqa: E402
from moves.loader import course  # noqa: E402
from server.cluster import consecutive_free_ports  # noqa: E402

THINK = 1.0  # seconds a learner looks at a step or a question before acting
CULL_SECONDS = 20  # the idle cull for this bench, so that culled memory is seen within minutes
SEED = 20261130
# With --class-pool, a taken pre-heated kernel is replaced this many seconds later: after the
# class has arrived, so that refilling does not compete with the pages being opened.
REFILL_DELAY = 90


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


class Cluster:
    """server.cluster with `workers` workers on free ports; the process tree is measured."""

    def __init__(self, workers: int, class_pool: int = 0) -> None:
        self.workers = workers
        self.class_pool = class_pool
        self.port = consecutive_free_ports(1)
        self.first_worker = consecutive_free_ports(workers)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="motw-monday-", suffix=".log")[1])
        args = [
            sys.executable,
            "-m",
            "server.cluster",
            "notebooks/",
            f"--workers={workers}",
            f"--port={self.port}",
            f"--worker-port={self.first_worker}",
            f"--MappingKernelManager.cull_idle_timeout={CULL_SECONDS}",
            "--MappingKernelManager.cull_interval=5",
        ]
        if class_pool:  # voila.json's pools, with this week's sized for the class
            pools = {"default": {"pool_size": 0}, "index.ipynb": {"pool_size": 1}}
            pools["this-week"] = {"pool_size": class_pool}
            args += [
                f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
                f"--VoilaKernelManager.fill_delay={REFILL_DELAY}",
            ]
        with self.log.open("w") as out:
            self.process = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if "workers up" in self.log.read_text():
                break
            time.sleep(0.5)
        else:
            raise RuntimeError(f"the cluster did not start:\n{self.log.read_text()}")
        self.settle(self.fill_seconds)

    def refilled(self) -> None:
        """After a scenario: wait for the pools to be filled again (they refill REFILL_DELAY
        after a kernel is taken) and for the machine to be quiet."""
        if self.class_pool:
            time.sleep(REFILL_DELAY)
        self.settle(self.fill_seconds)

    @property
    def fill_seconds(self) -> float:
        """How long filling the pools may keep the workers busy, at the most."""
        return max(120, 12 * self.class_pool)

    def settle(self, seconds: float = 120) -> None:
        """Wait until the pre-heat pools are full and the machine is quiet (5 s in a row)."""
        deadline = time.monotonic() + seconds
        quiet = 0
        while time.monotonic() < deadline and quiet < 5:
            quiet = quiet + 1 if psutil.cpu_percent(interval=1.0) < 15 else 0

    def tree(self) -> list[psutil.Process]:
        root = psutil.Process(self.process.pid)
        return [root, *root.children(recursive=True)]

    def memory_mib(self) -> float:
        """The tree's memory as PSS: pages that kernels share (with each other and the warm
        process they were forked from) are divided among their sharers, not counted again in
        every process as RSS would."""
        total = 0
        for proc in self.tree():
            with contextlib.suppress(psutil.Error):
                total += proc.memory_full_info().pss
        return total / 2**20

    def cpu_seconds(self) -> float:
        """User and system time of the workers and kernels, reaped kernels included."""
        total = 0.0
        for proc in self.tree():
            try:
                times = proc.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system + times.children_user + times.children_system
        return total

    def worker_pid(self, name: str) -> int:
        port = self.first_worker + int(name.lstrip("w")) - 1
        for proc in self.tree():
            try:
                if f"--port={port}" in proc.cmdline() and "server.app" in proc.cmdline():
                    return proc.pid
            except psutil.Error:
                continue
        raise RuntimeError(f"no worker {name}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            for proc in self.tree():
                proc.kill()


@dataclass
class Scenario:
    name: str
    learners: int
    arrivals: list[float]  # seconds after the start, one per learner
    kill_at: float | None = None


def poisson_arrivals(learners: int, seconds: float, seed: int) -> list[float]:
    """Arrival times of a Poisson process with `learners` expected over `seconds`, fixed seed,
    scaled to end within `seconds`."""
    rng = random.Random(seed)
    gaps = [rng.expovariate(learners / seconds) for _ in range(learners)]
    times = [sum(gaps[: i + 1]) for i in range(learners)]
    scale = min(1.0, seconds / times[-1])
    return [t * scale for t in times]


async def run_scenario(cluster: Cluster, scenario: Scenario, notebook: str) -> dict[str, object]:
    peak = [cluster.memory_mib()]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak.append(cluster.memory_mib())
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    cpu_before = cluster.cpu_seconds()
    began = time.perf_counter()
    killed: dict[str, object] = {}

    async def kill_later() -> None:
        if scenario.kill_at is None:
            return
        await asyncio.sleep(scenario.kill_at)
        os.kill(cluster.worker_pid("w1"), signal.SIGKILL)
        killed.update(at=time.perf_counter(), worker="w1")

    sessions: list[Session]
    sessions, _ = await asyncio.gather(
        asyncio.gather(
            *(
                learner_session(cluster.url, notebook, delay=t, think=THINK, beacon=False)
                for t in scenario.arrivals
            )
        ),
        kill_later(),
    )
    elapsed = time.perf_counter() - began
    # Kernels left open (no beacon) are culled after CULL_SECONDS idle; wait for that.
    time.sleep(CULL_SECONDS + 15)
    stop.set()
    sampler.join()
    cpu = cluster.cpu_seconds() - cpu_before
    after_cull = cluster.memory_mib()
    ready = [s.ready_ms / 1000 for s in sessions if not s.errors]
    steps = [ms for s in sessions for kind, _, ms in s.timed]
    result: dict[str, object] = {
        "scenario": scenario.name,
        "learners": scenario.learners,
        "seconds": elapsed,
        "ready_p50": percentile(ready, 50),
        "ready_p95": percentile(ready, 95),
        "interaction_p95": percentile(steps, 95),
        "errors": [e for s in sessions for e in s.errors],
        "failed_sessions": sum(1 for s in sessions if s.errors),
        "cpu_per_page": cpu / max(1, len(sessions)),
        "peak_mib": max(peak),
        "after_cull_mib": after_cull,
    }
    if killed:
        at, worker = killed["at"], killed["worker"]
        after = [s for s in sessions if s.arrived_at > at]  # type: ignore[operator]
        survivors = [s for s in sessions if s.arrived_at <= at and s.worker != worker]  # type: ignore[operator]
        on_dead = [s for s in sessions if s.arrived_at <= at and s.worker == worker]  # type: ignore[operator]
        result |= {
            "arrived_after_kill": len(after),
            "failed_after_kill": sum(1 for s in after if s.errors),
            "other_workers_open": len(survivors),
            "other_workers_failed": sum(1 for s in survivors if s.errors),
            "on_killed_worker": len(on_dead),
            "on_killed_worker_failed": sum(1 for s in on_dead if s.errors),
        }
    return result


async def one_learner(cluster: Cluster, notebook: str) -> float:
    session = await learner_session(cluster.url, notebook, delay=0, think=0.3)
    if session.errors:
        raise RuntimeError(f"one learner alone failed: {session.errors}")
    return percentile([ms for _, _, ms in session.timed], 95)


def report(results: list[dict[str, object]], alone_p95: float) -> None:
    print(f"\none learner alone: interaction p95 {alone_p95:.1f} ms")
    print(
        "| scenario | learners | ready p50 | ready p95 | interaction p95 (x alone) | errors |"
        " CPU s/page | peak PSS MiB | after cull PSS MiB |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        p95 = float(r["interaction_p95"])  # type: ignore[arg-type]
        print(
            f"| {r['scenario']} | {r['learners']} | {r['ready_p50']:.2f} s | {r['ready_p95']:.2f} s"
            f" | {p95:.1f} ms ({p95 / alone_p95:.2f}x) | {r['failed_sessions']} |"
            f" {r['cpu_per_page']:.2f} | {r['peak_mib']:.0f} | {r['after_cull_mib']:.0f} |"
        )
    for r in results:
        if "arrived_after_kill" in r:
            print(
                f"\nkill at 30 s: {r['arrived_after_kill']} arrived after it, "
                f"{r['failed_after_kill']} failed; {r['other_workers_open']} open on the other "
                f"workers, {r['other_workers_failed']} failed; {r['on_killed_worker']} open on "
                f"the killed worker, {r['on_killed_worker_failed']} lost (expected)"
            )
        for error in sorted(set(r["errors"]))[:5]:  # type: ignore[call-overload]
            print(f"  {r['scenario']} error: {error}")


async def main(quick: bool, workers: int, class_pool: int) -> None:
    week = this_week(course(), dt.date.today()).move
    notebook = f"{week.slug}.ipynb"
    print(
        f"this week's move: {week.title} ({notebook}); {workers} workers behind HAProxy;"
        f" {os.cpu_count()} cores; this week's pool per worker: "
        f"{class_pool or 'as voila.json has it'}"
    )
    if quick:
        scenarios = [Scenario("arrivals (quick)", 6, poisson_arrivals(6, 6, SEED))]
    else:
        scenarios = [
            Scenario("100 over 60 s", 100, poisson_arrivals(100, 60, SEED)),
            Scenario("100 over 60 s, kill at 30 s", 100, poisson_arrivals(100, 60, SEED), 30),
            Scenario("25 at once", 25, [0.0] * 25),
        ]
    results = []
    cluster = Cluster(workers, class_pool)
    try:
        alone = await one_learner(cluster, notebook)
        for index, scenario in enumerate(scenarios):
            results.append(await run_scenario(cluster, scenario, notebook))
            if index < len(scenarios) - 1:
                cluster.refilled()  # a killed worker is back too, with its pools full
    except BaseException:
        print(cluster.log.read_text()[-4000:], file=sys.stderr)
        raise
    finally:
        cluster.stop()
    report(results, alone)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run for CI")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--class-pool",
        type=int,
        default=0,
        help="pre-heated kernels of this week's move per worker (default: voila.json's)",
    )
    options = parser.parse_args()
    asyncio.run(main(options.quick, options.workers, options.class_pool))
