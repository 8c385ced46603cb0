"""Keeps Voilà's pre-heated kernels on the pages the calendar says (server.pools).

At start, at each Monday rollover (in the configured time zone) and whenever a notebook or the
content changes, `PoolKeeper` works out which notebooks keep how many kernels, takes the pools
of pages that lost theirs or went stale out of Voilà's kernel manager (so no visitor gets a
stale page), shuts their kernels down, and fills the pools anew. It reads the manager's pools
(`_pools`), which Voilà keeps private: `pools_of` checks that at start (server.app).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import traitlets
from tornado.ioloop import PeriodicCallback
from traitlets.config.loader import DeferredConfig

from moves.contentcache import content_stamp
from server.pools import DEFAULT, PoolSettings, pool_sizes

CHECK_SECONDS = 5.0  # how often the calendar and the files are looked at
# How many kernels a pool may start at a check: a worker that starts (after a crash, say) fills
# a large pool over several checks, not all at once beside the learners it serves.
FILL_PACE = 2


def pools_of(manager: Any) -> dict[str, list[asyncio.Future]]:
    """Voilà's pools: notebook name -> futures of pre-heated kernels, oldest first."""
    pools = getattr(manager, "_pools", None)
    if not isinstance(pools, dict):
        raise TypeError("the pooling kernel manager no longer keeps its pools in `_pools`")
    return pools


def drop_dead_kernels(manager: Any, notebook_name: str, log: logging.Logger) -> int:
    """Take out of a notebook's pool the pre-heated kernels that are ready but no longer
    alive (one that died while starting, say under a heavy fill, stays in Voilà's pool and
    would be handed to a visitor as a page whose kernel does not exist), and start others in
    their place. Returns how many were dropped."""
    pool = pools_of(manager).get(notebook_name, [])
    dead = [future for future in pool if future.done() and not _alive(manager, future)]
    for future in dead:
        pool.remove(future)
        if (content := _started(future)) is not None:
            content["task"].cancel()
    if dead:
        log.warning(
            "%d pre-heated kernel(s) of %s had died; starting others", len(dead), notebook_name
        )
        manager.fill_if_needed(delay=0, notebook_name=notebook_name)
    return len(dead)


def _started(future: asyncio.Future) -> dict[str, Any] | None:
    """What a done pool future holds (kernel id, render task), or None if it failed."""
    if future.cancelled() or future.exception() is not None:
        return None
    return future.result()


def _alive(manager: Any, future: asyncio.Future) -> bool:
    content = _started(future)
    return content is not None and content["kernel_id"] in manager


