"""The course app: Voilà, with four changes (measured in bench/, see bench/RESULTS.md).

    python -m server.app notebooks/ [any voila option]      # what `make start` runs

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
4. The widgets' code and styles are served as files the browser caches for good
   (`WidgetFiles`), not sent again in every page's widget state (see widgets.files).
5. The course installs as an app and reads offline: a manifest, icons, a service worker and an
   offline page, served under the base URL (server.pwa).

`CourseApp` is a Voilà app: it adds its routes and its page handler in `init_handlers` and
wraps its own kernel manager in `init_settings`. Two things Voilà does not let an app choose
are replaced by name, the exporter its page renderer builds and the kernel manager's hand-out
of a pre-heated kernel; `voila_mismatches` checks every Voilà name and data shape this package
relies on (here, in server.preheat and in server.caching) before the server starts, so a Voilà
that changed them refuses to start with one line each, rather than failing when a learner opens
a page.

Candidates for a public hook upstream, each of which would retire a reliance checked there:
- a "kernel handed out" hook on the pooling kernel manager (today its hand-out is replaced by
  name, and server.preheat reads the pool futures' `task` and `kernel_id`);
- public pool sizes and a public refill (today server.preheat reads and changes `_pools`,
  reassigns `kernel_pools_config` at run time and calls `fill_if_needed(delay=, notebook_name=)`);
- an exporter factory on the page renderer (today `VoilaExporter` is replaced by name);
- Tornado settings for the app (today `transforms` rely on Voilà building its
  `tornado.web.Application(**settings)`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import importlib
import inspect
import os
from collections.abc import AsyncIterator, Callable
from typing import Any

import jinja2
import tornado.web
import traitlets
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join

try:  # the Voilà names this module builds on; a Voilà without them cannot run the course app
    import voila.app
    import voila.notebook_renderer
    import voila.utils
    from voila import __version__ as VOILA_VERSION
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration
    from voila.exporter import VoilaExporter
    from voila.handler import VoilaHandler
    from voila.tornado.handler import TornadoVoilaHandler
except ImportError as exc:
    raise SystemExit(
        f"server.app: cannot start with this Voilà: {exc}; "
        "update server/app.py or install voila<0.6"
    ) from None

from server.caching import (
    FOR_GOOD,
    compression_settings,
    use_versioned_bundle,
    versioned_bundle_route,
)
from server.preheat import drop_dead_kernels, keep_pools, pool_settings
from server.provisioner import use_configured_provisioner
from server.pwa.served import routes as installable_routes
from widgets.files import SERVED_ENV, STATIC_NAME, STATIC_ROUTE, ModuleError, built_file

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


COMPILED_TEMPLATES = SharedBytecodeCache()


class CourseExporter(VoilaExporter):
    """Voilà's exporter, whose Jinja environment keeps compiled templates in the process's
    shared cache. Voilà's page renderer builds one exporter per page."""

    @property
    def environment(self) -> jinja2.Environment:
        environment = super().environment
        environment.bytecode_cache = COMPILED_TEMPLATES
        return environment


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


class PageTurns:
    """At most `limit` page renders (kernel start and notebook run) at once; the others wait
    their turn in arrival order. A render that ends early (the learner left) frees its turn
    too. While a page waits, a newline goes out every `keep_alive` seconds (as Voilà's own
    heartbeat does during a render) so that proxies keep the request open; whitespace before
    the doctype is ignored by the browser."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._turns: asyncio.Semaphore | None = None

    async def render(self, page: AsyncIterator[str], keep_alive: float) -> AsyncIterator[str]:
        """The snippets of `page`, once it is its turn."""
        if self._turns is None:  # made on first use, inside the server's event loop
            self._turns = asyncio.Semaphore(self.limit)
        turns = self._turns
        turn = asyncio.ensure_future(turns.acquire())
        try:
            async with contextlib.aclosing(page) as snippets:  # type: ignore[type-var]
                while not (await asyncio.wait({turn}, timeout=keep_alive))[0]:
                    yield "\n"
                async for snippet in snippets:
                    yield snippet
        finally:
            if turn.done() and not turn.cancelled():
                turns.release()
            else:
                turn.cancel()


class CoursePageHandler(TornadoVoilaHandler):
    """Voilà's page handler, rendering each page in its turn (`PageTurns`)."""

    def initialize(self, turns: PageTurns, **kwargs: Any) -> None:
        super().initialize(**kwargs)
        self.turns = turns

    def get_generator(self, path: str | None = None) -> AsyncIterator[str]:
        keep_alive = self.voila_configuration.http_keep_alive_timeout
        return self.turns.render(super().get_generator(path=path), keep_alive)


