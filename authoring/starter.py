"""The starting YAML that `move-course new SLUG` writes: every field, each with a comment."""

from __future__ import annotations

import datetime as dt

STARTER = """\
# yaml-language-server: $schema=../schema.json
# A new move. Replace every TODO, then: move-course check && move-course build {slug}
slug: {slug}  # the file name without .yaml: lowercase words joined by -
title: TODO Title  # as the learner sees it
kind: stretch  # stretch | mobility | strength | core | balance
level: beginner  # beginner | intermediate | advanced
equipment: [mat]  # any of mat, band, wall, chair, step, doorway, anchor, weights; [] for nothing
floor: true  # true when the learner gets down on the floor; false if done standing or on a chair
# easier: other-slug  # a move one step down; several moves may name the same one
# harder: other-slug  # a move one step up, which must name this one as `easier`
week: {week}  # the Monday it is the move of the week; one move per Monday
summary: TODO one sentence under the title
introduction: >-  # a short paragraph: what the move is and where it fits
  TODO
good_for: [TODO cool-down after a workout]  # where it fits in a routine
dose: TODO how much, e.g. hold 30 seconds, twice on each side
per_side: leg  # the part that alternates (leg, arm, side); delete this line for symmetric moves
why:  # one to three honest benefits: claim only what is well supported
  - title: TODO short title
    text: TODO one or two sentences
muscles:
  primary:  # what the move is for: ids from moves/muscles.yaml
    - id: todo-muscle-id
      action: TODO what the move does to it (lengthens, lifts, holds steady)
  secondary: []  # helpers and stabilisers, written like primary
steps:  # at least three, in order; with per_side they run once for each side
  - text: TODO one action, side-neutral (the front leg, never the left leg)
    cue: TODO the one thing to think about
    pose:  # the position as angles of a side-view figure facing right: see moves/pose.py
      trunk: 0
      near: {{hip: 0, knee: 0, ankle: 0, shoulder: 0, elbow: 0}}
      far: {{hip: 0, knee: 0, ankle: 0, shoulder: 0, elbow: 0}}
      ground: [near_foot, far_foot]  # what touches the floor (each within about 1 cm)
  - text: TODO the next action
    cue: TODO
    hold_seconds: 20  # a hold gets a timer; use reps for a repeated action
    pose:
      trunk: 0
      near: {{hip: 0, knee: 0, ankle: 0, shoulder: 0, elbow: 0}}
      far: {{hip: 0, knee: 0, ankle: 0, shoulder: 0, elbow: 0}}
      ground: [near_foot, far_foot]
  - text: TODO the last action
    cue: TODO
    reps: 5
    pose:
      trunk: 0
      near: {{hip: 0, knee: 0, ankle: 0, shoulder: 0, elbow: 0}}
      far: {{hip: 0, knee: 0, ankle: 0, shoulder: 0, elbow: 0}}
      ground: [near_foot, far_foot]
# figure_note: TODO  # only if the side-view figure cannot show the movement (a rotation)
mistakes:  # common mistakes and how to fix them
  - mistake: TODO
    fix: TODO
caution: TODO when to stop, and how to make it easier
questions:  # at least two; answer is one option's exact text, or a list of them
  - prompt: TODO question
    options: [TODO right answer, TODO wrong answer, TODO another wrong answer]
    answer: TODO right answer
    explanation: TODO why the answer is right
  - prompt: TODO second question
    options: [TODO right answer, TODO wrong answer, TODO another wrong answer]
    answer: TODO right answer
    explanation: TODO why
"""


def starter_yaml(slug: str, taken_weeks: set[dt.date], today: dt.date) -> str:
    """The starter for a new move, on the Monday after the last one taken (and not before
    next Monday)."""
    week = max([*taken_weeks, today - dt.timedelta(days=today.weekday())])
    week += dt.timedelta(days=7)
    return STARTER.format(slug=slug, week=week.isoformat())
