"""What every course widget shares: one constructor (the course content and the learner's
progress store), its front end (widgets.files), and a stable repr."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import anywidget

from moves.loader import Course, course
from widgets.files import ServedFiles, front_end
from widgets.progress import ProgressStore, shared_store

__all__ = ["CourseWidget", "after_reply", "front_end"]


# How long bookkeeping waits after a reply. The kernel's IOPub thread sends the reply, and it
# needs the GIL: work started at once holds the GIL for up to the interpreter's switch interval
# (5 ms), and the reply waits that long in the kernel. Measured with bench/run.py.
REPLY_GRACE = 0.05


def after_reply(work: Callable[[], None]) -> None:
    """Run `work` once the current message's reply has gone out (in a kernel), or now.

    Trait changes made while a browser message is handled go out with it; bookkeeping scheduled
    here does not delay the learner's answer.
    """
    try:
        asyncio.get_running_loop().call_later(REPLY_GRACE, work)
    except RuntimeError:
        work()


class CourseWidget(ServedFiles, anywidget.AnyWidget):
    """An anywidget of the course, with a short repr, the same on every run (strict nbval).

    Every widget is built the same way: `source` is the course content (by default the one
    this kernel loads, `moves.loader.course()`), `store` the learner's progress (by default this
    kernel's `shared_store()`); both are read as `self.source` and `self.store`, and loaded
    only when a widget first reads them. A widget says what its traits start as in
    `_first_state`, which runs before the widget opens, so the page gets it in one message.
    """

    def __init__(
        self,
        *,
        source: Course | None = None,
        store: ProgressStore | None = None,
        **traits: object,
    ) -> None:
        self._source = source
        self._store = store
        super().__init__(**{**self._first_state(), **traits})

    @property
    def source(self) -> Course:
        """The course content this widget shows."""
        if self._source is None:
            self._source = course()
        return self._source

    @property
    def store(self) -> ProgressStore:
        """Where this widget reads and records the learner's progress."""
        if self._store is None:
            self._store = shared_store()
        return self._store

    def _first_state(self) -> dict[str, object]:
        """The traits the widget opens with, built from `self.source` (and `self.store`)."""
        return {}

    def _repr_fields(self) -> dict[str, object]:
        return {}

    def _static_html(self) -> str | None:
        """What a notebook viewer with no kernel (nbviewer, a code host) shows instead."""
        return None

    def _repr_mimebundle_(self, **kwargs: object):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return bundle
        static = self._static_html()
        if static is None:
            return bundle
        data, metadata = bundle
        return {**data, "text/html": static}, metadata

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self._repr_fields().items())
        return f"{type(self).__name__}({fields})"


def _show_content_errors_in_this_kernel() -> None:
    """In a kernel, broken content is shown as a short notice, not a traceback (widgets.errors).
    Every widget module imports this one, so the first widget a notebook uses sets it up."""
    from IPython import get_ipython

    from widgets.errors import show_content_errors

    shell = get_ipython()
    if shell is not None:
        show_content_errors(shell)


_show_content_errors_in_this_kernel()
