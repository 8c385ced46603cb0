"""The front-end build, what `make frontend` runs: `python -m authoring.frontend`.

esbuild (npm, pinned with @jupyterlab/services in package-lock.json) bundles
- each widget's ES module and styles, the files the views name in `front_end(...)`, into one
  self-contained file each in widgets/static/dist, named by its content's hash, with
  dist/manifest.json naming them (widgets.files reads it);
- the page's widget host (server/host/main.js, with @jupyterlab/services) into the course
  template's static/host.js, and the page's styles (server/host/page.css, with the widgets'
  palette.css) into its static/page.css, which Voilà serves versioned by their content.

The built files are committed, so running the course needs no Node. tests/test_frontend.py
rebuilds them from the lockfile in a temporary folder and fails when the committed ones differ.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ROOT / "widgets"
WIDGET_SOURCES = "widgets/static"
WIDGETS_OUT = "widgets/static/dist"
HOST_SOURCES = "server/host"
HOST_ENTRY = f"{HOST_SOURCES}/main.js"
HOST_OUT = "server/share/voila/templates/motw/static/host.js"
PAGE_ENTRY = f"{HOST_SOURCES}/page.css"
PAGE_OUT = "server/share/voila/templates/motw/static/page.css"
SCRIPT = "authoring/esbuild.mjs"
LOCKED = ("package.json", "package-lock.json")
# What a build reads, and what it writes.
INPUTS = (*LOCKED, SCRIPT, WIDGET_SOURCES, HOST_SOURCES)
OUTPUTS = (WIDGETS_OUT, HOST_OUT, PAGE_OUT)


class FrontEndError(ValueError):
    """A `front_end(...)` call the build cannot read."""


def _front_end_calls(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == "front_end"
    ]


def named_front_ends(views: Path = VIEWS) -> set[tuple[str, str]]:
    """Every (module, styles) pair the views name in `front_end(...)` calls, read from their
    source (importing the views would need their build), with front_end's own default styles."""
    files = ast.parse((views / "files.py").read_text(encoding="utf-8"))
    definition = next(
        node
        for node in ast.walk(files)
        if isinstance(node, ast.FunctionDef) and node.name == "front_end"
    )
    default_styles = ast.literal_eval(
        _resolve(files, definition.args.defaults[-1])
    )
    found = set()
    for path in sorted(views.glob("*.py")):
        if path.name == "files.py":
            continue
        for call in _front_end_calls(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.value for a in call.args if isinstance(a, ast.Constant)]
            if len(names) != len(call.args) or not 1 <= len(names) <= 2 or call.keywords:
                raise FrontEndError(
                    f"widgets/{path.name}:{call.lineno}: front_end takes the module's and the "
                    "styles' file names, as plain strings"
                )
            found.add((names[0], names[1] if len(names) == 2 else default_styles))
    return found


def _resolve(module: ast.Module, node: ast.expr) -> ast.expr:
    """A constant, or the value of the module-level name it is."""
    if isinstance(node, ast.Name):
        for statement in module.body:
            if isinstance(statement, ast.Assign) and any(
                getattr(target, "id", None) == node.id for target in statement.targets
            ):
                return statement.value
    return node


def plan() -> dict:
    """What esbuild bundles, paths relative to the repository."""
    entries = sorted({name for pair in named_front_ends() for name in pair})
    return {
        "widgets": {"entries": [f"{WIDGET_SOURCES}/{e}" for e in entries], "outdir": WIDGETS_OUT},
        "host": {"entry": HOST_ENTRY, "outfile": HOST_OUT},
        "page": {"entry": PAGE_ENTRY, "outfile": PAGE_OUT},
    }


def node_tools() -> tuple[str, str]:
    """node and npm, or a clear error naming what to install."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        raise SystemExit(
            "The front-end build needs Node.js and npm (Debian: apt-get install nodejs npm)."
        )
    return node, npm


def install(root: Path) -> None:
    """`npm ci` in `root`: exactly the packages the lockfile pins."""
    _, npm = node_tools()
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--prefer-offline"],
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def build(root: Path = ROOT) -> None:
    """Bundle the sources in `root` (this repository, or a copy of its INPUTS) with the
    packages in root/node_modules, writing the OUTPUTS there."""
    node, _ = node_tools()
    subprocess.run([node, SCRIPT, json.dumps(plan())], cwd=root, check=True)


def copy_inputs(root: Path) -> None:
    """The build's inputs, copied from this repository into `root`."""
    for name in INPUTS:
        source, target = ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("dist"))
        else:
            shutil.copy2(source, target)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--install", action="store_true", help="run `npm ci` first (node_modules from the lockfile)"
    )
    args = parser.parse_args(argv)
    if args.install or not (ROOT / "node_modules").is_dir():
        install(ROOT)
    build()
    print(f"built {WIDGETS_OUT}/, {HOST_OUT} and {PAGE_OUT}")


if __name__ == "__main__":
    main()
