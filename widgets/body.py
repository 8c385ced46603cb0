"""The body map: a schematic figure, front and back, with every catalogue muscle as a shape.

Plain Python (standard library and `moves` only): the anywidget builds on `body_svg`, and the
same string works as a static image. The shapes are data, in widgets/data/body.json (its
"about" says how they are drawn); the styles are widgets/static/body.css, put inside the SVG so
that it shows right on its own.

Each view is drawn in its own frame, FIGURE_WIDTH wide with the body's midline at x = 100; the
back view is shifted right by FIGURE_WIDTH. Shapes are given for the half of the figure on the
viewer's left and mirrored (x -> FIGURE_WIDTH - x) for the other half.

Colours are CSS custom properties with light-theme fallbacks; a page may set any of them:
--motw-skin, --motw-outline, --motw-muscle, --motw-deep-line, --motw-primary,
--motw-primary-line, --motw-secondary, --motw-secondary-line, --motw-focus, --motw-text,
--motw-font. Muscle groups are `g.m` with `data-muscle` (the id) and `data-view`.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from moves.schema import Muscle
from widgets.files import compact_css

FIGURE_WIDTH = 200
VIEWS = ("front", "back")
VIEWBOX = "0 0 400 500"  # the two views, and the legend under them
VIEWBOX_NO_LEGEND = "0 0 400 462"
SHAPES_FILE = Path(__file__).parent / "data" / "body.json"


def _load_shapes(path: Path) -> tuple[dict, dict[str, dict[str, list[str]]]]:
    """The outline and each muscle's path data by view; a view written as the name of another
    view ("back": "front") has that view's shapes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    shapes = {
        muscle_id: {
            view: views[paths] if isinstance(paths, str) else paths for view, paths in views.items()
        }
        for muscle_id, views in data["muscles"].items()
    }
    return data["outline"], shapes


OUTLINE, SHAPES = _load_shapes(SHAPES_FILE)
STYLE = compact_css("body.css")

# ------------------------------------------------------------------------------------ render

_ORDER = {muscle_id: index for index, muscle_id in enumerate(SHAPES)}
_LEGEND = [
    ("primary", "Targets"),
    ("secondary", "Also works"),
    ("deep", "Deep (under other muscles)"),
]


# The other half of the body: the same shapes reflected across the frame's midline.
_MIRROR = f"matrix(-1 0 0 1 {FIGURE_WIDTH:g} 0)"


def _both_sides(paths: Iterable[str]) -> str:
    half = "".join(f'<path d="{d}"/>' for d in paths)
    return f'{half}<g transform="{_MIRROR}">{half}</g>'


def _silhouette(view: str) -> str:
    parts = f'<path d="{OUTLINE["head"]}"/>' + _both_sides(OUTLINE["half"].values())
    return (
        f'<g class="sil-line" aria-hidden="true">{parts}</g><g class="sil" aria-hidden="true">'
        f'{parts}</g><g class="detail" aria-hidden="true"><path d="M100 100V246"/>'
        f"{_both_sides(OUTLINE['details'][view].values())}</g>"
    )


def _muscle(
    muscle: Muscle, view: str, classes: list[str], interactive: bool, area: int | None
) -> str:
    """One muscle's group. `area` draws it unnamed ("Area 3, front view"), for a question that
    asks the learner to find it; otherwise it carries its name."""
    deep = muscle.depth == "deep"
    attrs = f'class="{" ".join(classes)}" data-muscle="{html.escape(muscle.id)}" data-view="{view}"'
    if area is not None:
        label, title = f"Area {area}, {view} view", ""
    else:
        name = html.escape(muscle.name)
        label = f"{name}{', deep' if deep else ''}"
        title = f"<title>{name}{' (deep)' if deep else ''}</title>"
    if interactive:
        attrs += f' tabindex="0" role="button" aria-label="{label}"'
    return f"<g {attrs}>{title}{_both_sides(SHAPES[muscle.id][view])}</g>"


