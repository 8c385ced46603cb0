"""The widgets' front-end files (widgets/static), and how a widget sends them to the page.

Kept apart from the widgets so that the course app's server can serve the files without
importing anywidget and ipywidgets.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

STATIC = Path(__file__).parent / "static"

# Voilà sets this in the environment of every kernel it starts (pooled ones too).
IN_VOILA = "VOILA_BASE_URL" in os.environ


def static_text(*names: str) -> str:
    """Front-end files from widgets/static, joined in order (an anywidget module is one file)."""
    return "\n".join((STATIC / name).read_text(encoding="utf-8") for name in names)


# The course app (widgets.serve) serves these files itself, at STATIC_ROUTE under the page's
# base URL, and tells its kernels so (SERVED_ENV). Their widgets then send a small loader in
# place of their code and styles, about 100 KB of every page's widget state, and the browser
# caches the files from page to page. Elsewhere (JupyterLab, plain Voilà) the files go inline.
SERVED_ENV = "MOTW_SERVES_STATIC"
STATIC_ROUTE = "motw/static/"
STATIC_NAME = r"([a-z0-9-]+(?:\+[a-z0-9-]+)*)\.(js|css)"  # "dom+quiz.js": dom.js, quiz.js

_LOADER = """\
// Loads this widget's code and the course styles from the course app (the browser caches them).
const config = document.getElementById("jupyter-config-data");
const base = new URL(JSON.parse(config?.textContent || "{{}}").baseUrl || "/", location.href);
const css = new URL({css!r}, base).href;
window.motwStyles ??= {{}};
window.motwStyles[css] ??= new Promise((resolve) => {{
  const link = Object.assign(document.createElement("link"), {{ rel: "stylesheet", href: css }});
  link.onload = link.onerror = resolve;
  document.head.append(link);
}});
await window.motwStyles[css];
export default (await import(new URL({js!r}, base).href)).default;
"""


def static_version(text: str) -> str:
    """A short hash of a file's content: its URL changes when it does, so it can be cached."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def static_url(*names: str) -> str:
    """Where the course app serves these files joined, relative to the page's base URL."""
    stems = [name.rsplit(".", 1)[0] for name in names]
    extension = names[0].rsplit(".", 1)[1]
    return f"{STATIC_ROUTE}{'+'.join(stems)}.{extension}?v={static_version(static_text(*names))}"


def front_end(scripts: tuple[str, ...], styles: tuple[str, ...]) -> tuple[str, str]:
    """A widget's `_esm` and `_css`: the files themselves, or under the course app, a loader."""
    if IN_VOILA and os.environ.get(SERVED_ENV) == "1":
        return _LOADER.format(js=static_url(*scripts), css=static_url(*styles)), ""
    return static_text(*scripts), static_text(*styles)
