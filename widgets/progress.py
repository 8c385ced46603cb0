"""ProgressStore: the learner's progress, kept in their own browser (localStorage) and synced
to Python as a trait. With no browser (nbval, tests) it simply lives in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import anywidget
import traitlets

from moves.progress import Progress, merge, read_document
from widgets.files import ServedFiles, front_end

STORAGE_KEY = "move-of-the-week:progress"
UNSAVED_SESSIONS_KEY = f"{STORAGE_KEY}:unsaved-sessions"  # finished, not yet confirmed by Python


class ProgressStore(ServedFiles, anywidget.AnyWidget):
    """Reads the saved document once the page is open, merges copies from other tabs, and
    writes every change back whole. Other widgets call `update` and observe `document`."""

    _esm, _css = front_end("progress.js")

    key = traitlets.Unicode(STORAGE_KEY, help="The localStorage key.").tag(sync=True)
    stored = traitlets.Unicode(
        help="The raw document the browser found (or another tab wrote), for Python to read."
    ).tag(sync=True)
    document = traitlets.Dict(help="The clean, merged document; the browser saves it whole.").tag(
        sync=True
    )
    notice = traitlets.Unicode("", help="A polite note when saved data could not be read.").tag(
        sync=True
    )
    loaded = traitlets.Bool(False, help="True once the browser's copy has been read.").tag(
        sync=True
    )

    def __init__(self, **kwargs: object) -> None:
        self._progress = Progress()
        super().__init__(document=self._progress.dump(), **kwargs)

    @property
    def progress(self) -> Progress:
        return self._progress

    @traitlets.observe("stored")
    def _read(self, change: traitlets.Bunch) -> None:
        found, notes = read_document(change["new"])
        self._progress = merge(self._progress, found)
        with self.hold_sync():
            self.loaded = True
            if notes:
                self.notice = " ".join(notes)
            self.document = self._progress.dump()

    def update(self, change: Callable[[Progress], Progress]) -> None:
        """Apply a change to the progress and save it."""
        self._progress = change(self._progress)
        self.document = self._progress.dump()

    def __repr__(self) -> str:  # short and the same on every run (strict nbval)
        return f"ProgressStore(key={self.key!r})"


_shared: ProgressStore | None = None


def shared_store() -> ProgressStore:
    """The one store of this kernel (one per page in Voilà), shared by its widgets."""
    global _shared
    if _shared is None:
        _shared = ProgressStore()
    return _shared


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
