"""The pose figure: a side-view pictogram drawn from a step's joint angles, with the move's
target muscles highlighted on the limbs that hold them."""

from __future__ import annotations

import html

from moves.loader import course
from moves.pose import BONES, LENGTHS, PlacedPose, mirrored, place
from moves.schema import Move, Muscle
from widgets.files import compact_css

# Where each muscle shows on the side-view figure: (bone, face, start, end) with face
# "front"/"back" of the bone (or "mid") and start/end as fractions along it.
_GROUP_PLACES: dict[str | None, tuple[str, str, float, float]] = {
    "hamstrings": ("thigh", "back", 0.15, 0.85),
    "quadriceps": ("thigh", "front", 0.15, 0.88),
    "adductors": ("thigh", "mid", 0.1, 0.6),
    "abductors": ("thigh", "mid", 0.0, 0.3),
    "glutes": ("trunk", "back", 0.0, 0.22),
    "calves": ("shin", "back", 0.1, 0.6),
    "abdominals": ("trunk", "front", 0.15, 0.75),
    "lower back": ("trunk", "back", 0.2, 0.5),
    "middle back": ("trunk", "back", 0.55, 0.88),
    "lats": ("trunk", "back", 0.4, 0.85),
    "traps": ("trunk", "back", 0.85, 1.0),
    "chest": ("trunk", "front", 0.7, 0.95),
    "shoulders": ("upper_arm", "mid", 0.0, 0.3),
    "biceps": ("upper_arm", "front", 0.25, 0.9),
    "triceps": ("upper_arm", "back", 0.2, 0.9),
    "forearms": ("forearm", "mid", 0.05, 0.5),
    "neck": ("neck", "mid", 0.0, 1.0),
}
_MUSCLE_PLACES = {
    "iliopsoas": ("trunk", "front", 0.0, 0.25),
    "tibialis-anterior": ("shin", "front", 0.1, 0.75),
    # on the outer side of the shin, which faces the viewer: the longus above, the brevis below
    "fibularis-longus": ("shin", "mid", 0.05, 0.6),
    "fibularis-brevis": ("shin", "mid", 0.45, 0.9),
}
_LIMB_BONES = {"thigh", "shin", "upper_arm", "forearm"}

WIDTHS = {
    "trunk": 0.1,
    "neck": 0.045,
    "thigh": 0.075,
    "shin": 0.058,
    "upper_arm": 0.05,
    "forearm": 0.042,
    "sole": 0.03,
    "heel": 0.03,
    "toes": 0.03,
}


def muscle_place(muscle: Muscle) -> tuple[str, str, float, float]:
    return _MUSCLE_PLACES.get(muscle.id) or _GROUP_PLACES[muscle.group]


def highlights(move: Move, muscles: dict[str, Muscle]) -> list[dict[str, object]]:
    """The strokes that mark the move's muscles: on the near (working) limb only for a
    one-sided move, on both limbs otherwise. Primary first, so they draw on top."""
    marks: dict[tuple[str, str, float, float], str] = {}
    for role, uses in (("secondary", move.muscles.secondary), ("primary", move.muscles.primary)):
        for use in uses:
            bone, face, start, end = muscle_place(muscles[use.id])
            sides = ("near",) if move.per_side else ("far", "near")
            bones = [f"{s}_{bone}" for s in sides] if bone in _LIMB_BONES else [bone]
            for name in bones:
                marks[(name, face, start, end)] = role
    return [
        {"bone": bone, "face": face, "start": start, "end": end, "role": role}
        for (bone, face, start, end), role in marks.items()
    ]


Frame = dict[str, object]
STYLE = compact_css("figure.css")
OUTLINE_STYLE = compact_css("figure-outline.css")


def figure_data(move: Move, muscles: dict[str, Muscle]) -> dict[str, object]:
    """What the browser needs to move the figure between steps without the kernel: each
    step's frame (`pose_frame`) facing right and, for a one-sided move, facing left (the other
    side). The browser only eases from one frame to the next; the geometry lives here."""
    marks = highlights(move, muscles)
    sides = (False, True) if move.per_side else (False,)
    return {
        "frames": [
            [pose_frame(move, i, mirror, marks) for mirror in sides] if step.pose else None
            for i, step in enumerate(move.steps)
        ]
    }


def pose_frame(move: Move, step_index: int, mirror: bool, marks: list[dict]) -> Frame:
    """One step's figure in SVG coordinates (y down): each bone's two ends (the head's centre),
    each mark's two ends, and the figure's caption. The SVG drawn here and the frames the
    browser animates both come from this one function."""
    pose = move.steps[step_index].pose
    if pose is None:
        raise ValueError(f"{move.slug}: step {step_index + 1} has no pose")
    placed = mirrored(place(pose)) if mirror else place(pose)
    points = placed.points
    return {
        "label": _caption(move, step_index, mirror),
        "bones": {
            name: _svg(points[end]) if name == "head" else _svg(points[start], points[end])
            for name, start, end, _ in BONES
        },
        "marks": [_mark_ends(placed, mark, mirror) for mark in marks],
    }


def _svg(*points: tuple[float, float]) -> list[float]:
    """Points as flat SVG coordinates: y grows downwards in SVG."""
    return [round(value, 4) for x, y in points for value in (x, -y)]


def _mark_offset(bone: str, face: str) -> float:
    """How far from the bone's centre line a mark runs: + towards the front of the body part."""
    sign = {"front": 1, "back": -1, "mid": 0}[face] * (-1 if bone == "trunk" else 1)
    return sign * _half_width(bone) * 0.55


