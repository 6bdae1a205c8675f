# signpost: `make site` builds the site into site/, `make test` runs every test.
# Both set up .venv (Python) and node_modules (pa11y-ci) first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY_STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: setup site serve test unit check a11y bench clean

setup: $(PY_STAMP) $(NODE_STAMP)

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# PUPPETEER_SKIP_DOWNLOAD: pa11y drives Debian's Chromium (/usr/bin/chromium);
# never let puppeteer download a browser of its own.
$(NODE_STAMP): package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

site: setup
	$(BIN)/signpost build

serve: setup
	$(BIN)/mkdocs serve --livereload

check: $(PY_STAMP)
	$(BIN)/signpost check

# Every test: unit and fixture-site tests (including real-browser ones), then
# the whole site through pa11y-ci in Chromium.
test: setup
	$(BIN)/python -m pytest
	$(BIN)/signpost build
	$(BIN)/signpost a11y

unit: $(PY_STAMP)
	$(BIN)/python -m pytest -m "not browser"

a11y: site
	$(BIN)/signpost a11y

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf site .site-building-* .site-old .cache reports