class PoolKeeper:
    """Applies `settings` to a pooling Voilà kernel manager serving the notebooks in `root`.

    `week_notebook(today, content_stamp)` names this week's notebook (or None), reading the
    course again when the stamp changes; `content` lists the files and folders the pages are
    made from, besides the notebooks themselves. The keeper stamps them once a check.
    """

    def __init__(
        self,
        manager: Any,
        settings: PoolSettings,
        root: Path,
        content: list[Path],
        week_notebook: Callable[[dt.date, tuple], str | None],
        log: logging.Logger,
    ) -> None:
        self.manager = manager
        self.settings = settings
        self.root = root
        self.content = content
        self.week_notebook = week_notebook
        self.log = log
        self.sizes: dict[str, int] = {}
        self.content_seen = content_stamp(content)
        self.notebooks_seen: dict[str, tuple] = {}
        self._busy: asyncio.Task | None = None
        self._timer: PeriodicCallback | None = None

    def wanted(self, content_now: tuple) -> dict[str, int]:
        """Pool sizes for today, `this-week` resolved from the content as stamped."""
        return pool_sizes(self.settings, self.week_notebook(self.settings.today(), content_now))

    def start(self) -> None:
        """Apply today's sizes and look again every CHECK_SECONDS (on the server's loop)."""
        self._timer = PeriodicCallback(self.check, CHECK_SECONDS * 1000)
        self._timer.start()
        self.check()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    def _notebook_stamps(self, names: set[str]) -> dict[str, tuple]:
        return {name: content_stamp([self.root / name]) for name in names}

    def check(self) -> None:
        """Start a refresh when the week rolled over or a page's files changed."""
        if self._busy is not None and not self._busy.done():
            return
        for name in list(pools_of(self.manager)):
            drop_dead_kernels(self.manager, name, self.log)
        content_now = content_stamp(self.content)
        wanted = self.wanted(content_now)
        stale: set[str] = set()
        if content_now != self.content_seen:
            stale |= set(self.sizes)  # every pooled page is made from the content
        notebooks_now = self._notebook_stamps(set(wanted) | set(self.sizes))
        stale |= {
            name
            for name, stamp in notebooks_now.items()
            if name in self.notebooks_seen and self.notebooks_seen[name] != stamp
        }
        if wanted == self.sizes and not stale:
            self.pace()
            return
        self.content_seen = content_now
        self.notebooks_seen = notebooks_now
        self._busy = asyncio.ensure_future(self.refresh(wanted, stale))

    async def refresh(self, wanted: dict[str, int], stale: set[str]) -> None:
        """Drain the pools of pages that lost their kernels or went stale, then fill."""
        pools = pools_of(self.manager)
        gone = {name for name, size in self.sizes.items() if wanted.get(name, 0) < size}
        drained = [(name, pools.pop(name, [])) for name in (gone | stale) if name in pools]
        self.manager.kernel_pools_config = {
            DEFAULT: {"pool_size": self.settings.default},
            **{
                name: {"pool_size": min(size, len(pools.get(name, [])) + FILL_PACE)}
                for name, size in wanted.items()
            },
        }
        self.sizes = dict(wanted)
        if stale:
            self.log.info("Pre-heated pages out of date, heating them again: %s", sorted(stale))
        if gone:
            self.log.info("Pre-heating no longer wanted for %s", sorted(gone))
        for name, size in wanted.items():
            if size:
                self.manager.fill_if_needed(delay=0, notebook_name=name)
        for _name, futures in drained:
            for future in futures:
                await self._shut_down(future)

    def pace(self) -> None:
        """Raise each pool still short of its size by FILL_PACE kernels, and fill it."""
        config = self.manager.kernel_pools_config
        for name, size in self.sizes.items():
            configured = config.get(name, {}).get("pool_size", 0)
            if configured < size:
                config[name] = {"pool_size": min(size, configured + FILL_PACE)}
                self.manager.fill_if_needed(delay=0, notebook_name=name)

    async def _shut_down(self, future: asyncio.Future) -> None:
        try:
            content = await future
        except Exception:  # a kernel that failed to start has nothing to shut down
            return
        content["task"].cancel()
        try:
            await self.manager.shutdown_kernel(content["kernel_id"])
        except Exception as exc:  # already gone
            self.log.debug("pooled kernel %s: %s", content["kernel_id"], exc)


def week_notebook_finder(root: Path) -> Callable[[dt.date, tuple], str | None]:
    """this week's notebook in `root` for a day, from the course calendar; the course is read
    again when the content's stamp changes (a new move, a moved week)."""
    from moves.calendar import this_week
    from moves.loader import library_dir, load_course
    from moves.pages import move_address

    seen: dict[str, Any] = {"stamp": None, "course": None}

    def find(today: dt.date, stamp: tuple) -> str | None:
        if stamp != seen["stamp"]:
            seen["course"], seen["stamp"] = load_course(library_dir()), stamp
        if not seen["course"].moves:
            return None
        name = move_address(this_week(seen["course"], today).move.slug)
        return name if (root / name).is_file() else None

    return find


def pool_settings(app: Any, timezone: str) -> PoolSettings:
    """A Voilà app's pool settings (its configured kernel_pools_config), checked before its
    kernel manager starts filling pools: one line (SystemExit) when one is wrong."""
    from server.pools import PoolSettingsError, read_pool_settings

    section = app.config.get("VoilaKernelManager", {})
    raw = section.get("kernel_pools_config", {})
    if isinstance(raw, DeferredConfig):  # given on the command line: parse it as Voilà will
        try:
            raw = raw.get_value(traitlets.Dict())
        except Exception as exc:
            raise SystemExit(f"server.app: kernel_pools_config: {exc}") from None
    root = Path(app.root_dir)
    notebooks = [str(p.relative_to(root)) for p in root.rglob("*.ipynb")]
    try:
        return read_pool_settings(raw, notebooks, timezone)
    except PoolSettingsError as exc:
        raise SystemExit(f"server.app: {exc}") from None


def keep_pools(app: Any, settings: PoolSettings) -> PoolKeeper:
    """Keep a Voilà app's pools following the calendar and the content."""
    from moves.loader import MUSCLES_FILE, MYTHS_FILE, library_dir

    try:
        pools_of(app.kernel_manager)
    except TypeError as exc:
        raise SystemExit(f"server.app: {exc}") from None
    root = Path(app.root_dir)
    keeper = PoolKeeper(
        app.kernel_manager,
        settings,
        root,
        [library_dir(), MUSCLES_FILE, MYTHS_FILE],
        week_notebook_finder(root),
        app.log,
    )
    keeper.start()
    return keeper
