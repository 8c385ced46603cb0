"""Generated hostile content: any document made of YAML's building blocks (scalars, tags,
anchors, aliases, nesting, odd bytes) either loads or raises the one ContentError, whose every
line names the file and, where there is one, the line or the field. Never another exception.

Time and memory are bounded by construction, not by a clock: the reader refuses a file over
MAX_BYTES, nesting over MAX_DEPTH and more than MAX_VALUES values once aliases expand, so what
loads is never larger than that (checked below), and every check after it is linear.
"""

from __future__ import annotations

import functools
import json
import re
import tracemalloc
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moves.errors import ContentError, display_path
from moves.loader import LIBRARY_DIR, load_move, load_muscles
from moves.safeyaml import MAX_VALUES, read_yaml
from moves.schema import Move, Muscle

SETTINGS = settings(
    max_examples=250,
    deadline=None,  # no clock: the bounds are by construction
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Problems about the file as a whole: they have no line or field to name.
WHOLE_FILE = (
    "cannot be read (",
    "is not a regular file",
    "is larger than",
    "expected a mapping of field: value, got ",
)
SEED_TEXT = (LIBRARY_DIR / "hamstring-kickbacks.yaml").read_text(encoding="utf-8")
SEED_FIELDS = sorted(Move.model_fields)
WHERE = re.compile(r"^line \d+, column \d+: |^not valid YAML at line \d+, column \d+: ")

_words = st.sampled_from(["plank", "x", "Hold", "a b", "yes", "no", "on", "~", "null", "=", "<<"])
_numbers = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["010", "0x1F", "0b101", "1_000", "+5", "-0", ".inf", "-.inf", ".nan", "1e5"]),
    st.sampled_from(["1.5", "6.8523015e+5", "1:30", "190:20:30", "1:30.5"]),
    st.integers(4000, 4400).map(lambda n: "9" * n),
)
_dates = st.builds(
    "{:04d}-{:02d}-{:02d}{}".format,
    st.integers(0, 9999),
    st.integers(0, 19),
    st.integers(0, 39),
    st.sampled_from(["", " 10:00:00", "T25:61:61Z", "t1:2:3.5-7"]),
)
_quoted = st.one_of(
    st.text(max_size=12).map(lambda s: "'" + s.replace("'", "''") + "'"),
    st.sampled_from(
        ['"\\0"', '"a\\x07b"', '"\\ud800"', '"\\u2028"', '"\\e"', '"\\N"', '"\\q"', '"\\uZZZZ"']
    ),
    st.sampled_from(["'<b>x</b>'", "'see https://x.y'", "'www.x.y'", "'a@b.cd'", "'TODO'"]),
)
_scalars = st.one_of(_words, _numbers, _dates, _quoted)
_explicit_tags = st.sampled_from(
    ["!!int ", "!!float ", "!!bool ", "!!str ", "!!binary ", "!!timestamp ", "!!set ", "!!omap ",
     "!!null ", "!!python/object:os.system ", "!local ", "! ", "!<x> "]
)  # fmt: skip
_tags = st.one_of(st.just(""), _explicit_tags)
_anchors = st.sampled_from(["", "", "", "&a ", "&b ", "&c "])
_aliases = st.sampled_from(["*a", "*b", "*c", "*zz"])


