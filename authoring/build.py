"""Write the course notebooks from the content: thin markdown for the article, code cells for
the widgets. Notebooks are build outputs, committed with their outputs."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from authoring.markdown import md
from moves.calendar import long_date
from moves.loader import Course
from moves.pages import HOME, REVIEW, move_address, page_address, routine_address, routine_page
from moves.schema import Move

if TYPE_CHECKING:
    from moves.routines.schema import Routine

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
STORE_CELL = "from widgets import shared_store\n\nshared_store()"
BACK_HOME = f"[← Back to the course home]({page_address(HOME)})"


def _cell_id(name: str, number: int) -> str:
    return f"{name}-{number}"


def _facts(move: Move) -> str:
    return (
        f"**{move.kind.capitalize()}** · **{move.level.capitalize()}** · "
        f"Equipment: {md(move.equipment_text)} · Move of the week from {long_date(move.week)}"
    )


def progression_links(move: Move, course: Course) -> str | None:
    """One line linking the move's easier and harder steps, where it has them; notebook links
    are relative, so they work in JupyterLab and in Voilà's tree."""
    links = [
        f"{prompt} Try [{md(course.moves[slug].title)}]({move_address(slug)})"
        for prompt, slug in (("Too hard?", move.easier), ("Ready for more?", move.harder))
        if slug
    ]
    return " / ".join(links) or None


def move_notebook(move: Move, course: Course) -> NotebookNode:
    """The notebook of one move, in the fixed order: what, why, muscles, how, quiz."""
    intro = [f"# {md(move.title)}", f"*{md(move.summary)}*", _facts(move), md(move.introduction)]
    if move.good_for:
        intro.append(f"**Good for:** {md(', '.join(move.good_for))}")
    intro.append(f"**How much:** {md(move.dose)}")

    why = ["## Why do it", *(f"- **{md(b.title)}.** {md(b.text)}" for b in move.why)]

    muscles = ["## The muscles it works", "### Targets"]
    for use in move.muscles.primary:
        muscle = course.muscles[use.id]
        latin = f" (*{md(muscle.latin)}*)" if muscle.latin else ""
        muscles.append(
            f"**{md(muscle.name)}**{latin}: {md(muscle.description)}\n\n"
            f"- *Where it runs:* {md(muscle.runs)}\n"
            f"- *In this move:* {md(use.action)}"
        )
    if move.muscles.secondary:
        muscles.append("### Also working")
        muscles.append(
            "\n".join(
                f"- **{md(course.muscles[u.id].name)}:** {md(u.action)}"
                for u in move.muscles.secondary
            )
        )

    how = ["## How to do it"]
    if move.per_side:
        how.append(f"Go through the steps with one {md(move.per_side)}, then the other.")
    if move.figure_note:
        how.append(f"*About the figure:* {md(move.figure_note)}")
    after = []
    if move.mistakes:
        after.append("### Common mistakes")
        after.append("\n".join(f"- **{md(m.mistake)}** {md(m.fix)}" for m in move.mistakes))
    if move.caution:
        after.append(f"**Take care:** {md(move.caution)}")
    steps = progression_links(move, course)
    if steps:
        after.append(steps)

    cells = [
        new_markdown_cell("\n\n".join(intro)),
        new_code_cell(STORE_CELL),
        new_markdown_cell("\n".join(why)),
        new_markdown_cell("\n\n".join(muscles)),
        new_code_cell(f'from widgets import BodyMap\n\nBodyMap("{move.slug}")'),
        new_markdown_cell("\n\n".join(how)),
        new_code_cell(f'from widgets import StepWalkthrough\n\nStepWalkthrough("{move.slug}")'),
    ]
    if after:
        cells.append(new_markdown_cell("\n\n".join(after)))
    cells += [
        new_markdown_cell(
            "## Quiz yourself\n\nOne question at a time, with the reason after each answer."
        ),
        new_code_cell(f'from widgets import Quiz\n\nQuiz("{move.slug}")'),
        new_markdown_cell(BACK_HOME),
        # The printable card: hidden on screen, alone on the page in print (widgets.card).
        new_code_cell(f'from widgets import MoveCard\n\nMoveCard("{move.slug}")'),
    ]
    nb = _notebook(cells, move.slug, move.title)
    nb.metadata["motw"] = {"printable": True}  # the course page offers "Print this card"
    return nb


