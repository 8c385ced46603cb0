"""A first visit: the page is readable before its kernel answers, and nothing moves when the
widget host draws the live widgets (the motw template's stored pictures and reserved space,
issue 12)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

MOVE = "hamstring-kickbacks"
# Every layout shift not caused by input, summed as CLS does for a short page visit.
WATCH_SHIFTS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def test_the_move_is_readable_while_the_kernel_is_held_back(page: Page, voila_url: str):
    page.route_web_socket("**/api/kernels/**", lambda socket: None)  # never reaches the kernel
    page.goto(f"{voila_url}/voila/render/{MOVE}.ipynb")
    expect(page.get_by_role("heading", level=1, name="Hamstring kick backs")).to_be_visible()
    steps = page.locator(".motw-fallback[data-widget=StepWalkthrough] ol li")
    expect(steps.first).to_be_visible()
    assert steps.count() >= 3
    expect(page.locator(".motw-fallback[data-widget=StepWalkthrough] svg")).to_be_visible()
    expect(page.locator(".motw-fallback[data-widget=BodyMap] svg")).to_be_visible()
    page.wait_for_timeout(1500)  # time enough for the live views, had the kernel answered
    assert page.locator(".motw").count() == 0
    expect(steps.first).to_be_visible()


@pytest.mark.parametrize("width", [390, 1350])
def test_the_live_widgets_take_the_pictures_place(page: Page, voila_url: str, width: int):
    page.set_viewport_size({"width": width, "height": 850})
    page.goto(f"{voila_url}/voila/render/{MOVE}.ipynb")
    page.wait_for_selector(".motw-walk svg.motw-figure")
    cell = page.locator(".jp-OutputArea-child", has=page.locator(".motw-walk"))
    expect(cell.locator(".motw-fallback")).to_be_hidden()
    expect(cell.locator(".motw-walk")).to_be_visible()
    picture = cell.locator(".motw-fallback").bounding_box()
    live = cell.locator(".jp-OutputArea-output").bounding_box()
    assert picture and live and abs(picture["y"] - live["y"]) < 1  # in the picture's place
    assert abs(picture["x"] - live["x"]) < 1 and abs(picture["width"] - live["width"]) < 1
    box = cell.bounding_box()
    assert box and live["x"] + live["width"] <= box["x"] + box["width"] + 1  # not past its cell
    assert live["height"] <= picture["height"] + 1  # and no taller than the space it held


@pytest.mark.parametrize(
    ("name", "ready", "width"),
    [
        ("index", ".motw-home .motw-card", 412),
        ("index", ".motw-home .motw-card", 1350),
        (MOVE, ".motw-quiz .motw-prompt", 412),
        (MOVE, ".motw-quiz .motw-prompt", 1350),
    ],
)
def test_the_layout_does_not_shift(page: Page, voila_url: str, name: str, ready: str, width: int):
    page.set_viewport_size({"width": width, "height": 850})
    page.add_init_script(WATCH_SHIFTS)
    page.goto(f"{voila_url}/voila/render/{name}.ipynb")
    page.wait_for_selector(ready)
    page.wait_for_timeout(1000)  # late styles and fonts would land about now
    shift = page.evaluate("window.__shift")
    assert shift < 0.05, f"{name} at {width} px shifted by {shift:.3f}"
