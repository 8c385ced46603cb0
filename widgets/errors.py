"""What a learner sees when the course content cannot be loaded: the problems, one line each,
in place of the widget, instead of a traceback or Voilà's generic "There was an error"."""

from __future__ import annotations

import html
from typing import Any

from moves.errors import ContentError, UnknownMove
from moves.loader import Course
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


class UnavailableMoves:
    """On the course home: the moves whose files are broken, each with its one-line reason.
    Every other move works; the broken move's own page shows all of its problems."""

    def __init__(self, source: Course) -> None:
        self.lines = [(slug, source.why_unavailable(slug)) for slug in sorted(source.unavailable)]

    def __repr__(self) -> str:
        heading = "Unavailable for now: the content of these moves has a problem."
        return "\n".join([heading, *(f"{slug}: {reason}" for slug, reason in self.lines)])

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li><strong>{html.escape(slug)}</strong>: <code>{html.escape(reason)}</code></li>"
            for slug, reason in self.lines
        )
        return (
            '<div role="status" class="motw-unavailable" style="border: 2px solid '
            "var(--jp-warn-color1, #8a5a00); border-radius: 8px; padding: 0.75rem 1rem; "
            'max-width: 46rem; overflow-wrap: anywhere;">'
            "<p><strong>Unavailable for now: the content of these moves has a problem."
            f"</strong></p><ul>{items}</ul>"
            "<p>Every other move works, and your saved progress is kept.</p></div>"
        )


def show_unavailable_moves(source: Course) -> None:
    """In a kernel, show the broken moves of the course, if any, where this is called."""
    from IPython import get_ipython
    from IPython.display import display

    if source.unavailable and get_ipython() is not None:
        display(UnavailableMoves(source))
