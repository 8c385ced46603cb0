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


# The colours a stored picture is drawn in, as the browser computes them.
PICTURE_COLOURS = """() => {
  const picture = (kind) => `.motw-fallback[data-widget=${kind}] svg`;
  const figure = document.querySelector(`${picture("StepWalkthrough")} .bone.core`);
  const label = document.querySelector(`${picture("BodyMap")} text`);
  const probe = document.createElement("span");  // the page's UI text colour, as computed
  probe.style.color = "var(--jp-ui-font-color0)";
  document.body.append(probe);
  const [drawn, labelled] = [getComputedStyle(figure), getComputedStyle(label)];
  return [drawn.stroke, labelled.fill, getComputedStyle(probe).color];
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_stored_pictures_have_the_theme_s_colours_before_the_widgets_styles(
    page: Page, page_watch, voila_url: str, theme: str
):
    """The pose figure and the body map's labels, before the widget host (and with it the
    widgets' styles) arrives, as on a kept page read offline: drawn in the theme's colours
    from the page's own styles. In the dark theme they were dark grey on black."""
    page_watch.allow("host.js")
    page.route("**/static/host.js*", lambda route: route.abort())
    page.goto(f"{voila_url}/voila/render/{MOVE}.ipynb?theme={theme}")
    expect(page.locator(".motw-fallback[data-widget=BodyMap] svg")).to_be_visible()
    figure, label, text = page.evaluate(PICTURE_COLOURS)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    light = {"figure": "rgb(54, 65, 82)", "page": "rgb(255, 255, 255)"}  # palette.css, page.css
    dark = {"figure": "rgb(223, 230, 238)", "page": "rgb(17, 17, 17)"}
    expected = light if theme == "light" else dark
    assert (figure, background) == (expected["figure"], expected["page"])
    assert label == text  # the body map's labels: the page's text colour


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
