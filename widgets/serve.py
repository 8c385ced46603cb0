"""The course app: Voilà, with four changes (measured in bench/, see bench/RESULTS.md).

    python -m widgets.serve notebooks/ [any voila option]      # what `make start` runs

1. Templates are compiled once per process. Voilà renders every page with a new nbconvert
   exporter, so a new Jinja environment, so every page compiled the whole template tree
   again: about half of the server's time per page, in slices long enough to hold up every
   other learner's messages. A shared bytecode cache keeps the compiled templates (keyed by
   the template's name and source, and the environment's settings).
2. Pages open a few at a time, first come first served (`MOTW_OPENING`, by default every core
   but one). Opening a page starts a kernel and runs its notebook, about half a second of
   CPU. When a class arrives at once, starting every kernel together fills every core, and
   the learners who already have their page wait for each answer. With a core kept free
   their answers stay quick, and the arrivals are served in order.
3. A pre-heated kernel (voila.json pre-heats the home page) counts as active from the moment a
   page takes it from the pool, so the idle cull cannot shut it down before the page connects.
4. The widgets' code and styles are served as files the browser caches (`WidgetFiles`), not
   sent again in every page's widget state (see widgets.files.front_end).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
from collections.abc import AsyncIterator, Callable
from typing import Any

import jinja2
import tornado.web

from widgets.files import SERVED_ENV, STATIC, STATIC_NAME, STATIC_ROUTE, static_text, static_version

OPENING_ENV = "MOTW_OPENING"


class SharedBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, shared by every Jinja environment of the process.

    Jinja checks the template's source against a checksum before it uses the code. The key
    also holds what changes the compiled code between environments: async mode and extensions.
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        settings = f"{environment.is_async}:{','.join(sorted(environment.extensions))}"
        return super().get_bucket(environment, f"{settings}:{name}", filename, source)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def share_compiled_templates(exporter_class: type, cache: jinja2.BytecodeCache) -> None:
    """Give every environment `exporter_class` creates the same bytecode cache."""
    create: Callable[[Any], jinja2.Environment] = exporter_class._create_environment

    @functools.wraps(create)
    def _create_environment(self: Any) -> jinja2.Environment:
        environment = create(self)
        environment.bytecode_cache = cache
        return environment

    exporter_class._create_environment = _create_environment


def opening_limit() -> int:
    """How many pages may open at once: $MOTW_OPENING, or every core but one."""
    raw = os.environ.get(OPENING_ENV, "")
    if raw:
        try:
            value = int(raw)
        except ValueError:
            raise SystemExit(
                f"{OPENING_ENV} must be a whole number of pages, got {raw!r}"
            ) from None
        if value < 1:
            raise SystemExit(f"{OPENING_ENV} must be at least 1, got {value}")
        return value
    return max(1, (os.cpu_count() or 2) - 1)


def open_pages_in_turn(handler_class: type, limit: int) -> None:
    """Let at most `limit` page renders (kernel start and notebook run) go at once; the others
    wait their turn in arrival order. A render that ends early (the learner left) frees its
    turn too. While a page waits, a newline goes out every `http_keep_alive_timeout` seconds
    (as Voilà's own heartbeat does during a render) so that proxies keep the request open;
    whitespace before the doctype is ignored by the browser."""
    render: Callable[..., AsyncIterator[str]] = handler_class.get_generator
    turns: asyncio.Semaphore | None = None

    @functools.wraps(render)
    async def get_generator(self: Any, path: str | None = None) -> AsyncIterator[str]:
        nonlocal turns
        if turns is None:  # made on first use, inside the server's event loop
            turns = asyncio.Semaphore(limit)
        keep_alive = getattr(self.voila_configuration, "http_keep_alive_timeout", 10)
        turn = asyncio.ensure_future(turns.acquire())
        try:
            while not (await asyncio.wait({turn}, timeout=keep_alive))[0]:
                yield "\n"
            async with contextlib.aclosing(render(self, path=path)) as snippets:
                async for snippet in snippets:
                    yield snippet
        finally:
            if turn.done() and not turn.cancelled():
                turns.release()
            else:
                turn.cancel()

    handler_class.get_generator = get_generator


def keep_handed_out_kernels_alive(app_module: Any) -> None:
    """A pre-heated kernel handed to a page counts as active from that moment.

    Voilà keeps pooled kernels out of the idle cull, but a kernel taken from the pool kept
    the idle time it gathered there (often hours): the first cull pass after it was handed out,
    while the browser was still loading the page's scripts, shut it down, and the learner got a
    dead page. Reproduced in tests/browser/test_preheat.py. A page that never connects is still
    culled, `cull_idle_timeout` after it was handed its kernel.
    """
    make_manager_class = app_module.voila_kernel_manager_factory

    @functools.wraps(make_manager_class)
    def voila_kernel_manager_factory(base_class: type, preheat_kernel: bool, *args, **kwargs):
        manager_class = make_manager_class(base_class, preheat_kernel, *args, **kwargs)
        if not preheat_kernel:
            return manager_class

        class HandOutActive(manager_class):  # type: ignore[misc, valid-type]
            async def get_rendered_notebook(self, *args: Any, **kwargs: Any) -> Any:
                from jupyter_server._tz import utcnow

                task, rendered, kernel_id = await super().get_rendered_notebook(*args, **kwargs)
                self.get_kernel(kernel_id).last_activity = utcnow()
                return task, rendered, kernel_id

        return HandOutActive

    app_module.voila_kernel_manager_factory = voila_kernel_manager_factory


class WidgetFiles(tornado.web.RequestHandler):
    """The widgets' front-end files, joined as a widget asks for them ("dom+quiz.js"). A
    request that names the current version (`?v=`, a hash of the content) may be cached for
    good: a change to the files changes the URL the widgets ask for."""

    def get(self, stems: str, extension: str) -> None:
        names = [f"{stem}.{extension}" for stem in stems.split("+")]
        if not all((STATIC / name).is_file() for name in names):
            raise tornado.web.HTTPError(404)
        text = static_text(*names)
        kind = "text/javascript" if extension == "js" else "text/css"
        self.set_header("Content-Type", f"{kind}; charset=utf-8")
        if self.get_argument("v", "") == static_version(text):
            self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.set_header("Cache-Control", "no-cache")
        self.finish(text)


def serve_widget_files(app_class: type) -> None:
    """Add WidgetFiles to the app's routes, and tell the kernels it starts that it is there."""
    from jupyter_server.utils import url_path_join

    init_handlers = app_class.init_handlers

    @functools.wraps(init_handlers)
    def with_widget_files(self: Any) -> list:
        route = url_path_join(self.server_url, STATIC_ROUTE + STATIC_NAME)
        return [(route, WidgetFiles), *init_handlers(self)]

    app_class.init_handlers = with_widget_files
    os.environ[SERVED_ENV] = "1"  # kernels inherit the server's environment


def main() -> None:
    import voila.app
    from nbconvert.exporters.templateexporter import TemplateExporter
    from voila.app import main as voila_main
    from voila.handler import VoilaHandler

    from widgets.caching import compress_and_cache

    share_compiled_templates(TemplateExporter, SharedBytecodeCache())
    open_pages_in_turn(VoilaHandler, opening_limit())
    keep_handed_out_kernels_alive(voila.app)
    serve_widget_files(voila.app.Voila)
    compress_and_cache(voila.app.Voila)  # issue 12: gzip, versioned files cached (widgets.caching)
    voila_main()


if __name__ == "__main__":
    main()
