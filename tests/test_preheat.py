"""PoolKeeper: the pre-heated pages follow the calendar and the content, applied to a kernel
manager that records what it is asked (the real one starts kernels: tests/test_serve_preheat.py
covers it against a live server)."""

from __future__ import annotations

import asyncio
import logging
import os

from server.pools import THIS_WEEK, read_pool_settings
from server.preheat import PoolKeeper


class RecordingManager:
    """The part of Voilà's pooling kernel manager that PoolKeeper uses."""

    def __init__(self) -> None:
        self._pools: dict[str, list[asyncio.Future]] = {}
        self.kernel_pools_config: dict = {}
        self.shut_down: list[str] = []
        self.died: set[str] = set()
        self.count = 0

    def fill_if_needed(self, delay=None, notebook_name=None, **_kwargs) -> None:
        size = self.kernel_pools_config.get(notebook_name, {}).get("pool_size", 0)
        pool = self._pools.setdefault(notebook_name, [])
        while len(pool) < size:
            self.count += 1
            future = asyncio.get_running_loop().create_future()
            future.set_result({"kernel_id": f"k{self.count}", "task": asyncio.Future()})
            pool.append(future)

    async def shutdown_kernel(self, kernel_id: str) -> None:
        self.shut_down.append(kernel_id)

    def __contains__(self, kernel_id: str) -> bool:  # alive, as MultiKernelManager says
        return kernel_id not in self.died


def _keeper(tmp_path, week: dict[str, str]):
    root = tmp_path / "notebooks"
    root.mkdir()
    for name in ("index.ipynb", "plank.ipynb", "glute-bridge.ipynb"):
        (root / name).write_text("{}")
    library = tmp_path / "library"
    library.mkdir()
    (library / "plank.yaml").write_text("slug: plank\n")
    settings = read_pool_settings(
        {"index.ipynb": {"pool_size": 1}, THIS_WEEK: {"pool_size": 2}},
        [p.name for p in root.iterdir()],
    )
    manager = RecordingManager()
    keeper = PoolKeeper(
        manager,
        settings,
        root,
        [library],
        lambda _today, _stamp: week["now"],
        logging.getLogger("t"),
    )
    return keeper, manager, root, library


def _run(keeper: PoolKeeper) -> None:
    async def go() -> None:
        keeper.check()
        if keeper._busy is not None:
            await keeper._busy

    asyncio.run(go())


def _pooled(manager: RecordingManager) -> dict[str, int]:
    return {name: len(pool) for name, pool in manager._pools.items() if pool}


def test_the_pools_follow_the_configuration_and_this_weeks_move(tmp_path):
    keeper, manager, _, _ = _keeper(tmp_path, {"now": "glute-bridge.ipynb"})
    _run(keeper)
    assert _pooled(manager) == {"index.ipynb": 1, "glute-bridge.ipynb": 2}
    assert manager.kernel_pools_config["glute-bridge.ipynb"] == {"pool_size": 2}


def test_the_monday_rollover_moves_the_pool_without_a_restart(tmp_path):
    week = {"now": "glute-bridge.ipynb"}
    keeper, manager, _, _ = _keeper(tmp_path, week)
    _run(keeper)
    old = [f.result()["kernel_id"] for f in manager._pools["glute-bridge.ipynb"]]
    week["now"] = "plank.ipynb"
    _run(keeper)
    assert _pooled(manager) == {"index.ipynb": 1, "plank.ipynb": 2}
    assert sorted(manager.shut_down) == sorted(old)
    assert "glute-bridge.ipynb" not in manager.kernel_pools_config


def test_nothing_changes_when_nothing_changed(tmp_path):
    keeper, manager, _, _ = _keeper(tmp_path, {"now": "plank.ipynb"})
    _run(keeper)
    started = manager.count
    _run(keeper)
    assert manager.count == started and manager.shut_down == []


def test_a_changed_notebook_replaces_only_its_own_pool(tmp_path):
    keeper, manager, root, _ = _keeper(tmp_path, {"now": "plank.ipynb"})
    _run(keeper)
    index_kernels = [f.result()["kernel_id"] for f in manager._pools["index.ipynb"]]
    plank_kernels = [f.result()["kernel_id"] for f in manager._pools["plank.ipynb"]]
    (root / "plank.ipynb").write_text('{"changed": 1}')
    _run(keeper)
    assert sorted(manager.shut_down) == sorted(plank_kernels)
    assert [f.result()["kernel_id"] for f in manager._pools["index.ipynb"]] == index_kernels
    assert _pooled(manager) == {"index.ipynb": 1, "plank.ipynb": 2}


