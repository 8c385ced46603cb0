"""Mastery: the body map coloured by how well the learner knows each muscle group, with a
table of the same numbers for screen readers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import traitlets

from moves.loader import Course, course
from moves.review import mastery, review_deck
from widgets.base import CourseWidget, front_end
from widgets.body import body_svg
from widgets.progress import ProgressStore, shared_store, utc_now


class Mastery(CourseWidget):
    """Recomputed whenever the learner's progress changes."""

    _esm, _css = front_end("mastery.js")

    svg = traitlets.Unicode(help="The body map, drawn by Python.").tag(sync=True)
    muscle_groups = traitlets.Dict(help="Muscle id -> group.").tag(sync=True)
    scores = traitlets.Dict(help="Group -> chance of recall now, 0 to 1.").tag(sync=True)
    seen = traitlets.Dict(help="Group -> cards reviewed / cards in all.").tag(sync=True)

    def __init__(
        self,
        *,
        now: Callable[[], dt.datetime] = utc_now,
        source: Course | None = None,
        store: ProgressStore | None = None,
        **kwargs: object,
    ) -> None:
        self._source = source or course()
        self._store = store or shared_store()
        self._now = now
        super().__init__(
            svg=body_svg(self._source.muscles, title="What you know, by muscle group"),
            muscle_groups={m.id: m.group for m in self._source.muscles.values() if m.group},
            **kwargs,
        )
        self._store.observe(self._refresh, names="document")
        self._refresh()

    def _refresh(self, _change: object = None) -> None:
        progress = self._store.progress
        totals: dict[str, list[int]] = {}
        for qid, card in review_deck(self._source).items():
            for group in card.groups:
                count = totals.setdefault(group, [0, 0])
                count[0] += qid in progress.cards
                count[1] += 1
        with self.hold_sync():
            self.scores = mastery(progress, self._source, self._now())
            self.seen = totals

    def _repr_fields(self) -> dict[str, object]:
        return {"groups": len(set(self.muscle_groups.values()))}
