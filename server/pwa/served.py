"""Installable and readable offline: the web app manifest, the app icons, the service worker
and the offline page, each served by the course app under its base URL (`routes`).

- `<base>motw.webmanifest`: name, start URL on the course home, standalone display, theme
  colours, the icons (below). Linked from every course page (the motw template's head).
- `<base>motw-icons/<name>.png`: the icons drawn from the course's pose figure (server.pwa.icons),
  committed beside this module. With `?v=<version>` (as the manifest names them) they are kept
  for good, as every versioned file is.
- `<base>motw-sw.js`: the service worker (sw.js beside this module), with the scope of the whole
  course; sent with `Cache-Control: no-cache` so that a new version is seen on the next visit.
  The server puts one line before it: its version and the files to keep from the start.
- `<base>motw-offline.html`: the short page shown, offline, for a page never opened; it lists
  the pages this browser has kept.

The version is a hash of all four: when any of them changes, browsers install the new worker,
which drops the old worker's caches.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import tornado.web
from jupyter_server.utils import url_path_join

from server.caching import FOR_GOOD
from server.pwa.icons import ICONS, icon_named

HERE = Path(__file__).parent
NO_CACHE = "no-cache"
NAME = "Move of the Week"
SHORT_NAME = "Move of Week"  # what a phone shows under the icon: 12 characters at most
DESCRIPTION = "One exercise or stretch a week: read it, follow its steps, quiz yourself."
HOME = "voila/render/index.ipynb"
# The page's background in each theme (the motw template's page.css, --jp-layout-color0).
THEME_COLOURS = {"light": "#ffffff", "dark": "#111111"}
MANIFEST_ROUTE = "motw.webmanifest"
WORKER_ROUTE = "motw-sw.js"
OFFLINE_ROUTE = "motw-offline.html"
ICON_ROUTE = "motw-icons/"


def _read(name: str) -> bytes:
    return (HERE / name).read_bytes()


def version() -> str:
    """A hash of the worker, the offline page, the manifest's fields and the icons."""
    digest = hashlib.sha256()
    for name in ("sw.js", "offline.html", *(icon.name for icon in ICONS)):
        digest.update(name.encode() + b"\0" + _read(name))
    digest.update(json.dumps(manifest("/", "")).encode())
    return digest.hexdigest()[:12]


def icon_url(base_url: str, name: str, versioned: str) -> str:
    url = url_path_join(base_url, ICON_ROUTE + name)
    return f"{url}?v={versioned}" if versioned else url


def manifest(base_url: str, versioned: str) -> dict:
    """The web app manifest for a course served at `base_url` (icons named by `versioned`)."""
    home = url_path_join(base_url, HOME)
    return {
        "id": home,
        "name": NAME,
        "short_name": SHORT_NAME,
        "description": DESCRIPTION,
        "start_url": home,
        "scope": base_url,
        "display": "standalone",
        "background_color": THEME_COLOURS["light"],
        "theme_color": THEME_COLOURS["light"],
        "icons": [
            {
                "src": icon_url(base_url, icon.name, versioned),
                "sizes": f"{icon.size}x{icon.size}",
                "type": "image/png",
                "purpose": icon.purpose,
            }
            for icon in ICONS
        ],
    }


class _CourseFile(tornado.web.RequestHandler):
    """A file of the course app's own, for a course served at `base_url`."""

    def initialize(self, base_url: str, versioned: str) -> None:
        self.base_url = base_url
        self.versioned = versioned

    def head(self, *args: str) -> None:
        self.get(*args)  # type: ignore[attr-defined]

    def send(self, content_type: str, body: bytes, cache: str = NO_CACHE) -> None:
        self.set_header("Content-Type", content_type)
        self.set_header("Cache-Control", cache)
        self.finish(body)


class ManifestFile(_CourseFile):
    def get(self) -> None:
        body = json.dumps(manifest(self.base_url, self.versioned), indent=1).encode()
        self.send("application/manifest+json; charset=utf-8", body)


class IconFile(_CourseFile):
    def get(self, name: str) -> None:
        if icon_named(name) is None:
            raise tornado.web.HTTPError(404)
        kept = self.get_query_argument("v", "") == self.versioned
        self.send("image/png", _read(name), FOR_GOOD if kept else NO_CACHE)


class WorkerFile(_CourseFile):
    """The service worker, after one line of settings: its version, and what it keeps when it
    is installed (the offline page and the icons)."""

    def get(self) -> None:
        settings = {
            "version": self.versioned,
            "offlinePage": url_path_join(self.base_url, OFFLINE_ROUTE),
            "keep": [
                url_path_join(self.base_url, OFFLINE_ROUTE),
                *(icon_url(self.base_url, icon.name, self.versioned) for icon in ICONS),
            ],
        }
        head = f"self.MOTW_WORKER = {json.dumps(settings)};\n".encode()
        self.send("text/javascript; charset=utf-8", head + _read("sw.js"))


class OfflinePage(_CourseFile):
    def get(self) -> None:
        self.send("text/html; charset=utf-8", _read("offline.html"))


def routes(base_url: str) -> list:
    """The course app's routes for these files, under `base_url`."""
    options = {"base_url": base_url, "versioned": version()}
    return [
        (url_path_join(base_url, MANIFEST_ROUTE), ManifestFile, options),
        (url_path_join(base_url, ICON_ROUTE + r"([\w.-]+)"), IconFile, options),
        (url_path_join(base_url, WORKER_ROUTE), WorkerFile, options),
        (url_path_join(base_url, OFFLINE_ROUTE), OfflinePage, options),
    ]
