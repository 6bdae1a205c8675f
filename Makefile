# signpost: `make site` builds the site into site/, `make test` runs every test.
# Both set up .venv (Python) and node_modules (pa11y-ci) first.
# ENGINE=properdocs builds (and tests) with ProperDocs 1.6.7 instead of MkDocs 1.6.1:
#   make site ENGINE=properdocs    make test ENGINE=properdocs

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY_STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
ENGINE ?= mkdocs
export SIGNPOST_ENGINE := $(ENGINE)

.PHONY: setup site serve test unit check a11y publish bench clean lighthouse

setup: $(PY_STAMP) $(NODE_STAMP)

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,properdocs]'
	touch $@

# PUPPETEER_SKIP_DOWNLOAD: pa11y drives Debian's Chromium (/usr/bin/chromium);
# never let puppeteer download a browser of its own.
$(NODE_STAMP): package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

site: setup
	$(BIN)/signpost build

# make serve LANG=ur ADDR=127.0.0.1:8001: one language, reloaded page by page.
# (LANG is only taken from the command line: the environment's LANG is a locale.)
ADDR ?= 127.0.0.1:8000
PREVIEW_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),en)
serve: setup
	$(BIN)/signpost serve --addr $(ADDR) --lang $(PREVIEW_LANG)

check: $(PY_STAMP)
	$(BIN)/signpost check

# Every test: unit and fixture-site tests (including real-browser ones) in
# parallel (one worker per core; a test file stays on one worker, so its shared
# fixture site is built once), then the whole site through pa11y in Chromium
# (each page loaded once for the light, target-size and dark passes).
test: setup
	$(BIN)/python -m pytest -n auto --dist loadfile
	$(BIN)/signpost build
	$(BIN)/signpost a11y

unit: $(PY_STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not browser"

a11y: site
	$(BIN)/signpost a11y

# Build, run every check (browser included, cached per page), then swap the site
# into DEST atomically; refuses a build with findings and keeps DEST as it was.
# Without DEST, stop before `setup` (a venv and npm install on a fresh clone) does any work.
ifneq ($(filter publish,$(MAKECMDGOALS)),)
ifeq ($(strip $(DEST)),)
$(error make publish: say where, e.g. make publish DEST=/var/www/riverside)
endif
endif
publish: setup
	$(BIN)/signpost build
	$(BIN)/signpost a11y
	$(BIN)/signpost publish --dest "$(DEST)"

# Lighthouse (accessibility, best practices, SEO = 100) on 8 pages in en and ur; about 2 minutes,
# so not part of `make test` (docs/accessibility.md).
lighthouse: site
	$(BIN)/python tools/lighthouse_scores.py

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf site .site-building-* .site-old .cache reports
