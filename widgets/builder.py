"""RoutineBuilder: a learner builds a routine from the library, plays it, saves it in their
browser and shares it as a link. The page edits the draft; Python checks it, times it (the
plan), encodes and decodes links (moves.routines.share) and keeps saved routines in the
progress store. A composite, as in the widgets tutorial: the builder panel and a player."""

from __future__ import annotations

from typing import Any

import ipywidgets
import traitlets

from moves.durations import duration_text
from moves.errors import ContentError
from moves.loader import Course
from moves.names import MAX_TITLE_CHARS
from moves.routines.plan import plan_routine
from moves.routines.saved import delete_routine, save_routine, saved_routines
from moves.routines.schema import BOUNDS, CustomRoutine, RoutineItem
from moves.routines.share import (
    BUILT,
    FRAGMENT_KEY,
    check_routine,
    decode_routine,
    share_fragment,
)
from moves.schema import Move
from widgets.base import CourseWidget, front_end
from widgets.filters import LibraryFilters
from widgets.progress import ProgressStore, utc_now
from widgets.routine import RoutinePlayer

MAX_LINK_TEXT = 5000


def pick_card(move: Move) -> dict[str, object]:
    """What the builder shows of a move it can add, and which times it may set."""
    return {
        "slug": move.slug,
        "title": move.title,
        "kind": move.kind,
        "level": move.level,
        "dose": move.dose,
        "per_side": move.per_side,
        "holds": any(step.hold_seconds for step in move.steps),
        "reps": any(step.reps for step in move.steps),
    }


def page_limits() -> dict[str, object]:
    """The schema's rules for what a learner types, as the builder's inputs need them: each
    number's bounds (min, max) and default, and the title's length. The page has no copy."""
    defaults = {
        "sets": RoutineItem.model_fields["sets"].default,
        "rest_seconds": CustomRoutine.model_fields["rest_seconds"].default,
    }
    return {
        "fields": {
            name: {"min": bound.low, "max": bound.high, "default": defaults.get(name)}
            for name, bound in BOUNDS.items()
        },
        "title_chars": MAX_TITLE_CHARS,
    }


def problem_lines(error: ContentError) -> list[str]:
    """A learner's view of the problems: the field and the message, without the file."""
    return [f"{p.field}: {p.message}" if p.field else p.message for p in error.problems]


def link_refusal(error: ContentError) -> str:
    """Why a shared link was not opened, in a sentence, and that nothing changed."""
    lines = problem_lines(error)
    if len(error.problems) == 1 and not error.problems[0].field:
        reason = f"This share link {lines[0]}."
    else:
        reason = f"This share link holds a routine that cannot be played: {'; '.join(lines)}."
    return f"{reason} Nothing was changed."


def routine_summary(routine: CustomRoutine, source: Course) -> dict[str, object]:
    plan = plan_routine(routine, source)
    return {
        "title": routine.title,
        "total": duration_text(plan.total_seconds),
        "moves": [source.move(item.move).title for item in routine.items],
    }


