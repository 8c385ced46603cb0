"""`move-course preview`: every step's pose figure of a move on one HTML page, with what
disagrees with `ground`, for an author checking their angles. Works while the move does not yet
pass `move-course check`."""

from __future__ import annotations

import html
from pathlib import Path

from moves.loader import load_muscles, read_move
from moves.pose import ground_problems
from widgets.figure import figure_svg
from widgets.files import compact_css


def preview(path: Path, out: Path) -> Path:
    """An HTML page with every step's figure, both sides, and what disagrees with `ground`:
    for authors checking their angles (works while the move does not yet pass the check)."""
    move = read_move(path)
    muscles = load_muscles()
    cells = []
    for i, step in enumerate(move.steps):
        if step.pose is None:
            continue
        for mirror in (False, True) if move.per_side else (False,):
            problems = "".join(f"<br>⚠ {html.escape(p)}" for p in ground_problems(step.pose))
            cells.append(
                f"<figure>{figure_svg(move, i, mirror=mirror, muscles=muscles)}"
                f"<figcaption>Step {i + 1}{' (mirrored)' if mirror else ''}: "
                f"{html.escape(step.text[:90])}…{problems}</figcaption></figure>"
            )
    out.write_text(
        f"<!doctype html><meta charset='utf-8'><style>{compact_css('preview.css')}</style>"
        + "".join(cells),
        encoding="utf-8",
    )
    return out
