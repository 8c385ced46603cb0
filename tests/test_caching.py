"""The course app compresses its responses and lets browsers keep every versioned static file
(server.caching), checked on a real server with the repository's configuration."""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
import tornado.websocket
from live_server import ROOT, serving
from support import in_own_loop

from server.caching import FOR_GOOD, bundle_version, is_versioned
from widgets.files import static_url

MOVE_PAGE = "/voila/render/hamstring-kickbacks.ipynb"


@pytest.mark.parametrize(
    ("path", "query", "versioned"),
    [
        ("/voila/static/v0123456789ab/7155.voila.js", "", True),
        ("/voila/static/7155.voila.js", "", False),
        ("/voila/static/voila.js", "v=1", False),  # Voilà's own handler ignores the version
        ("/voila/labextensions/anywidget/static/remoteEntry.698dcaf7.js", "", True),
        ("/voila/labextensions/@jupyter-widgets/jupyterlab-manager/static/84.js", "v=09c6", True),
        ("/voila/labextensions/anywidget/package.json", "", False),
        ("/voila/templates/motw/static/index.css", "v=ee8d", True),
        ("/voila/templates/motw/static/index.css", "", False),
        ("/voila/render/index.ipynb", "v=1", False),
        ("/course/voila/static/v0123456789ab/voila.js", "", True),
    ],
)
def test_which_requests_name_a_version(path, query, versioned):
    base = "/course/" if path.startswith("/course/") else "/"
    assert is_versioned(path, query, base) is versioned


def test_the_bundle_version_follows_the_files(tmp_path):
    (tmp_path / "a.js").write_text("one")
    first = bundle_version([str(tmp_path), str(tmp_path / "missing")])
    assert first == bundle_version([str(tmp_path)])
    (tmp_path / "a.js").write_text("two")
    assert bundle_version([str(tmp_path)]) != first


@pytest.fixture(scope="module")
def course_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`make start` on a free port, with this tree's template."""
    log = tmp_path_factory.mktemp("caching") / "voila.log"
    args = [
        "server.app",
        "notebooks/",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",  # a taken port fails here, not in the tests
    ]
    env = {"JUPYTER_PATH": str(ROOT / "server" / "share"), "PYTHONPATH": str(ROOT)}
    with serving(args, "/voila/templates/motw/static/index.css", log, env) as url:
        yield url


def get(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


@pytest.fixture(scope="module")
def move_page(course_app: str) -> tuple[dict[str, str], str]:
    status, headers, body = get(course_app + MOVE_PAGE)
    assert status == 200
    return headers, gzip.decompress(body).decode()


@pytest.fixture(scope="module")
def stock_page(course_app: str) -> str:
    """The move page with Voilà's stock lab template, which loads Voilà's front end (the course
    template loads the course's own widget host instead)."""
    status, _, body = get(course_app + MOVE_PAGE + "?template=lab")
    assert status == 200
    return gzip.decompress(body).decode()


def page_config(html: str) -> dict:
    found = re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, "the page has no jupyter-config-data"
    return json.loads(found.group(1))


def test_the_page_is_compressed_and_never_cached(move_page):
    headers, html = move_page
    assert headers["Content-Encoding"] == "gzip"
    assert "no-store" in headers["Cache-Control"]
    assert "<title>Hamstring kick backs</title>" in html


def test_voilas_bundle_is_served_under_its_version_and_kept_for_good(course_app, stock_page):
    html = stock_page
    static = page_config(html)["fullStaticUrl"]
    assert re.fullmatch(r"/voila/static/v[0-9a-f]{12}", static), static
    assert f'src="{static}/voila.js"' in html
    for name in ("voila.js", "7155.voila.js"):
        status, headers, body = get(course_app + f"{static}/{name}")
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert headers["Cache-Control"] == FOR_GOOD
        assert gzip.decompress(body) == get(course_app + f"/voila/static/{name}", False)[2]
    # Another version is not served from the versioned folder; the plain URL is not kept.
    assert get(course_app + "/voila/static/v000000000000/voila.js")[0] in (403, 404)
    assert get(course_app + "/voila/static/voila.js")[1].get("Cache-Control") != FOR_GOOD


def test_labextensions_template_and_course_files_are_kept_for_good(
    course_app, move_page, stock_page
):
    _, html = move_page
    assert page_config(html).keys() == {"baseUrl", "kernelId"}  # what the widget host needs
    config = page_config(stock_page)
    extension = next(e for e in config["federated_extensions"] if e["name"] == "anywidget")
    template_files = re.findall(r'(?:href="|import\(")(/voila/templates/motw/static/[^"]+)"', html)
    names = sorted(url.rsplit("/", 1)[1].split("?")[0] for url in template_files)
    assert names == ["host.js", "page.css", "print.css"], template_files
    urls = [
        f"/voila/labextensions/{extension['name']}/{extension['load']}",
        *template_files,
        f"/{static_url('quiz.js')}",
        f"/{static_url('course.css')}",
    ]
    for url in urls:
        status, headers, _ = get(course_app + url.replace("&amp;", "&"))
        assert status == 200, url
        assert headers["Cache-Control"] == FOR_GOOD, url
        assert headers.get("Content-Encoding") == "gzip", url


def test_json_is_compressed_and_unversioned_files_are_not_kept(course_app):
    status, headers, body = get(
        course_app + "/voila/labextensions/@jupyter-widgets/jupyterlab-manager/package.json"
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(body))["name"] == "@jupyter-widgets/jupyterlab-manager"
    assert headers.get("Cache-Control") != FOR_GOOD


def test_a_client_without_gzip_gets_plain_text(course_app, stock_page):
    static = page_config(stock_page)["fullStaticUrl"]
    status, headers, body = get(course_app + f"{static}/voila.js", gzip_ok=False)
    assert status == 200
    assert "Content-Encoding" not in headers
    assert int(headers["Content-Length"]) == len(body)


def test_pages_load_only_the_extensions_the_course_uses(stock_page):
    """voila.json's extension_allowlist: the widget managers and anywidget, nothing else."""
    html = stock_page
    loaded = {extension["name"] for extension in page_config(html)["federated_extensions"]}
    assert loaded == {
        "@jupyter-widgets/jupyterlab-manager",
        "@voila-dashboards/widgets-manager8",
        "anywidget",
    }


def test_the_kernels_websocket_is_deflated(course_app, move_page):
    """The widget state comes over the page's kernel websocket: permessage-deflate is agreed."""
    _, html = move_page
    kernel = page_config(html)["kernelId"]
    url = course_app.replace("http", "ws", 1) + f"/api/kernels/{kernel}/channels"

    async def extensions() -> str:
        connection = await tornado.websocket.websocket_connect(url, compression_options={})
        try:
            return connection.headers.get("Sec-WebSocket-Extensions", "")
        finally:
            connection.close()

    agreed = in_own_loop(extensions())
    assert "permessage-deflate" in agreed
