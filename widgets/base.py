"""What every course widget shares: front-end files beside the module and a stable repr."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import anywidget

STATIC = Path(__file__).parent / "static"


def after_reply(work: Callable[[], None]) -> None:
    """Run `work` once the current message's reply has gone out (in a kernel), or now.

    ipywidgets holds every trait update made while it handles a browser message and sends
    them together at the end; bookkeeping scheduled here does not delay the learner's answer.
    """
    try:
        asyncio.get_running_loop().call_soon(work)
    except RuntimeError:
        work()


def static_text(*names: str) -> str:
    """Front-end files from widgets/static, joined in order (an anywidget module is one file)."""
    return "\n".join((STATIC / name).read_text(encoding="utf-8") for name in names)


class CourseWidget(anywidget.AnyWidget):
    """An anywidget with a short repr, the same on every run, so strict nbval can compare it."""

    def _repr_fields(self) -> dict[str, object]:
        return {}

    def _static_html(self) -> str | None:
        """What a notebook viewer with no kernel (nbviewer, a code host) shows instead."""
        return None

    def _repr_mimebundle_(self, **kwargs: object):
        bundle = super()._repr_mimebundle_(**kwargs)
        static = self._static_html()
        if bundle is None or static is None:
            return bundle
        data, metadata = bundle
        return {**data, "text/html": static}, metadata

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self._repr_fields().items())
        return f"{type(self).__name__}({fields})"
