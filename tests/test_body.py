"""The body map: every catalogue muscle has a shape, and the SVG is well formed and labelled."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from moves.loader import load_muscles
from moves.schema import Muscle
from widgets.body import FIGURE_WIDTH, SHAPES, VIEWBOX, VIEWS, body_svg, mirror

SVG = "{http://www.w3.org/2000/svg}"
HAMSTRING_KICKBACKS = {
    "primary": ["biceps-femoris", "semimembranosus"],
    "secondary": ["semitendinosus", "adductor-magnus", "gastrocnemius"],
}


@pytest.fixture(scope="module")
def muscles() -> dict[str, Muscle]:
    return load_muscles()


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def muscle_groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "m" in g.get("class", "").split()]


def classes(group: ET.Element) -> set[str]:
    return set(group.get("class", "").split())


def groups_of(root: ET.Element, muscle_id: str) -> list[ET.Element]:
    return [g for g in muscle_groups(root) if g.get("data-muscle") == muscle_id]


def commands(d: str) -> list[tuple[str, list[float]]]:
    """Path data as (command, numbers); written independently of widgets.body."""
    return [
        (letter, [float(n) for n in re.findall(r"-?\d*\.?\d+", numbers)])
        for letter, numbers in re.findall(r"([A-Za-z])([^A-Za-z]*)", d)
    ]


# ------------------------------------------------------------------------------- shapes


def test_every_catalogue_muscle_has_a_shape(muscles: dict[str, Muscle]) -> None:
    assert set(muscles) <= set(SHAPES)


def test_no_shape_for_an_unknown_muscle(muscles: dict[str, Muscle]) -> None:
    assert set(SHAPES) <= set(muscles)


def test_each_muscle_is_drawn_on_its_own_view(muscles: dict[str, Muscle]) -> None:
    for muscle in muscles.values():
        views = SHAPES[muscle.id]
        assert muscle.view in views, muscle.id
        assert set(views) <= set(VIEWS), muscle.id
        assert all(views.values()), muscle.id


def test_shapes_are_drawn_for_the_left_half_inside_the_frame() -> None:
    """Mirrored shapes must not cross the midline, or the two sides would overlap."""
    width, height = (float(n) for n in VIEWBOX.split()[2:])
    for muscle_id, views in SHAPES.items():
        for view, paths in views.items():
            for d in paths:
                for letter, numbers in commands(d):
                    assert letter in "MLCZ", (muscle_id, view, letter)
                    xs, ys = numbers[0::2], numbers[1::2]
                    assert all(0 <= x <= FIGURE_WIDTH / 2 for x in xs), (muscle_id, view)
                    assert all(0 <= y <= height for y in ys), (muscle_id, view)
    assert width == 2 * FIGURE_WIDTH


# ------------------------------------------------------------------------------- the svg


def test_svg_parses_with_one_group_per_muscle_and_view(muscles: dict[str, Muscle]) -> None:
    root = parse(body_svg(muscles))
    pairs = [(g.get("data-muscle"), g.get("data-view")) for g in muscle_groups(root)]
    expected = {(muscle_id, view) for muscle_id, views in SHAPES.items() for view in views}
    assert len(pairs) == len(set(pairs))
    assert set(pairs) == expected


def test_each_group_has_a_title_and_both_sides(muscles: dict[str, Muscle]) -> None:
    root = parse(body_svg(muscles))
    for group in muscle_groups(root):
        muscle = muscles[group.get("data-muscle", "")]
        title = group.find(f"{SVG}title")
        assert title is not None
        suffix = " (deep)" if muscle.depth == "deep" else ""
        assert title.text == muscle.name + suffix
        paths = group.findall(f"{SVG}path")
        assert len(paths) == 2 * len(SHAPES[muscle.id][group.get("data-view", "")])


def test_root_element_is_a_labelled_scalable_image(muscles: dict[str, Muscle]) -> None:
    root = parse(body_svg(muscles, title="Hamstring kick backs", **HAMSTRING_KICKBACKS))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == VIEWBOX
    assert root.get("role") == "img"
    assert root.get("width") is None and root.get("height") is None
    assert "width:100%" in root.get("style", "")
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    labels = [ids[i] for i in root.get("aria-labelledby", "").split()]
    assert [element.tag for element in labels] == [f"{SVG}title", f"{SVG}desc"]
    assert labels[0].text == "Hamstring kick backs"
    desc = labels[1].text or ""
    assert "Targets: Biceps femoris, Semimembranosus." in desc
    assert "Also works: Semitendinosus, Adductor magnus, Gastrocnemius." in desc
    assert root.find(f"{SVG}style") is not None


def test_view_labels_and_legend(muscles: dict[str, Muscle]) -> None:
    root = parse(body_svg(muscles))
    texts = [text.text for text in root.iter(f"{SVG}text")]
    for words in ["Front", "Back", "Targets", "Also works", "Deep (under other muscles)"]:
        assert words in texts
    swatches = [classes(rect) for rect in root.iter(f"{SVG}rect")]
    assert {"sw", "primary"} in swatches and {"sw", "deep"} in swatches


def test_highlight_classes_land_on_the_right_groups(muscles: dict[str, Muscle]) -> None:
    root = parse(body_svg(muscles, selected="semitendinosus", **HAMSTRING_KICKBACKS))
    for group in muscle_groups(root):
        muscle_id = group.get("data-muscle")
        kinds = classes(group)
        assert ("primary" in kinds) == (muscle_id in HAMSTRING_KICKBACKS["primary"])
        assert ("secondary" in kinds) == (muscle_id in HAMSTRING_KICKBACKS["secondary"])
        assert ("selected" in kinds) == (muscle_id == "semitendinosus")
    # gastrocnemius is shaded on both views where it is drawn
    assert len(groups_of(root, "gastrocnemius")) == len(SHAPES["gastrocnemius"])
    assert all("secondary" in classes(g) for g in groups_of(root, "gastrocnemius"))


def test_a_muscle_listed_twice_is_a_target(muscles: dict[str, Muscle]) -> None:
    root = parse(body_svg(muscles, primary=["soleus"], secondary=["soleus"]))
    assert classes(groups_of(root, "soleus")[0]) == {"m", "primary", "deep"}


def test_deep_muscles_carry_the_deep_class(muscles: dict[str, Muscle]) -> None:
    root = parse(body_svg(muscles))
    for group in muscle_groups(root):
        deep = muscles[group.get("data-muscle", "")].depth == "deep"
        assert ("deep" in classes(group)) == deep


def test_interactive_groups_are_focusable_buttons(muscles: dict[str, Muscle]) -> None:
    plain = parse(body_svg(muscles))
    assert all(g.get("tabindex") is None for g in muscle_groups(plain))
    root = parse(body_svg(muscles, interactive=True))
    for group in muscle_groups(root):
        muscle = muscles[group.get("data-muscle", "")]
        assert group.get("tabindex") == "0"
        assert group.get("role") == "button"
        deep = ", deep" if muscle.depth == "deep" else ""
        assert group.get("aria-label") == muscle.name + deep


def test_hostile_text_is_escaped(muscles: dict[str, Muscle]) -> None:
    hostile = "<script>x</script>"
    changed = dict(muscles)
    changed["soleus"] = muscles["soleus"].model_copy(update={"name": hostile})
    svg = body_svg(changed, primary=["soleus"], title='"><b>', interactive=True)
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)
    (group,) = groups_of(root, "soleus")
    title = group.find(f"{SVG}title")
    assert title is not None and title.text == hostile + " (deep)"
    assert group.get("aria-label") == hostile + ", deep"
    svg_title = root.find(f"{SVG}title")
    assert svg_title is not None and svg_title.text == '"><b>'


def test_unknown_highlight_is_refused(muscles: dict[str, Muscle]) -> None:
    with pytest.raises(ValueError, match="no-such-muscle"):
        body_svg(muscles, primary=["no-such-muscle"])


# ------------------------------------------------------------------------------- mirroring


@pytest.mark.parametrize(
    ("muscle_id", "view"), [("gastrocnemius", "back"), ("anterior-deltoid", "front")]
)
def test_right_side_is_the_mirror_image_of_the_left(
    muscles: dict[str, Muscle], muscle_id: str, view: str
) -> None:
    root = parse(body_svg(muscles))
    (group,) = [g for g in groups_of(root, muscle_id) if g.get("data-view") == view]
    paths = [path.get("d", "") for path in group.findall(f"{SVG}path")]
    half = len(paths) // 2
    for left, right in zip(paths[:half], paths[half:], strict=True):
        assert left == SHAPES[muscle_id][view][paths.index(left)]
        left_commands, right_commands = commands(left), commands(right)
        assert [c for c, _ in left_commands] == [c for c, _ in right_commands]
        for (_, a), (_, b) in zip(left_commands, right_commands, strict=True):
            assert b[1::2] == a[1::2]
            assert b[0::2] == pytest.approx([FIGURE_WIDTH - x for x in a[0::2]])


def test_mirror_handles_every_absolute_command() -> None:
    assert mirror("M10 20H30V40L50 60Q1 2 3 4S5 6 7 8T9 10C1 2 3 4 5 6Z", 100) == (
        "M90 20H70V40L50 60Q99 2 97 4S95 6 93 8T91 10C99 2 97 4 95 6Z"
    )
    with pytest.raises(ValueError, match="absolute"):
        mirror("m10 20l5 5z")