def _mark_ends(placed: PlacedPose, mark: dict, mirror: bool) -> list[float]:
    """A mark's two ends: along its bone from `start` to `end`, off the centre line by face."""
    bone = str(mark["bone"])
    (x1, y1), (x2, y2) = _bone_ends(bone, placed)
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    # The front of a limb or trunk is 90° towards the facing side; flip when mirrored.
    nx, ny = (-dy / length, dx / length)
    if mirror:
        nx, ny = -nx, -ny
    offset = _mark_offset(bone, str(mark["face"]))
    s, e = float(mark["start"]), float(mark["end"])
    return _svg(
        (x1 + dx * s + nx * offset, y1 + dy * s + ny * offset),
        (x1 + dx * e + nx * offset, y1 + dy * e + ny * offset),
    )


def view_box(move: Move) -> tuple[float, float, float, float]:
    """One box that holds every step's figure, both sides, with the floor at y = 0."""
    xs, ys = [], [0.0]
    for step in move.steps:
        if step.pose is None:
            continue
        for placed in (place(step.pose), mirrored(place(step.pose))):
            for x, y in placed.points.values():
                xs.append(x)
                ys.append(y)
    if not xs:
        return (-0.6, -0.05, 1.2, 1.15)
    pad = 0.12
    left, right = min(xs) - pad, max(xs) + pad
    top = max(ys) + pad
    width = max(right - left, 0.9)
    centre = (left + right) / 2
    return (centre - width / 2, -0.06, width, top + 0.06)


def _svg_line(ends: list[float], cls: str, width: float, data: str = "") -> str:
    x1, y1, x2, y2 = ends
    return (
        f'<line class="{cls}"{data} x1="{x1:.4f}" y1="{y1:.4f}" '
        f'x2="{x2:.4f}" y2="{y2:.4f}" stroke-width="{width:.3f}"/>'
    )


def _half_width(bone: str) -> float:
    return WIDTHS[bone.removeprefix("near_").removeprefix("far_")] / 2


def _bone_ends(bone: str, placed: PlacedPose):
    for name, start, end, _ in BONES:
        if name == bone:
            return placed.points[start], placed.points[end]
    raise KeyError(bone)


def figure_svg(
    move: Move,
    step_index: int = 0,
    *,
    mirror: bool = False,
    muscles: dict[str, Muscle] | None = None,
    mat: bool | None = None,
    decorative: bool = False,
    outline: bool = False,
) -> str:
    """A standalone SVG of one step's pose: floor, mat, far limbs, body, near limbs, marks.
    It is an image labelled with the pose, or, `decorative`, hidden from assistive technology
    (beside text that already says what it shows, as on a card). `outline` draws each body
    part as an outline around a white fill (light ink, for print)."""
    marks = highlights(move, muscles or course().muscles)
    frame = pose_frame(move, step_index, mirror, marks)
    x, y, w, h = view_box(move)
    mat = "mat" in move.equipment if mat is None else mat
    label = html.escape(str(frame["label"]))
    named = 'aria-hidden="true"' if decorative else f'role="img" aria-label="{label}"'
    kind = "motw-figure motw-figure--outline" if outline else "motw-figure"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{kind}" '
        f'viewBox="{x:.3f} {-(y + h):.3f} {w:.3f} {h:.3f}" {named} '
        f'style="width:100%;height:auto;max-width:420px">',
        f"<style>{STYLE}{OUTLINE_STYLE if outline else ''}</style>",
        f'<line class="floor" x1="{x:.3f}" y1="0" x2="{x + w:.3f}" y2="0" stroke-width="0.006"/>',
    ]
    if mat:
        parts.append(
            f'<rect class="mat" x="{x + 0.06:.3f}" y="0" width="{w - 0.12:.3f}" height="0.018" '
            'rx="0.006"/>'
        )
    parts += _body_parts(frame["bones"], outline)  # type: ignore[arg-type]
    for index, (mark, ends) in enumerate(zip(marks, frame["marks"], strict=True)):  # type: ignore[call-overload]
        width = 0.028 if mark["role"] == "primary" else 0.022
        parts.append(_svg_line(ends, f"mark {mark['role']}", width, f' data-mark="{index}"'))
    parts.append("</svg>")
    return "".join(parts)


def _caption(move: Move, step_index: int, mirror: bool) -> str:
    side = ""
    if move.per_side:
        side = f", {'left' if mirror else 'right'} {move.per_side}"
    return f"{move.title}: the position for step {step_index + 1}{side}"


# How far an outline reaches beyond its body part, on each side (SVG units: metres).
OUTLINE = 0.006


def _body_parts(bones: dict[str, list[float]], outline: bool = False) -> list[str]:
    out = []
    for layer in ("far", None, "near"):
        names = [
            name
            for name, *_ in BONES
            if name != "head"
            and (name.split("_")[0] if name.startswith(("near_", "far_")) else None) == layer
        ]
        side = layer or "core"
        if outline:  # each layer's edges under its fills, so that a near limb shows its outline
            for name in names:
                width = WIDTHS[name.split("_", 1)[-1]] + 2 * OUTLINE
                out.append(_svg_line(bones[name], f"edge {side}", width))
        for name in names:
            width = WIDTHS[name.split("_", 1)[-1]]
            out.append(_svg_line(bones[name], f"bone {side}", width, f' data-bone="{name}"'))
        if layer is None:
            hx, hy = bones["head"]
            out.append(
                f'<circle class="bone core head" data-bone="head" cx="{hx:.4f}" cy="{hy:.4f}" '
                f'r="{LENGTHS["head"]:.3f}"/>'
            )
    return out
