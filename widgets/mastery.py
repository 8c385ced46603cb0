"""Mastery: the body map coloured by how well the learner knows each muscle group, with a
table of the same numbers for screen readers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import traitlets

from moves.review import MASTERY_BANDS, mastery, mastery_band, review_deck
from widgets.base import CourseWidget, front_end
from widgets.body import body_svg
from widgets.progress import utc_now


class Mastery(CourseWidget):
    """Recomputed whenever the learner's progress changes."""

    _esm, _css = front_end("mastery.js")

    svg = traitlets.Unicode(help="The body map, drawn by Python.").tag(sync=True)
    muscle_groups = traitlets.Dict(help="Muscle id -> group.").tag(sync=True)
    scores = traitlets.Dict(help="Group -> chance of recall now, 0 to 1.").tag(sync=True)
    bands = traitlets.List(
        traitlets.Unicode(),
        help="The bands of mastery in words, least known first (moves.review.MASTERY_BANDS); "
        "the page colours each by its place.",
    ).tag(sync=True)
    band_of = traitlets.Dict(help="Group -> its band: a place in `bands`.").tag(sync=True)
    seen = traitlets.Dict(help="Group -> cards reviewed / cards in all.").tag(sync=True)

    def __init__(self, *, now: Callable[[], dt.datetime] = utc_now, **kwargs: object) -> None:
        self._now = now
        super().__init__(**kwargs)
        self.store.observe(self._refresh, names="document")
        self._refresh()

    def _first_state(self) -> dict[str, object]:
        muscles = self.source.muscles
        return {
            "svg": body_svg(muscles, title="What you know, by muscle group", legend=False),
            "muscle_groups": {m.id: m.group for m in muscles.values() if m.group},
            "bands": [band.label for band in MASTERY_BANDS],
        }

    def _refresh(self, _change: object = None) -> None:
        progress = self.store.progress
        totals: dict[str, list[int]] = {}
        for qid, card in review_deck(self.source).items():
            for group in card.groups:
                count = totals.setdefault(group, [0, 0])
                count[0] += qid in progress.cards
                count[1] += 1
        scores = mastery(progress, self.source, self._now())
        with self.hold_sync():
            self.scores = scores
            self.band_of = {group: mastery_band(score) for group, score in scores.items()}
            self.seen = totals

    def _repr_fields(self) -> dict[str, object]:
        return {"groups": len(set(self.muscle_groups.values()))}