def _legend(top: float) -> str:
    """Two centred rows of swatch + words; widths estimated generously (0.6 em a character)."""
    rows, out = [_LEGEND[:2], _LEGEND[2:]], []
    for row_index, row in enumerate(rows):
        widths = [24 + len(text) * 7.6 for _, text in row]
        x = 200 - (sum(widths) + 18 * (len(row) - 1)) / 2
        y = top + 20 * row_index
        for (kind, text), width in zip(row, widths, strict=True):
            out.append(
                f'<rect class="sw {kind}" x="{x:g}" y="{y - 10:g}" width="18" height="12" rx="2"/>'
                f'<text x="{x + 24:g}" y="{y:g}">{html.escape(text)}</text>'
            )
            x += width + 18
    return f'<g class="legend">{"".join(out)}</g>'


def _description(
    primary: list[str], secondary: list[str], selected: str | None, muscles: Mapping[str, Muscle]
) -> str:
    def names(ids: list[str]) -> str:
        return ", ".join(muscles[i].name for i in ids)

    parts = ["Front and back views of the body."]
    if primary:
        parts.append(f"Targets: {names(primary)}.")
    if secondary:
        parts.append(f"Also works: {names(secondary)}.")
    if not primary and not secondary:
        parts.append("No muscles highlighted.")
    if selected:
        parts.append(f"Selected: {muscles[selected].name}.")
    return " ".join(parts)


def body_svg(
    muscles: Mapping[str, Muscle],
    primary: Iterable[str] = (),
    secondary: Iterable[str] = (),
    selected: str | None = None,
    title: str = "Body map",
    interactive: bool = False,
    legend: bool = True,
    named: bool = True,
) -> str:
    """A complete standalone <svg> string: the front and back views with every muscle shaped.

    `primary` muscles are drawn as targets, `secondary` as also worked, `selected` with a focus
    outline; every id must be a key of `muscles`. With `interactive`, each muscle is a focusable
    button (the page adds the click and key handling). `legend` draws the key to the colours
    under the views; with `named` off, no muscle says its name (numbered areas instead).
    """
    primary = list(dict.fromkeys(primary))
    secondary = [i for i in dict.fromkeys(secondary) if i not in primary]
    unknown = [i for i in [*primary, *secondary, selected] if i is not None and i not in muscles]
    if unknown:
        raise ValueError(f"unknown muscle id: {', '.join(unknown)}")

    def classes(muscle: Muscle) -> list[str]:
        level = "primary" if muscle.id in primary else "secondary" if muscle.id in secondary else ""
        deep = "deep" if muscle.depth == "deep" else ""
        return ["m", *filter(None, [level, deep, "selected" if muscle.id == selected else ""])]

    def paint_order(muscle: Muscle) -> tuple[bool, bool, bool, int]:
        # plain under highlighted (so a target's dark edge shows whole), deep over superficial
        highlighted = muscle.id in primary or muscle.id in secondary
        return (muscle.id == selected, muscle.depth == "deep", highlighted, _ORDER[muscle.id])

    views, areas = [], iter(range(1, 10_000))
    for index, view in enumerate(VIEWS):
        drawn = [m for m in muscles.values() if view in SHAPES.get(m.id, {})]
        groups = "".join(
            _muscle(m, view, classes(m), interactive, None if named else next(areas))
            for m in sorted(drawn, key=paint_order)
        )
        views.append(
            f'<g class="view" transform="translate({index * FIGURE_WIDTH} 0)">'
            f'<text class="label" x="100" y="18">{view.title()}</text>'
            f"{_silhouette(view)}{groups}</g>"
        )

    flags = f"{interactive}{legend}{named}"
    key = "|".join([title, *primary, "/", *secondary, "/", selected or "", flags])
    uid = "motw-body-" + hashlib.sha1(key.encode()).hexdigest()[:8]
    desc = _description(primary, secondary, selected, muscles)
    box = VIEWBOX if legend else VIEWBOX_NO_LEGEND
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="motw-body" viewBox="{box}" role="img"'
        f' aria-labelledby="{uid}-t {uid}-d" style="width:100%;height:auto;max-width:560px">'
        f'<title id="{uid}-t">{html.escape(title)}</title>'
        f'<desc id="{uid}-d">{html.escape(desc)}</desc>'
        f"<style>{STYLE}</style>{''.join(views)}{_legend(474) if legend else ''}</svg>"
    )
