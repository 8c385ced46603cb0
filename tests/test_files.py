"""The widgets' front-end modules, linked for each host: inline as data: URLs (JupyterLab, plain
Voilà) or as versioned files the course app serves for good."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
import tornado.httpclient
import tornado.httpserver
import tornado.netutil
import tornado.web
from support import in_own_loop

import widgets.files
from server.app import WidgetFiles
from widgets.files import (
    STATIC,
    STATIC_NAME,
    ModuleError,
    front_end,
    inline_module,
    served_module,
    static_text,
    static_url,
)

MODULES = sorted(path.name for path in STATIC.glob("*.js"))
RELATIVE_IMPORT = re.compile(r"""(?:from|import)\s*\(?\s*["']\./""")
DATA_URL = re.compile(r'"(data:text/javascript;charset=utf-8,[^"]*)"')


@pytest.fixture
def static(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of front-end files of our own, in place of widgets/static."""
    monkeypatch.setattr(widgets.files, "STATIC", tmp_path)
    return tmp_path


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_every_module_links_for_both_hosts():
    assert len(MODULES) > 10
    for name in MODULES:
        assert not RELATIVE_IMPORT.search(inline_module(name)), name
        assert not re.search(r"""from\s*["']\./[^"'?]+["']""", served_module(name)), name


def test_a_dependency_inlined_is_its_own_linked_module():
    quiz = inline_module("quiz.js")
    urls = DATA_URL.findall(quiz)
    assert len(urls) == 2  # dom.js and quizview.js
    decoded = [urllib.parse.unquote(url.split(",", 1)[1]) for url in urls]
    assert decoded[0] == inline_module("dom.js")
    assert decoded[1] == inline_module("quizview.js")
    assert "\n" not in urls[1] and "#" not in urls[1]  # what a URL parser would drop or cut


def test_the_same_file_is_inlined_the_same_everywhere():
    """One URL, so one module instance on the page (one id counter, one beep switch)."""
    dom = DATA_URL.findall(inline_module("bodymap.js"))[0]
    assert dom in inline_module("home.js")
    assert dom in urllib.parse.unquote(inline_module("quiz.js"))


def test_a_change_to_a_dependency_changes_the_url_of_every_importer(static: Path):
    write(static, {"a.js": 'import { b } from "./b.js";\n', "b.js": "export const b = 1;\n"})
    write(static, {"c.js": "export const c = 1;\n", "d_e.js": 'import "./a.js";\n'})
    before = {name: static_url(name) for name in ("a.js", "b.js", "c.js", "d_e.js")}
    assert before["d_e.js"].startswith("motw/static/d_e.js?v=")
    assert f'"./{before["b.js"].removeprefix("motw/static/")}"' in served_module("a.js")
    write(static, {"b.js": "export const b = 22;\n"})  # a new size: seen within a clock tick
    after = {name: static_url(name) for name in before}
    assert {name for name in before if before[name] != after[name]} == {"a.js", "b.js", "d_e.js"}


def test_imports_of_every_form_are_linked(static: Path):
    write(
        static,
        {
            "main.js": (
                'import { a } from "./a.js";\n'
                "import {\n  a as again,\n} from './a.js';\n"
                'import "./a.js";\n'
                'export { a } from "./a.js";\n'
                'const later = await import("./a.js");\n'
                'const text = "./a.js is only a string";\n'
            ),
            "a.js": "export const a = 1;\n",
        },
    )
    linked = served_module("main.js")
    assert linked.count("./a.js?v=") == 5
    assert 'const text = "./a.js is only a string"' in linked


def test_a_missing_file_or_an_import_cycle_is_a_clear_error(static: Path):
    write(static, {"a.js": 'import "./b.js";\n', "b.js": 'import "./a.js";\n'})
    write(static, {"c.js": 'import { x } from "./nowhere.js";\n'})
    with pytest.raises(ModuleError, match=r"import cycle in widgets/static: a.js -> b.js -> a.js"):
        inline_module("a.js")
    with pytest.raises(ModuleError, match="import cycle"):
        static_url("b.js")
    with pytest.raises(ModuleError, match=r"widgets/static has no file 'nowhere\.js'"):
        served_module("c.js")


def test_under_the_course_app_a_widget_sends_a_loader_not_its_files(monkeypatch):
    assert front_end("quiz.js") == (inline_module("quiz.js"), static_text("course.css"))
    monkeypatch.setattr(widgets.files, "IN_VOILA", True)
    assert front_end("quiz.js")[0] == inline_module("quiz.js")  # plain Voilà: inline
    monkeypatch.setenv(widgets.files.SERVED_ENV, "1")
    loader, css = front_end("quiz.js")
    assert css == "" and len(loader) < 1500
    assert f'"{static_url("quiz.js")}"' in loader and f'"{static_url("course.css")}"' in loader
    assert "./widget" not in loader.split("\n\n", 1)[1]  # both placeholders filled



def fetch(paths: dict[str, str]) -> dict[str, tornado.httpclient.HTTPResponse]:
    async def fetch_all() -> dict[str, tornado.httpclient.HTTPResponse]:
        app = tornado.web.Application([(r"/motw/static/" + STATIC_NAME, WidgetFiles)])
        [sock] = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets([sock])
        base = f"http://127.0.0.1:{sock.getsockname()[1]}/"
        client = tornado.httpclient.AsyncHTTPClient()
        try:
            return {
                name: await client.fetch(base + path, raise_error=False)
                for name, path in paths.items()
            }
        finally:
            server.stop()

    return in_own_loop(fetch_all())


def test_the_widget_files_are_served_linked_and_cached_by_version():
    got = fetch(
        {
            "current": static_url("quiz.js"),
            "stale": "motw/static/quiz.js?v=000000000000",
            "css": static_url("course.css"),
            "unknown": "motw/static/nothing.js",
            "outside": "motw/static/..%2Fbase.py",
            "python": "motw/static/..%2Ffiles.py",
        }
    )
    assert got["current"].code == 200
    assert got["current"].body.decode() == served_module("quiz.js")
    assert got["current"].headers["Content-Type"].startswith("text/javascript")
    assert "immutable" in got["current"].headers["Cache-Control"]
    assert got["stale"].code == 200 and got["stale"].headers["Cache-Control"] == "no-cache"
    assert got["css"].headers["Content-Type"].startswith("text/css")
    assert [got[name].code for name in ("unknown", "outside", "python")] == [404, 404, 404]


def test_a_file_name_with_an_underscore_is_served(static: Path):
    write(static, {"my_module.js": "export const a = 1;\n", "main.js": 'import "./my_module.js";'})
    url = static_url("my_module.js")
    got = fetch({"module": url, "importer": static_url("main.js")})
    assert got["module"].code == 200 and "immutable" in got["module"].headers["Cache-Control"]
    assert url.removeprefix("motw/static/") in got["importer"].body.decode()
