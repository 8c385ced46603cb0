"""BodyMap: where a move's muscles are, front and back. Hover or focus names a muscle;
a click or Enter selects it, and `selected` tells Python."""

from __future__ import annotations

import functools

import traitlets

from moves.loader import Course
from widgets.base import CourseWidget, front_end
from widgets.body import body_svg


@functools.cache
def anonymous_map(source: Course) -> str:
    """The body map for 'find the ___' questions: every muscle clickable, none named.
    Drawn once per course (a Course hashes by identity)."""
    return body_svg(source.muscles, title="Body map", interactive=True, named=False)


class BodyMap(CourseWidget):
    """A move's muscles on the body, primary strongly, secondary lightly, with a legend."""

    _esm, _css = front_end("bodymap.js")

    move = traitlets.Unicode(help="Slug of the move.").tag(sync=True)
    svg = traitlets.Unicode(help="The map, drawn by Python with the move's highlights.").tag(
        sync=True
    )
    names = traitlets.Dict(help="Muscle id -> name, shown on hover and focus.").tag(sync=True)
    roles = traitlets.Dict(help="Muscle id -> 'target' or 'also works' for this move.").tag(
        sync=True
    )
    selected = traitlets.Unicode("", help="The muscle the learner selected (its id).").tag(
        sync=True
    )

    def __init__(self, move: str, **kwargs: object) -> None:
        self._slug = move
        super().__init__(**kwargs)

    def _first_state(self) -> dict[str, object]:
        content = self.source.move(self._slug)
        muscles = self.source.muscles
        return {
            "move": content.slug,
            "svg": body_svg(
                muscles,
                primary=content.primary_ids,
                secondary=content.secondary_ids,
                title=f"Muscles worked by {content.title}",
                interactive=True,
            ),
            "names": {m.id: m.name for m in muscles.values()},
            "roles": {i: "target" for i in content.primary_ids}
            | {i: "also works" for i in content.secondary_ids},
        }

    @traitlets.validate("selected")
    def _known(self, proposal: traitlets.Bunch) -> str:
        value = proposal["value"]
        if value and value not in self.source.muscles:
            raise traitlets.TraitError(f"no muscle called {value!r} on the map")
        return value

    def _static_html(self) -> str:
        """The map as a picture: nothing in it takes focus or a click (without the kernel, as on
        a page read offline or before the live view is drawn, nothing would answer)."""
        content = self.source.move(self._slug)
        picture = body_svg(
            self.source.muscles,
            primary=content.primary_ids,
            secondary=content.secondary_ids,
            title=f"Muscles worked by {content.title}",
        )
        return f'<div style="max-width:560px">{picture}</div>'

    def _repr_fields(self) -> dict[str, object]:
        return {"move": self.move}
