"""RoutinePlayer: a routine played as a follow-along session, with a clock and the pose figure.

The browser (static/routine.js) owns the clock, the drawing, the sounds and the keyboard; it
reads the plan that Python worked out (moves.routines.plan) and never re-times anything. When
the learner plays the routine to the end, the browser keeps the session first (localStorage,
`unsaved_key`) and tells Python whenever it can (`unsaved`: on finishing, after a lost
connection, on the next load of any page with a player); Python records each session once
(moves.routines.history.record_finished) and says which the browser may forget (`settled`)."""

from __future__ import annotations

import html

import traitlets

from moves.durations import clock_text, duration_text
from moves.loader import Course
from moves.progress import Progress
from moves.routines.history import Settled, record_finished
from moves.routines.load import routines
from moves.routines.plan import plan_routine
from moves.routines.schema import CustomRoutine
from moves.routines.share import routine_key
from moves.routines.words import player_plan
from moves.schema import Move
from moves.walkthrough import walkthrough
from widgets.base import CourseWidget, front_end
from widgets.figure import figure_data, figure_svg
from widgets.progress import STORAGE_KEY, UNSAVED_SESSIONS_KEY, utc_now

MAX_SESSIONS_AT_ONCE = 100  # read from one message; the browser keeps the rest for the next


def move_for_player(move: Move, source: Course) -> dict[str, object]:
    """What the player shows of one move: each step's text and cue, and the figure's frames
    (widgets.figure) with the first posed step drawn, for the browser to move between."""
    screens = [view for view in walkthrough(move) if view.first_side]
    posed = next((i for i, step in enumerate(move.steps) if step.pose is not None), None)
    return {
        "title": move.title,
        "caution": move.caution or "",
        "steps": [{"text": view.text, "cue": view.cue} for view in screens],
        "frames": figure_data(move, source.muscles)["frames"] if posed is not None else [],
        "svg": figure_svg(move, posed, muscles=source.muscles) if posed is not None else "",
    }


class RoutinePlayer(CourseWidget):
    """Plays a course routine (by slug) or a learner's own (`load`). The browser keeps time;
    Python sends the plan and records a finished session."""

    _esm, _css = front_end("routine.js", "routine.css")

    routine = traitlets.Unicode(help="How history names the routine: a slug or 'custom-…'.").tag(
        sync=True
    )
    plan = traitlets.Dict(
        help="The plan (moves.routines.words.player_plan): every segment with its start, time, "
        "parts and the words the player shows and says for it."
    ).tag(sync=True)
    moves = traitlets.Dict(help="By slug: each move's step texts, cues and figure frames.").tag(
        sync=True
    )
    unsaved = traitlets.List(
        help="Set by the browser: the sessions it finished and keeps until Python settles them, "
        "each {'id', 'routine', 'title', 'finished_at', 'seconds'} (seconds: the time played, "
        "pauses not counted), from any page's player."
    ).tag(sync=True)
    unsaved_key = traitlets.Unicode(
        UNSAVED_SESSIONS_KEY, help="The localStorage key the browser keeps them under."
    ).tag(sync=True)
    progress_key = traitlets.Unicode(
        STORAGE_KEY, help="The localStorage key of the saved progress (widgets.progress)."
    ).tag(sync=True)
    settled = traitlets.List(
        traitlets.Unicode(),
        help="The ids of the sessions the progress holds, of those this player was sent: the "
        "browser forgets each once its saved progress holds it too.",
    ).tag(sync=True)
    refused = traitlets.List(
        traitlets.Unicode(),
        help="The ids of the sessions this player refused: the browser sets them aside.",
    ).tag(sync=True)
    notice = traitlets.Unicode(
        "", help="A note for the learner on the last sessions kept in the browser it refused."
    ).tag(sync=True)
    recorded = traitlets.Int(
        0, help="How many sessions this player has recorded in the learner's progress."
    ).tag(sync=True)

    def __init__(
        self,
        slug: str | None = None,
        *,
        routine: CustomRoutine | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        chosen = routine if routine is not None else routines()[slug] if slug else None
        if chosen is not None:
            self.load(chosen)

    def load(self, routine: CustomRoutine) -> None:
        """Show this routine, from its start (the browser resets its clock on a new plan)."""
        plan = plan_routine(routine, self.source)
        slugs = dict.fromkeys(segment.move for segment in plan.segments)
        with self.hold_sync():
            self.moves = {s: move_for_player(self.source.move(s), self.source) for s in slugs}
            self.routine = routine_key(routine)
            self.plan = player_plan(plan)

    @traitlets.observe("unsaved")
    def _record(self, change: traitlets.Bunch) -> None:
        if not change["new"]:
            return
        outcome: list[Settled] = []

        def record(progress: Progress) -> Progress:
            entries = change["new"][:MAX_SESSIONS_AT_ONCE]
            progress, settled = record_finished(progress, entries, utc_now())
            outcome.append(settled)
            return progress

        self.store.update(record)  # the saved document first, then what the browser may forget
        [settled] = outcome
        with self.hold_sync():
            self.settled = list(dict.fromkeys([*self.settled, *settled.saved]))
            self.refused = list(dict.fromkeys([*self.refused, *settled.refused]))
            self.recorded += len(settled.new)
            if settled.problems:  # a later, clean answer (the same sessions again) keeps it
                self.notice = " ".join(settled.problems)

    def _static_html(self) -> str:
        """The plan's work as a list, for viewers that cannot run widgets."""
        items = "".join(
            f"<li>{clock_text(s['start'])} {html.escape(s['words']['label'])}</li>"
            for s in self.plan.get("segments", [])
            if s["kind"] == "work"
        )
        return f'<ol class="motw-static">{items}</ol>'

    def _repr_fields(self) -> dict[str, object]:
        total = duration_text(self.plan.get("total_seconds", 0))
        return {"routine": self.routine, "total": total}
