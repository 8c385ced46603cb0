"""MuscleIndex: choose a muscle or a muscle group, see the moves that train it."""

from __future__ import annotations

from typing import get_args

import traitlets

from moves.browse import moves_for
from moves.pages import move_address
from moves.schema import Move, MuscleGroup
from widgets.base import CourseWidget, front_end


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

    def _first_state(self) -> dict[str, object]:
        muscles = sorted(self.source.muscles.values(), key=lambda m: (m.region, m.name))
        regions: dict[str, list[dict[str, str]]] = {}
        for muscle in muscles:
            regions.setdefault(muscle.region.capitalize(), []).append(
                {"value": muscle.id, "label": muscle.name}
            )
        groups = [{"value": f"group:{g}", "label": g.capitalize()} for g in get_args(MuscleGroup)]
        return {
            "options": [{"label": "Muscle groups", "items": groups}]
            + [{"label": region, "items": items} for region, items in regions.items()]
        }

    @traitlets.observe("choice")
    def _lookup(self, change: traitlets.Bunch) -> None:
        if not change["new"]:
            self.result = {}
            return
        try:
            found = moves_for(self.source, change["new"])
        except KeyError as exc:
            self.result = {"error": str(exc.args[0])}
            return

        def links(moves: list[Move]) -> list[dict[str, str]]:
            return [{"title": m.title, "url": move_address(m.slug), "kind": m.kind} for m in moves]

        self.result = {
            "title": found.title,
            "primary": links(found.primary),
            "secondary": links(found.secondary),
        }

    def _repr_fields(self) -> dict[str, object]:
        return {"muscles": len(self.source.muscles)}
