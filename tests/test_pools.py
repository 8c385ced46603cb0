"""Pre-heat pools that follow the course calendar: settings, the Monday rollover, content stamps."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from moves.contentcache import content_stamp
from server.pools import (
    THIS_WEEK,
    PoolSettingsError,
    pool_sizes,
    read_pool_settings,
    read_timezone,
)

NOTEBOOKS = ["index.ipynb", "plank.ipynb", "glute-bridge.ipynb"]


def test_sizes_are_read_from_the_configuration():
    settings = read_pool_settings(
        {"default": {"pool_size": 0}, "index.ipynb": {"pool_size": 1}, THIS_WEEK: {"pool_size": 3}},
        NOTEBOOKS,
    )
    assert settings.default == 0
    assert pool_sizes(settings, "plank.ipynb") == {"index.ipynb": 1, "plank.ipynb": 3}


def test_this_week_follows_the_notebook_it_is_given():
    settings = read_pool_settings({THIS_WEEK: {"pool_size": 2}}, NOTEBOOKS)
    assert pool_sizes(settings, "plank.ipynb") == {"plank.ipynb": 2}
    assert pool_sizes(settings, "glute-bridge.ipynb") == {"glute-bridge.ipynb": 2}
    assert pool_sizes(settings, None) == {}


def test_a_page_named_twice_keeps_the_larger_pool():
    settings = read_pool_settings(
        {"plank.ipynb": {"pool_size": 1}, THIS_WEEK: {"pool_size": 2}}, NOTEBOOKS
    )
    assert pool_sizes(settings, "plank.ipynb") == {"plank.ipynb": 2}


def test_the_monday_rollover_is_counted_in_the_configured_time_zone():
    settings = read_pool_settings({}, NOTEBOOKS, timezone="Pacific/Auckland")
    # Sunday 30 Nov 2026, 13:00 UTC is already Monday 1 Dec, 02:00 in Auckland.
    sunday_utc = dt.datetime(2026, 11, 29, 13, 0, tzinfo=dt.UTC)
    assert settings.today(sunday_utc) == dt.date(2026, 11, 30)
    utc = read_pool_settings({}, NOTEBOOKS, timezone="UTC")
    assert utc.today(sunday_utc) == dt.date(2026, 11, 29)


def test_the_default_time_zone_is_the_servers():
    settings = read_pool_settings({}, NOTEBOOKS)
    assert settings.timezone is None
    now = dt.datetime(2026, 11, 29, 23, 30, tzinfo=dt.UTC)
    assert settings.today(now) == now.astimezone().date()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"plnak.ipynb": {"pool_size": 1}},
            "kernel_pools_config: unknown page 'plnak.ipynb'; expected 'default', 'this-week'",
        ),
        (
            {"index.ipynb": {"pool_size": "two"}},
            "kernel_pools_config['index.ipynb'].pool_size: expected a whole number of kernels, "
            "got 'two'",
        ),
        (
            {THIS_WEEK: {"pool_size": -1}},
            "kernel_pools_config['this-week'].pool_size: expected 0 to 64 kernels, got -1",
        ),
        ({THIS_WEEK: {"pool_size": True}}, "expected a whole number of kernels, got True"),
        ({"index.ipynb": 2}, "kernel_pools_config['index.ipynb']: expected a mapping"),
        ([], "kernel_pools_config: expected a mapping, got []"),
    ],
)
def test_bad_pool_settings_get_one_clear_line(config, message):
    with pytest.raises(PoolSettingsError) as caught:
        read_pool_settings(config, NOTEBOOKS)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_unknown_time_zone_is_named():
    with pytest.raises(PoolSettingsError, match="'Mars/Olympus' is not a known time zone"):
        read_timezone("Mars/Olympus")
    with pytest.raises(PoolSettingsError, match="is not a known time zone"):
        read_timezone("../../etc/passwd")


def test_the_content_stamp_changes_with_any_file(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    move = library / "plank.yaml"
    move.write_text("a")
    notebook = tmp_path / "plank.ipynb"
    notebook.write_text("{}")
    before = content_stamp([library, notebook])
    assert content_stamp([library, notebook]) == before
    move.write_text("ab")
    after_edit = content_stamp([library, notebook])
    assert after_edit != before
    os.utime(notebook, ns=(1, 1))
    assert content_stamp([library, notebook]) != after_edit
    (library / "new.yaml").write_text("c")
    assert len(content_stamp([library])) == 2
