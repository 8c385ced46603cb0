"""Which pages keep pre-heated kernels, following the course calendar.

Voilà's `VoilaKernelManager.kernel_pools_config` names notebooks and their pool sizes. The
course adds one page name of its own, `this-week`: the notebook of this week's move, which
changes every Monday. `read_pool_settings` checks the configuration once, at start-up, and
turns every mistake into one line (`PoolSettingsError`); `pool_sizes` says, for a given day,
which notebook gets how many kernels. The server (server.app) applies it at start, at each
Monday rollover and when the content changes. Kept free of Voilà and the widget stack.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

THIS_WEEK = "this-week"
DEFAULT = "default"


class PoolSettingsError(ValueError):
    """A pool setting that cannot be used; the message is one line that names it."""


@dataclass(frozen=True)
class PoolSettings:
    """Pool sizes by page (a notebook's name, or THIS_WEEK), the default for the others, and
    the time zone whose Mondays roll the week over (None: the server's)."""

    sizes: Mapping[str, int]
    default: int
    timezone: zoneinfo.ZoneInfo | None

    def today(self, now: dt.datetime | None = None) -> dt.date:
        """Today's date where the course's Mondays are counted."""
        now = now or dt.datetime.now(dt.UTC)
        return now.astimezone(self.timezone).date()


def _size(page: str, entry: object) -> int:
    if not isinstance(entry, Mapping):
        raise PoolSettingsError(
            f'kernel_pools_config[{page!r}]: expected a mapping such as {{"pool_size": 1}}, '
            f"got {entry!r}"
        )
    size = entry.get("pool_size", 0)
    if isinstance(size, bool) or not isinstance(size, int):
        raise PoolSettingsError(
            f"kernel_pools_config[{page!r}].pool_size: expected a whole number of kernels, "
            f"got {size!r}"
        )
    if not 0 <= size <= 64:
        raise PoolSettingsError(
            f"kernel_pools_config[{page!r}].pool_size: expected 0 to 64 kernels, got {size}"
        )
    return size


def read_timezone(name: str) -> zoneinfo.ZoneInfo | None:
    """An IANA time zone name ("Europe/Paris"), or "" for the server's own."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise PoolSettingsError(
            f"timezone: {name!r} is not a known time zone; use an IANA name such as "
            "'Europe/London' or 'America/New_York', or leave it empty for the server's"
        ) from None


def read_pool_settings(
    config: Mapping[str, object], notebooks: Iterable[str], timezone: str = ""
) -> PoolSettings:
    """Check Voilà's kernel_pools_config against the notebooks being served."""
    if not isinstance(config, Mapping):
        raise PoolSettingsError(f"kernel_pools_config: expected a mapping, got {config!r}")
    known = set(notebooks)
    sizes: dict[str, int] = {}
    default = 0
    for page, entry in config.items():
        size = _size(page, entry)
        if page == DEFAULT:
            default = size
        elif page == THIS_WEEK or page in known:
            sizes[page] = size
        else:
            choices = ", ".join(sorted(known)[:6]) + (", ..." if len(known) > 6 else "")
            raise PoolSettingsError(
                f"kernel_pools_config: unknown page {page!r}; expected {DEFAULT!r}, "
                f"{THIS_WEEK!r} or a served notebook ({choices})"
            )
    return PoolSettings(sizes=sizes, default=default, timezone=read_timezone(timezone))


def pool_sizes(settings: PoolSettings, week_notebook: str | None) -> dict[str, int]:
    """How many kernels each named page keeps, with THIS_WEEK resolved to `week_notebook`
    (the larger size wins when this week's page is also named on its own)."""
    sizes = {page: n for page, n in settings.sizes.items() if page != THIS_WEEK}
    if week_notebook is not None and THIS_WEEK in settings.sizes:
        sizes[week_notebook] = max(sizes.get(week_notebook, 0), settings.sizes[THIS_WEEK])
    return sizes
