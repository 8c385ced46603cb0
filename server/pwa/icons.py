"""The course's app icons, drawn from its own pose figure (widgets.figure) by a small rasteriser.

The figure is lines with round caps and a circle head, so an icon is a handful of capsules and
one circle: each pixel's coverage comes from its signed distance to the shape (anti-aliased over
one pixel), and the PNG is written with zlib. No image library, nothing downloaded.

The PNGs are committed beside this module (`python -m server.pwa.icons` writes them again);
tests/test_pwa.py draws them afresh and fails when the committed ones are stale.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from moves.loader import course
from moves.pose import LENGTHS
from widgets.figure import WIDTHS, pose_frame

HERE = Path(__file__).parent
# The seed move's second position: the hamstring stretch, a shape that reads at 48 px too.
MOVE, STEP = "hamstring-kickbacks", 2

BACKGROUND = (0xC2, 0x41, 0x0C)  # the course's primary mark colour (figure.css)
BODY = (0xFF, 0xFF, 0xFF)
FAR = (0xF6, 0xC3, 0xA3)  # the far limbs, behind the body: paler
FLOOR = (0xF6, 0xC3, 0xA3)
FLOOR_WIDTH = 0.014


@dataclass(frozen=True)
class Icon:
    """One icon file: its size in pixels and whether it is maskable (full bleed, the figure
    inside the safe zone: the middle circle of radius 40% of the size)."""

    name: str
    size: int
    maskable: bool = False

    @property
    def purpose(self) -> str:
        return "maskable" if self.maskable else "any"


ICONS = (
    Icon("icon-192.png", 192),
    Icon("icon-512.png", 512),
    Icon("icon-maskable-512.png", 512, maskable=True),
)


def icon_named(name: str) -> Icon | None:
    return next((icon for icon in ICONS if icon.name == name), None)


# A shape: ("capsule", (x1, y1, x2, y2), radius, colour) or ("disc", (x, y), radius, colour),
# in the figure's SVG units (y down).
Shape = tuple[str, tuple[float, ...], float, tuple[int, int, int]]


def figure_shapes(slug: str = MOVE, step: int = STEP) -> list[Shape]:
    """The figure of one step as the page draws it: floor, far limbs, body, near limbs."""
    move = course().move(slug)
    bones = pose_frame(move, step - 1, False, [])["bones"]
    assert isinstance(bones, dict)
    layers: dict[str, list[Shape]] = {"far": [], "core": [], "near": []}
    for name, ends in bones.items():
        side, _, bone = name.partition("_") if name.startswith(("near_", "far_")) else ("", "", "")
        if name == "head":
            layers["core"].append(("disc", tuple(ends), LENGTHS["head"], BODY))
            continue
        width = WIDTHS[bone or name] / 2
        colour = FAR if side == "far" else BODY
        layers[side or "core"].append(("capsule", tuple(ends), width, colour))
    body = [*layers["far"], *layers["core"], *layers["near"]]
    left, _, right, _ = _bounds(body)
    floor: Shape = ("capsule", (left - 0.04, 0.0, right + 0.04, 0.0), FLOOR_WIDTH / 2, FLOOR)
    return [floor, *body]


def _bounds(shapes: list[Shape]) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for kind, coords, radius, _ in shapes:
        points = [coords[:2]] if kind == "disc" else [coords[:2], coords[2:]]
        for x, y in points:
            xs += [x - radius, x + radius]
            ys += [y - radius, y + radius]
    return min(xs), min(ys), max(xs), max(ys)


def _segment_distance(px: float, py: float, x1: float, y1: float, x2: float, y2: float) -> float:
    dx, dy = x2 - x1, y2 - y1
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length2))
    return math.hypot(px - x1 - t * dx, py - y1 - t * dy)


class Canvas:
    """Straight (not premultiplied) RGBA in floats, 0..1, row by row."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pixels = [[0.0, 0.0, 0.0, 0.0] for _ in range(size * size)]

    def cover(self, x: int, y: int, colour: tuple[int, int, int], coverage: float) -> None:
        """Paint `colour` over the pixel with `coverage` (0..1), source-over."""
        if coverage <= 0:
            return
        pixel = self.pixels[y * self.size + x]
        a = min(1.0, coverage)
        out_alpha = a + pixel[3] * (1 - a)
        for channel in range(3):
            source = colour[channel] / 255
            pixel[channel] = (source * a + pixel[channel] * pixel[3] * (1 - a)) / out_alpha
        pixel[3] = out_alpha

    def shape(self, distance, box: tuple[float, float, float, float], colour) -> None:
        """Fill where `distance(x, y)` (signed, in pixels) is below zero, inside `box`."""
        left, top, right, bottom = box
        for y in range(max(0, int(top) - 1), min(self.size, math.ceil(bottom) + 1)):
            for x in range(max(0, int(left) - 1), min(self.size, math.ceil(right) + 1)):
                self.cover(x, y, colour, 0.5 - distance(x + 0.5, y + 0.5))

    def png(self) -> bytes:
        rows = bytearray()
        for y in range(self.size):
            rows.append(0)  # filter: none
            for r, g, b, a in self.pixels[y * self.size : (y + 1) * self.size]:
                rows += bytes(round(v * 255) for v in (r, g, b, a))
        return png_bytes(self.size, self.size, bytes(rows))