def keep_handed_out_kernels_alive(manager: Any) -> None:
    """A pre-heated kernel handed to a page counts as active from that moment.

    Voilà keeps pooled kernels out of the idle cull, but a kernel taken from the pool kept
    the idle time it gathered there (often hours): the first cull pass after it was handed out,
    while the browser was still loading the page's scripts, shut it down, and the learner got a
    dead page. Reproduced in tests/test_serve_preheat.py. A page that never connects is still
    culled, `cull_idle_timeout` after it was handed its kernel. Changes this manager only.
    """
    hand_out: Callable[..., Any] = manager.get_rendered_notebook
    pool_size: Callable[[str], int] = manager.get_pool_size

    def get_pool_size(notebook_name: str) -> int:
        """Only live kernels count: the page handler asks this before taking one."""
        drop_dead_kernels(manager, notebook_name, manager.log)
        return pool_size(notebook_name)

    async def get_rendered_notebook(*args: Any, **kwargs: Any) -> Any:
        rendered = await hand_out(*args, **kwargs)
        kernel_id = rendered[-1]  # (render task, rendered cells, kernel id)
        if kernel_id not in manager:  # it died while still starting, after the handler asked
            rendered[0].cancel()
            raise tornado.web.HTTPError(503, "the page's kernel stopped while starting; reload")
        manager.get_kernel(kernel_id).last_activity = dt.datetime.now(dt.UTC)
        return rendered

    manager.get_pool_size = get_pool_size
    manager.get_rendered_notebook = get_rendered_notebook


class WidgetFiles(tornado.web.RequestHandler):
    """The widgets' built front-end files (widgets/static/dist, `make frontend`), one URL each.
    A built file's name holds its content's hash, so a browser may keep it for good: a change
    is a new name."""

    def get(self, name: str) -> None:
        kind = {"js": "text/javascript", "css": "text/css"}.get(name.rpartition(".")[2])
        try:
            path = built_file(name)
        except ModuleError:
            path = None
        if kind is None or path is None:
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", f"{kind}; charset=utf-8")
        self.set_header("Cache-Control", FOR_GOOD)
        self.finish(path.read_bytes())


class CourseApp(Voila):
    """Voilà with the course's changes (see the module's docstring)."""

    opening = traitlets.Int(
        help=f"How many pages may open at once (default: ${OPENING_ENV}, or every core but one)."
    ).tag(config=True)

    timezone = traitlets.Unicode(
        "",
        help="The IANA time zone whose Mondays roll this week's move over (for the pre-heated "
        "'this-week' pool); empty for the server's own.",
    ).tag(config=True)

    @traitlets.default("opening")
    def _opening_default(self) -> int:
        return opening_limit()

    @traitlets.validate("opening")
    def _at_least_one(self, proposal: traitlets.Bunch) -> int:
        if proposal["value"] < 1:
            raise traitlets.TraitError(f"opening must be at least 1, got {proposal['value']}")
        return proposal["value"]

    def initialize(self, argv: Any = None) -> None:
        voila.notebook_renderer.VoilaExporter = CourseExporter  # checked by voila_mismatches
        os.environ[SERVED_ENV] = "1"  # the kernels inherit it: their pages load WidgetFiles' files
        super().initialize(argv)

    def init_settings(self) -> dict:
        preheat = self.voila_configuration.preheat_kernel
        pools = pool_settings(self, self.timezone) if preheat else None
        use_versioned_bundle(self)  # before the kernel manager renders pre-heated pages
        settings = {**super().init_settings(), **compression_settings(self)}
        self.fork_server = use_configured_provisioner(self)  # before the pools fill
        if pools is not None:
            keep_handed_out_kernels_alive(self.kernel_manager)
            self.pool_keeper = keep_pools(self, pools)
        return settings

    def init_handlers(self) -> list:
        turns = PageTurns(self.opening)
        handlers = []
        for route in super().init_handlers():
            pattern, handler, *options = route
            if handler is TornadoVoilaHandler:
                route = (
                    pattern,
                    CoursePageHandler,
                    {**(options[0] if options else {}), "turns": turns},
                )
            handlers.append(route)
        if not any(handler is CoursePageHandler for _, handler, *_ in handlers):
            raise SystemExit(
                f"server.app: Voilà {VOILA_VERSION} no longer routes pages to "
                "TornadoVoilaHandler; server/app.py must be updated."
            )
        files = url_path_join(self.server_url, STATIC_ROUTE + STATIC_NAME)
        return [
            (files, WidgetFiles),
            *versioned_bundle_route(self),
            *installable_routes(url_path_join(self.server_url, "/")),
            *handlers,
        ]


def _takes(function: Any, *names: str, any_keywords: bool = False) -> bool:
    """Whether `function` has these parameters (and, if asked, takes **kwargs)."""
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    kinds = {p.kind for p in parameters.values()}
    return all(name in parameters for name in names) and (
        not any_keywords or inspect.Parameter.VAR_KEYWORD in kinds
    )


