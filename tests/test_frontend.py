"""The front-end build (authoring/frontend.py, `make frontend`): what it bundles, and that the
committed files are what the lockfile's packages build from today's sources."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

import pytest
from test_files import widget_classes

from authoring.frontend import (
    HOST_OUT,
    OUTPUTS,
    PAGE_OUT,
    ROOT,
    WIDGETS_OUT,
    FrontEndError,
    build,
    copy_inputs,
    install,
    named_front_ends,
)
from widgets.files import manifest


def test_the_build_bundles_what_the_widgets_name():
    """Read from the views' source, the build's list is what the widgets send when imported."""
    named = named_front_ends()
    assert ("quiz.js", "course.css") in named and ("routine.js", "routine.css") in named
    source = {built: name for name, built in manifest().items()}
    sent = {
        (source[kind._esm.url.rpartition("/")[2]], source[kind._css.url.rpartition("/")[2]])
        for kind in widget_classes()
    }
    assert sent == named


def test_a_front_end_call_the_build_cannot_read_is_named(tmp_path: Path):
    shutil.copy(ROOT / "widgets" / "files.py", tmp_path)
    (tmp_path / "a.py").write_text('_esm, _css = front_end("a.js")\n')
    (tmp_path / "b.py").write_text('_esm, _css = front_end("b.js", "b.css")\n')
    assert named_front_ends(tmp_path) == {("a.js", "course.css"), ("b.js", "b.css")}
    (tmp_path / "c.py").write_text('NAME = "c.js"\n_esm, _css = front_end(NAME)\n')
    with pytest.raises(FrontEndError, match=r"widgets/c\.py:2: front_end takes"):
        named_front_ends(tmp_path)


def node_and_npm() -> None:
    """Debian's nodejs and npm (.ci/run installs them); a machine without them skips, CI fails."""
    if not (shutil.which("node") and shutil.which("npm")):
        if os.environ.get("CI"):
            pytest.fail("the front-end build check needs node and npm (apt-get install nodejs npm)")
        pytest.skip("no node and npm here: the committed front-end build was not checked")


def differences(one: Path, other: Path) -> list[str]:
    """Files that differ, or are only on one side, between two folders (recursively)."""
    compared = filecmp.dircmp(one, other)
    found = [*compared.left_only, *compared.right_only, *compared.diff_files, *compared.funny_files]
    for name in compared.common_dirs:
        found += [f"{name}/{inner}" for inner in differences(one / name, other / name)]
    return found


def test_the_committed_build_is_what_the_lockfile_builds(tmp_path: Path):
    node_and_npm()
    copy_inputs(tmp_path)
    install(tmp_path)
    build(tmp_path)
    stale = differences(ROOT / WIDGETS_OUT, tmp_path / WIDGETS_OUT)
    for out in (HOST_OUT, PAGE_OUT):
        if not filecmp.cmp(ROOT / out, tmp_path / out, shallow=False):
            stale.append(out)
    assert not stale, f"the committed front end is stale ({', '.join(stale)}): run `make frontend`"
    assert all((tmp_path / out).exists() for out in OUTPUTS)
