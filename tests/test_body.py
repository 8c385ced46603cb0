"""The body map: every catalogue muscle has a shape, and the SVG is well formed and labelled."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from moves.loader import load_muscles
from moves.schema import Muscle
from widgets.body import FIGURE_WIDTH, SHAPES, VIEWBOX, VIEWBOX_NO_LEGEND, VIEWS, body_svg

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
        paths = group.iter(f"{SVG}path")  # its own half, and the same again reflected
        assert len(list(paths)) == 2 * len(SHAPES[muscle.id][group.get("data-view", "")])


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
def test_right_side_is_the_left_reflected_across_the_midline(
    muscles: dict[str, Muscle], muscle_id: str, view: str
) -> None:
    root = parse(body_svg(muscles))
    (group,) = [g for g in groups_of(root, muscle_id) if g.get("data-view") == view]
    left = [path.get("d") for path in group.findall(f"{SVG}path")]
    (reflected,) = group.findall(f"{SVG}g")
    assert reflected.get("transform") == f"matrix(-1 0 0 1 {FIGURE_WIDTH} 0)"
    assert left == SHAPES[muscle_id][view]
    assert [path.get("d") for path in reflected.findall(f"{SVG}path")] == left


def test_the_legend_and_the_names_are_parameters(muscles: dict[str, Muscle]) -> None:
    plain = body_svg(muscles, legend=False)
    root = parse(plain)
    assert 'class="legend"' not in plain and root.get("viewBox") == VIEWBOX_NO_LEGEND
    assert 'class="legend"' in body_svg(muscles)
    anonymous = body_svg(muscles, interactive=True, named=False)
    groups = muscle_groups(parse(anonymous))
    assert all(g.find(f"{SVG}title") is None for g in groups)
    labels = [g.get("aria-label") for g in groups]
    assert labels[0] == "Area 1, front view" and len(set(labels)) == len(labels)
    assert not any(m.name in anonymous for m in muscles.values() if len(m.name) > 6)