def _source_says(function: Any, *needles: str) -> bool:
    """Whether the source of `function` still holds every one of `needles`: for a reliance on
    a data shape (a dict's keys, a private attribute) that no signature shows."""
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    return all(needle in source for needle in needles)


def _importable(module: str, name: str) -> bool:
    try:
        return hasattr(importlib.import_module(module), name)
    except ImportError:
        return False


def voila_mismatches() -> list[str]:
    """What this package relies on in Voilà and no longer finds there, one line each: every
    reliance on a Voilà or jupyter_server internal is declared here and checked at start."""
    pooled = voila.app.voila_kernel_manager_factory(AsyncMappingKernelManager, True, 0)
    pools_config = pooled.class_traits().get("kernel_pools_config")
    expectations = {
        "voila.notebook_renderer.VoilaExporter is voila.exporter.VoilaExporter": (
            getattr(voila.notebook_renderer, "VoilaExporter", None)
            in (VoilaExporter, CourseExporter)
        ),
        "VoilaExporter.environment is a property": isinstance(
            inspect.getattr_static(VoilaExporter, "environment", None), property
        ),
        "VoilaHandler.get_generator(path) is an async generator": (
            inspect.isasyncgenfunction(VoilaHandler.get_generator)
            and _takes(VoilaHandler.get_generator, "self", "path")
        ),
        "VoilaHandler.initialize takes **kwargs": _takes(
            VoilaHandler.initialize, "self", any_keywords=True
        ),
        "VoilaConfiguration.http_keep_alive_timeout exists": (
            "http_keep_alive_timeout" in VoilaConfiguration.class_traits()
        ),
        "Voila.initialize(argv), Voila.init_settings() and Voila.init_handlers()": (
            _takes(Voila.initialize, "self", "argv")
            and list(inspect.signature(Voila.init_settings).parameters) == ["self"]
            and list(inspect.signature(Voila.init_handlers).parameters) == ["self"]
        ),
        "the pooling kernel manager has async get_rendered_notebook(notebook_name)": (
            inspect.iscoroutinefunction(getattr(pooled, "get_rendered_notebook", None))
            and _takes(pooled.get_rendered_notebook, "notebook_name")
        ),
        "kernel managers have get_kernel(kernel_id)": _takes(
            getattr(pooled, "get_kernel", None), "kernel_id"
        ),
        "the pooling kernel manager has get_pool_size(notebook_name) and `kernel_id in` it": (
            _takes(getattr(pooled, "get_pool_size", None), "notebook_name")
            and hasattr(pooled, "__contains__")
        ),
        # server.preheat reads and changes the pools, which Voilà keeps private.
        "the pooling kernel manager keeps its pools in `_pools` (name -> list of futures)": (
            _source_says(pooled.__init__, "self._pools")
            and _source_says(pooled.get_pool_size, "self._pools")
        ),
        "a pool future's result is a dict with 'task' and 'kernel_id'": _source_says(
            getattr(pooled, "_initialize", None), '"task"', '"kernel_id"'
        ),
        "fill_if_needed(delay=, notebook_name=) reads kernel_pools_config on each call": (
            _takes(getattr(pooled, "fill_if_needed", None), "delay", "notebook_name")
            and _source_says(pooled.fill_if_needed, "self.kernel_pools_config")
        ),
        "kernel_pools_config is a Dict trait that may be assigned at run time": isinstance(
            pools_config, traitlets.Dict
        ),
        # server.caching: compression and long-lived caching.
        "Voila builds its tornado.web.Application(**settings), so `transforms` reach it": (
            _source_says(Voila.start, "tornado.web.Application(**settings)")
            or _source_says(Voila, "tornado.web.Application(**settings)")
        ),
        "voila.static_file_handler.MultiStaticFileHandler exists": _importable(
            "voila.static_file_handler", "MultiStaticFileHandler"
        ),
        "the page config names Voilà's static files `fullStaticUrl`": _source_says(
            voila.utils.get_page_config, '"fullStaticUrl"'
        ),
        # The motw template renders the cells itself; the page's widget host shuts its kernel
        # down at Voilà's shutdown route.
        "templates get kernel_start(nb) and cell_generator(nb, kernel_id)": _source_says(
            voila.notebook_renderer.NotebookRenderer.generate_content_generator,
            '"kernel_start"',
            '"cell_generator"',
        ),
        "Voilà routes /voila/api/shutdown/<kernel id>": _source_says(
            Voila.init_handlers, "/voila/api/shutdown/"
        ),
    }
    return [expected for expected, holds in expectations.items() if not holds]


def main(argv: list[str] | None = None) -> None:
    mismatches = voila_mismatches()
    if mismatches:
        raise SystemExit(
            "\n".join(
                f"server.app: cannot start with Voilà {VOILA_VERSION}: expected {expected}; "
                "update server/app.py or install voila<0.6"
                for expected in mismatches
            )
        )
    CourseApp.launch_instance(argv)


if __name__ == "__main__":
    main()
