"""Share links: a routine a learner built, as a short string for the URL fragment, and back.

A link's fragment is `#routine=<code>`; the code is `1.` (the format's version) and then the
routine as compact JSON, deflated and written in URL-safe base64. Python owns both ends, so
the page asks Python to encode and decode. Decoding reads untrusted text: it is bounded in
size before any work, and every failure is one ContentError with a plain message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from typing import Any

from pydantic import ValidationError

from moves.errors import ContentError, ContentProblem, problems_from_validation
from moves.loader import Course
from moves.names import MAX_SHARE_CODE_CHARS, SHARE_CODE
from moves.routines.checks import library_problems
from moves.routines.schema import CustomRoutine

LINK_VERSION = 1
FRAGMENT_KEY = "routine"
MAX_LINK_CHARS = MAX_SHARE_CODE_CHARS
MAX_JSON_CHARS = 16_000
MAX_PROBLEMS = 10
LINK = "share link"
BUILT = "your routine"

# Short keys keep links short; the full names are what errors and the schema use.
_ROUTINE_KEYS = {
    "title": "t",
    "seconds_per_rep": "p",
    "rest_seconds": "r",
    "switch_seconds": "w",
    "items": "i",
}
_ITEM_KEYS = {
    "move": "m",
    "hold_seconds": "h",
    "reps": "n",
    "seconds_per_rep": "p",
    "sets": "s",
    "sides": "d",
    "rest_seconds": "r",
}


def _compact(routine: CustomRoutine) -> dict[str, Any]:
    """Only what differs from the defaults, under short keys; a course routine's slug,
    purpose and introduction are not part of what a learner shares."""
    data = routine.model_dump(include=set(CustomRoutine.model_fields), exclude_defaults=True)
    compact = {_ROUTINE_KEYS[key]: value for key, value in data.items() if key != "items"}
    compact["i"] = [
        {_ITEM_KEYS[key]: value for key, value in item.items()} for item in data["items"]
    ]
    return compact


def _canonical(routine: CustomRoutine) -> bytes:
    return json.dumps(
        _compact(routine), separators=(",", ":"), ensure_ascii=False, sort_keys=True
    ).encode("utf-8")


def encode_routine(routine: CustomRoutine) -> str:
    """The share code of a routine, e.g. '1.q1YqUbJSKk...'; put it after '#routine='."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(_canonical(routine)) + deflate.flush()
    return f"{LINK_VERSION}." + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


def share_fragment(routine: CustomRoutine) -> str:
    """The URL fragment that opens this routine: 'routine=1.…' (the page adds the '#')."""
    return f"{FRAGMENT_KEY}={encode_routine(routine)}"


def routine_key(routine: CustomRoutine) -> str:
    """How history names a routine: a course routine by its slug, a learner's by a hash of
    what it does, so the same routine built twice is one routine."""
    slug = getattr(routine, "slug", None)
    if slug:
        return slug
    return "custom-" + hashlib.sha256(_canonical(routine)).hexdigest()[:12]


def _fail(where: str, message: str) -> ContentError:
    return ContentError.single(where, "", message)


def decode_routine(code: str, library: Course) -> CustomRoutine:
    """The routine in a share code (or in '#routine=<code>'); raises ContentError, and only
    ContentError, with a message a learner can act on."""
    if not isinstance(code, str):
        raise _fail(LINK, "expected the text of a link")
    if len(code) > MAX_LINK_CHARS + 20:
        raise _fail(LINK, f"is too long to be a routine link (at most {MAX_LINK_CHARS} characters)")
    code = code.strip().removeprefix("#").removeprefix(f"{FRAGMENT_KEY}=")
    match = SHARE_CODE.fullmatch(code)
    if not match:
        raise _fail(LINK, "is not a routine link, or it was cut short when it was copied")
    version = int(match.group(1))
    if version != LINK_VERSION:
        newer = "a newer" if version > LINK_VERSION else "an older"
        raise _fail(
            LINK,
            f"was made by {newer} version of the course (format {version}); "
            f"this page reads format {LINK_VERSION}",
        )
    body = match.group(2)
    if len(body) > MAX_LINK_CHARS:
        raise _fail(LINK, f"is too long to be a routine link (at most {MAX_LINK_CHARS} characters)")
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise _fail(LINK, "is damaged: it is not a whole link; copy it again") from None
    inflate = zlib.decompressobj(-15)
    try:
        raw = inflate.decompress(packed, MAX_JSON_CHARS)
    except zlib.error:
        raise _fail(LINK, "is damaged: its routine cannot be unpacked; copy it again") from None
    if inflate.unconsumed_tail:
        raise _fail(LINK, "holds far more than a routine; it was not opened")
    if not inflate.eof or inflate.unused_data:
        raise _fail(LINK, "is damaged: it was cut short or has extra text; copy it again")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _fail(LINK, "is damaged: its text is not readable; copy it again") from None
    data = _parse_json(text, LINK)
    return check_routine(_expand(data), library, LINK)


def _expand(data: Any) -> Any:
    """Short keys back to the schema's names; an unknown key is an error, not ignored."""
    if not isinstance(data, dict):
        raise _fail(LINK, "does not hold a routine")
    routine = _renamed(data, _ROUTINE_KEYS, "")
    items = routine.get("items")
    if isinstance(items, list):
        routine["items"] = [
            _renamed(item, _ITEM_KEYS, f"items[{i}]") if isinstance(item, dict) else item
            for i, item in enumerate(items)
        ]
    return routine


def _renamed(data: dict[str, Any], names: dict[str, str], where: str) -> dict[str, Any]:
    full = {short: name for name, short in names.items()}
    for key in data:
        if key not in full:
            raise ContentError.single(LINK, where, f"has an unknown field {repr(key)[:30]}")
    return {full[key]: value for key, value in data.items()}


def routine_from_json(text: str, library: Course) -> CustomRoutine:
    """A routine the learner built on the page, sent as JSON with the schema's field names,
    checked by the same rules as a share link."""
    if not isinstance(text, str):
        raise _fail(BUILT, "expected the routine as JSON text")
    if len(text) > MAX_JSON_CHARS:
        raise _fail(BUILT, "is far larger than any routine; it was not read")
    return check_routine(_parse_json(text, BUILT), library, BUILT)


def _parse_json(text: str, where: str) -> Any:
    def refuse(constant: str) -> None:
        raise ValueError(constant)

    try:
        return json.loads(text, parse_constant=refuse)
    except (ValueError, RecursionError):
        raise _fail(where, "is damaged: its routine is not readable") from None


def check_routine(data: Any, library: Course, where: str) -> CustomRoutine:
    """A learner's routine, as plain data, checked like the course's own: schema, moves,
    doses and total time. Raises one ContentError listing (at most ten) problems."""
    if not isinstance(data, dict):
        raise _fail(where, "expected a routine: a title and a list of moves")
    try:
        routine = CustomRoutine.model_validate(data)
    except ValidationError as exc:
        raise _bounded(problems_from_validation(where, exc)) from None
    problems = library_problems(routine, library, where)
    if problems:
        raise _bounded(problems)
    return routine


def _bounded(problems: list[ContentProblem]) -> ContentError:
    """At most MAX_PROBLEMS lines, each of a sane length: hostile input gets a short answer."""
    shown = problems[:MAX_PROBLEMS]
    for problem in shown:
        problem.field = problem.field[:80]
        problem.message = problem.message[:200]
    if len(problems) > MAX_PROBLEMS:
        shown.append(
            ContentProblem(shown[0].file, "", f"and {len(problems) - MAX_PROBLEMS} more problems")
        )
    return ContentError(shown)
