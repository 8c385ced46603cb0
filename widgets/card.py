"""The printable card of a move: one A4 page a coach can pin on a wall. The title, the
summary, each step beside its pose figure, the target muscles, the caution and the dose.

The card is plain HTML with its styles inside (static/card.css): hidden on screen, shown in
print. The course page's print stylesheet shows it alone (server/share/voila/templates/motw/
static/print.css); `move-course cards` prints every move's card into one PDF (authoring.cards).
"""

from __future__ import annotations

import html

from moves.calendar import long_date
from moves.loader import Course, course
from moves.schema import Move, Step
from widgets.figure import figure_svg
from widgets.files import compact_css

STYLE = compact_css("card.css")

# How dense a card is set, by how much it holds: the more steps and text, the smaller the
# figures and the type (card.css sizes each density), so that every card fits one A4 page.
# Each density takes cards up to (steps, characters of text); `move-course cards` says which
# card, if any, still runs onto a second page. Set on the course's longest cards.
DENSITIES = (
    ("roomy", 4, 1500),
    ("compact", 5, 1900),
    ("dense", 6, 3000),
)
DENSEST = "packed"  # two columns of steps


def card_text_length(move: Move, source: Course) -> int:
    """How many characters of text the card prints (what decides its density)."""
    parts = [move.title, move.summary, move.dose, move.caution or "", move.per_side or ""]
    parts += [source.muscles[use.id].name for use in move.muscles.primary]
    parts += [source.muscles[use.id].name for use in move.muscles.secondary]
    for step in move.steps:
        parts += [step.text, step.cue or ""]
    return sum(len(part) for part in parts)


def card_density(move: Move, source: Course) -> str:
    """The density a move's card is set in: `roomy`, `compact`, `dense` or `packed`."""
    length = card_text_length(move, source)
    for name, most_steps, most_chars in DENSITIES:
        if len(move.steps) <= most_steps and length <= most_chars:
            return name
    return DENSEST


def _amount(step: Step) -> str:
    """A step's hold or reps, as the card prints it."""
    if step.hold_seconds:
        return f"Hold {step.hold_seconds} s"
    if step.reps:
        return f"{step.reps} reps"
    return ""


def _step(move: Move, index: int, source: Course) -> str:
    step = move.steps[index]
    esc = html.escape
    figure = (
        figure_svg(move, index, muscles=source.muscles, decorative=True, outline=True)
        if step.pose is not None
        else ""
    )
    cue = f'<p class="motw-printcard-cue">{esc(step.cue)}</p>' if step.cue else ""
    amount = _amount(step)
    amount_html = f'<p class="motw-printcard-amount">{esc(amount)}</p>' if amount else ""
    return (
        f'<li class="motw-printcard-step"><div class="motw-printcard-figure">{figure}</div>'
        f'<div class="motw-printcard-words"><p class="motw-printcard-text">{esc(step.text)}</p>'
        f"{cue}{amount_html}</div></li>"
    )


def move_card_html(move: Move, source: Course | None = None) -> str:
    """The card of one move, as HTML with its own styles; every text escaped."""
    source = source or course()
    esc = html.escape
    facts = [move.kind.capitalize(), move.level.capitalize(), f"Equipment: {move.equipment_text}"]
    targets = ", ".join(source.muscles[use.id].name for use in move.muscles.primary)
    helpers = ", ".join(source.muscles[use.id].name for use in move.muscles.secondary)
    sides = (
        f'<p class="motw-printcard-sides">Go through the steps with one {esc(move.per_side)}, '
        "then the other.</p>"
        if move.per_side
        else ""
    )
    details = [f"<dt>Targets</dt><dd>{esc(targets)}</dd>"]
    if helpers:
        details.append(f"<dt>Also working</dt><dd>{esc(helpers)}</dd>")
    details.append(f"<dt>How much</dt><dd>{esc(move.dose)}</dd>")
    if move.caution:
        details.append(f"<dt>Take care</dt><dd>{esc(move.caution)}</dd>")
    steps = "".join(_step(move, i, source) for i in range(len(move.steps)))
    return (
        f'<article class="motw-printcard" data-move="{esc(move.slug)}" '
        f'data-density="{card_density(move, source)}"><style>{STYLE}</style>'
        f'<header><h2 class="motw-printcard-title">{esc(move.title)}</h2>'
        f'<p class="motw-printcard-summary">{esc(move.summary)}</p>'
        f'<p class="motw-printcard-facts">{esc(" · ".join(facts))}</p></header>'
        f'{sides}<ol class="motw-printcard-steps">{steps}</ol>'
        f'<dl class="motw-printcard-details">{"".join(details)}</dl>'
        f'<footer class="motw-printcard-footer">Move of the Week · the move of the week from '
        f"{esc(long_date(move.week))}</footer></article>"
    )


class MoveCard:
    """A move's printable card in a notebook: shown only when the page is printed."""

    def __init__(self, move: str, *, source: Course | None = None) -> None:
        self._source = source or course()
        self.move = self._source.move(move).slug

    def _repr_html_(self) -> str:
        return move_card_html(self._source.move(self.move), self._source)

    def __repr__(self) -> str:
        return f"MoveCard(move={self.move!r})"
