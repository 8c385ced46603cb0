"""How the course writes a length of time, in Python and on the page's clocks."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from moves.durations import clock_text, duration_text

ROOT = Path(__file__).resolve().parents[1]
SECONDS = [0, 5, 59, 60, 65, 600, 3725]


def test_a_clock_reads_minutes_and_two_digit_seconds():
    assert [clock_text(s) for s in SECONDS] == [
        "0:00", "0:05", "0:59", "1:00", "1:05", "10:00", "62:05"
    ]  # fmt: skip


def test_a_duration_under_a_minute_is_said_in_seconds():
    assert [duration_text(s) for s in SECONDS] == [
        "0 s", "5 s", "59 s", "1:00", "1:05", "10:00", "62:05"
    ]  # fmt: skip


def test_the_page_s_clocks_read_as_python_writes_times():
    """The browser formats a countdown each second itself (widgets/static/clock.js); for whole
    seconds it must read as Python writes the same time."""
    script = (
        'import { clockText } from "./widgets/static/clock.js";'
        f"console.log(JSON.stringify({json.dumps(SECONDS)}.map(clockText)));"
    )
    shown = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(shown) == [clock_text(s) for s in SECONDS]
