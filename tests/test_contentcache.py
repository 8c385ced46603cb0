"""The validated course kept between processes: used when it matches, never when it cannot be
trusted, and made anew when the content changes."""

from __future__ import annotations

import os

import pytest

from moves.contentcache import CACHE_ENV, cache_folder, remembered


@pytest.fixture
def folder(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    source = tmp_path / "source.yaml"
    source.write_text("one")
    return cache, source


def _counting(value):
    calls = []

    def load():
        calls.append(1)
        return value

    return load, calls


def test_a_second_process_reads_the_result(folder):
    cache, source = folder
    load, calls = _counting({"moves": 52})
    assert remembered(load, [source]) == {"moves": 52}
    assert remembered(load, [source]) == {"moves": 52}
    assert len(calls) == 1
    assert oct(os.stat(cache).st_mode & 0o777) == "0o700"


def test_a_changed_source_is_loaded_again(folder):
    _, source = folder
    load, calls = _counting("v1")
    remembered(load, [source])
    source.write_text("two, longer")
    remembered(load, [source])
    assert len(calls) == 2


def test_a_damaged_cache_is_loaded_again(folder):
    cache, source = folder
    load, calls = _counting("v1")
    remembered(load, [source])
    for pickle_file in cache.glob("*.pickle"):
        pickle_file.write_bytes(b"\x80\x05garbage")
    assert remembered(load, [source]) == "v1"
    assert len(calls) == 2


def test_a_folder_others_may_write_is_never_read(folder):
    cache, source = folder
    load, calls = _counting("v1")
    remembered(load, [source])
    os.chmod(cache, 0o777)
    remembered(load, [source])
    remembered(load, [source])
    assert len(calls) == 3  # not read, and not written either


def test_the_default_folder_is_per_user(monkeypatch):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    assert cache_folder().name == f"motw-content-{os.getuid()}"
