"""Poses: the joint angles of a side-view figure, checked against human ranges, and the
forward kinematics that turn them into points, so a step is "illustrated" by numbers.

Conventions (the figure faces right; all angles in degrees):
- trunk: lean from upright; 0 standing tall, 90 face-down horizontal (hands and knees),
  -90 lying on the back, 135 head below the hips (downward dog).
- head: neck bend relative to the trunk; + chin towards the chest, - looking up.
- hip: thigh relative to the trunk; 0 in line (standing), + forward (flexion), - behind.
- knee: 0 straight, + bent. A knee never bends backwards.
- ankle: 0 foot at a right angle to the shin, + toes pulled up, - toes pointed.
- shoulder: upper arm relative to the trunk; 0 hanging by the side, 90 reaching forward,
  180 overhead, - behind the body.
- elbow: 0 straight, + bent.
`near` is the limb nearer the viewer (for a one-sided move, the working side); `far` the other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

JOINT_RANGES: dict[str, tuple[float, float, str]] = {
    "trunk": (-150, 180, "-90 lying on the back, 0 upright, 90 face-down, 180 upside down"),
    "head": (-60, 80, "- looking up, + chin to chest"),
    "hip": (-30, 140, "a hip extends at most 30 behind the trunk and flexes to about 140"),
    "knee": (0, 160, "0 is straight and 160 fully bent; a knee does not bend backwards"),
    "ankle": (-50, 30, "- pointed toes down to -50, + toes pulled up to 30"),
    "shoulder": (-60, 180, "- behind the body to -60, 180 straight overhead"),
    "elbow": (0, 150, "0 is straight and 150 fully bent; an elbow does not bend backwards"),
}


def _angle(joint: str):
    low, high, meaning = JOINT_RANGES[joint]

    def check(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise PydanticCustomError(
                "joint_angle", "expected a {joint} angle in degrees", {"joint": joint}
            )
        if not low <= value <= high:
            raise PydanticCustomError(
                "joint_angle",
                "expected a {joint} angle from {low} to {high} ({meaning})",
                {"joint": joint, "low": low, "high": high, "meaning": meaning},
            )
        return float(value)

    return Annotated[float, BeforeValidator(check)]


Contact = Literal[
    "head",
    "back",
    "hips",
    "near_hand",
    "far_hand",
    "near_forearm",
    "far_forearm",
    "near_knee",
    "far_knee",
    "near_foot",
    "far_foot",
    "near_toes",
    "far_toes",
]


class Limbs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    hip: _angle("hip") = 0.0
    knee: _angle("knee") = 0.0
    ankle: _angle("ankle") = 0.0
    shoulder: _angle("shoulder") = 0.0
    elbow: _angle("elbow") = 0.0


class Pose(BaseModel):
    """One step's body position, as angles of a side-view figure facing right."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    trunk: _angle("trunk") = 0.0
    head: _angle("head") = 0.0
    near: Limbs = Limbs()
    far: Limbs = Limbs()
    ground: list[Contact] = Field(min_length=1, description="What touches the floor.")


# Bone lengths as fractions of standing height, and half-thicknesses for floor contact.
HEAD_RADIUS = 0.06
LENGTHS = {
    "trunk": 0.29,
    "neck": 0.05,
    "head": HEAD_RADIUS,
    "thigh": 0.245,
    "shin": 0.245,
    "sole": 0.04,
    "heel": 0.03,
    "toes": 0.09,
    "upper_arm": 0.18,
    "forearm": 0.23,
}
HALF_THICKNESS = {
    "head": HEAD_RADIUS,
    "back": 0.055,
    "hips": 0.055,
    "hand": 0.015,
    "forearm": 0.03,
    "knee": 0.035,
    "foot": 0.012,
    "toes": 0.012,
}
# A part listed in `ground` must touch the floor: within about 1 cm of a 1.7 m body. A part
# may sink a little further below the floor line without being listed, as a heel drops below
# the edge of a step (the figure has no step to draw).
CONTACT_TOLERANCE = 0.006
SINK_TOLERANCE = 0.035

# The skeleton as a chain: (bone, start point, end point, length key). Each bone's direction
# comes from bone_angles; the sole point sits under the ankle, between heel and toes.
BONES: tuple[tuple[str, str, str, str], ...] = (
    ("trunk", "hip", "shoulder", "trunk"),
    ("neck", "shoulder", "neck", "neck"),
    ("head", "neck", "head", "head"),
    *(
        bone
        for side in ("near", "far")
        for bone in (
            (f"{side}_thigh", "hip", f"{side}_knee", "thigh"),
            (f"{side}_shin", f"{side}_knee", f"{side}_ankle", "shin"),
            (f"{side}_sole", f"{side}_ankle", f"{side}_sole", "sole"),
            (f"{side}_heel", f"{side}_sole", f"{side}_heel", "heel"),
            (f"{side}_toes", f"{side}_sole", f"{side}_toes", "toes"),
            (f"{side}_upper_arm", "shoulder", f"{side}_elbow", "upper_arm"),
            (f"{side}_forearm", f"{side}_elbow", f"{side}_hand", "forearm"),
        )
    ),
)


