"""The widgets' front-end files (widgets/static), and how a widget sends them to the page.

Each JS file is an ES module that imports what it uses by a relative path (`./dom.js`).
`make frontend` (authoring/frontend.py) bundles each widget's module and styles, the files a
widget names in `front_end(...)`, with esbuild into one file each in widgets/static/dist,
named by its content's hash (`quiz.AB12CD34.js`); dist/manifest.json maps each source file's
name to its built file. The built files are committed: running the course needs no Node.

- JupyterLab and plain Voilà get the built module as the widget's `_esm` and the built styles
  as its `_css`, as text: anywidget imports one self-contained module.
- Under the course app (server.app), which serves dist/ at STATIC_ROUTE under the page's base
  URL and lets browsers keep those files for good, a widget sends their URLs instead
  (`ServedFiles`), relative to the base URL, and the page's widget host imports them: about
  100 KB less in every page's widget state, and nothing fetched twice from page to page.

Kept apart from the widgets so that the course app's server can serve the files without
importing anywidget and ipywidgets.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

STATIC = Path(__file__).parent / "static"
DIST = STATIC / "dist"
MANIFEST = DIST / "manifest.json"

# Voilà sets this in the environment of every kernel it starts (pooled ones too).
IN_VOILA = "VOILA_BASE_URL" in os.environ

# The course app (server.app) serves the built files itself, at STATIC_ROUTE under the page's
# base URL, and tells its kernels so (SERVED_ENV).
SERVED_ENV = "MOTW_SERVES_STATIC"
STATIC_ROUTE = "motw/static/"
STATIC_NAME = r"([^/]+)"  # any file name; WidgetFiles answers only for built files
COURSE_STYLES = "course.css"
BUILD_HINT = "run `make frontend` to build the widgets' front end"


class ModuleError(ValueError):
    """A front-end file that is not there: not in widgets/static, or not built."""


def static_file(name: str) -> Path:
    """A file of widgets/static by its name; a clear error for a name that is not one."""
    if "/" in name or "\\" in name or name in {"", ".", ".."} or not (STATIC / name).is_file():
        raise ModuleError(f"widgets/static has no file {name!r}")
    return STATIC / name


def static_text(name: str) -> str:
    return static_file(name).read_text(encoding="utf-8")


@functools.cache
def _manifest(stamp: tuple[int, int]) -> dict[str, str]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def manifest() -> dict[str, str]:
    """Each built source file's name and its built file's name (dist/manifest.json), read
    again when the file changes."""
    try:
        info = MANIFEST.stat()
    except FileNotFoundError:
        raise ModuleError(f"widgets/static/dist/manifest.json is missing: {BUILD_HINT}") from None
    return _manifest((info.st_mtime_ns, info.st_size))


def built_name(source: str) -> str:
    """The built file of a source file: `quiz.js` -> `quiz.AB12CD34.js`."""
    static_file(source)
    try:
        return manifest()[source]
    except KeyError:
        raise ModuleError(f"widgets/static/{source} has not been built: {BUILD_HINT}") from None


def built_file(name: str) -> Path | None:
    """A built file by its name, if the manifest names it (what the course app may serve)."""
    return DIST / name if name in manifest().values() else None


def static_url(source: str) -> str:
    """Where the course app serves a source file's build, relative to the page's base URL."""
    return STATIC_ROUTE + built_name(source)


class Built(str):
    """A built file's text (what JupyterLab and plain Voilà get) that knows its URL under the
    course app. anywidget keeps a multi-line string as it is (a single line could be taken for
    a file path), and esbuild ends every file with a newline."""

    url: str

    def __new__(cls, source: str) -> Built:
        name = built_name(source)
        text = super().__new__(cls, (DIST / name).read_text(encoding="utf-8"))
        text.url = STATIC_ROUTE + name
        return text


def front_end(module: str, styles: str = COURSE_STYLES) -> tuple[str, str]:
    """A widget's `_esm` and `_css`: its module and styles, as built (`make frontend`)."""
    return Built(module), Built(styles)


def served() -> bool:
    """Whether this kernel's widgets are drawn by the course app's page."""
    return IN_VOILA and os.environ.get(SERVED_ENV) == "1"


class ServedFiles:
    """For an anywidget whose `_esm` and `_css` come from `front_end`: under the course app
    each instance sends the URLs of the built files in place of their text."""

    def __init__(self, **kwargs: Any) -> None:
        if served():
            kind = type(self)
            urls = {key: getattr(kind, key).url for key in ("_esm", "_css")}
            kwargs = {**urls, **kwargs}
        super().__init__(**kwargs)


def compact_css(name: str) -> str:
    """A CSS file without its comments and spare whitespace, to put inside an SVG picture."""
    text = re.sub(r"/\*.*?\*/", "", static_text(name), flags=re.DOTALL)
    text = re.sub(r"\s*([{};:,])\s*", r"\1", re.sub(r"\s+", " ", text))
    return text.replace(";}", "}").strip()
