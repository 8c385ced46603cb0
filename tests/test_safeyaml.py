"""The YAML reader refuses, with one line naming the file and the place, every document that
used to give a traceback, a hang or unbounded memory (issue 16), and the YAML 1.1 surprises."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from moves.contentfile import MAX_BYTES
from moves.errors import ContentError
from moves.safeyaml import MAX_DEPTH, MAX_VALUES, read_yaml


def _problem(tmp_path: Path, content: str | bytes, name: str = "move.yaml") -> str:
    """The one-line problem of a file with this content."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_yaml(path)
    assert len(caught.value.problems) == 1
    message = str(caught.value)
    assert message.startswith(f"{path.as_posix()}: ")
    return message.removeprefix(f"{path.as_posix()}: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("week: 2026-02-30\n", "line 1, column 7: 2026-02-30 is not a date on the calendar"),
        ("week: 2026-13-01\n", "line 1, column 7: 2026-13-01 is not a date on the calendar"),
        ("week: 0000-01-03\n", "line 1, column 7: 0000-01-03 is not a date on the calendar"),
        ("reps: " + "9" * 4301 + "\n", "line 1, column 7: the number 9999"),
        ("reps: 12345678901234567890\n", "line 1, column 7: the number 1234"),
        ("title: !!int abc\n", "line 1, column 8: the explicit tag !!int is not used"),
        ("title: !!float abc\n", "line 1, column 8: the explicit tag !!float is not used"),
        ("floor: !!bool maybe\n", "line 1, column 8: the explicit tag !!bool is not used"),
        ("title: !!python/object:os.system x\n", "line 1, column 8: the explicit tag"),
        ("title: !local x\n", "line 1, column 8: the explicit tag !local is not used"),
        ("steps: !!seq [a]\n", "line 1, column 8: the explicit tag !!seq is not used"),
    ],
)
def test_values_that_used_to_raise_are_named_with_their_place(tmp_path, text, expected):
    assert _problem(tmp_path, text).startswith(expected)


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_deep_nesting_is_refused_before_anything_recurses(tmp_path, opening):
    closing = "]" if opening == "[" else "}"
    text = "steps: " + opening * 500 + "x" + closing * 500 + "\n"
    message = _problem(tmp_path, text)
    assert message.startswith("line 1, column ")
    assert f"lists and mappings nested more than {MAX_DEPTH} deep" in message


def test_block_nesting_is_bounded_too(tmp_path):
    text = "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(MAX_DEPTH + 5)) + "  " * 45 + "x"
    assert f"nested more than {MAX_DEPTH} deep" in _problem(tmp_path, text)


def test_a_value_that_contains_itself_is_refused(tmp_path):
    message = _problem(tmp_path, "good_for: &r [x, *r]\n")
    assert message == (
        "line 1, column 18: the alias *r is inside the value it names: a value cannot contain "
        "itself"
    )


def test_a_list_used_as_a_key_is_refused(tmp_path):
    assert _problem(tmp_path, "? [a, b]\n: 1\n") == (
        "line 1, column 8: a list or mapping is used as a key: keys are field names"
    )
    assert "a list or mapping is used as a key" in _problem(tmp_path, "{? {a: 1}: 2}\n")


