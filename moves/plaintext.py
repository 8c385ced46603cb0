"""The rules for every piece of text in every content file: plain text that a page can show as
it is. No markup or link (Markdown would turn a bare URL into a live link), no control
character (it makes an SVG ill-formed), no TODO left from the starter file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from moves.errors import printable

# Every pattern is linear in the text: the runs that could be rescanned are possessive (`*+`),
# and a run is only tried from its first character (the look-behinds).
_MARKUP = re.compile(
    r"\]\("  # a Markdown link: [text](target)
    r"|<\s*+/?\s*+[a-zA-Z!?]"  # an HTML tag, comment or autolink: <b>, </b>, <!--, <http:
    r"|(?<![a-zA-Z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]*+://"  # a URL: https://, ftp://
    r"|(?<![\w.-])www\.[\w-]"  # a URL without its scheme: www.example
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++\.\w"  # an e-mail address, which Markdown links too
    r"|\bmailto:",
    re.IGNORECASE,
)
# Every match of _MARKUP holds one of these: texts without any (nearly all) skip the search.
_MARKUP_SIGNS = ("](", "<", "://", "www.", "@", "mailto:")
# Characters YAML itself refuses, plus DEL and the C1 controls, which it accepts but which no
# page can show (they make an SVG ill-formed); tab, newline and carriage return are fine.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def text_fields(data: Any) -> Iterator[tuple[str, str]]:
    """Every string in a parsed document, keys included, with its field path. Walks without
    recursion; the YAML reader bounds how many values there are."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            yield where or "value", value
        elif isinstance(value, dict):
            items = []
            for key, item in value.items():
                path = f"{where}.{printable(str(key))}" if where else printable(str(key))
                if isinstance(key, str):
                    items.append((f"{path} (the key)", key))
                items.append((path, item))
            stack.extend(reversed(items))
        elif isinstance(value, list | tuple):
            stack.extend(reversed([(f"{where}[{i}]", item) for i, item in enumerate(value)]))


def _shown(text: str, start: int) -> str:
    """The part of the text around a problem, as a message can show it."""
    return printable(text[max(0, start - 20) : start + 40])


def plain_text_problems(text: str) -> list[str]:
    """What to fix for each way `text` is not plain text (a control character; HTML, a link or
    a web or e-mail address): the one rule for content files, routines, shared links and saved
    progress alike. Linear in the text."""
    problems = []
    control = CONTROL_CHARACTER.search(text)
    if control:
        problems.append(
            f"the control character U+{ord(control[0]):04X} cannot be shown on a page; "
            f"delete it: {_shown(text, control.start())!r}"
        )
    lowered = text.lower()
    markup = _MARKUP.search(text) if any(s in lowered for s in _MARKUP_SIGNS) else None
    if markup:
        problems.append(
            "expected plain text, found HTML, a link or a web address: "
            f"{_shown(text, markup.start())!r}"
        )
    return problems


def plain_text_problem(text: str) -> str | None:
    """The first of `plain_text_problems(text)`, or None for plain text."""
    problems = plain_text_problems(text)
    return problems[0] if problems else None


def text_problems(data: Any) -> list[tuple[str, str]]:
    """(field path, what to fix) for every text of a content file that breaks a rule, in the
    order of the file: plain text only, and no TODO left from the starter file."""
    problems = []
    for where, text in text_fields(data):
        problems.extend((where, problem) for problem in plain_text_problems(text))
        if "TODO" in text:
            problems.append((where, "still says TODO: replace it with the real content"))
    return problems
