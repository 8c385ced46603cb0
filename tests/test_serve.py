"""The course app's changes to Voilà, against the installed Voilà: templates compiled once,
pages opened in turn, the widgets' files served to be cached, and a refusal to start when
Voilà no longer has what the app relies on."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import jinja2
import pytest
import voila.notebook_renderer
import voila.static_file_handler
import voila.utils
from support import in_own_loop
from voila.exporter import VoilaExporter
from voila.handler import VoilaHandler
from voila.paths import collect_template_paths
from voila.tornado.handler import TornadoVoilaHandler

import server.app
import widgets.files
from server.app import (
    OPENING_ENV,
    CourseApp,
    CourseExporter,
    CoursePageHandler,
    PageTurns,
    SharedBytecodeCache,
    WidgetFiles,
    opening_limit,
    voila_mismatches,
)
from widgets.files import SERVED_ENV, STATIC_NAME


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles during the test, from an empty shared cache."""
    monkeypatch.setattr(server.app, "COMPILED_TEMPLATES", SharedBytecodeCache())
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def page_template(exporter_class: type) -> jinja2.Template:
    """Voilà's lab page template, as a new page's exporter loads it."""
    exporter = exporter_class(template_paths=collect_template_paths(["voila", "nbconvert"], "lab"))
    return exporter.environment.get_template("index.html.j2")


def test_every_page_exporter_shares_the_compiled_templates(compiled):
    first = page_template(CourseExporter)
    assert compiled == ["index.html.j2"]
    compiled.clear()
    second = page_template(CourseExporter)
    assert compiled == []
    assert second.environment is not first.environment  # a new environment, as for every page
    page_template(VoilaExporter)  # Voilà's own exporter compiles it again for every page
    assert compiled == ["index.html.j2"]


def test_an_edited_template_is_compiled_again():
    cache = SharedBytecodeCache()
    templates = {"page.html": "{% for x in items %}<p>{{ x }}</p>{% endfor %}"}

    def render() -> str:
        environment = jinja2.Environment(
            loader=jinja2.DictLoader(templates), autoescape=True, bytecode_cache=cache
        )
        return environment.get_template("page.html").render(items=["a", "<b>"])

    assert render() == render() == "<p>a</p><p>&lt;b&gt;</p>"
    templates["page.html"] = "{{ items | length }} items"
    assert render() == "2 items"


def test_async_and_sync_environments_do_not_share_code():
    cache = SharedBytecodeCache()
    source = "{{ 1 + 1 }}"
    plain = jinja2.Environment(bytecode_cache=cache, loader=jinja2.DictLoader({"t": source}))
    run_async = jinja2.Environment(
        bytecode_cache=cache, loader=jinja2.DictLoader({"t": source}), enable_async=True
    )
    assert plain.get_template("t").render() == "2"
    assert in_own_loop(run_async.get_template("t").render_async()) == "2"
    assert len(cache.store) == 2


class Renders:
    """Page renders: each yields its head and body a moment apart, counting how many run."""

    def __init__(self, seconds: float = 0.01) -> None:
        self.seconds = seconds
        self.running = self.most = 0
        self.order: list[str] = []

    async def page(self, path: str):
        self.running += 1
        self.most = max(self.most, self.running)
        self.order.append(path)
        try:
            for part in ("<head>", "<body>"):
                await asyncio.sleep(self.seconds)
                yield f"{path}:{part}"
        finally:
            self.running -= 1


def test_pages_open_in_turn_in_arrival_order_and_a_left_page_frees_its_turn():
    renders, turns = Renders(), PageTurns(limit=2)

    async def visit(path: str, leave_early: bool = False) -> list[str]:
        got = []
        snippets = turns.render(renders.page(path), keep_alive=10)
        async for snippet in snippets:
            got.append(snippet)
            if leave_early:
                await snippets.aclose()
                break
        return got

    async def crowd():
        first = asyncio.create_task(visit("left", leave_early=True))
        await asyncio.sleep(0)
        rest = [asyncio.create_task(visit(f"p{n}")) for n in range(5)]
        return await first, await asyncio.gather(*rest)

    left, pages = in_own_loop(crowd())
    assert left == ["left:<head>"]
    assert pages[0] == ["p0:<head>", "p0:<body>"]
    assert renders.most == 2
    assert renders.order == ["left", "p0", "p1", "p2", "p3", "p4"]
    assert renders.running == 0


def test_a_page_waiting_its_turn_keeps_the_connection_alive():
    renders, turns = Renders(seconds=0.06), PageTurns(limit=1)

    async def visit(path: str) -> list[str]:
        return [snippet async for snippet in turns.render(renders.page(path), keep_alive=0.05)]

    async def two():
        return await asyncio.gather(visit("a"), visit("b"))

    first, second = in_own_loop(two())
    assert first == ["a:<head>", "a:<body>"]
    assert second[-2:] == ["b:<head>", "b:<body>"]
    assert set(second[:-2]) == {"\n"} and len(second) >= 3  # it waited, and said so


