# The two commands of teikit: `make edition` builds the whole edition, `make test` runs every test.
# Both set up what they need on a fresh machine (a virtual environment in .venv).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: edition test docs clean browser poppler jing

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

edition: $(INSTALLED)
	$(BIN)/teikit convert seeds/ --skip-existing
	$(BIN)/teikit validate tei/
	$(BIN)/teikit build web
	$(BIN)/teikit build print

test: $(INSTALLED) browser poppler jing
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium (Playwright's own browser download needs the network).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
		|| echo "Chromium could not be installed (apt-get needs root): the browser tests will be skipped"

# The print tests read PDFs back with poppler's pdftotext, which honours the text a PDF tags for its glyphs.
poppler:
	@command -v pdftotext >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null) \
		|| echo "poppler-utils could not be installed (apt-get needs root): the PDF text tests will be skipped"

# The agreement tests compare teikit's RELAX NG verdicts with Debian's jing (it needs Java).
jing:
	@command -v jing >/dev/null || (apt-get update -qq && apt-get install -y -qq jing >/dev/null) \
		|| echo "jing could not be installed (apt-get needs root): the jing agreement tests will be skipped"

# Regenerate the README's examples and docs/cli.md from the commands themselves.
docs: $(INSTALLED)
	$(BIN)/cog -r -I docs README.md docs/cli.md

clean:
	rm -rf build
