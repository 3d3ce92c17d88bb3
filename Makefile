# The two commands of teikit: `make edition` builds the whole edition, `make test` runs every test.
# Both set up what they need on a fresh machine (a virtual environment in .venv).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: edition test docs clean packages editor-assets

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# setuptools warns on every editable install of a package with folders outside src/ (xslt/, schema/).
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

edition: $(INSTALLED)
	$(BIN)/teikit convert seeds/ --skip-existing
	$(BIN)/teikit validate tei/
	$(BIN)/teikit build print
	$(BIN)/teikit export csv tei/ -o build/export/csv
	$(BIN)/teikit export epub tei/ -o build/export/epub
	$(BIN)/teikit export docx tei/ -o build/export/docx
	$(BIN)/teikit export markdown tei/ -o build/export/markdown
	$(BIN)/teikit export rdf tei/ -o build/export/rdf
	$(BIN)/teikit export tei-publisher tei/ -o build/export/tei-publisher
	$(BIN)/teikit export text $(filter-out tei/register.xml,$(wildcard tei/*.xml)) -o build/export/text/
	@# After the book and the exports, so that each page links the PDF and the other outputs (--downloads build/).
	$(BIN)/teikit build web
	$(BIN)/teikit export dts tei/ -o build/web/dts
	$(BIN)/teikit release tei/ -o build/release

# cffconvert (which checks CITATION.cff) pins jsonschema<4: it lives in a venv of its own. Defined
# before the rules that name it: make expands a prerequisite when it reads the rule.
CFF := .venv-cff/bin/cffconvert

test: $(INSTALLED) packages $(CFF)
	$(BIN)/python -m pytest

$(CFF):
	@test -x .venv-cff/bin/python || $(PYTHON) -m venv .venv-cff
	.venv-cff/bin/python -m pip install --quiet 'cffconvert>=2.0'

# Debian packages the tests need, as package:command. Chromium: the browser tests drive it through
# Playwright (whose own browser download needs the network). poppler-utils: pdftotext reads the PDFs
# back, honouring the text a PDF gives for its glyphs. jing (with Java): the RELAX NG verdicts
# teikit's are compared with; its Java also runs EPUBCheck. libreoffice-writer: opens the DOCX exports. Without root they cannot be installed and those tests skip, saying why.
TEST_PACKAGES := chromium:chromium poppler-utils:pdftotext jing:jing libreoffice-writer:soffice

packages:
	@missing=""; for pair in $(TEST_PACKAGES); do \
		command -v "$${pair#*:}" >/dev/null || missing="$$missing $${pair%%:*}"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages for the tests:$$missing"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
		|| echo "Could not install$$missing (apt-get needs root): the tests that need them will be skipped"; \
	fi

# Regenerate the README's examples and docs/cli.md from the commands themselves.
docs: $(INSTALLED)
	$(BIN)/cog -r -I docs README.md docs/cli.md

# The editor's front end (editor/src) bundled into editor/dist, which is committed: only whoever
# changes the front end needs npm (node 20); `make edition` and `make test` never do.
editor-assets:
	cd editor && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf build