def _laughs(levels: int) -> str:
    """The "billion laughs": each level lists the one before ten times."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_early_in_little_memory(tmp_path):
    path = tmp_path / "laughs.yaml"
    path.write_text(_laughs(9), encoding="utf-8")  # a billion values, once expanded
    tracemalloc.start()
    try:
        with pytest.raises(ContentError) as caught:
            read_yaml(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"more than {MAX_VALUES} values once its aliases (*name) are expanded" in str(
        caught.value
    )
    assert str(caught.value).startswith(f"{path.as_posix()}: line 5, column ")
    assert peak < 20 * 1024 * 1024  # it stops at level 5: a few MB at most


def test_a_few_aliases_still_load(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("a: &a [x, y]\nb: *a\nc: &c plain\nd: *c\n", encoding="utf-8")
    assert read_yaml(path) == {"a": ["x", "y"], "b": ["x", "y"], "c": "plain", "d": "plain"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hold: 1:30\n", "line 1, column 7: 1:30 would be read as a number in base 60"),
        ("hold: 1:30.5\n", "line 1, column 7: 1:30.5 would be read as a number in base 60"),
        ("reps: 010\n", "line 1, column 7: 010 is a number in a YAML 1.1 form"),
        ("reps: 0x1F\n", "line 1, column 7: 0x1F is a number in a YAML 1.1 form"),
        ("reps: 1_000\n", "line 1, column 7: 1_000 is a number in a YAML 1.1 form"),
        ("angle: .inf\n", "line 1, column 8: .inf is not a finite number"),
        ("a: 1\n<<: {b: 2}\n", "line 2, column 1: merge keys (<<) are not used"),
        ("a: 1\n---\nb: 2\n", "line 2, column 1: a second document (---)"),
        ("a: *nowhere\n", "line 1, column 4: the alias *nowhere names no anchor"),
    ],
)
def test_yaml_1_1_surprises_are_refused_on_purpose(tmp_path, text, expected):
    assert _problem(tmp_path, text).startswith(expected)


def test_quoted_they_stay_text(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("hold: '1:30'\nreps: '010'\nsign: =\nwhen: 10:30 am\n", encoding="utf-8")
    assert read_yaml(path) == {"hold": "1:30", "reps": "010", "sign": "=", "when": "10:30 am"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (": x\n", "line 1, column 1: a key is empty: write the field name before the colon"),
        ("a: 1\n: x\n", "line 2, column 1: a key is empty"),
        ("{: x}\n", "line 1, column 2: a key is empty"),
        ("'': x\n", "line 1, column 1: a key is empty"),
        ("? \n: x\n", "line 1, column 2: a key is empty"),
        ("yes: x\n", "line 1, column 1: the key yes is read as true or false: field names are"),
        ("2026-11-23: x\n", "line 1, column 1: the key 2026-11-23 is read as a date"),
        ("title: a\ntitle: b\n", "line 2, column 1: the key 'title' is written twice"),
    ],
)
def test_keys_are_field_names_written_once(tmp_path, text, expected):
    assert _problem(tmp_path, text).startswith(expected)


def test_an_encoding_error_gives_line_and_column(tmp_path):
    assert _problem(tmp_path, "title: Plank\nsummary: caf\xe9 \xff\n".encode("latin-1")) == (
        "line 2, column 13: is not UTF-8 text (byte 0xe9); save the file as UTF-8"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: Plank\nsummary: a\x07b\n", "line 2, column 11: the control character U+0007"),
        ("title: a\x00b\n", "line 1, column 9: the control character U+0000"),
        ("title: ok\n  \x1b[31m\n", "line 2, column 3: the control character U+001B"),
        ("title: a\x85b\n", "line 1, column 9: the control character U+0085"),
    ],
)
def test_a_raw_control_character_gives_line_and_column(tmp_path, text, expected):
    assert _problem(tmp_path, text).startswith(expected)


def test_a_file_too_large_is_refused_unread(tmp_path):
    text = "title: " + "a" * MAX_BYTES + "\n"
    assert _problem(tmp_path, text) == (
        f"is larger than {MAX_BYTES // 1024} KB: split it or shorten it"
    )


def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")  # nothing ever writes to it: reading it would block
    with pytest.raises(ContentError, match=r"pipe\.yaml: is not a regular file"):
        read_yaml(tmp_path / "pipe.yaml")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_unread(tmp_path, device):
    (tmp_path / "device.yaml").symlink_to(device)
    with pytest.raises(ContentError, match=r"device\.yaml: is not a regular file"):
        read_yaml(tmp_path / "device.yaml")


def test_a_folder_named_yaml_is_refused(tmp_path):
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(ContentError, match=r"folder\.yaml: is not a regular file"):
        read_yaml(tmp_path / "folder.yaml")


def test_a_symlink_loop_is_named(tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    with pytest.raises(ContentError) as caught:
        read_yaml(tmp_path / "a.yaml")
    assert str(caught.value) == (
        f"{(tmp_path / 'a.yaml').as_posix()}: cannot be read (Too many levels of symbolic links)"
    )