def _flow(children: st.SearchStrategy[str], decorated: bool) -> st.SearchStrategy[str]:
    """A flow list or mapping of `children`; `decorated`: with anchors, tags and list keys."""
    sequence = st.lists(children, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
    keys = children if decorated else _words
    mapping = st.lists(st.tuples(keys, children), max_size=4).map(
        lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
    )
    if not decorated:
        return st.one_of(sequence, mapping)
    keyed = st.tuples(children, children).map(lambda kv: "{? " + kv[0] + " : " + kv[1] + "}")
    return st.builds(
        lambda a, t, body: a + t + body, _anchors, _tags, st.one_of(sequence, mapping, keyed)
    )


# Four kinds of value, so that each layer of the reader is reached: an odd scalar alone or in a
# sound structure (the constructors), one explicit tag (the tag rule), and everything at once.
_values = st.one_of(
    _scalars,
    st.recursive(_scalars, lambda c: _flow(c, decorated=False), max_leaves=10),
    st.builds(lambda t, s: t + s, _explicit_tags, _scalars),
    st.recursive(
        st.one_of(st.builds(lambda a, t, s: a + t + s, _anchors, _tags, _scalars), _aliases),
        lambda c: _flow(c, decorated=True),
        max_leaves=25,
    ),
)
_deep = st.builds(
    lambda opening, n: opening * n + "x" + ("]" if opening == "[" else "}") * n,
    st.sampled_from(["[", "{a: "]),
    st.integers(1, 1200),
)
_any_value = st.one_of(_values, _values, _deep)
_odd_keys = st.sampled_from(
    ["", "''", "? [a]", "yes", "2026-01-05", "1", "'ti\u00a0tle'", '"k\\t"', "<<", "~", "k0"]
)


@st.composite
def _mapping_document(draw: st.DrawFn) -> str:
    """Lines of `key: value`, most keys sound and at the left margin."""
    lines = []
    for i in range(draw(st.integers(0, 6))):
        indent = draw(st.sampled_from(["", "", "", "", "  ", "\t"]))
        key = draw(st.one_of(st.just(f"k{i}"), st.just(f"k{i}"), st.just(f"k{i}"), _odd_keys))
        lines.append(f"{indent}{key}: {draw(_any_value)}")
    return "\n".join(lines)


_documents = st.one_of(
    _mapping_document(),
    st.lists(_any_value.map(lambda v: f"- {v}"), max_size=4).map("\n".join),
    st.lists(_mapping_document(), min_size=2, max_size=3).map("\n---\n".join),
)
# Well-formed documents too, so that what loads is checked as well as what is refused.
_plain_values = st.recursive(
    st.one_of(
        st.sampled_from(["plank", "Hold it", "'1:30'", "20", "2026-11-23", "true", "~", "*a"]),
        st.text(alphabet="abc xyz-.,", min_size=1, max_size=8).map(lambda s: f"'{s}'"),
    ),
    lambda children: st.lists(children, max_size=3).map(lambda items: f"[{', '.join(items)}]"),
    max_leaves=8,
)
_well_formed = st.builds(
    lambda first, rest: "\n".join(
        [f"first: &a {first}", *(f"k{i}: {v}" for i, v in enumerate(rest))]
    ),
    _plain_values.filter(lambda v: "*a" not in v),
    st.lists(_plain_values, max_size=6),
)
_documents = st.one_of(_documents, _well_formed)
_odd_bytes = st.sampled_from(
    [b"\x00", b"\x07", b"\x1b", b"\x7f", b"\xff", b"\xfe", b"\xc3", b"\xef\xbb\xbf", b"\t",
     b"\r", b"\r\n", b"\xc2\x85", b"\xe2\x80\xa8", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"%",
     b"&", b"*", b"!", b"|", b">", b"'", b'"', b"#", b"\n  ", b"\n-", b": ", b"? ", b"@", b"`"]
)  # fmt: skip


@st.composite
def hostile_bytes(draw: st.DrawFn) -> bytes:
    """A document from the building blocks, with odd bytes put in at random places."""
    data = bytearray(draw(_documents).encode("utf-8"))
    for _ in range(draw(st.sampled_from([0, 0, 1, 2, 4]))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(_odd_bytes)
    return bytes(data)


def _values_in(data: Any) -> int:
    """How many values a loaded document holds, counted as the reader counts them."""
    count, stack = 0, [data]
    while stack and count <= MAX_VALUES:  # stops early: a bug must not make this hang
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return count


def _assert_one_clean_error(error: ContentError, path: Path) -> None:
    assert error.problems, "a ContentError with no problem in it"
    for problem in error.problems:
        line = str(problem)
        assert line.isprintable(), line  # it can be printed and shown as one line
        assert problem.file == display_path(path), line
        assert (
            problem.field
            or WHERE.match(problem.message)
            or (problem.message.startswith(WHOLE_FILE))
        ), f"names neither a line nor a field: {line}"


@functools.cache
def _muscles() -> dict[str, Muscle]:
    return load_muscles()


@SETTINGS
@given(content=hostile_bytes())
def test_any_document_loads_or_gives_one_clean_error(tmp_path, content):
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    try:
        data = read_yaml(path)
    except ContentError as error:
        _assert_one_clean_error(error, path)
        return
    assert isinstance(data, dict)
    assert _values_in(data) <= MAX_VALUES


@SETTINGS
@given(field=st.sampled_from(SEED_FIELDS), value=_any_value, inline=st.booleans())
def test_any_value_in_any_field_of_a_move_loads_or_gives_one_clean_error(
    tmp_path, field, value, inline
):
    """The seed move with one field's value replaced: the whole schema sees hostile values."""
    written = f"{field}: {value}\n" if inline else f"{field}:\n  - {value}\n  - x\n"
    replaced = re.sub(
        rf"^{field}:.*\n(?:(?:  .*)?\n)*?(?=\S)",
        lambda _: written,
        SEED_TEXT,
        count=1,
        flags=re.M,
    )
    path = tmp_path / "hamstring-kickbacks.yaml"
    path.write_text(replaced, encoding="utf-8")
    try:
        load_move(path, _muscles())
    except ContentError as error:
        _assert_one_clean_error(error, path)


@settings(max_examples=30, deadline=None)
@given(
    fan_out=st.integers(2, 12),
    levels=st.integers(1, 12),
    shape=st.sampled_from(["[{}]", "{{k: [{}]}}"]),
)
def test_alias_chains_are_bounded_in_memory(tmp_path_factory, fan_out, levels, shape):
    """Nested aliases ("billion laughs") of any fan-out and depth: they load within
    MAX_VALUES values, or are refused before using more than a few MB."""
    lines = ["l0: &l0 x"]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*l{level - 1}"] * fan_out)
        lines.append(f"l{level}: &l{level} " + shape.format(aliases))
    path = tmp_path_factory.mktemp("laughs") / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tracemalloc.start()
    try:
        data = read_yaml(path)
    except ContentError as error:
        _assert_one_clean_error(error, path)
        assert "values once its aliases (*name) are expanded" in str(error)
        data = None
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    if data is not None:
        assert _values_in(data) <= MAX_VALUES


@SETTINGS
@given(key=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=6))
def test_any_unknown_key_is_named_as_a_printable_field(tmp_path, key):
    """A key of any characters (written as a YAML double-quoted string) in a step."""
    written = f"    {json.dumps(key, ensure_ascii=False)}: x\n    cue: Hips stacked"
    path = tmp_path / "hamstring-kickbacks.yaml"
    path.write_text(SEED_TEXT.replace("    cue: Hips stacked", written, 1), encoding="utf-8")
    try:
        load_move(path, _muscles())
    except ContentError as error:
        _assert_one_clean_error(error, path)
    else:
        raise AssertionError(f"a step with the key {key!r} loaded")
