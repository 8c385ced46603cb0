"""The validated course, kept between processes: a page's kernel loads what the server (or the
first kernel) validated, rather than parsing and validating every YAML file again.

The cache is a pickle in a folder only this user may write (`$MOTW_CONTENT_CACHE`, else
<tmp>/motw-content-<uid>), named by a stamp of every file the course is made from and of the
model's own code: any change to the content or to the code makes a new name. A cache that cannot
be read or trusted is ignored and written anew; it never replaces validation, it only remembers
its result.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

CACHE_ENV = "MOTW_CONTENT_CACHE"
CODE = Path(__file__).parent  # the model's code: moves/*.py
T = TypeVar("T")


def content_stamp(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """What changes when any of these files (or the files of these folders) change: names,
    sizes and modification times, in order. Unreadable files count as missing."""
    entries = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            try:
                info = os.stat(file)
            except OSError:
                continue
            entries.append((str(file), info.st_size, info.st_mtime_ns))
    return tuple(entries)


def cache_folder() -> Path:
    configured = os.environ.get(CACHE_ENV)
    return (
        Path(configured)
        if configured
        else Path(tempfile.gettempdir()) / (f"motw-content-{os.getuid()}")
    )


def _private(folder: Path) -> bool:
    """The folder is ours and nobody else may write into it (else a pickle is not trusted)."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def remembered(load: Callable[[], T], sources: list[Path]) -> T:
    """`load()`'s result for these source files, from the cache when it holds one."""
    stamp = content_stamp([*sources, *sorted(CODE.glob("*.py"))])
    name = hashlib.sha256(repr(stamp).encode()).hexdigest()[:24] + ".pickle"
    folder = cache_folder()
    path = folder / name
    if _private(folder):
        try:
            with path.open("rb") as cached:
                return pickle.load(cached)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            pass
    value = load()
    with contextlib.suppress(OSError, pickle.PicklingError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _private(folder):
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
    return value
