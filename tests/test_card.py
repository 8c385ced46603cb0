"""A move's printable card (widgets.card): everything a coach pins on a wall, escaped, and set
dense enough to fit one page. Whether it really fits is tested in the browser
(tests/browser/test_print.py) and by `move-course cards` (tests/test_cards.py)."""

from __future__ import annotations

import re

from moves.schema import Step
from widgets import MoveCard
from widgets.card import card_density, move_card_html
from widgets.figure import figure_svg


def _text(html: str) -> str:
    """The card's words, without its tags and styles."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_card_holds_every_step_the_muscles_the_caution_and_the_dose(library):
    import html as htmllib

    move = library.move("hamstring-kickbacks")
    card = move_card_html(move, library)
    words = htmllib.unescape(_text(card))
    assert move.title in words and move.summary in words
    positions = [words.index(step.text) for step in move.steps]
    assert positions == sorted(positions), "the steps print in order"
    assert all(step.cue in words for step in move.steps if step.cue)
    for use in (*move.muscles.primary, *move.muscles.secondary):
        assert library.muscles[use.id].name in words
    assert move.caution in words and move.dose in words
    assert "Hold 20 s" in words and "5 reps" in words
    assert "one leg, then the other" in words  # a per-side move says so once
    # one small figure a step, in light ink, hidden from assistive technology beside its text
    figures = re.findall(r"<svg[^>]*>", card)
    assert len(figures) == len(move.steps)
    assert all('aria-hidden="true"' in f and "motw-figure--outline" in f for f in figures)
    # nothing to press on paper
    assert "<button" not in card and "<a " not in card and "<script" not in card


def test_a_move_without_caution_or_helpers_leaves_them_out(library):
    move = library.move("hamstring-kickbacks").model_copy(update={"caution": None})
    move = move.model_copy(
        update={"muscles": move.muscles.model_copy(update={"secondary": []})}
    )
    words = _text(move_card_html(move, library))
    assert "Take care" not in words and "Also working" not in words
    assert "Targets" in words and "How much" in words


def test_every_text_on_the_card_is_escaped(library):
    seed = library.move("hamstring-kickbacks")
    hostile = "<script>alert(1)</script> & <b>bold</b>"
    steps = [seed.steps[0].model_copy(update={"text": hostile, "cue": hostile}), *seed.steps[1:]]
    move = seed.model_copy(
        update={
            "title": hostile,
            "summary": hostile,
            "dose": hostile,
            "caution": hostile,
            "per_side": hostile,
            "steps": steps,
        }
    )
    card = move_card_html(move, library)
    assert "<script>" not in card and "<b>" not in card
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    assert card.count(escaped) == 7


def test_a_card_with_more_to_say_is_set_denser(library):
    seed = library.move("hamstring-kickbacks")
    assert card_density(seed, library) == "roomy"
    wordy = [s.model_copy(update={"text": s.text * 3}) for s in seed.steps]
    assert card_density(seed.model_copy(update={"steps": wordy}), library) == "dense"
    many: list[Step] = [*seed.steps, *seed.steps, seed.steps[0]]  # seven steps
    packed = seed.model_copy(update={"steps": many})
    assert card_density(packed, library) == "packed"
    assert 'data-density="packed"' in move_card_html(packed, library)


def test_the_course_worst_cases_are_set_denser_than_the_seed(library):
    moves = list(library.by_week())
    most_steps = max(moves, key=lambda m: len(m.steps))
    assert card_density(most_steps, library) in {"dense", "packed"}


def test_move_card_in_a_notebook_has_a_stable_repr_and_prints_the_card(library):
    card = MoveCard("hamstring-kickbacks", source=library)
    assert repr(card) == "MoveCard(move='hamstring-kickbacks')"
    assert card._repr_html_() == move_card_html(library.move("hamstring-kickbacks"), library)


def test_the_outlined_figure_draws_an_edge_under_every_body_part(library):
    move = library.move("hamstring-kickbacks")
    plain = figure_svg(move, 0, muscles=library.muscles)
    outlined = figure_svg(move, 0, muscles=library.muscles, outline=True)
    parts = plain.count("<line class=\"bone ")
    assert "edge" not in plain and "motw-figure--outline" not in plain
    assert outlined.count('<line class="edge ') == parts
    # each edge is wider than the part it outlines, and drawn before it
    first_edge = outlined.index('class="edge near"')
    assert first_edge < outlined.index('data-bone="near_thigh"')
