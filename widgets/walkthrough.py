"""StepWalkthrough: one step at a time, per side, with Previous, Next and Restart.

Navigation runs in the browser (static/walkthrough.js), where learners use it; it tells Python
which screen is shown (`index`) and when the learner finished (`done`). Python keeps only what
follows from them: the progress record. Tests drive these traits as the browser does."""

from __future__ import annotations

import html

import traitlets

from moves.progress import record_finish, record_step
from moves.walkthrough import walkthrough
from widgets.base import CourseWidget, front_end
from widgets.figure import figure_data, figure_svg
from widgets.progress import utc_now


class StepWalkthrough(CourseWidget):
    """Walks a learner through a move's steps. Navigation happens in the browser, so Next is
    instant; Python observes `index` and `done` for progress."""

    _esm, _css = front_end("walkthrough.js")

    move = traitlets.Unicode(help="Slug of the move.").tag(sync=True)
    title = traitlets.Unicode(help="Title of the move, for the accessible name.").tag(sync=True)
    dose = traitlets.Unicode(help="How much: holds, reps, sides.").tag(sync=True)
    steps = traitlets.List(
        traitlets.Dict(), help="Every screen of the walkthrough, in order (see moves.walkthrough)."
    ).tag(sync=True)
    index = traitlets.Int(0, help="The screen shown now.").tag(sync=True)
    done = traitlets.Bool(False, help="True once the learner has gone past the last step.").tag(
        sync=True
    )
    figure = traitlets.Dict(
        help="Each step's placed figure (`frames`: bone and mark ends, caption; facing right, and "
        "left for a one-sided move), for the browser to ease between (widgets.figure)."
    ).tag(sync=True)
    figure_svg = traitlets.Unicode(
        help="The figure in the first step's pose, drawn by Python; the browser moves its bones."
    ).tag(sync=True)

    def __init__(self, move: str, **kwargs: object) -> None:
        self._slug = move
        super().__init__(**kwargs)

    def _first_state(self) -> dict[str, object]:
        content = self.source.move(self._slug)
        muscles = self.source.muscles
        posed = content.steps[0].pose is not None
        return {
            "move": content.slug,
            "title": content.title,
            "dose": content.dose,
            "steps": [view.as_dict() for view in walkthrough(content)],
            "figure": figure_data(content, muscles) if posed else {},
            "figure_svg": figure_svg(content, 0, muscles=muscles) if posed else "",
        }

    @traitlets.validate("index")
    def _clamp(self, proposal: traitlets.Bunch) -> int:
        return max(0, min(proposal["value"], len(self.steps) - 1))

    @traitlets.observe("index")
    def _moved_on(self, change: traitlets.Bunch) -> None:
        if change["new"] == change["old"] + 1:
            self._record(change["old"])

    @traitlets.observe("done")
    def _finished(self, change: traitlets.Bunch) -> None:
        if change["new"]:
            self._record(len(self.steps) - 1)
            self.store.update(lambda p: record_finish(p, self.move, utc_now()))

    def _record(self, index: int) -> None:
        """A screen counts as done once the learner moves on from it with Next."""
        screen = self.steps[index]
        self.store.update(
            lambda p: record_step(p, self.move, screen["side"], screen["step_number"], utc_now())
        )

    @property
    def current(self) -> dict:
        """The screen shown now: its text, cue, side label and progress line."""
        return self.steps[self.index]

    def _static_html(self) -> str:
        """The first pose and the steps as a list, for viewers that cannot run widgets."""
        items = "".join(
            f"<li>{html.escape(step['text'])}</li>" for step in self.steps if step["first_side"]
        )
        note = next((step["switch_note"] for step in self.steps if step["switch_note"]), None)
        sides = f"<p>{html.escape(note)}</p>" if note else ""
        return (
            f'<div class="motw-static"><div style="max-width:360px">{self.figure_svg}</div>'
            f"<ol>{items}</ol>{sides}</div>"
        )

    def _repr_fields(self) -> dict[str, object]:
        return {"move": self.move, "step": self.index + 1}
