"""The routine player, the home's routines and the builder, driven from Python as the page
drives them: traits the browser sets and the messages it sends."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from moves.browse import filter_moves
from moves.durations import duration_text
from moves.names import MAX_TITLE_CHARS
from moves.pages import routine_address
from moves.progress import Progress, merge, read_document
from moves.routines import schema
from moves.routines.load import routines
from moves.routines.plan import plan_routine
from moves.routines.saved import delete_routine, save_routine, saved_routines
from moves.routines.schema import CustomRoutine
from moves.routines.share import FRAGMENT_KEY, decode_routine, routine_key
from moves.routines.words import player_plan
from widgets.builder import RoutineBuilder
from widgets.progress import ProgressStore
from widgets.routine import RoutinePlayer
from widgets.shelf import RoutineShelf

MINE = {"title": "Mine", "items": [{"move": "glute-bridge", "sets": 2}, {"move": "plank"}]}


@pytest.fixture
def store() -> ProgressStore:
    return ProgressStore()


def test_the_player_sends_python_s_plan_and_every_move_it_shows(library, store):
    player = RoutinePlayer("after-run-cool-down", store=store)
    plan = plan_routine(routines()["after-run-cool-down"], library)
    assert player.plan == player_plan(plan)  # the plan's parts, and every word it shows
    assert list(player.moves) == [i.move for i in routines()["after-run-cool-down"].items]
    kickbacks = player.moves["hamstring-kickbacks"]
    assert len(kickbacks["frames"]) == len(library.move("hamstring-kickbacks").steps)
    assert kickbacks["svg"].startswith("<svg") and kickbacks["steps"][1]["cue"]
    total = duration_text(plan.total_seconds)
    assert repr(player) == f"RoutinePlayer(routine='after-run-cool-down', total='{total}')"


def finished(id: str = "session-1", routine: str = "desk-break", seconds: object = 280):
    """A session as the browser keeps and sends it."""
    return {
        "id": id,
        "routine": routine,
        "title": "Desk break",
        "finished_at": "2026-12-06T10:00:00Z",
        "seconds": seconds,
    }


def test_a_finished_session_is_recorded_once_however_often_it_comes(store):
    player = RoutinePlayer("desk-break", store=store)
    player.set_state({"unsaved": [finished()]})
    player.set_state({"unsaved": []})
    player.set_state({"unsaved": [finished()]})  # sent again: after a lost answer, a reload
    [session] = store.progress.sessions
    assert (session.id, session.routine, session.seconds) == ("session-1", "desk-break", 280)
    assert (player.settled, player.refused, player.recorded) == (["session-1"], [], 1)
    assert store.document["sessions"][-1]["id"] == "session-1"  # saved in the browser
    other = RoutinePlayer("after-run-cool-down", store=store)  # another page's player
    other.set_state({"unsaved": [finished(), finished("session-2", seconds=99)]})
    assert [s.id for s in store.progress.sessions] == ["session-1", "session-2"]
    assert (other.settled, other.recorded) == (["session-1", "session-2"], 1)


@pytest.mark.parametrize("seconds", [None, "300", True, 0, -4])
def test_a_malformed_session_is_refused_with_a_note_and_costs_nothing_else(store, seconds):
    player = RoutinePlayer("desk-break", store=store)
    player.set_state({"unsaved": [finished("bad-seconds", seconds=seconds), finished()]})
    assert [s.id for s in store.progress.sessions] == ["session-1"]
    assert (player.settled, player.refused) == (["session-1"], ["bad-seconds"])
    note = (
        "A finished session kept in this browser could not be read (its seconds), so it was "
        "set aside; your other sessions are kept."
    )
    assert player.notice == note
    player.set_state({"unsaved": [finished()]})  # the rest sent again: the note stays
    assert player.notice == note


def test_a_flood_of_kept_sessions_is_read_a_hundred_at_a_time(store):
    player = RoutinePlayer("desk-break", store=store)
    flood = [finished(f"session-{n:04d}") for n in range(250)]
    player.set_state({"unsaved": flood})
    assert len(store.progress.sessions) == len(player.settled) == 100
    player.set_state({"unsaved": flood[100:]})  # what the browser still keeps, sent again
    assert len(store.progress.sessions) == 200


def test_an_absurd_session_length_is_bounded(store):
    player = RoutinePlayer("desk-break", store=store)
    player.set_state({"unsaved": [finished(seconds=10**9)]})
    assert store.progress.sessions[0].seconds == 24 * 60 * 60


def test_the_shelf_lists_the_routines_and_shows_history_and_streak(library, store):
    shelf = RoutineShelf(today=dt.date(2026, 12, 9), store=store)
    assert {r["slug"] for r in shelf.routines} == set(routines())
    cool = next(r for r in shelf.routines if r["slug"] == "after-run-cool-down")
    total = plan_routine(routines()["after-run-cool-down"], library).total_seconds
    assert (cool["total"], cool["url"]) == (
        duration_text(total),
        routine_address("after-run-cool-down"),
    )
    assert shelf.history == [] and shelf.streak == 0
    player = RoutinePlayer("desk-break", store=store)
    player.set_state({"unsaved": [finished(seconds=285)]})
    assert shelf.sessions == 1 and shelf.history[0]["duration"] == "4:45"
    assert shelf.history[0]["title"] == routines()["desk-break"].title
    shelf.set_state({"today": dt.date.today().isoformat()})
    assert shelf.streak == 1
    assert repr(shelf) == f"RoutineShelf(routines={len(routines())})"


def minutes(text: str) -> int:
    """Seconds in a duration as the page shows it: '45 s' or '1:05'."""
    if text.endswith(" s"):
        return int(text[:-2])
    whole, seconds = text.split(":")
    return int(whole) * 60 + int(seconds)


def test_the_builder_checks_and_times_the_draft(library, store):
    builder = RoutineBuilder(store=store)
    panel = builder.panel
    assert panel.checked["ok"] is False  # nothing picked yet
    panel.set_state({"draft": MINE})
    plan = plan_routine(CustomRoutine.model_validate(MINE), library)
    assert panel.checked["ok"] and panel.checked["total"] == duration_text(plan.total_seconds)
    # each item's time covers its sets and the rests after them; with the lead-in, the total
    ready = plan.segments[0].seconds
    assert sum(minutes(t) for t in panel.checked["items"]) + ready == plan.total_seconds
    assert minutes(panel.checked["items"][1]) == plan.segments[-1].seconds  # plank: one hold
    panel.set_state({"draft": {**MINE, "items": [{"move": "glute-bridge", "sets": "two"}]}})
    assert panel.checked == {
        "ok": False,
        "problems": ["items[0].sets: expected a whole number of sets, got 'two'"],
    }
    assert repr(builder) == f"RoutineBuilder(moves={len(panel.cards)})"


def test_the_builder_filters_like_the_home(library, store):
    panel = RoutineBuilder(store=store).panel
    panel.set_state({"group": "calves"})
    assert panel.visible == [m.slug for m in filter_moves(library, group="calves")]
    assert "calf-raise" in panel.visible and "plank" not in panel.visible


def test_save_play_and_delete_through_the_builder(library, store):
    builder = RoutineBuilder(store=store)
    panel = builder.panel
    panel.set_state({"draft": MINE})
    panel._on_message(panel, {"event": "save", "from": "draft"}, None)
    key = routine_key(CustomRoutine.model_validate(MINE))
    assert [s["key"] for s in panel.saved] == [key]
    assert panel.notice == "Saved Mine in this browser."
    panel._on_message(panel, {"event": "play", "from": "saved", "key": key}, None)
    assert builder.player.routine == key and builder.player.layout.display is None
    builder.player.set_state({"unsaved": [finished(routine=key)]})
    assert store.progress.sessions[-1].routine == key
    panel._on_message(panel, {"event": "delete", "from": "saved", "key": key}, None)
    assert panel.saved == [] and store.progress.routines[key].deleted


def test_the_builder_s_inputs_get_the_schema_s_limits_and_defaults(store, monkeypatch):
    panel = RoutineBuilder(store=store).panel
    fields = panel.limits["fields"]
    assert fields["sets"] == {"min": 1, "max": schema.BOUNDS["sets"].high, "default": 1}
    assert fields["rest_seconds"]["default"] == schema.REST_SECONDS
    assert fields["hold_seconds"]["default"] is None  # the move's own dose
    assert panel.limits["title_chars"] == MAX_TITLE_CHARS
    # One table: a lower limit reaches both the page and the check.
    monkeypatch.setitem(schema.BOUNDS, "hold_seconds", schema.Bound(1, 45, "seconds"))
    panel = RoutineBuilder(store=store).panel
    assert panel.limits["fields"]["hold_seconds"]["max"] == 45
    panel.set_state({"draft": {"title": "T", "items": [{"move": "plank", "hold_seconds": 60}]}})
    assert panel.checked["problems"] == [
        "items[0].hold_seconds: expected a number from 1 to 45 seconds, got 60"
    ]


def test_a_shared_link_round_trips_through_the_builder(library, store):
    sender = RoutineBuilder(store=ProgressStore()).panel
    sender.set_state({"draft": MINE})
    fragment = sender.checked["fragment"]
    receiver = RoutineBuilder(store=store).panel
    assert receiver.fragment_key == FRAGMENT_KEY and fragment.startswith(f"{FRAGMENT_KEY}=")
    receiver.set_state({"link": f"#{fragment}"})
    assert receiver.incoming == {
        "title": "Mine",
        "total": sender.checked["total"],
        "moves": ["Glute bridge", library.move("plank").title],
    }
    assert store.progress.routines == {}  # opening a link saves nothing by itself
    receiver._on_message(receiver, {"event": "save", "from": "link"}, None)
    [saved] = saved_routines(store.progress, library)
    assert saved.routine == decode_routine(fragment, library)


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("#routine=1.AAAA", "This share link is damaged"),
        ("#routine=<script>alert(1)</script>", "This share link is not a routine link"),
        ("#routine=9.abc", "newer version of the course"),
        ("#routine=1." + "A" * 6000, "too long"),
    ],
)
def test_a_bad_link_gets_a_clear_message_and_changes_nothing(store, link, says):
    panel = RoutineBuilder(store=store).panel
    before = store.document
    panel.set_state({"link": link})
    assert says in panel.incoming["error"]
    assert panel.incoming["error"].endswith("Nothing was changed.")
    panel._on_message(panel, {"event": "save", "from": "link"}, None)
    assert store.document == before
    assert "not ready" in panel.notice


def test_saved_routines_survive_a_reload_merge_across_tabs_and_bad_data(library):
    at = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    mine = CustomRoutine.model_validate(MINE)
    other = CustomRoutine.model_validate({"title": "Other", "items": [{"move": "plank"}]})
    tab_a = save_routine(Progress(), mine, at)
    tab_b = save_routine(save_routine(Progress(), mine, at), other, at)
    tab_b = delete_routine(tab_b, routine_key(mine), at + dt.timedelta(minutes=1))
    merged = merge(tab_a, tab_b)
    assert [s.title for s in saved_routines(merged, library)] == ["Other"]  # the delete wins
    document = merged.dump()
    document["routines"]["bad key!"] = document["routines"][routine_key(other)]
    document["routines"]["custom-0"] = {"code": "<script>", "title": "x", "at": "2026-12-01"}
    back, notes = read_document(json.dumps(document))
    assert [s.title for s in saved_routines(back, library)] == ["Other"]
    assert notes and "2 saved items could not be read" in notes[-1]


def test_a_saved_routine_whose_move_left_the_library_says_so(library):
    at = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    progress = save_routine(Progress(), CustomRoutine.model_validate(MINE), at)
    smaller = library.__class__(
        moves={k: v for k, v in library.moves.items() if k != "plank"}, muscles=library.muscles
    )
    [entry] = saved_routines(progress, smaller)
    assert entry.routine is None and "plank" in entry.problem
