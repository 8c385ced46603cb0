"""The production serve command: its proxy configuration, and what it says when it cannot run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from server import cluster
from server.cluster import Backend, find_haproxy, haproxy_config

ROOT = Path(__file__).resolve().parents[1]


def _haproxy() -> str:
    found = find_haproxy()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("HAProxy is missing: .ci/run installs Debian's haproxy before the tests")
        pytest.skip("HAProxy is not installed here (apt-get install haproxy); CI installs it")
    return found


def test_the_configuration_is_valid_haproxy(tmp_path):
    config = tmp_path / "haproxy.cfg"
    backends = [Backend("w1", "127.0.0.1", 8870), Backend("w2", "127.0.0.1", 8871)]
    config.write_text(haproxy_config(backends, "127.0.0.1:8866"))
    checked = subprocess.run([_haproxy(), "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_sticky_compressed_and_health_checked():
    text = haproxy_config([Backend("w1", "10.0.0.5", 8866)], "0.0.0.0:80")
    assert "cookie motw_worker insert" in text
    assert "server w1 10.0.0.5:8866 check cookie w1" in text
    assert "compression algo gzip" in text
    assert f"option httpchk GET {cluster.HEALTH_PATH}" in text
    assert "option redispatch" in text


def test_the_deploy_example_is_what_the_command_writes(capsys):
    cluster.main(
        [
            "--host=0.0.0.0",
            "--port=80",
            "--print-config=course1.example:8866,course2.example:8866,course3.example:8866",
        ]
    )
    assert capsys.readouterr().out == (ROOT / "deploy" / "haproxy.cfg").read_text()


def test_without_haproxy_it_says_how_to_install_it_and_starts_nothing(monkeypatch, capsys):
    monkeypatch.setattr(cluster, "find_haproxy", lambda: None)

    def no_process(*args, **kwargs):
        raise AssertionError("started a process")

    monkeypatch.setattr(cluster.subprocess, "Popen", no_process)
    assert cluster.main(["--workers=2"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == cluster.INSTALL_HINT and "apt-get install haproxy" in err


def test_find_haproxy_looks_on_the_given_path(tmp_path):
    assert find_haproxy(str(tmp_path)) is None
    binary = tmp_path / "haproxy"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    assert find_haproxy(str(tmp_path)) == str(binary)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers=two"], "expected a whole number of workers, got 'two'"),
        (["--workers=0"], "expected at least 1 worker, got 0"),
        (["--port=99999"], "expected a port from 1 to 65535, got 99999"),
        (["--print-config=nohost"], "expected HOST:PORT, got 'nohost'"),
    ],
)
def test_bad_settings_get_one_clear_line(args, message):
    run = subprocess.run(
        [sys.executable, "-m", "server.cluster", *args], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 2
    assert message in run.stderr and "Traceback" not in run.stderr
