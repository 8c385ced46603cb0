"""Just enough of a PDF reader for Chromium's PDFs (Skia): the pages, each page's size, and
its text. Streams are inflated with zlib; the text is mapped back to Unicode through each
font's ToUnicode map. Enough to test what a printout holds, not a general PDF reader."""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"(<<.*?>>)\s*stream\r?\n(.*)\r?\nendstream", re.S)
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]")
_CONTENTS = re.compile(rb"/Contents\s+(\d+) 0 R")
_FONT_REFS = re.compile(rb"/(F\d+)\s+(\d+) 0 R")
_TO_UNICODE = re.compile(rb"/ToUnicode\s+(\d+) 0 R")
# In a content stream: a font chosen, a text position set (a new run), a glyph string shown.
_TEXT_OPS = re.compile(rb"/(F\d+)\s+[-\d.]+\s+Tf|\bTm\b|\bT\*|<([0-9A-Fa-f]*)>|\bET\b")


A4_POINTS = (595.28, 841.89)


@dataclass(frozen=True)
class PdfPage:
    width: float  # points
    height: float
    text: str

    def holds(self, words: str) -> bool:
        """Whether the page prints `words`, wherever its lines break (a line that breaks after
        a hyphen starts a new run, which the text joins with a space)."""
        return "".join(words.split()) in "".join(self.text.split())

    def is_a4(self) -> bool:
        """A4 portrait, give or take the point Chromium rounds its page size to."""
        return abs(self.width - A4_POINTS[0]) < 1.5 and abs(self.height - A4_POINTS[1]) < 1.5


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(data)}


def _stream(body: bytes) -> bytes:
    match = _STREAM.match(body.strip())
    if match is None:
        return b""
    head, raw = match.groups()
    return zlib.decompress(raw) if b"/FlateDecode" in head else raw


def _hex(text: bytes) -> int:
    return int(text, 16)


def _cmap(text: bytes) -> dict[int, str]:
    """A ToUnicode map: glyph code -> text (bfchar and bfrange entries)."""
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[_hex(code)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, start in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            for offset in range(_hex(high) - _hex(low) + 1):
                mapping[_hex(low) + offset] = chr(_hex(start) + offset)
    return mapping


def read_pdf(data: bytes) -> list[PdfPage]:
    """Every page of a PDF Chromium printed: its size in points and its text (runs joined by
    spaces, whitespace collapsed, ligatures spelled out)."""
    if not data.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    objects = _objects(data)
    fonts: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        for name, number in _FONT_REFS.findall(body):
            font = objects.get(int(number), b"")
            to_unicode = _TO_UNICODE.search(font)
            if to_unicode and name not in fonts:
                fonts[name] = _cmap(_stream(objects[int(to_unicode.group(1))]))
    pages = []
    for body in objects.values():
        head = body.split(b"stream", 1)[0]
        if not _PAGE.search(head):
            continue
        box = [float(v) for v in _MEDIA_BOX.search(head).group(1).split()]  # type: ignore[union-attr]
        contents = _CONTENTS.search(head)
        stream = _stream(objects[int(contents.group(1))]) if contents else b""
        words: list[str] = []
        font: dict[int, str] = {}
        for match in _TEXT_OPS.finditer(stream):
            if match.group(1):
                font = fonts.get(match.group(1), {})
            elif match.group(2) is not None:
                glyphs = match.group(2)
                words.extend(
                    font.get(_hex(glyphs[i : i + 4]), "\ufffd") for i in range(0, len(glyphs), 4)
                )
            else:
                words.append(" ")
        text = unicodedata.normalize("NFKC", "".join(words))
        pages.append(PdfPage(box[2] - box[0], box[3] - box[1], " ".join(text.split())))
    return pages
