"""The widgets' front-end files: each widget sends its built module and styles (one
self-contained file each, `make frontend`) as text to JupyterLab and plain Voilà, and their
URLs under the course app, which serves them for good."""

from __future__ import annotations

import json
import re
from pathlib import Path

import anywidget
import pytest
import tornado.httpclient
import tornado.httpserver
import tornado.netutil
import tornado.web
from support import in_own_loop

import widgets
import widgets.files
from server.app import WidgetFiles
from widgets.files import (
    DIST,
    SERVED_ENV,
    STATIC_NAME,
    Built,
    ModuleError,
    built_name,
    front_end,
    manifest,
    static_url,
)

RELATIVE_IMPORT = re.compile(r"""(?:from|import)\s*\(?\s*["']\.{1,2}/""")


def widget_classes() -> list[type]:
    """Every anywidget class the views define with a front end."""
    found, todo = [], [anywidget.AnyWidget]
    while todo:
        for kind in todo.pop().__subclasses__():
            todo.append(kind)
            # anywidget makes a subclass per instance, with _esm as a trait: not those
            if kind.__module__.startswith("widgets.") and isinstance(vars(kind).get("_esm"), str):
                found.append(kind)
    assert len(found) > 8, found
    return found


def test_every_widget_sends_one_self_contained_module_and_its_styles():
    for kind in widget_classes():
        esm, css = kind._esm, kind._css
        assert isinstance(esm, Built) and isinstance(css, Built), kind
        assert esm == (DIST / esm.url.rpartition("/")[2]).read_text(), kind
        assert not RELATIVE_IMPORT.search(esm), f"{kind.__name__} imports a file of its own"
        assert "data:text/javascript" not in esm, kind
        assert "export{" in esm.replace(" ", "") and "\n" in esm, kind
        assert css.url.endswith(".css") and "{" in css, kind


def test_a_built_file_is_named_by_its_content():
    names = manifest()
    assert set(names) >= {"quiz.js", "course.css", "routine.css"}
    for source, built in names.items():
        stem, suffix = source.rsplit(".", 1)
        assert re.fullmatch(rf"{re.escape(stem)}\.[A-Z0-9]{{8}}\.{suffix}", built), built
    assert sorted(p.name for p in DIST.iterdir()) == sorted([*names.values(), "manifest.json"])


def test_under_the_course_app_a_widget_sends_its_files_urls(monkeypatch):
    store = widgets.ProgressStore()
    assert (store._esm, store._css) == front_end("progress.js")
    monkeypatch.setattr(widgets.files, "IN_VOILA", True)
    assert widgets.ProgressStore()._esm == store._esm  # plain Voilà: the text
    monkeypatch.setenv(SERVED_ENV, "1")
    served = widgets.ProgressStore()
    assert served._esm == static_url("progress.js") == f"motw/static/{built_name('progress.js')}"
    assert served._css == static_url("course.css")
    walk = widgets.StepWalkthrough("hamstring-kickbacks", store=served)
    assert walk._esm == static_url("walkthrough.js")
    assert walk.get_state("_css") == {"_css": static_url("course.css")}


def test_a_missing_build_names_the_command_that_makes_it(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(widgets.files, "MANIFEST", tmp_path / "manifest.json")
    with pytest.raises(ModuleError, match=r"manifest\.json is missing: run `make frontend`"):
        built_name("quiz.js")
    (tmp_path / "manifest.json").write_text(json.dumps({"dom.js": "dom.AAAAAAAA.js"}))
    with pytest.raises(ModuleError, match=r"widgets/static/quiz\.js has not been built"):
        front_end("quiz.js")
    with pytest.raises(ModuleError, match=r"widgets/static has no file 'nothing\.js'"):
        built_name("nothing.js")


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


def test_the_built_files_are_served_and_kept_for_good():
    got = fetch(
        {
            "module": static_url("quiz.js"),
            "css": static_url("course.css"),
            "source": "motw/static/quiz.js",
            "manifest": "motw/static/manifest.json",
            "unknown": "motw/static/nothing.js",
            "outside": "motw/static/..%2Ffiles.py",
        }
    )
    assert got["module"].code == 200
    assert got["module"].body == (DIST / built_name("quiz.js")).read_bytes()
    assert got["module"].headers["Content-Type"].startswith("text/javascript")
    assert "immutable" in got["module"].headers["Cache-Control"]
    assert got["css"].headers["Content-Type"].startswith("text/css")
    assert "immutable" in got["css"].headers["Cache-Control"]
    assert [got[name].code for name in ("source", "manifest", "unknown", "outside")] == [404] * 4
