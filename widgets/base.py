"""What every course widget shares: its front end (widgets.files) and a stable repr."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import anywidget

# In a kernel Voilà started: its pages always render the live widget, so the static fallback
# (up to 90 KB of pictures, built in the kernel and escaped into the page by the server) would
# only slow every page down.
from widgets.files import IN_VOILA, front_end

__all__ = ["IN_VOILA", "AnswersByMessage", "CourseWidget", "after_reply", "front_end"]


# How long bookkeeping waits after a reply. The kernel's IOPub thread sends the reply, and it
# needs the GIL: work started at once holds the GIL for up to the interpreter's switch interval
# (5 ms), and the reply waits that long in the kernel. Measured with bench/run.py.
REPLY_GRACE = 0.05


def after_reply(work: Callable[[], None]) -> None:
    """Run `work` once the current message's reply has gone out (in a kernel), or now.

    ipywidgets holds every trait update made while it handles a browser message and sends
    them together at the end; bookkeeping scheduled here does not delay the learner's answer.
    """
    try:
        asyncio.get_running_loop().call_later(REPLY_GRACE, work)
    except RuntimeError:
        work()


class AnswersByMessage:
    """For widgets whose browser side sends each answer as one custom message, the way an
    ipywidgets Button sends its click, rather than by writing the whole `answers` trait.

    The widget grades in its `answers` observer, as for answers set from Python. The page waits
    for one thing: the grade, sent first as a small message. The synced state (`answers`,
    `results`, `error`) follows after the reply (`after_reply`), so every view of the widget and
    a reloaded page agree; sent at once, it arrived in the same moment as the grade and the page
    handled both before it could show the grade. A trait written by the browser, by contrast, is
    echoed back whole before Python looks at it.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.on_msg(self._on_answer_message)

    def _on_answer_message(self, _widget: object, content: object, _buffers: object) -> None:
        if not isinstance(content, dict) or content.get("event") != "answer":
            return
        qid, response = content.get("id"), content.get("response")
        if not isinstance(qid, str) or not isinstance(response, list):
            self.error = "That answer could not be checked: it did not arrive as a list of choices."
            return
        with self.hold_sync():
            self.answers = {**self.answers, qid: response}
            self.send(
                {"event": "graded", "id": qid, "result": self.results.get(qid), "error": self.error}
            )
            # What hold_sync would send on exit (ipywidgets keeps it in _states_to_send).
            pending = set(self._states_to_send)
            self._states_to_send.clear()
        if pending:
            after_reply(lambda: self.send_state(pending))


class CourseWidget(anywidget.AnyWidget):
    """An anywidget with a short repr, the same on every run, so strict nbval can compare it."""

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