def png_bytes(width: int, height: int, rows: bytes) -> bytes:
    """An 8-bit RGBA PNG of `rows` (each row a filter byte and its pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def draw(icon: Icon, shapes: list[Shape] | None = None) -> bytes:
    """The icon as PNG bytes: a rounded square (or, maskable, the full square) in the course's
    colour with the figure in the middle."""
    shapes = figure_shapes() if shapes is None else shapes
    size = icon.size
    canvas = Canvas(size)
    corner = 0 if icon.maskable else 0.18 * size
    half = size / 2

    def background(x: float, y: float) -> float:  # a rounded box's signed distance
        qx, qy = abs(x - half) - (half - corner), abs(y - half) - (half - corner)
        outside = math.hypot(max(qx, 0), max(qy, 0))
        return outside + min(max(qx, qy), 0) - corner

    canvas.shape(background, (0, 0, size, size), BACKGROUND)
    # The figure fills the middle: within 72% of the square, or inside the maskable safe zone
    # (a circle of radius 40%), keeping a margin.
    left, top, right, bottom = _bounds(shapes)
    width, height = right - left, bottom - top
    if icon.maskable:
        scale = 0.76 * size / math.hypot(width, height)
    else:
        scale = 0.72 * size / max(width, height)
    ox = half - (left + width / 2) * scale
    oy = half - (top + height / 2) * scale
    for kind, coords, radius, colour in shapes:
        r = radius * scale
        if kind == "disc":
            cx, cy = coords[0] * scale + ox, coords[1] * scale + oy
            canvas.shape(
                lambda x, y, cx=cx, cy=cy, r=r: math.hypot(x - cx, y - cy) - r,
                (cx - r, cy - r, cx + r, cy + r),
                colour,
            )
        else:
            x1, y1 = coords[0] * scale + ox, coords[1] * scale + oy
            x2, y2 = coords[2] * scale + ox, coords[3] * scale + oy
            canvas.shape(
                lambda x, y, a=(x1, y1, x2, y2), r=r: _segment_distance(x, y, *a) - r,
                (min(x1, x2) - r, min(y1, y2) - r, max(x1, x2) + r, max(y1, y2) + r),
                colour,
            )
    return canvas.png()


def main(argv: list[str] | None = None) -> None:
    """Write every icon beside this module (or into the folder given)."""
    folder = Path(argv[0]) if argv else HERE
    shapes = figure_shapes()
    for icon in ICONS:
        (folder / icon.name).write_bytes(draw(icon, shapes))
        print(f"wrote {folder / icon.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
