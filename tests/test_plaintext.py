"""Every text of every content file is plain text a page can show: no markup, no link or bare
web address, no control character; and the check is linear in the text."""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moves.contentfile import MAX_BYTES
from moves.errors import ContentError
from moves.loader import load_move, load_muscles, read_myths
from moves.plaintext import text_fields, text_problems


@pytest.fixture(scope="module")
def muscles():
    return load_muscles()


@pytest.mark.parametrize(
    "hostile",
    [
        "see https://example.com",
        "see HTTP://example.com",
        "see www.example.com",
        "write to coach@example.com",
        "mailto:coach",
        "<b>bold</b>",
        "< / script>",
        "<!-- hidden -->",
        "[here](x)",
    ],
)
def test_links_and_markup_are_refused_in_a_move(write_move, seed_text, muscles, hostile):
    text = seed_text.replace(
        "cue: Hips stacked over the back knee; chest tall.", f"cue: '{hostile}'"
    )
    with pytest.raises(ContentError) as caught:
        load_move(write_move("hamstring-kickbacks", text), muscles)
    assert "steps[0].cue: expected plain text, found HTML, a link or a web address" in str(
        caught.value
    )


@pytest.mark.parametrize(
    "plain",
    ["hold 20-30 s", "knees lower than hips: no", "a 3:1 ratio", "x<5", "tip: breathe"],
)
def test_plain_text_with_signs_passes(plain):
    assert text_problems({"cue": plain}) == []


def test_every_problem_of_a_file_is_reported_at_once(write_move, seed_text, muscles):
    text = (
        seed_text.replace("kind: stretch", "kind: yoga")
        .replace("cue: Hips stacked over the back knee; chest tall.", "cue: <b>tall</b>")
        .replace("title: Hamstring kick backs", 'title: "Hamstring\\a kick backs"')
    )
    with pytest.raises(ContentError) as caught:
        load_move(write_move("hamstring-kickbacks", text), muscles)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["title", "steps[0].cue", "kind"]


def test_a_control_character_names_the_field(write_move, seed_text, muscles):
    text = seed_text.replace("title: ", 'title: "a\\0b" # was: ', 1)
    with pytest.raises(ContentError) as caught:
        load_move(write_move("hamstring-kickbacks", text), muscles)
    assert f"{caught.value.problems[0].file}: title: the control character U+0000 cannot be" in (
        str(caught.value)
    )


def test_the_muscle_catalogue_follows_the_same_rules(tmp_path):
    catalogue = (
        "muscles:\n"
        '  - id: soleus\n    name: "Sol\\x07eus"\n    group: calves\n    region: lower leg\n'
        "    view: back\n    runs: see https://en.wikipedia.org/wiki/Soleus\n"
        "    description: Points the foot.\n"
    )
    path = tmp_path / "muscles.yaml"
    path.write_text(catalogue, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_muscles(path)
    assert [(p.field, p.message.split(":")[0]) for p in caught.value.problems] == [
        ("muscles[0].name", "the control character U+0007 cannot be shown on a page; delete it"),
        ("muscles[0].runs", "expected plain text, found HTML, a link or a web address"),
    ]


def test_the_myths_follow_the_same_rules(tmp_path):
    path = tmp_path / "myths.yaml"
    path.write_text(
        "myths:\n"
        + "".join(f"  - claim: Claim {i}\n    truth: Truth {i}.\n" for i in range(3))
        + "  - claim: Burns fat at www.spot-reduce.example\n    truth: It does not.\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"myths\[3\]\.claim: expected plain text"):
        read_myths(path)


def test_keys_are_checked_too():
    assert text_problems({"steps": [{"<b>": "x"}]}) == [
        (
            "steps[0].<b> (the key)",
            "expected plain text, found HTML, a link or a web address: '<b>'",
        )
    ]


def test_text_fields_walk_deep_data_without_recursion():
    deep: object = "leaf"
    for _ in range(10_000):  # deeper than Python's recursion limit
        deep = [deep]
    assert list(text_fields({"a": deep})) == [("a (the key)", "a"), ("a" + "[0]" * 10_000, "leaf")]


class _Watchdog(Exception):
    pass


@pytest.fixture
def cpu_watchdog() -> Iterator[None]:
    """Fail, rather than hang, if the block uses more than 20 s of CPU. The linear check needs
    milliseconds; the old pattern needed minutes. A guard against a hang, not a timing test."""

    def expired(_signum, _frame):
        raise _Watchdog("the check did not finish: it is not linear in its input")

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, 20)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@pytest.mark.parametrize(
    "hostile",
    [
        "<" + " " * (MAX_BYTES - 2) + "1",  # the case: quadratic in the old pattern
        "</" * (MAX_BYTES // 2),
        "a." * (MAX_BYTES // 2),  # a scheme or an address that never ends
        "a" * MAX_BYTES,
        "]" * MAX_BYTES,
        "www" * (MAX_BYTES // 3),
        ("< " * 100 + "x ") * (MAX_BYTES // 202),
    ],
    ids=["spaces", "slashes", "dots", "letters", "brackets", "www", "mixed"],
)
def test_the_text_check_is_linear_on_the_largest_text(cpu_watchdog, hostile):
    problems = text_problems({"cue": hostile})
    assert all(where == "cue" for where, _ in problems)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>/ \t[]()a1:@.wW!-+", max_size=400))
def test_the_markup_check_agrees_with_a_plain_reading(text):
    """The linear pattern finds markup exactly when a simple, obviously correct reading does."""
    plain = (
        "](" in text
        or re.search(r"<\s*/?\s*[a-zA-Z!?]", text) is not None
        or re.search(r"(?<![a-zA-Z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]*://", text) is not None
        or re.search(r"(?<![\w.-])www\.[\w-]", text, re.IGNORECASE) is not None
        or re.search(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.\w", text) is not None
    )
    found = any("expected plain text" in message for _, message in text_problems({"t": text}))
    assert found == plain
