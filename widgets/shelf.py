"""RoutineShelf: the course's routines on the home, with the learner's finished sessions and
their weekly streak (moves.routines.history), read from the progress store."""

from __future__ import annotations

import datetime as dt
import html

import traitlets

from moves.durations import duration_text
from moves.loader import Course
from moves.pages import routine_address
from moves.routines.history import recent_sessions, weekly_streak
from moves.routines.load import routines
from moves.routines.plan import plan_routine
from moves.routines.schema import Routine
from widgets.base import CourseWidget, front_end

HISTORY_LENGTH = 10
MAX_OFFSET_MINUTES = 14 * 60


def routine_card(routine: Routine, source: Course) -> dict[str, object]:
    total = plan_routine(routine, source).total_seconds
    return {
        "slug": routine.slug,
        "title": routine.title,
        "purpose": routine.purpose,
        "level": routine.level,
        "moves": len({item.move for item in routine.items}),
        "total_seconds": total,
        "total": duration_text(total),
        "url": routine_address(routine.slug),
    }


class RoutineShelf(CourseWidget):
    """The routines to follow along, the learner's history and streak. The browser sends its
    own date and time zone, so weeks are the learner's."""

    _esm, _css = front_end("shelf.js", "routine.css")

    routines = traitlets.List(traitlets.Dict(), help="Each course routine as a card.").tag(
        sync=True
    )
    history = traitlets.List(
        traitlets.Dict(), help="The latest finished sessions, newest first."
    ).tag(sync=True)
    sessions = traitlets.Int(0, help="How many sessions the learner has finished.").tag(sync=True)
    streak = traitlets.Int(0, help="Weeks in a row with at least one finished session.").tag(
        sync=True
    )
    today = traitlets.Unicode(help="The learner's date (YYYY-MM-DD), sent by the browser.").tag(
        sync=True
    )
    utc_offset = traitlets.Int(
        0, help="The learner's time zone, minutes ahead of UTC, sent by the browser."
    ).tag(sync=True)

    def __init__(
        self,
        *,
        today: dt.date | None = None,
        **kwargs: object,
    ) -> None:
        self._today = today or dt.date.today()
        super().__init__(**kwargs)
        self.store.observe(self._show_history, names="document")
        self._show_history()

    def _first_state(self) -> dict[str, object]:
        return {
            "routines": [routine_card(r, self.source) for r in routines().values()],
            "today": self._today.isoformat(),
        }

    @traitlets.validate("utc_offset")
    def _sane_offset(self, proposal: traitlets.Bunch) -> int:
        return max(-MAX_OFFSET_MINUTES, min(proposal["value"], MAX_OFFSET_MINUTES))

    @traitlets.observe("today", "utc_offset")
    def _show_history(self, _change: object = None) -> None:
        try:
            day = dt.date.fromisoformat(self.today)
        except ValueError:
            day = dt.date.today()
        zone = dt.timezone(dt.timedelta(minutes=self.utc_offset))
        progress = self.store.progress
        with self.hold_sync():
            self.history = [
                {
                    "title": s.title or "A routine",
                    "routine": s.routine,
                    "finished_at": s.finished_at.astimezone(dt.UTC).isoformat(),
                    "duration": duration_text(s.seconds),
                }
                for s in recent_sessions(progress, HISTORY_LENGTH)
            ]
            self.sessions = len(progress.sessions)
            self.streak = weekly_streak(progress, day, zone)

    def _static_html(self) -> str:
        items = "".join(
            f'<li><a href="{c["url"]}">{html.escape(str(c["title"]))}</a> '
            f"({c['purpose']}, {c['total']})</li>"
            for c in self.routines
        )
        return f'<ul class="motw-static">{items}</ul>'

    def _repr_fields(self) -> dict[str, object]:
        return {"routines": len(self.routines)}
