"""The course home: this week's move, the library with filters, and the muscle index."""

from __future__ import annotations

import datetime as dt
import html
from typing import get_args

import traitlets

from moves.browse import ladder, moves_for, primary_groups
from moves.calendar import long_date, this_week
from moves.loader import Course, course
from moves.schema import Move, MuscleGroup
from widgets.base import CourseWidget, front_end
from widgets.figure import figure_svg
from widgets.filters import LibraryFilters
from widgets.progress import ProgressStore, shared_store


def signature_step(move: Move) -> int:
    """The step that shows the move best: its first hold, else the middle step."""
    holds = [i for i, step in enumerate(move.steps) if step.hold_seconds]
    return holds[0] if holds else len(move.steps) // 2


def picture(move: Move, source: Course) -> str:
    index = signature_step(move)
    if move.steps[index].pose is None:
        return ""
    return figure_svg(move, index, muscles=source.muscles)


def card(move: Move, source: Course) -> dict[str, object]:
    steps = ladder(source, move.slug)
    return {
        "slug": move.slug,
        "url": f"{move.slug}.ipynb",
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
        "ladder": [{"slug": m.slug, "title": m.title} for m in steps] if len(steps) > 1 else [],
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

    def __init__(
        self,
        *,
        today: dt.date | None = None,
        source: Course | None = None,
        store: ProgressStore | None = None,
        **kwargs: object,
    ) -> None:
        self._source = source or course()
        self._store = store or shared_store()
        super().__init__(
            cards=[card(m, self._source) for m in self._source.by_week()],
            today=(today or dt.date.today()).isoformat(),
            **kwargs,
        )
        self._refilter()
        self._pick_week()
        self._store.observe(self._show_progress, names="document")
        self._show_progress()

    def _show_progress(self, _change: object = None) -> None:
        shown = {}
        for slug, entry in self._store.progress.moves.items():
            if slug not in self._source.moves:
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
        current = this_week(self._source, day)
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


class MuscleIndex(CourseWidget):
    """Choose a muscle or a group; see the moves that train it, as target and as helper."""

    _esm, _css = front_end("muscles.js")

    options = traitlets.List(
        traitlets.Dict(), help="Choices grouped for the menu: groups, then muscles by region."
    ).tag(sync=True)
    choice = traitlets.Unicode("", help="A muscle id, or 'group:<name>'; '' for none.").tag(
        sync=True
    )
    result = traitlets.Dict(help="Title, and primary and secondary moves.").tag(sync=True)

    def __init__(self, *, source: Course | None = None, **kwargs: object) -> None:
        self._source = source or course()
        muscles = sorted(self._source.muscles.values(), key=lambda m: (m.region, m.name))
        regions: dict[str, list[dict[str, str]]] = {}
        for muscle in muscles:
            regions.setdefault(muscle.region.capitalize(), []).append(
                {"value": muscle.id, "label": muscle.name}
            )
        groups = [{"value": f"group:{g}", "label": g.capitalize()} for g in get_args(MuscleGroup)]
        super().__init__(
            options=[{"label": "Muscle groups", "items": groups}]
            + [{"label": region, "items": items} for region, items in regions.items()],
            **kwargs,
        )

    @traitlets.observe("choice")
    def _lookup(self, change: traitlets.Bunch) -> None:
        if not change["new"]:
            self.result = {}
            return
        try:
            found = moves_for(self._source, change["new"])
        except KeyError as exc:
            self.result = {"error": str(exc.args[0])}
            return

        def links(moves: list[Move]) -> list[dict[str, str]]:
            return [{"title": m.title, "url": f"{m.slug}.ipynb", "kind": m.kind} for m in moves]

        self.result = {
            "title": found.title,
            "primary": links(found.primary),
            "secondary": links(found.secondary),
        }

    def _repr_fields(self) -> dict[str, object]:
        return {"muscles": len(self._source.muscles)}
