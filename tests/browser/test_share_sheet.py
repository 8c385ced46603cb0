"""Sharing a routine from the builder as a phone app does: the system's share sheet (the Web
Share API, here a stand-in the test installs) gets the routine's title and link; a cancelled
share is no error; a browser without it still gets the link to copy."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect
from test_routine_builder import open_home

from moves.loader import course
from moves.routines.share import FRAGMENT_KEY, decode_routine

# navigator.share as a phone has it, recording what it is asked to share; `outcome` is the
# name of the error it ends with ("" for a share that went through).
SHARE_SHEET = """
window.__shared = [];
Navigator.prototype.canShare = function (data) { return Boolean(data && data.url); };
Navigator.prototype.share = async function (data) {
  window.__shared.push(data);
  if (%s) throw new DOMException("The learner closed the share sheet", %s);
};
"""
NO_SHARE_SHEET = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"


def build_one(page: Page) -> None:
    builder = page.locator(".motw-builder")
    builder.get_by_role("button", name="Add Glute bridge").click()
    expect(builder.get_by_role("button", name="Share link")).to_be_enabled()


def test_share_hands_the_routine_s_link_to_the_share_sheet(page: Page, voila_url: str):
    page.add_init_script(SHARE_SHEET % ("false", "''"))
    open_home(page, voila_url)
    build_one(page)
    builder = page.locator(".motw-builder")
    builder.get_by_role("button", name="Share link").click()
    expect(builder.locator(".motw-notice-line")).to_have_text("Shared My routine.")
    [shared] = page.evaluate("window.__shared")
    assert shared["title"] == "My routine"
    base, fragment = shared["url"].split("#", 1)
    assert base == page.url.split("#")[0]
    key, code = fragment.split("=", 1)
    routine = decode_routine(code, course())
    assert key == FRAGMENT_KEY and routine.title == "My routine"
    assert [item.move for item in routine.items] == ["glute-bridge"]
    expect(builder.locator(".motw-share")).to_be_hidden()  # no box to copy from: it is shared

    builder.get_by_role("button", name="Save in this browser").click()  # a saved one too
    builder.get_by_role("button", name="Share My routine").click()
    page.wait_for_function("window.__shared.length === 2")
    assert page.evaluate("window.__shared[1]") == shared


def test_a_cancelled_share_is_no_error(page: Page, voila_url: str):
    page.add_init_script(SHARE_SHEET % ("true", "'AbortError'"))
    open_home(page, voila_url)
    build_one(page)
    builder = page.locator(".motw-builder")
    builder.get_by_role("button", name="Share link").click()
    page.wait_for_function("window.__shared.length === 1")
    expect(builder.locator(".motw-share")).to_be_hidden()
    expect(builder.locator(".motw-notice-line")).not_to_contain_text("Shared")
    # the page fixture fails the test on any console error or page error


def test_without_a_share_sheet_the_link_is_there_to_copy(
    page: Page, context: BrowserContext, voila_url: str
):
    page.add_init_script(NO_SHARE_SHEET)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_home(page, voila_url)
    build_one(page)
    builder = page.locator(".motw-builder")
    builder.get_by_role("button", name="Share link").click()
    link = builder.locator(".motw-share input")
    expect(link).to_be_focused()
    assert f"#{FRAGMENT_KEY}=" in link.input_value()
    builder.locator(".motw-share").get_by_role("button", name="Copy").click()
    expect(builder.locator(".motw-share").get_by_role("button")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == link.input_value()
    assert page.evaluate("typeof navigator.share") == "undefined"
