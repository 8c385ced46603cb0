"""What a learner sees when the course content cannot be loaded: the problems, one line each,
in place of the widget, instead of a traceback or Voilà's generic "There was an error"."""

from __future__ import annotations

import html
from typing import Any

from moves.errors import ContentError, UnknownMove
from widgets.files import compact_css

HANDLED = (ContentError, UnknownMove)


class ContentNotice:
    """The message shown where a widget could not be built from the content."""

    def __init__(self, error: Exception) -> None:
        self.lines = (
            [str(p) for p in error.problems] if isinstance(error, ContentError) else [str(error)]
        )

    def __repr__(self) -> str:
        return "\n".join(
            ["This part of the course cannot be shown: its content has a problem.", *self.lines]
        )

    def _repr_html_(self) -> str:
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in self.lines)
        return (
            f'<style>{compact_css("notice.css")}</style><div class="motw-notice" role="alert">'
            "<p><strong>This part of the course cannot be shown: its content has a problem."
            f"</strong></p><ul>{items}</ul>"
            "<p>Your saved progress is safe in this browser. Whoever runs the course can list "
            "every problem with <code>move-course check</code>.</p></div>"
        )


def show_content_errors(shell: Any) -> None:
    """Show ContentError and UnknownMove in a notebook as a ContentNotice, once per problem,
    rather than as a traceback (IPython's custom exception hook; a kernel only)."""
    shown: set[str] = set()

    def handler(self: Any, etype: type, value: Exception, tb: Any, tb_offset: Any = None) -> None:
        from IPython.display import display

        notice = ContentNotice(value)
        key = repr(notice)
        if key not in shown:  # every later cell fails for the same reason: say it once
            shown.add(key)
            display(notice)

    shell.set_custom_exc(HANDLED, handler)
