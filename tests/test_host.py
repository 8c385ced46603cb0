"""The course page's widget host (server/host): every widget the notebooks make is one it can
draw. (Its model and state modules have tests of their own: tests/js/host-*.test.mjs.)"""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets.widgets.widget as ipywidget
import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SUPPORTED = ROOT / "server" / "host" / "supported.json"


def widget_models(notebook: Path) -> set[tuple[str, str]]:
    """The model module and name of every widget a notebook's code cells make (layouts and
    children too), run here as the kernel runs them."""
    before = set(ipywidget._instances)
    namespace: dict[str, object] = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, f"{notebook.name}", "exec"), namespace)
    made = [w for key, w in ipywidget._instances.items() if key not in before]
    assert made, f"{notebook.name} makes no widget"
    kinds = {(w._model_module, w._model_name) for w in made}
    for widget in made:
        widget.close()
    return kinds


def test_every_notebooks_widgets_are_ones_the_host_draws():
    assert len(NOTEBOOKS) > 10
    supported = {
        (module, name) for module, names in json.loads(SUPPORTED.read_text()).items()
        for name in names
    }
    used: dict[tuple[str, str], str] = {}
    for notebook in NOTEBOOKS:
        for kind in widget_models(notebook):
            used.setdefault(kind, notebook.name)
    unsupported = sorted(
        f"{module}.{name} (in {where})"
        for (module, name), where in used.items()
        if (module, name) not in supported
    )
    assert not unsupported, f"the page's widget host cannot draw: {unsupported}"
    assert ("anywidget", "AnyModel") in used and ("@jupyter-widgets/controls", "VBoxModel") in used
