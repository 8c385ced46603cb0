"""The course home: this week's move and the library with filters."""

from __future__ import annotations

import datetime as dt
import html

import traitlets

from moves.browse import ladder, primary_groups
from moves.calendar import long_date, this_week
from moves.loader import Course
from moves.pages import move_address
from moves.schema import Move
from widgets.base import CourseWidget, front_end
from widgets.errors import show_unavailable_moves
from widgets.figure import figure_svg
from widgets.filters import LibraryFilters


def signature_step(move: Move) -> int:
    """The step that shows the move best: its first hold, else the middle step."""
    holds = [i for i, step in enumerate(move.steps) if step.hold_seconds]
    return holds[0] if holds else len(move.steps) // 2


def picture(move: Move, source: Course) -> str:
    index = signature_step(move)
    if move.steps[index].pose is None:
        return ""
    return figure_svg(move, index, muscles=source.muscles, decorative=True)


def card(move: Move, source: Course) -> dict[str, object]:
    steps = ladder(source, move.slug)
    return {
        "slug": move.slug,
        "url": move_address(move.slug),
        "title": move.title,
        "summary": move.summary,
        "kind": move.kind,
        "level": move.level,
        "equipment": list(move.equipment),
        "muscles": [source.muscles[i].name for i in move.primary_ids],
        "groups": primary_groups(move, source),
        "week": move.week.isoformat(),
        "week_label": long_date(move.week),
        "picture": picture(move, source),
        "floor": move.floor,
        "ladder": [{"slug": m.slug, "title": m.title, "url": move_address(m.slug)} for m in steps]
        if len(steps) > 1
        else [],
    }


class CourseHome(LibraryFilters, CourseWidget):
    """This week's move and the whole library. Filters are traits the browser sets; Python
    answers with the matching moves in `visible`."""

    _esm, _css = front_end("home.js")

    cards = traitlets.List(traitlets.Dict(), help="Every move as a card.").tag(sync=True)
    week = traitlets.Dict(help="This week's move: slug, state, headline.").tag(sync=True)
    today = traitlets.Unicode(
        help="The learner's date (YYYY-MM-DD), sent by the browser; decides this week's move."
    ).tag(sync=True)
    progress = traitlets.Dict(
        help="The learner's progress by slug: finished, steps done, best quiz score."
    ).tag(sync=True)

    def __init__(self, *, today: dt.date | None = None, **kwargs: object) -> None:
        self._today = today or dt.date.today()
        super().__init__(**kwargs)
        show_unavailable_moves(self.source)  # broken move files, if any, listed above the home
        self._refilter()
        self._pick_week()
        self.store.observe(self._show_progress, names="document")
        self._show_progress()

    def _first_state(self) -> dict[str, object]:
        return {
            "cards": [card(m, self.source) for m in self.source.by_week()],
            "today": self._today.isoformat(),
        }

    def _show_progress(self, _change: object = None) -> None:
        shown = {}
        for slug, entry in self.store.progress.moves.items():
            if slug not in self.source.moves:
                continue
            shown[slug] = {
                "finished": entry.finished_at is not None,
                "steps": sum(len(done) for done in entry.steps.values()),
                "best": list(entry.quiz.best) if entry.quiz.best else [],
            }
        self.progress = shown

    @traitlets.observe("today")
    def _pick_week(self, _change: object = None) -> None:
        try:
            day = dt.date.fromisoformat(self.today)
        except ValueError:
            day = dt.date.today()
        current = this_week(self.source, day)
        self.week = {
            "slug": current.move.slug,
            "state": current.state,
            "headline": current.headline,
        }

    def _static_html(self) -> str:
        items = "".join(
            f'<li><a href="{c["url"]}">{html.escape(str(c["title"]))}</a>: '
            f"{html.escape(str(c['summary']))}</li>"
            for c in self.cards
        )
        return f'<ol class="motw-static">{items}</ol>'

    def _repr_fields(self) -> dict[str, object]:
        return {"moves": len(self.cards)}