def index_notebook(course: Course) -> NotebookNode:
    """The course home: this week's move, the library with its filters, the muscle index."""
    intro = (
        "# Move of the Week\n\n"
        f"One exercise or stretch a week, {len(course.moves)} in all: what each move is and why "
        "it helps, the muscles it works, a step-by-step walkthrough with pictures and a hold "
        "timer, and a quiz that explains every answer."
    )
    cells = [
        new_markdown_cell(intro),
        new_code_cell(STORE_CELL),
        new_code_cell("from widgets import CourseHome\n\nCourseHome()"),
        new_markdown_cell(
            "## Routines\n\nShort sessions to follow along: a cool-down, a warm-up, mobility, "
            "a desk break and strength circuits, played move by move with the figure and a clock."
        ),
        new_code_cell("from widgets import RoutineShelf\n\nRoutineShelf()"),
        new_markdown_cell(
            "## Build your own routine\n\nPick moves from the library, put them in order, set "
            "their times, and play it. Save it in this browser, or share it as a link."
        ),
        new_code_cell("from widgets import RoutineBuilder\n\nRoutineBuilder()"),
        new_markdown_cell(
            "## Muscle index\n\nChoose a muscle or a muscle group to see the moves that train "
            "it, as their target or as a helper."
        ),
        new_code_cell("from widgets import MuscleIndex\n\nMuscleIndex()"),
        new_markdown_cell(
            "## Quiz yourself across the course\n\n"
            "[Review: ten cards a session, scheduled to come back just before you would forget "
            f"them →]({page_address(REVIEW)})"
        ),
    ]
    return _notebook(cells, HOME, "Move of the Week")


def review_notebook(course: Course) -> NotebookNode:
    """The self-quiz across every move, and how well the learner knows each muscle group."""
    cells = [
        new_markdown_cell(
            "# Review\n\n"
            "Questions from every move, as cards. Answer, say how sure you were, and the course "
            "brings each card back when you are about to forget it: soon after a miss, later "
            "after an easy answer."
        ),
        new_code_cell(STORE_CELL),
        new_code_cell("from widgets import Review\n\nReview()"),
        new_markdown_cell(
            "## What you know\n\nEach muscle group, coloured by how likely you are to recall "
            "its cards today."
        ),
        new_code_cell("from widgets import Mastery\n\nMastery()"),
        new_markdown_cell(BACK_HOME),
    ]
    return _notebook(cells, REVIEW, "Review: Move of the Week")


def routine_notebook(routine: Routine, course: Course) -> NotebookNode:
    """A routine's page: the article (its plan, item by item) and the follow-along player."""
    from authoring.routine_article import routine_markdown  # it uses md(), from this module

    cells = [
        new_markdown_cell(routine_markdown(routine, course)),
        new_code_cell(STORE_CELL),
        new_markdown_cell(
            "## Follow along\n\nPress Play and follow the figure and the countdown; a tone "
            "marks each change and the last three seconds. Keys: Space pauses and plays again, "
            "the arrow keys skip forward and go back."
        ),
        new_code_cell(f'from widgets import RoutinePlayer\n\nRoutinePlayer("{routine.slug}")'),
        new_markdown_cell(BACK_HOME),
    ]
    name = routine_page(routine.slug)
    return _notebook(cells, name, f"{routine.title}: Move of the Week")


def _notebook(cells: list[NotebookNode], name: str, title: str) -> NotebookNode:
    for number, cell in enumerate(cells, start=1):
        cell["id"] = _cell_id(name, number)
    nb = new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "title": title,
    }
    return nb


def planned_notebooks(
    course: Course, folder: Path = NOTEBOOK_DIR, routines: Mapping[str, Routine] | None = None
) -> dict[Path, NotebookNode]:
    """Every notebook the build writes, by path, without outputs; `routines` defaults to the
    course's own (moves/routines)."""
    if routines is None:
        from moves.routines.load import load_routines

        routines = load_routines(course)
    planned = {
        folder / page_address(HOME): index_notebook(course),
        folder / page_address(REVIEW): review_notebook(course),
    }
    for move in course.by_week():
        planned[folder / move_address(move.slug)] = move_notebook(move, course)
    for slug in sorted(routines):
        planned[folder / routine_address(slug)] = routine_notebook(routines[slug], course)
    return planned


