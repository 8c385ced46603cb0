"""The library's filters, shared by the course home and the routine builder: the browser sets
the filter traits, Python answers with the slugs that pass (moves.browse.filter_moves)."""

from __future__ import annotations

from typing import get_args

import traitlets

from moves.browse import filter_moves
from moves.loader import Course
from moves.schema import Equipment, Kind, Level, MuscleGroup


def filter_choices() -> dict[str, list[str]]:
    """The options of each filter menu."""
    return {
        "group": list(get_args(MuscleGroup)),
        "kind": list(get_args(Kind)),
        "level": list(get_args(Level)),
        "equipment": ["none", *get_args(Equipment)],
    }


class LibraryFilters(traitlets.HasTraits):
    """Mixed into a course widget (it reads `self.source`); call `_refilter()` once the widget
    is built."""

    source: Course

    choices = traitlets.Dict(help="The options of each filter.").tag(sync=True)
    group = traitlets.Unicode("", help="Muscle group filter; '' for all.").tag(sync=True)
    kind = traitlets.Unicode("", help="Kind filter; '' for all.").tag(sync=True)
    level = traitlets.Unicode("", help="Level filter; '' for all.").tag(sync=True)
    equipment = traitlets.Unicode("", help="Equipment filter; 'none' or '' for all.").tag(sync=True)
    search = traitlets.Unicode("", help="Words that must all match.").tag(sync=True)
    no_floor = traitlets.Bool(
        False, help="True to show only moves done standing or on a chair."
    ).tag(sync=True)
    visible = traitlets.List(traitlets.Unicode(), help="Slugs that pass the filters.").tag(
        sync=True
    )

    @traitlets.default("choices")
    def _all_choices(self) -> dict[str, list[str]]:
        return filter_choices()

    @traitlets.validate("group", "kind", "level", "equipment")
    def _known(self, proposal: traitlets.Bunch) -> str:
        name, value = proposal["trait"].name, proposal["value"]
        if value and value not in self.choices.get(name, [value]):
            raise traitlets.TraitError(f"{name} must be one of {self.choices[name]}, got {value!r}")
        return value

    @traitlets.observe("group", "kind", "level", "equipment", "search", "no_floor")
    def _on_filter(self, _change: traitlets.Bunch) -> None:
        self._refilter()

    def _refilter(self) -> None:
        self.visible = [
            m.slug
            for m in filter_moves(
                self.source,
                group=self.group,
                kind=self.kind,
                level=self.level,
                equipment=self.equipment,
                text=self.search[:200],
                no_floor=self.no_floor,
            )
        ]
