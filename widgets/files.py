"""The widgets' front-end files (widgets/static), and how a widget sends them to the page.

Each JS file is an ES module that imports what it uses by a relative path (`./dom.js`). The
page cannot resolve those paths by itself: anywidget imports a widget's `_esm` from a blob URL.
So Python links the module graph, with one rule (`link`) and two ways to name a dependency:

- in the course app (server.app), every module is a file the browser caches for good, at
  `motw/static/<name>?v=<hash>`; the hash covers the module's dependencies, so a change to
  dom.js changes the URL of every module that imports it (`served_module`);
- elsewhere (JupyterLab, plain Voilà) each dependency goes inline, as a `data:` URL of its own
  linked text (`inline_module`).

Kept apart from the widgets so that the course app's server can serve the files without
importing anywidget and ipywidgets.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

STATIC = Path(__file__).parent / "static"

# Voilà sets this in the environment of every kernel it starts (pooled ones too).
IN_VOILA = "VOILA_BASE_URL" in os.environ

# The course app (server.app) serves the files itself, at STATIC_ROUTE under the page's base
# URL, and tells its kernels so (SERVED_ENV). Their widgets then send a small loader
# (static/loader.js) in place of their code and styles, about 100 KB of every page's widget
# state, and the browser caches the files from page to page.
SERVED_ENV = "MOTW_SERVES_STATIC"
STATIC_ROUTE = "motw/static/"
STATIC_NAME = r"([^/]+)"  # any file name; WidgetFiles answers only for files in STATIC
COURSE_STYLES = "course.css"

# A static import or re-export at the start of a line (`import { h } from "./dom.js"`,
# `import "./x.js"`, `export { a } from "./y.js"`) or a dynamic `import("./z.js")`, of a file
# in this folder (a specifier that starts with "./").
_IMPORT = re.compile(
    r"""(?P<head>^[ \t]*(?:import|export)\s*(?:[\w\s{},*$]*?\bfrom\s*)?|\bimport\s*\(\s*)"""
    r"""(?P<quote>["'])\./(?P<name>[^"'/]+)(?P=quote)""",
    re.MULTILINE,
)
# What a data: URL must percent-encode: URL syntax and whitespace the URL parser drops (%, #,
# tab, newlines), and the quote and backslash of the string literal it is written into.
_DATA_URL_SAFE = "".join(
    chr(c) for c in range(0x20, 0x7F) if chr(c) not in '%#"\\' and not chr(c).isalnum()
)


class ModuleError(ValueError):
    """A front-end module that cannot be linked: a missing file or an import cycle."""


def static_file(name: str) -> Path:
    """A file of widgets/static by its name; a clear error for a name that is not one."""
    if "/" in name or "\\" in name or name in {"", ".", ".."} or not (STATIC / name).is_file():
        raise ModuleError(f"widgets/static has no file {name!r}")
    return STATIC / name


def static_text(name: str) -> str:
    return static_file(name).read_text(encoding="utf-8")


def link(name: str, resolve: Callable[[str], str]) -> str:
    """Module `name` with each relative import replaced by `resolve(dependency)`: the one
    linking rule, whatever the URLs look like."""

    def replace(match: re.Match[str]) -> str:
        dependency = match["name"]
        static_file(dependency)  # a clear error naming the file, before resolving it
        return f"{match['head']}{json.dumps(resolve(dependency))}"

    return _IMPORT.sub(replace, static_text(name))


def _no_cycle(name: str, via: tuple[str, ...]) -> tuple[str, ...]:
    if name in via:
        raise ModuleError(f"import cycle in widgets/static: {' -> '.join([*via, name])}")
    return (*via, name)


def inline_module(name: str, _via: tuple[str, ...] = ()) -> str:
    """`name` linked for a page with no course app: each dependency inlined as a data: URL of
    its own linked text, recursively. The same file always gives the same URL, so the page
    holds one instance of each module however many widgets import it."""
    via = _no_cycle(name, _via)

    def data_url(dependency: str) -> str:
        text = inline_module(dependency, via)
        return "data:text/javascript;charset=utf-8," + urllib.parse.quote(text, _DATA_URL_SAFE)

    return link(name, data_url)


def served_module(name: str, _via: tuple[str, ...] = ()) -> str:
    """`name` as the course app serves it: each dependency a versioned file next to it."""
    via = _no_cycle(name, _via)
    return link(name, lambda dependency: "./" + _versioned(dependency, via))


# What served_text linked, by file name, while the folder's files stay as stamped: a page's
# widgets and the app's requests share the work of linking (and hashing) the module graph.
_served: dict[str, str] = {}
_served_stamp: list[tuple | None] = [None]


def _static_stamp() -> tuple:
    """The static folder's files, by name, size and modification time (one stat each; a file
    rewritten at the same size within the file system's clock tick would not be seen)."""
    with os.scandir(STATIC) as entries:
        return tuple(
            sorted((e.name, info.st_size, info.st_mtime_ns) for e in entries for info in [e.stat()])
        )


def served_text(name: str, _via: tuple[str, ...] = ()) -> str:
    """What the course app sends for a file: a module linked to versioned files, or as it is.
    Kept until a file of the folder changes (checked once per outside call)."""
    if not _via and (stamp := _static_stamp()) != _served_stamp[0]:
        _served.clear()
        _served_stamp[0] = stamp
    if name not in _served:  # a cycle raises ModuleError before anything is kept
        _served[name] = served_module(name, _via) if name.endswith(".js") else static_text(name)
    return _served[name]


def version_of(text: str) -> str:
    """A short hash of what the course app serves for a file: its URL changes when that does,
    so the browser may keep it for good."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _versioned(name: str, via: tuple[str, ...] = ()) -> str:
    """A file's URL relative to the folder, with its version: `dom.js?v=0123456789ab`."""
    return f"{urllib.parse.quote(name)}?v={version_of(served_text(name, via))}"


def static_url(name: str) -> str:
    """Where the course app serves a file, relative to the page's base URL."""
    return STATIC_ROUTE + _versioned(name)


def compact_css(name: str) -> str:
    """A CSS file without its comments and spare whitespace, to put inside an SVG picture."""
    text = re.sub(r"/\*.*?\*/", "", static_text(name), flags=re.DOTALL)
    text = re.sub(r"\s*([{};:,])\s*", r"\1", re.sub(r"\s+", " ", text))
    return text.replace(";}", "}").strip()


def front_end(module: str, styles: str = COURSE_STYLES) -> tuple[str, str]:
    """A widget's `_esm` and `_css`: the module linked inline and the styles' text, or, under
    the course app, the loader that imports both from the app's files."""
    if IN_VOILA and os.environ.get(SERVED_ENV) == "1":
        loader = static_text("loader.js")
        for placeholder, name in (("./widget.js", module), ("./widget.css", styles)):
            loader = loader.replace(json.dumps(placeholder), json.dumps(static_url(name)))
        return loader, ""
    return inline_module(module), static_text(styles)
