"""One error type for bad content, whose message names the file, the field and the fix."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError


def display_path(path: Path | str) -> str:
    """The path as an author would type it: relative to the working folder when inside it.
    Symbolic links are not followed, so a loop of them cannot stop the message."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def printable(text: str) -> str:
    """Text as a message can show it: each character that is not printable (a control
    character, a tab, a lone surrogate) written as its Python escape."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def field_path(loc: Sequence[str | int]) -> str:
    """('steps', 2, 'hold_seconds') -> 'steps[2].hold_seconds'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = printable(str(part))
            out += f".{part}" if out else part
    return out


def text_position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `text[index]`, as an editor shows them."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


class ContentProblem:
    """One thing wrong with one file: where, and what was expected."""

    __slots__ = ("field", "file", "message")

    def __init__(self, file: Path | str, field: str, message: str) -> None:
        self.file = printable(display_path(file))
        self.field = printable(field)
        self.message = printable(message)

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.field}: {self.message}"
            if self.field
            else (f"{self.file}: {self.message}")
        )

    def __repr__(self) -> str:
        return f"ContentProblem({str(self)!r})"


class ContentError(ValueError):
    """Content that cannot be loaded; `problems` lists every problem found, one line each."""

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: Path | str, field: str, message: str) -> ContentError:
        return cls([ContentProblem(file, field, message)])


_EXPECTED = {
    "missing": "this field is required but missing",
    "extra_forbidden": "unknown field (check its spelling against moves/schema.json)",
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping of field: value",
    "model_type": "expected a mapping of field: value",
    "model_attributes_type": "expected a mapping of field: value",
    "date_type": "expected a date written YYYY-MM-DD",
    "date_parsing": "expected a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "expected a date written YYYY-MM-DD",
}


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
    elif kind == "literal_error":
        expected = f"expected one of {ctx.get('expected', '')}"
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {
            "greater_than": "greater than",
            "greater_than_equal": "at least",
            "less_than": "less than",
            "less_than_equal": "at most",
        }[kind]
        limit = next(iter(ctx.values()), "")
        expected = f"expected a number {words} {limit}"
    elif kind in ("too_short", "too_long"):
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        words = "at least" if kind == "too_short" else "at most"
        noun = "item" if bound == 1 else "items"
        return f"expected {words} {bound} {noun}, got {ctx.get('actual_length')}"
    elif kind == "string_too_short":
        expected = "expected some text, got an empty string"
        return expected
    else:
        msg = error["msg"].removeprefix("Value error, ")
        expected = msg[0].lower() + msg[1:] if msg else kind
    if kind in ("missing", "extra_forbidden") or "input" not in error:
        return expected
    if ", got " in expected:  # a validator of ours already said what it found
        return expected
    if isinstance(error["input"], dict | list):
        return expected
    if kind == "string_type" and isinstance(error["input"], bool):
        return (
            f"{expected}, got {str(error['input']).lower()} (YAML reads yes, no, on, off, true "
            "and false as true or false): put the text in quotes"
        )
    return f"{expected}, got {_short(error['input'])}"


def problems_from_validation(file: Path | str, exc: ValidationError) -> list[ContentProblem]:
    """Turn pydantic's errors into one plain line each."""
    return [
        ContentProblem(file, field_path(err["loc"]), _message(err))
        for err in exc.errors(include_url=False)
    ]


class UnknownMove(KeyError):
    """A page or call names a move the course does not have."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""
