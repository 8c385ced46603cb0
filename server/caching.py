"""Compressed responses, and versioned static files cached for good, in the course app itself.

A learner's first visit fetched about 5 MB uncompressed, and every later visit asked the server
about each of some 100 files again. Here:

- every response of a compressible type (HTML, JS, CSS, JSON, SVG) is gzipped. Voilà's
  `Voila.tornado_settings={"compress_response": true}` cannot do it: Voilà applies those
  settings after it has built the tornado Application, which reads `compress_response` only
  when it is built, so the setting is silently ignored.
- the kernel's websocket messages are deflated (permessage-deflate);
- a static file whose URL names its version is sent with `Cache-Control: public,
  max-age=31536000, immutable`, so a repeat visit does not ask for it at all. The course's
  pages load only the template's files (`?v=` hashes: page.css, the widget host) and the
  widgets' built files (a hash in each name, served by server.app.WidgetFiles). A page with
  Voilà's stock template (`?template=lab`) loads Voilà's own bundle (voila.js and its ~90
  chunks, fixed names under /voila/static/) from /voila/static/v<hash of those files>/, so a
  new Voilà means new URLs; the labextensions carry a content hash in their names
  (remoteEntry.<hash>.js) or a `?v=` query.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import tornado.httputil
import tornado.web

FOR_GOOD = "public, max-age=31536000, immutable"
VOILA_STATIC = "voila/static/"

# Paths (after the base URL) of static files whose URL changes when their content does.
_VERSIONED_PATH = re.compile(
    r"""voila/static/v[0-9a-f]{12}/           # Voilà's bundle, under its version (below)
      | voila/labextensions/.+\.[0-9a-f]{8,}\.js$   # webpack chunks, hash in the name
    """,
    re.VERBOSE,
)
# Paths whose files are versioned by a `?v=` query naming their content's hash.
_VERSIONED_BY_QUERY = re.compile(r"voila/templates/[^/]+/static/|voila/labextensions/")


def is_versioned(path: str, query: str, base_url: str = "/") -> bool:
    """Whether a request for `path?query` names a static file's version (so it may be kept)."""
    if not path.startswith(base_url):
        return False
    relative = path[len(base_url) :]
    if _VERSIONED_PATH.match(relative):
        return True
    has_version = "v" in tornado.httputil.parse_qs_bytes(query)
    return has_version and bool(_VERSIONED_BY_QUERY.match(relative))


def bundle_version(folders: Iterable[str]) -> str:
    """A hash of every file Voilà serves under /voila/static/ (names and content)."""
    digest = hashlib.sha256()
    for folder in folders:
        root = Path(folder)
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class CacheVersionedFiles(tornado.web.OutputTransform):
    """Marks a successful response for a versioned static file as cacheable for good.

    The widgets' built files (server.app.WidgetFiles) say so themselves: a hash names each.
    """

    base_url = "/"

    def __init__(self, request: tornado.httputil.HTTPServerRequest) -> None:
        self._versioned = request.method in ("GET", "HEAD") and is_versioned(
            request.path, request.query, self.base_url
        )

    def transform_first_chunk(
        self,
        status_code: int,
        headers: tornado.httputil.HTTPHeaders,
        chunk: bytes,
        finishing: bool,
    ) -> tuple[int, tornado.httputil.HTTPHeaders, bytes]:
        if self._versioned and status_code in (200, 206, 304):
            headers["Cache-Control"] = FOR_GOOD
            headers.pop("Expires", None)
        return status_code, headers, chunk


def versioned_bundle_url(version: str, chained: Callable[..., dict] | None) -> Callable[..., dict]:
    """A Voilà page_config_hook: the page loads Voilà's bundle from its versioned folder (the
    template's script tag and webpack's chunk URLs both follow `fullStaticUrl`)."""

    def page_config_hook(page_config: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        if chained is not None:
            page_config = chained(page_config, **kwargs)
        static = page_config.get("fullStaticUrl", "")
        if static.rstrip("/").endswith("voila/static"):
            page_config["fullStaticUrl"] = f"{static.rstrip('/')}/v{version}"
        return page_config

    return page_config_hook


def use_versioned_bundle(app: Any) -> None:
    """Before the app's settings step (and its kernel manager, which renders pre-heated pages):
    the pages load Voilà's bundle from its versioned folder."""
    app.motw_bundle_version = bundle_version(app.static_paths)
    configuration = app.voila_configuration
    configuration.page_config_hook = versioned_bundle_url(
        app.motw_bundle_version, configuration.page_config_hook
    )


def compression_settings(app: Any) -> dict[str, Any]:
    """Tornado settings for the app: gzip every compressible response, let browsers keep
    versioned files, deflate the kernel's websocket (widget state, about 150 kB on the home)
    when the browser offers it. `transforms` is the Application's own argument for this."""
    from jupyter_server.utils import url_path_join

    base_url = url_path_join(app.server_url, "/")
    cache = type("CacheVersionedFiles", (CacheVersionedFiles,), {"base_url": base_url})
    return {
        "transforms": [tornado.web.GZipContentEncoding, cache],
        "websocket_compression_options": {},
    }


def versioned_bundle_route(app: Any) -> list:
    """The route of Voilà's bundle under its version (see use_versioned_bundle)."""
    from jupyter_server.utils import url_path_join
    from voila.static_file_handler import MultiStaticFileHandler

    route = url_path_join(app.server_url, f"{VOILA_STATIC}v{app.motw_bundle_version}/(.*)")
    return [(route, MultiStaticFileHandler, {"paths": app.static_paths})]