class BuilderPanel(LibraryFilters, CourseWidget):
    """The builder itself. The browser edits `draft` and sends actions as messages (like a
    Button's click); Python answers in `checked`, `saved`, `incoming` and `notice`."""

    _esm, _css = front_end("builder.js", "routine.css")

    cards = traitlets.List(traitlets.Dict(), help="Every move the learner may add.").tag(sync=True)
    limits = traitlets.Dict(
        help="The bounds and defaults of what the learner types (page_limits), from the schema."
    ).tag(sync=True)
    fragment_key = traitlets.Unicode(
        help="The name in the URL fragment that holds a shared routine: '#<key>=<code>'."
    ).tag(sync=True)
    draft = traitlets.Dict(
        help="The routine being built, with the schema's field names (moves.routines.schema)."
    ).tag(sync=True)
    checked = traitlets.Dict(
        help="Python's answer to the draft: ok, problems, total, each item's seconds, share link."
    ).tag(sync=True)
    saved = traitlets.List(traitlets.Dict(), help="The learner's saved routines.").tag(sync=True)
    link = traitlets.Unicode(
        "", help="The page's URL fragment when it holds a shared routine ('#routine=…')."
    ).tag(sync=True)
    incoming = traitlets.Dict(help="The routine in the link, or the reason it was refused.").tag(
        sync=True
    )
    notice = traitlets.Unicode("", help="What the last action did, for the learner.").tag(sync=True)

    def __init__(self, *, play: Any = None, **kwargs: object) -> None:
        self._play = play or (lambda routine: None)
        self._draft: CustomRoutine | None = None
        self._incoming: CustomRoutine | None = None
        super().__init__(**kwargs)
        self._refilter()
        self._check()
        self.store.observe(self._show_saved, names="document")
        self._show_saved()
        self.on_msg(self._on_message)

    def _first_state(self) -> dict[str, object]:
        return {
            "cards": [pick_card(m) for m in sorted(self.source.moves.values(), key=_by_title)],
            "draft": {"title": "My routine", "items": []},
            "limits": page_limits(),
            "fragment_key": FRAGMENT_KEY,
        }

    @traitlets.observe("draft")
    def _check(self, _change: object = None) -> None:
        try:
            routine = check_routine(self.draft, self.source, BUILT)
        except ContentError as exc:
            self._draft = None
            self.checked = {"ok": False, "problems": problem_lines(exc)}
            return
        self._draft = routine
        plan = plan_routine(routine, self.source)
        self.checked = {
            "ok": True,
            "problems": [],
            "total_seconds": plan.total_seconds,
            "total": duration_text(plan.total_seconds),
            "items": [duration_text(s) for s in plan.item_seconds(len(routine.items))],
            "fragment": share_fragment(routine),
        }

    @traitlets.observe("link")
    def _open_link(self, change: traitlets.Bunch) -> None:
        self._incoming = None
        text = change["new"]
        if not text:
            self.incoming = {}
            return
        try:
            self._incoming = decode_routine(text[:MAX_LINK_TEXT], self.source)
        except ContentError as exc:
            self.incoming = {"error": link_refusal(exc)}
            return
        self.incoming = routine_summary(self._incoming, self.source)

    def _show_saved(self, _change: object = None) -> None:
        listed = []
        for entry in saved_routines(self.store.progress, self.source):
            shown: dict[str, object] = {"key": entry.key, "title": entry.title}
            if entry.routine is None:
                shown["problem"] = f"This routine can no longer be played: {entry.problem}."
            else:
                shown.update(routine_summary(entry.routine, self.source))
                shown["fragment"] = share_fragment(entry.routine)
            listed.append(shown)
        self.saved = listed

    def _saved_routine(self, key: object) -> CustomRoutine | None:
        entry = next(
            (s for s in saved_routines(self.store.progress, self.source) if s.key == key), None
        )
        return entry.routine if entry else None

    def _on_message(self, _widget: object, content: object, _buffers: object) -> None:
        if not isinstance(content, dict):
            return
        event, key = content.get("event"), content.get("key")
        self.notice = ""  # the same words again must still reach the page's status line
        chosen = {
            "draft": self._draft,
            "link": self._incoming,
            "saved": self._saved_routine(key),
        }.get(content.get("from"))
        if chosen is None and event != "delete":
            self.notice = "That routine is not ready: see the problems listed above it."
            return
        if event == "play":
            self._play(chosen)
            self.notice = f"Playing {chosen.title} in the player below."
        elif event == "save":
            self.store.update(lambda p: save_routine(p, chosen, utc_now()))
            self.notice = f"Saved {chosen.title} in this browser."
        elif event == "edit":
            self.draft = chosen.model_dump(exclude_defaults=True)
            self.notice = f"{chosen.title} is in the builder: change it, then save it."
        elif event == "delete" and isinstance(key, str):
            self.store.update(lambda p: delete_routine(p, key, utc_now()))
            self.notice = "Deleted."

    def _repr_fields(self) -> dict[str, object]:
        return {"moves": len(self.cards)}


def _by_title(move: Move) -> str:
    return move.title.lower()


class RoutineBuilder(ipywidgets.VBox):
    """The builder and, once the learner presses Play, the player below it."""

    def __init__(self, *, source: Course | None = None, store: ProgressStore | None = None):
        self.player = RoutinePlayer(source=source, store=store)
        self.player.layout.display = "none"
        self.panel = BuilderPanel(source=source, store=store, play=self.play)
        super().__init__(children=[self.panel, self.player])

    def play(self, routine: CustomRoutine) -> None:
        self.player.layout.display = None  # shown first, so the page can focus the player
        self.player.load(routine)

    def __repr__(self) -> str:
        return f"RoutineBuilder(moves={len(self.panel.cards)})"
