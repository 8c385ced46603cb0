"""How the course writes a length of time: as a clock reads (4:05), and in a sentence, where
a short time reads better in seconds (45 s). The browser's clocks (widgets/static/clock.js
`clockText`) read the same way; tests/test_durations.py holds the two to each other."""

from __future__ import annotations


def clock_text(seconds: int) -> str:
    """4:05 for four minutes and five seconds: a clock's reading, or a time from the start."""
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes}:{rest:02d}"


def duration_text(seconds: int) -> str:
    """How long something takes, in a sentence or a list: 45 s under a minute, else 4:05."""
    return f"{seconds} s" if seconds < 60 else clock_text(seconds)