def test_the_opening_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(OPENING_ENV, "3")
    assert opening_limit() == 3
    monkeypatch.setenv(OPENING_ENV, "many")
    with pytest.raises(
        SystemExit, match="MOTW_OPENING must be a whole number of pages, got 'many'"
    ):
        opening_limit()
    monkeypatch.setenv(OPENING_ENV, "0")
    with pytest.raises(SystemExit, match="must be at least 1, got 0"):
        opening_limit()
    monkeypatch.delenv(OPENING_ENV)
    assert opening_limit() >= 1


def test_the_installed_voila_has_everything_the_app_relies_on():
    assert voila_mismatches() == []


def test_a_changed_voila_is_named_one_line_each(monkeypatch):
    def get_generator(self, notebook):  # not async, and its argument renamed
        return iter(())

    monkeypatch.setattr(VoilaHandler, "get_generator", get_generator)
    monkeypatch.delattr(voila.notebook_renderer, "VoilaExporter")
    assert voila_mismatches() == [
        "voila.notebook_renderer.VoilaExporter is voila.exporter.VoilaExporter",
        "VoilaHandler.get_generator(path) is an async generator",
    ]


def _changed_pooled_manager(monkeypatch, **changes):
    """Voilà's pooling kernel manager, with `changes` (methods) made to it."""
    make = voila.app.voila_kernel_manager_factory

    def changed(*args, **kwargs):
        return type("Changed", (make(*args, **kwargs),), changes)

    monkeypatch.setattr(voila.app, "voila_kernel_manager_factory", changed)


async def _initialize_with_other_keys(self, *args, **kwargs):
    return {"future": None, "id": None}


def _fill_without_the_config(self, delay=0, notebook_name=None):
    return None


def _page_config_elsewhere(*args, **kwargs):
    return {"staticUrl": "/voila/static"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda mp: _changed_pooled_manager(mp, _initialize=_initialize_with_other_keys),
            "a pool future's result is a dict with 'task' and 'kernel_id'",
        ),
        (
            lambda mp: _changed_pooled_manager(mp, fill_if_needed=_fill_without_the_config),
            "fill_if_needed(delay=, notebook_name=) reads kernel_pools_config on each call",
        ),
        (
            lambda mp: mp.setattr(voila.utils, "get_page_config", _page_config_elsewhere),
            "the page config names Voilà's static files `fullStaticUrl`",
        ),
        (
            lambda mp: mp.delattr(voila.static_file_handler, "MultiStaticFileHandler"),
            "voila.static_file_handler.MultiStaticFileHandler exists",
        ),
    ],
)
def test_each_reliance_on_voila_internals_is_checked(monkeypatch, change, expected):
    """The data shapes too, not only signatures: a pool future's keys, a private trait read."""
    change(monkeypatch)
    assert voila_mismatches() == [expected]


def test_the_server_refuses_to_start_on_a_changed_voila(tmp_path):
    """As `make start` would run it, after an upgrade that renamed the kernel hand-out."""
    script = (
        "import voila.app as m\n"
        "make = m.voila_kernel_manager_factory\n"
        "def changed(*args, **kwargs):\n"
        "    manager = make(*args, **kwargs)\n"
        "    return type('Changed', (manager,), {'get_rendered_notebook': None})\n"
        "m.voila_kernel_manager_factory = changed\n"
        "import sys\n"
        "from server.app import main\n"
        "main([sys.argv[1], '--no-browser', '--port=8894'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        cwd=server.app.__file__.rsplit("/server/", 1)[0],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "server.app: cannot start with Voilà "
        f"{voila.__version__}: expected the pooling kernel manager has async "
        "get_rendered_notebook(notebook_name); update server/app.py or install voila<0.6"
    ]
    assert "Voilà is running" not in done.stdout + done.stderr


def test_the_app_routes_pages_to_its_handler_and_serves_the_widget_files(tmp_path, monkeypatch):
    monkeypatch.setenv(SERVED_ENV, "")  # put back as it was (unset) after the test
    monkeypatch.setattr(voila.notebook_renderer, "VoilaExporter", VoilaExporter)
    monkeypatch.chdir(tmp_path)  # no voila.json here: Voilà's defaults
    app = CourseApp()
    app.initialize([str(tmp_path), "--no-browser", "--CourseApp.opening=2"])
    app.init_settings()
    routes = {pattern: (handler, options) for pattern, handler, *options in app.init_handlers()}
    handler, [options] = routes["/voila/render/(.*)"]
    assert handler is CoursePageHandler and issubclass(handler, TornadoVoilaHandler)
    assert options["turns"].limit == 2 and "voila_configuration" in options
    assert routes["/motw/static/" + STATIC_NAME][0] is WidgetFiles
    assert voila.notebook_renderer.VoilaExporter is CourseExporter  # every page's exporter
    assert widgets.files.os.environ[SERVED_ENV] == "1"  # the kernels it starts load the files
