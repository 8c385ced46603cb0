"""Share links and learner-built routines: a round trip for every good routine, and one
clear ContentError, never another exception, for anything malformed or hostile."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moves.errors import ContentError
from moves.loader import course
from moves.routines.load import routines
from moves.routines.schema import CustomRoutine
from moves.routines.share import (
    MAX_LINK_CHARS,
    decode_routine,
    encode_routine,
    routine_from_json,
    routine_key,
    share_fragment,
)


def pack(payload: bytes | str) -> str:
    """A link code around any payload, as a hostile page could make one."""
    raw = payload.encode("utf-8") if isinstance(payload, str) else payload
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(raw) + deflate.flush()
    return "1." + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def refused(code: object) -> str:
    with pytest.raises(ContentError) as caught:
        decode_routine(code, course())  # type: ignore[arg-type]
    return str(caught.value)


def built(**fields: object) -> CustomRoutine:
    return CustomRoutine.model_validate({"title": "Mine", **fields})


@pytest.mark.parametrize("slug", sorted(routines()))
def test_every_course_routine_survives_a_round_trip(library, slug):
    routine = routines()[slug]
    code = encode_routine(routine)
    assert code.startswith("1.") and len(code) < 400
    back = decode_routine(code, library)
    assert back.model_dump() == routine.model_dump(include=set(CustomRoutine.model_fields))
    assert decode_routine(f"#{share_fragment(routine)}", library) == back


def test_a_learner_routine_with_every_field_round_trips(library):
    routine = built(
        seconds_per_rep=4,
        rest_seconds=0,
        switch_seconds=8,
        items=[
            {"move": "figure-four-stretch", "hold_seconds": 45, "sides": "left", "sets": 2},
            {"move": "bodyweight-squat", "reps": 8, "seconds_per_rep": 5, "rest_seconds": 30},
        ],
    )
    assert decode_routine(encode_routine(routine), library) == routine


def test_routine_key_names_a_routine_by_what_it_does():
    one = built(items=[{"move": "plank"}])
    assert routine_key(one) == routine_key(built(items=[{"move": "plank"}]))
    assert routine_key(one).startswith("custom-") and len(routine_key(one)) == 19
    assert routine_key(one) != routine_key(built(items=[{"move": "plank", "sets": 2}]))
    assert routine_key(routines()["desk-break"]) == "desk-break"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (None, "expected the text of a link"),
        (b"1.abc", "expected the text of a link"),
        ("", "is not a routine link"),
        ("hello", "is not a routine link"),
        ("1.ab$cd", "is not a routine link"),
        ("1." + "A" * (MAX_LINK_CHARS + 1), "is too long to be a routine link"),
        ("x" * 100_000, "is too long to be a routine link"),
        ("2.q1YqUbJSKk", "was made by a newer version of the course (format 2)"),
        ("0.q1YqUbJSKk", "was made by an older version of the course (format 0)"),
        ("1.A", "is damaged: it is not a whole link"),
        ("1.AAAA", "is damaged: it was cut short"),
        ("1.////", "is not a routine link"),
        ("1.____", "is damaged: its routine cannot be unpacked"),
        (pack(b"\xff\xfe\x00"), "is damaged: its text is not readable"),
        (pack("{not json"), "is damaged: its routine is not readable"),
        (pack('{"t": NaN, "i": []}'), "is damaged: its routine is not readable"),
        (pack("[" * 5000 + "]" * 5000), "is damaged: its routine is not readable"),
        (pack("9" * 5000), "is damaged: its routine is not readable"),
        (pack("[1, 2]"), "does not hold a routine"),
        (pack(b" " * 1_000_000), "holds far more than a routine"),
        (pack('{"t": "x", "i": [{"m": "plank"}], "z": 1}'), "has an unknown field 'z'"),
        (pack('{"t": "x", "i": [{"m": "plank", "q": 1}]}'), "items[0]: has an unknown field"),
        (pack('{"t": "<script>alert(1)</script>", "i": [{"m": "plank"}]}'), "found HTML, a link"),
        (pack('{"t": "x\\u0000y", "i": [{"m": "plank"}]}'), "the control character U+0000"),
        (pack('{"t": "x", "i": [{"m": "<img src=x>"}]}'), "items[0].move: expected a move's"),
        (pack('{"t": "x", "i": [{"m": "plonk"}]}'), "unknown move 'plonk'"),
        (pack('{"t": "x", "i": [{"m": "plank", "h": 99999999999}]}'), "from 1 to 300 seconds"),
        (pack('{"t": "x", "i": [{"m": "plank", "h": -1}]}'), "from 1 to 300 seconds, got -1"),
        (pack('{"t": "x", "i": [{"m": "plank", "h": "30"}]}'), "expected a whole number"),
        (pack('{"t": "x", "i": []}'), "items: expected at least one move, got none"),
        (pack('{"t": "x", "i": {"m": "plank"}}'), "items: expected a list"),
        (pack('{"i": [{"m": "plank"}]}'), "title: this field is required but missing"),
    ],
)
def test_malformed_and_hostile_links_get_a_clear_message(code, message):
    text = refused(code)
    assert text.startswith("share link: ") and message in text, text
    assert len(text) < 2500


def test_a_routine_longer_than_two_hours_is_refused():
    items = [{"m": m, "h": 300, "s": 10} for m in ["plank", "childs-pose"] * 5]
    text = refused(pack(json.dumps({"t": "Forever", "i": items})))
    assert text == "share link: items: the routine would last 8 h 36 min; keep it under 2 hours"


def test_many_problems_are_cut_to_ten_lines():
    items = [{"m": "plank", "h": 0, "s": 0, "r": -1} for _ in range(40)]
    text = refused(pack(json.dumps({"t": "x", "i": items})))
    lines = text.splitlines()
    assert len(lines) == 11 and lines[-1] == "share link: and 110 more problems"


def test_routine_from_json_uses_the_same_rules(library):
    good = {"title": "Mine", "items": [{"move": "plank", "hold_seconds": 30, "sets": 2}]}
    assert routine_from_json(json.dumps(good), library) == built(items=good["items"])
    for text, message in [
        ("{", "your routine: is damaged: its routine is not readable"),
        ("[]", "your routine: expected a routine: a title and a list of moves"),
        (" " * 20_000, "your routine: is far larger than any routine"),
        (json.dumps(good | {"slug": "x"}), "your routine: slug: unknown field"),
        (
            json.dumps({"title": "Mine", "items": [{"move": "plank", "sides": "left"}]}),
            "your routine: items[0].sides: 'plank' works both sides at once",
        ),
    ]:
        with pytest.raises(ContentError) as caught:
            routine_from_json(text, library)
        assert str(caught.value).startswith(message), caught.value


# Generated input: whatever a link holds, decoding returns a routine or raises ContentError.

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
json_values = scalars | st.lists(scalars, max_size=3) | st.sampled_from(sorted(course().moves))
short_keys = st.sampled_from(["t", "p", "r", "w", "i", "m", "h", "n", "s", "d", "z"])
routine_like = st.fixed_dictionaries(
    {"t": json_values, "i": st.lists(st.dictionaries(short_keys, json_values) | json_values)},
    optional={"p": json_values, "r": json_values, "w": json_values},
)


def decodes_or_refuses(code: str) -> None:
    try:
        result = decode_routine(code, course())
    except ContentError as exc:
        assert exc.problems and all(str(p).startswith("share link") for p in exc.problems)
    else:
        assert isinstance(result, CustomRoutine)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_decodes_or_is_refused(text):
    decodes_or_refuses(text)
    decodes_or_refuses("1." + text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_packed_bytes_decode_or_are_refused(payload):
    decodes_or_refuses(pack(payload))


@settings(max_examples=200, deadline=None)
@given(routine_like)
def test_any_routine_shaped_json_decodes_or_is_refused(data):
    decodes_or_refuses(pack(json.dumps(data)))


moves = st.sampled_from(sorted(course().moves))
items = st.fixed_dictionaries(
    {"move": moves},
    optional={
        "hold_seconds": st.integers(1, 300),
        "sets": st.integers(1, 3),
        "rest_seconds": st.integers(0, 120),
        "seconds_per_rep": st.integers(1, 30),
    },
)


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=80), st.lists(items, min_size=1, max_size=8))
def test_every_valid_routine_round_trips(title, chosen):
    try:
        routine = built(title=title, items=chosen)
    except ValueError:
        return  # a title or an order the schema refuses: nothing to share
    assert decode_routine(encode_routine(routine), course()) == routine
