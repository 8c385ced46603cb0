"""The course app's changes to Voilà: templates compiled once, pages opened in turn, and the
widgets' front-end files served to be cached."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import ClassVar

import jinja2
import pytest

from widgets.serve import (
    OPENING_ENV,
    SharedBytecodeCache,
    open_pages_in_turn,
    opening_limit,
    share_compiled_templates,
)


def run(coroutine):
    """asyncio.run in a thread of its own: other tests (Playwright) may hold a loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class Exporter:
    """Like nbconvert's TemplateExporter: a new environment for every exporter."""

    templates: ClassVar[dict[str, str]] = {
        "page.html": "{% for x in items %}<p>{{ x }}</p>{% endfor %}"
    }

    def _create_environment(self) -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.DictLoader(self.templates), autoescape=True)


@pytest.fixture(autouse=True)
def _fresh_exporter(monkeypatch):
    monkeypatch.setattr(Exporter, "_create_environment", Exporter._create_environment)


def test_a_template_is_compiled_once_for_every_environment(monkeypatch):
    share_compiled_templates(Exporter, SharedBytecodeCache())
    compiled = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    pages = [
        Exporter()._create_environment().get_template("page.html").render(items=["a", "<b>"])
        for _ in range(3)
    ]
    assert pages == ["<p>a</p><p>&lt;b&gt;</p>"] * 3
    assert compiled == ["page.html"]


def test_an_edited_template_is_compiled_again(monkeypatch):
    share_compiled_templates(Exporter, SharedBytecodeCache())
    assert Exporter()._create_environment().get_template("page.html").render(items=[1]) == (
        "<p>1</p>"
    )
    monkeypatch.setitem(Exporter.templates, "page.html", "{{ items | length }} items")
    assert Exporter()._create_environment().get_template("page.html").render(items=[1]) == (
        "1 items"
    )


def test_async_and_sync_environments_do_not_share_code():
    cache = SharedBytecodeCache()
    source = "{{ 1 + 1 }}"
    plain = jinja2.Environment(bytecode_cache=cache, loader=jinja2.DictLoader({"t": source}))
    run_async = jinja2.Environment(
        bytecode_cache=cache, loader=jinja2.DictLoader({"t": source}), enable_async=True
    )
    assert plain.get_template("t").render() == "2"
    assert run(run_async.get_template("t").render_async()) == "2"
    assert len(cache.store) == 2


class Configuration:
    http_keep_alive_timeout = 10


class Handler:
    """Like Voilà's page handler: an async generator of HTML while the notebook runs."""

    voila_configuration = Configuration()
    running = 0
    most = 0
    order: ClassVar[list[str]] = []

    async def get_generator(self, path=None):
        type(self).running += 1
        type(self).most = max(type(self).most, type(self).running)
        type(self).order.append(path)
        try:
            for part in ("<head>", "<body>"):
                await asyncio.sleep(0.01)
                yield f"{path}:{part}"
        finally:
            type(self).running -= 1


def test_pages_open_in_turn_in_arrival_order_and_a_left_page_frees_its_turn():
    open_pages_in_turn(Handler, limit=2)

    async def visit(path: str, leave_early: bool = False) -> list[str]:
        got = []
        pages = Handler().get_generator(path=path)
        async for snippet in pages:
            got.append(snippet)
            if leave_early:
                await pages.aclose()
                break
        return got

    async def crowd():
        first = asyncio.create_task(visit("left", leave_early=True))
        await asyncio.sleep(0)
        rest = [asyncio.create_task(visit(f"p{n}")) for n in range(5)]
        return await first, await asyncio.gather(*rest)

    left, pages = run(crowd())
    assert left == ["left:<head>"]
    assert pages[0] == ["p0:<head>", "p0:<body>"]
    assert Handler.most == 2
    assert Handler.order == ["left", "p0", "p1", "p2", "p3", "p4"]
    assert Handler.running == 0


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


class SlowHandler:
    """A render that takes a while, with a short keep-alive."""

    voila_configuration = Configuration()

    async def get_generator(self, path=None):
        await asyncio.sleep(0.12)
        yield f"{path}:page"


def test_a_page_waiting_its_turn_keeps_the_connection_alive(monkeypatch):
    monkeypatch.setattr(Configuration, "http_keep_alive_timeout", 0.05)
    open_pages_in_turn(SlowHandler, limit=1)

    async def visit(path: str) -> list[str]:
        return [snippet async for snippet in SlowHandler().get_generator(path=path)]

    async def two():
        return await asyncio.gather(visit("a"), visit("b"))

    first, second = run(two())
    assert first == ["a:page"]
    assert second[-1] == "b:page"
    assert set(second[:-1]) == {"\n"} and len(second) >= 2  # it waited, and said so