def test_a_content_change_replaces_every_pooled_page(tmp_path):
    keeper, manager, _, library = _keeper(tmp_path, {"now": "plank.ipynb"})
    _run(keeper)
    before = {f.result()["kernel_id"] for pool in manager._pools.values() for f in pool}
    path = library / "plank.yaml"
    path.write_text("slug: plank\ntitle: Plank\n")
    os.utime(path, ns=(10**18, 10**18))
    _run(keeper)
    assert set(manager.shut_down) == before
    after = {f.result()["kernel_id"] for pool in manager._pools.values() for f in pool}
    assert not after & before and _pooled(manager) == {"index.ipynb": 1, "plank.ipynb": 2}


def test_a_bad_pool_setting_stops_the_server_with_one_line(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for setting, message in [
        ("--CourseApp.timezone=Mars/Olympus", "timezone: 'Mars/Olympus' is not a known time zone"),
        (
            "--VoilaKernelManager.kernel_pools_config=plank.ipynb=2",
            "kernel_pools_config['plank.ipynb']: expected a mapping such as",
        ),
    ]:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "server.app",
                "notebooks/",
                "--port=0",
                "--no-browser",
                "--Voila.ip=127.0.0.1",
                setting,
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 1, run.stderr
        assert f"server.app: {'kernel_pools_config' if 'pool' in setting else ''}" in run.stderr
        assert message in run.stderr and "Traceback" not in run.stderr


def test_the_week_finder_reads_the_course_again_only_when_the_stamp_changes(tmp_path, monkeypatch):
    import datetime as dt

    import moves.loader
    from moves.calendar import this_week
    from server.preheat import week_notebook_finder

    real = moves.loader.load_course
    loads: list[object] = []
    monkeypatch.setattr(moves.loader, "load_course", lambda d: loads.append(d) or real(d))
    root = tmp_path / "notebooks"
    root.mkdir()
    find = week_notebook_finder(root)
    monday = dt.date(2026, 11, 30)
    week = this_week(moves.loader.course(), monday).move
    (root / f"{week.slug}.ipynb").write_text("{}")
    assert find(monday, ("a",)) == f"{week.slug}.ipynb"
    assert find(monday + dt.timedelta(1), ("a",)) == f"{week.slug}.ipynb"
    assert len(loads) == 1  # same stamp: the course read once
    find(monday, ("b",))
    assert len(loads) == 2  # a new stamp: read again


def test_a_pooled_kernel_that_died_is_never_handed_out_and_is_replaced():
    from server.preheat import drop_dead_kernels

    async def go() -> None:
        manager = RecordingManager()
        manager.kernel_pools_config = {"plank.ipynb": {"pool_size": 3}}
        manager.fill_if_needed(notebook_name="plank.ipynb")
        pool = manager._pools["plank.ipynb"]
        first = pool[0].result()
        manager.died.add(pool[1].result()["kernel_id"])  # died while starting, under load
        assert drop_dead_kernels(manager, "plank.ipynb", logging.getLogger("t")) == 1
        ids = [future.result()["kernel_id"] for future in pool]
        assert ids == [first["kernel_id"], "k3", "k4"]  # the dead one out, a new one started
        assert drop_dead_kernels(manager, "plank.ipynb", logging.getLogger("t")) == 0

    asyncio.run(go())


def test_a_large_pool_fills_a_few_kernels_a_check(tmp_path):
    """A worker that starts (after a crash, say) does not start a class-sized pool at once."""
    from server.preheat import FILL_PACE

    keeper, manager, _, _ = _keeper(tmp_path, {"now": "glute-bridge.ipynb"})
    keeper.settings = read_pool_settings(
        {THIS_WEEK: {"pool_size": 3 * FILL_PACE + 1}}, ["glute-bridge.ipynb"]
    )
    filled = []
    for _ in range(5):
        _run(keeper)
        filled.append(_pooled(manager).get("glute-bridge.ipynb", 0))
    assert filled == [FILL_PACE, 2 * FILL_PACE, 3 * FILL_PACE, 3 * FILL_PACE + 1, 3 * FILL_PACE + 1]
