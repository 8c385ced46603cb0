# Move of the Week. Two commands: `make start` serves the course, `make test` runs every test.
# Both create .venv with the system's Python 3.11+ on first use, and are safe to repeat.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
PORT ?= 8866
TEMPLATE := $(shell find server/share/voila/templates/motw -type f)

.PHONY: start serve test check build frontend docs bench clean

start: $(INSTALLED)
	$(PY) -m server.app notebooks/ --port=$(PORT) --no-browser --Voila.ip=127.0.0.1

# Production: one course worker per core (WORKERS=N to choose) behind HAProxy on $(PORT).
WORKERS ?=
serve: $(INSTALLED)
	$(PY) -m server.cluster notebooks/ --port=$(PORT) $(if $(WORKERS),--workers=$(WORKERS))

test: $(INSTALLED)
	$(PY) -m ruff check moves widgets server authoring tests bench
	$(VENV)/bin/biome lint widgets/static server/host server/pwa
	$(VENV)/bin/move-course check
	node --test tests/js/*.test.mjs
	@command -v chromium >/dev/null || test -x /usr/bin/chromium || $(PY) -m playwright install chromium
	$(PY) -m pytest --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

$(INSTALLED): pyproject.toml $(TEMPLATE)
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	@echo "First use: installing the course and its test tools into $(VENV) (a few minutes)..."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade --progress-bar on pip
	$(PY) -m pip install --progress-bar on -e '.[test]'
	@echo "Installed."
	touch $@

check: $(INSTALLED)
	$(VENV)/bin/move-course check

build: $(INSTALLED)
	$(VENV)/bin/move-course build

# The widgets' front end and the page's widget host, bundled by esbuild with the packages the
# lockfile pins into committed files (authoring/frontend.py). Needs Node.js and npm (Debian:
# nodejs, npm); serving the course does not.
frontend: $(INSTALLED)
	$(PY) -m authoring.frontend --install

# The screenshots in docs/ (README): the browser tests write them to build/screenshots/, which
# a test run never copies; this does.
docs: $(INSTALLED)
	$(PY) -m pytest -q tests/browser/test_screenshots.py
	cp build/screenshots/*.png docs/

bench: $(INSTALLED)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build
