"""Read one YAML content file within fixed bounds: its text (moves.contentfile), then one
document of limited depth whose aliases expand to a limited number of values, plain values only
(no explicit tags, no base-60 or octal numbers).

Anything else raises one ContentError that names the file and, where there is one, the line and
column. No input gives another exception, a hang or unbounded memory.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from moves.contentfile import read_text
from moves.errors import ContentError

MAX_DEPTH = 40
"""The deepest nesting of lists and mappings (a move's deepest value is five levels down)."""
MAX_VALUES = 50_000
"""The most values (keys, items, lists, mappings) a document may hold once aliases expand."""

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MERGE = "tag:yaml.org,2002:merge"
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_LARGEST_DIGITS = 18
_EMPTY_KEY = "a key is empty: write the field name before the colon"
_KINDS = {bool: "true or false", int: "a number", float: "a number", dt.date: "a date"}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when there is one


class _Refused(yaml.MarkedYAMLError):
    """A document this reader refuses on purpose; `problem` says why and what to write."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class _BoundedLoader(_Loader):
    """libyaml's parser with a composer of our own: it builds the node graph without recursion,
    and refuses what would recurse, multiply or surprise (see the module docstring)."""

    def get_single_node(self) -> Node | None:
        self.get_event()  # the start of the stream
        node = None
        if not self.check_event(StreamEndEvent):
            self.get_event()  # the start of the document
            node = self._compose()
            self.get_event()  # the end of the document
        if self.check_event(DocumentStartEvent):
            mark = self.peek_event().start_mark
            raise _Refused("a second document (---): a content file holds one", mark)
        self.get_event()  # the end of the stream
        return node

    def _compose(self) -> Node:
        anchors: dict[str, tuple[Node, int]] = {}
        stack: list[list[Any]] = []  # the open lists and mappings: [node, anchor, first, key]
        values = 0  # counted with aliases expanded
        get_event = self.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                _no_tag(event)
                values += 1
                node = self._scalar(event)
                if event.anchor is not None:
                    anchors[event.anchor] = (node, 1)
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                node, anchor, first, _ = stack.pop()
                node.end_mark = event.end_mark
                if anchor is not None:
                    anchors[anchor] = (node, values - first)
            elif kind is AliasEvent:
                node, size = self._alias(event, anchors, stack)
                values += size
            else:
                _no_tag(event)
                stack.append([self._collection(event, len(stack)), event.anchor, values, None])
                values += 1
                continue
            if values > MAX_VALUES:
                raise _Refused(
                    f"the document holds more than {MAX_VALUES} values once its aliases (*name) "
                    "are expanded: write the content out, without nested aliases",
                    event.start_mark,
                )
            if not stack:
                return node
            _attach(stack[-1], node, event.start_mark)

    @staticmethod
    def _alias(
        event: AliasEvent, anchors: dict[str, tuple[Node, int]], stack: list[list[Any]]
    ) -> tuple[Node, int]:
        """The node an alias names, and how many values it holds."""
        if any(frame[1] == event.anchor for frame in stack):
            raise _Refused(
                f"the alias *{event.anchor} is inside the value it names: a value cannot "
                "contain itself",
                event.start_mark,
            )
        if event.anchor not in anchors:
            raise _Refused(f"the alias *{event.anchor} names no anchor", event.start_mark)
        return anchors[event.anchor]

    def _scalar(self, event: ScalarEvent) -> ScalarNode:
        tag = self.resolve(ScalarNode, event.value, event.implicit)
        if tag in (_INT, _FLOAT) and ":" in event.value:
            raise _Refused(
                f"{event.value} would be read as a number in base 60 (YAML 1.1 reads 1:30 as 90):"
                f" write it in seconds, or in quotes ('{event.value}') to keep it as text",
                event.start_mark,
            )
        if tag == _INT and not _DECIMAL.fullmatch(event.value):
            raise _Refused(
                f"{event.value} is a number in a YAML 1.1 form (octal, hexadecimal, binary or "
                "with _): write whole numbers in plain decimal digits, or in quotes to keep it "
                "as text",
                event.start_mark,
            )
        if tag == _INT and len(event.value.lstrip("+-")) > _LARGEST_DIGITS:
            raise _Refused(f"the number {event.value[:20]}... is too large", event.start_mark)
        return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)

    def _collection(self, event: CollectionStartEvent, depth: int) -> Node:
        if depth >= MAX_DEPTH:
            raise _Refused(
                f"lists and mappings nested more than {MAX_DEPTH} deep", event.start_mark
            )
        kind = MappingNode if type(event) is MappingStartEvent else SequenceNode
        tag = self.resolve(kind, None, event.implicit)
        return kind(tag, [], event.start_mark, None, flow_style=event.flow_style)


def _no_tag(event: ScalarEvent | CollectionStartEvent) -> None:
    if event.tag is not None:
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(
            f"the explicit tag {tag} is not used in course content: write the value "
            "plainly, in quotes to keep it as text",
            event.start_mark,
        )


def _attach(parent: list[Any], node: Node, mark: yaml.Mark) -> None:
    """Add a finished node to the open list or mapping; a mapping's keys must be plain text."""
    if type(parent[0]) is SequenceNode:
        parent[0].value.append(node)
    elif parent[3] is None:
        if type(node) is not ScalarNode:
            raise _Refused("a list or mapping is used as a key: keys are field names", mark)
        if node.tag == _MERGE:
            raise _Refused("merge keys (<<) are not used in course content: write the fields", mark)
        parent[3] = node
    else:
        parent[0].value.append((parent[3], node))
        parent[3] = None


def _construct_mapping(loader: _BoundedLoader, node: MappingNode) -> dict[str, Any]:
    """Keys are text, each written once (PyYAML would silently keep the last)."""
    seen: dict[str, Any] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        mark = key_node.start_mark
        if key is None or key == "":
            raise _Refused(_EMPTY_KEY, mark)
        if not isinstance(key, str):
            kind = _KINDS.get(type(key), f"a {type(key).__name__}")
            raise _Refused(
                f"the key {key_node.value} is read as {kind}: field names are text", mark
            )
        if key in seen:
            raise _Refused(f"the key {key!r} is written twice", mark)
        seen[key] = True
    return loader.construct_mapping(node)


def _construct_number(loader: _BoundedLoader, node: ScalarNode) -> int | float:
    value = (
        loader.construct_yaml_int(node) if node.tag == _INT else loader.construct_yaml_float(node)
    )
    if isinstance(value, float) and not math.isfinite(value):
        raise _Refused(f"{node.value} is not a finite number", node.start_mark)
    return value


def _construct_timestamp(loader: _BoundedLoader, node: ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as exc:
        problem = f"{node.value} is not a date on the calendar ({exc})"
        raise _Refused(problem, node.start_mark) from None


_BoundedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_BoundedLoader.add_constructor(_INT, _construct_number)
_BoundedLoader.add_constructor(_FLOAT, _construct_number)
_BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
# YAML 1.1 gives a plain `=` a tag of its own, which PyYAML cannot construct: it is text.
_BoundedLoader.add_constructor("tag:yaml.org,2002:value", _BoundedLoader.construct_yaml_str)


def parse(text: str, path: Path) -> Any:
    """One YAML document, as plain data, or ContentError naming the line and column."""
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    except _Refused as exc:
        raise ContentError.single(path, "", f"{_where(exc.problem_mark)}{exc.problem}") from None
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError) as exc:
        raise ContentError.single(path, "", f"cannot be read as YAML: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark is not None and _is_empty_key(text, mark.index, problem):
            raise ContentError.single(path, "", f"{_where(mark)}{_EMPTY_KEY}") from None
        where = f"at {_where(mark)[:-2]}" if mark else "somewhere"
        raise ContentError.single(path, "", f"not valid YAML {where}: {problem}") from None
    finally:
        loader.dispose()


def _is_empty_key(text: str, index: int, problem: str) -> bool:
    """True when libyaml's error is about a colon with no key before it: `: value`."""
    if problem not in ("did not find expected key", "did not find expected node content"):
        return False
    before = text[text.rfind("\n", 0, index) + 1 : index].rstrip()
    return text[index : index + 1] == ":" and (not before or before[-1] in "{,?-")


def _where(mark: yaml.Mark | None) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""


def read_yaml(path: Path) -> dict[str, Any]:
    """Parse one content file into a mapping of field: value, or raise ContentError."""
    data = parse(read_text(path), path)
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        raise ContentError.single(path, "", f"expected a mapping of field: value, got {got}")
    return data
