"""Read the text of one content file safely: a regular file (a named pipe or a device would
block or never end), at most MAX_BYTES, UTF-8, and free of control characters; each refusal is
one ContentError naming the file and, where there is one, the line and column."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from moves.errors import ContentError, text_position
from moves.plaintext import CONTROL_CHARACTER

MAX_BYTES = 256 * 1024
"""The largest content file: eight times moves/muscles.yaml, the largest today."""

_YAML_SUFFIXES = (".yaml", ".yml")


def read_text(path: Path) -> str:
    """The file's text: a regular file (a named pipe or device would block), at most MAX_BYTES,
    UTF-8, and free of control characters."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ContentError.single(path, "", "is not a regular file: content must be a file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ContentError.single(path, "", f"cannot be read ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since os.stat
            raise ContentError.single(path, "", "is not a regular file: content must be a file")
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ContentError.single(path, "", f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise ContentError.single(
            path, "", f"is larger than {MAX_BYTES // 1024} KB: split it or shorten it"
        )
    data = b"".join(chunks)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")  # valid: the first bad byte is at exc.start
        line, column = text_position(before, len(before))
        raise ContentError.single(
            path,
            "",
            f"line {line}, column {column}: is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8",
        ) from None
    bad = CONTROL_CHARACTER.search(text)
    if bad:
        line, column = text_position(text, bad.start())
        raise ContentError.single(
            path,
            "",
            f"line {line}, column {column}: the control character U+{ord(bad[0]):04X} "
            "cannot be shown on a page; delete it",
        )
    return text


def is_misnamed_yaml(name: str) -> bool:
    """A name that looks like YAML but would not be read: .yml, or .YAML in another case."""
    suffix = Path(name).suffix
    return suffix.lower() in _YAML_SUFFIXES and suffix != ".yaml"