def normalise(nb: NotebookNode, name: str) -> NotebookNode:
    """Make an executed notebook the same on every run: stable widget ids, no timings."""
    nb.metadata = {k: v for k, v in nb.metadata.items() if k != "widgets"}
    nb.metadata["language_info"] = {"name": "python"}
    count = 0
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_MIME)
            if view:
                count += 1
                view["model_id"] = uuid.uuid5(uuid.NAMESPACE_URL, f"motw/{name}/{count}").hex
    return nb


def execute(nb: NotebookNode, folder: Path, env: dict[str, str] | None = None) -> NotebookNode:
    """Run a notebook in a new kernel, started with `env` as its environment if given."""
    from nbclient import NotebookClient

    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute(**({"env": env} if env is not None else {}))
    return nb


def sources(nb: NotebookNode) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in nb.cells]


def stale_notebooks(
    course: Course, folder: Path = NOTEBOOK_DIR, routines: Mapping[str, Routine] | None = None
) -> list[str]:
    """Why each committed notebook differs from what the build would write (empty: all fresh)."""
    problems = []
    planned = planned_notebooks(course, folder, routines)
    for path, nb in planned.items():
        if not path.exists():
            problems.append(f"{path.name}: missing; run `move-course build`")
            continue
        committed = nbformat.read(path, as_version=4)
        if (
            sources(committed) != sources(nb)
            or committed.metadata.get("title") != nb.metadata["title"]
            or committed.metadata.get("motw") != nb.metadata.get("motw")
        ):
            problems.append(f"{path.name}: out of date with its YAML; run `move-course build`")
        elif any(c.cell_type == "code" and not c.outputs for c in committed.cells):
            problems.append(f"{path.name}: has no stored outputs; run `move-course build`")
    for path in sorted(folder.glob("*.ipynb")):
        if path not in planned:
            problems.append(
                f"{path.name}: no move or routine file builds it; delete it or add its YAML"
            )
    return problems


def build(
    course: Course,
    folder: Path = NOTEBOOK_DIR,
    only: set[str] | None = None,
    routines: Mapping[str, Routine] | None = None,
    env: dict[str, str] | None = None,
) -> list[Path]:
    """Write (and run, to store outputs) every notebook, or only those named in `only` (a
    notebook's name without .ipynb: a move's slug, index, review, routine-<slug>); the kernels
    that run them get `env` (which library to load) as their environment."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path, nb in planned_notebooks(course, folder, routines).items():
        if only and path.stem not in only:
            continue
        if any(c.cell_type == "code" for c in nb.cells):
            execute(nb, folder, env)
        nbformat.write(normalise(nb, path.stem), path)
        written.append(path)
    return written


README = NOTEBOOK_DIR.parent / "README.md"
_MOVES_START, _MOVES_END = "<!-- moves:start -->", "<!-- moves:end -->"


def moves_table(course: Course) -> str:
    """The README's list of moves, one row a week."""
    rows = [
        "| week | move | kind | level | targets |",
        "| --- | --- | --- | --- | --- |",
    ]
    for move in course.by_week():
        targets = ", ".join(course.muscles[i].name for i in move.primary_ids)
        rows.append(
            f"| {move.week.isoformat()} | [{move.title}](notebooks/{move_address(move.slug)}) | "
            f"{move.kind} | {move.level} | {targets} |"
        )
    return "\n".join(rows)


def readme_with_moves(text: str, course: Course) -> str:
    """The README text with its list of moves brought up to date."""
    if _MOVES_START not in text or _MOVES_END not in text:
        raise ValueError(f"README.md needs the lines {_MOVES_START} and {_MOVES_END}")
    start, end = text.index(_MOVES_START), text.index(_MOVES_END)
    return f"{text[: start + len(_MOVES_START)]}\n{moves_table(course)}\n{text[end:]}"