def bone_angles(pose: Pose) -> dict[str, float]:
    """Absolute direction of every bone: degrees from straight down, + towards facing."""
    trunk = 180.0 - pose.trunk
    neck = trunk - pose.head
    angles = {"trunk": trunk, "neck": neck, "head": neck}
    for side in ("near", "far"):
        limb: Limbs = getattr(pose, side)
        thigh = trunk - 180.0 + limb.hip
        shin = thigh - limb.knee
        foot = shin + 90.0 + limb.ankle
        arm = trunk - 180.0 + limb.shoulder
        angles |= {
            f"{side}_thigh": thigh,
            f"{side}_shin": shin,
            f"{side}_sole": shin,
            f"{side}_heel": foot + 180.0,
            f"{side}_toes": foot,
            f"{side}_upper_arm": arm,
            f"{side}_forearm": arm + limb.elbow,
        }
    return angles


def direction(angle: float) -> tuple[float, float]:
    rad = math.radians(angle)
    return math.sin(rad), -math.cos(rad)


def joint_points(
    angles: dict[str, float], root: tuple[float, float] = (0.0, 0.0)
) -> dict[str, tuple[float, float]]:
    """Forward kinematics: every point's (x, y), y up, from the hip at `root`."""
    points = {"hip": root}
    for name, start, end, length in BONES:
        dx, dy = direction(angles[name])
        x, y = points[start]
        points[end] = (x + LENGTHS[length] * dx, y + LENGTHS[length] * dy)
    return points


def contact_heights(points: dict[str, tuple[float, float]]) -> dict[str, float]:
    """The lowest surface height of every body part that can rest on the floor."""
    heights = {
        "head": points["head"][1] - HALF_THICKNESS["head"],
        "back": min(points["hip"][1], points["shoulder"][1]) - HALF_THICKNESS["back"],
        "hips": points["hip"][1] - HALF_THICKNESS["hips"],
    }
    for side in ("near", "far"):
        heights[f"{side}_hand"] = points[f"{side}_hand"][1] - HALF_THICKNESS["hand"]
        heights[f"{side}_forearm"] = min(
            points[f"{side}_elbow"][1] - HALF_THICKNESS["forearm"],
            points[f"{side}_hand"][1] - HALF_THICKNESS["hand"],
        )
        heights[f"{side}_knee"] = points[f"{side}_knee"][1] - HALF_THICKNESS["knee"]
        heights[f"{side}_foot"] = (
            min(points[f"{side}_heel"][1], points[f"{side}_toes"][1]) - HALF_THICKNESS["foot"]
        )
        heights[f"{side}_toes"] = points[f"{side}_toes"][1] - HALF_THICKNESS["toes"]
    return heights


@dataclass(frozen=True)
class PlacedPose:
    """A pose standing on the floor (y = 0): bone angles, the hip's position, joint points."""

    angles: dict[str, float]
    root: tuple[float, float]
    points: dict[str, tuple[float, float]]


def place(pose: Pose) -> PlacedPose:
    """Put the pose on the floor: its lowest listed contact at y = 0."""
    angles = bone_angles(pose)
    heights = contact_heights(joint_points(angles))
    lift = -min(heights[c] for c in pose.ground)
    root = (0.0, lift)
    return PlacedPose(angles=angles, root=root, points=joint_points(angles, root))


def ground_problems(pose: Pose) -> list[str]:
    """Where the angles disagree with `ground`: a listed contact in the air, or a body part
    sunk below the floor."""
    heights = contact_heights(place(pose).points)
    problems = [
        f"{c} is listed in ground but is {heights[c]:.3f} body-heights above the floor"
        for c in pose.ground
        if heights[c] > CONTACT_TOLERANCE
    ]
    problems += [
        f"{part} is {-height:.2f} body-heights below the floor; list it in ground or change "
        "the angles"
        for part, height in heights.items()
        if height < -SINK_TOLERANCE
    ]
    return problems


def mirrored(placed: PlacedPose) -> PlacedPose:
    """The same figure facing the other way (x -> -x): the pose of the other side."""
    angles = {k: -v for k, v in placed.angles.items()}
    root = (-placed.root[0], placed.root[1])
    return PlacedPose(angles=angles, root=root, points=joint_points(angles, root))


# The heart sits about a quarter of the way down the trunk from the shoulders; a head more than
# this far below it (about 17 cm in a 1.75 m adult) is "head below the heart": the pressure in
# the head and eyes rises, which matters with high blood pressure, glaucoma and late pregnancy.
HEAD_BELOW_HEART = 0.1


def head_below_heart(pose: Pose) -> float:
    """How far the figure's head is below its heart, in body heights (0 when it is not)."""
    points = place(pose).points
    shoulder, hip = points["shoulder"][1], points["hip"][1]
    heart = shoulder + (hip - shoulder) * 0.25
    return max(0.0, heart - points["head"][1])
