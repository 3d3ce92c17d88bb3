# The two commands of teikit: `make edition` builds the whole edition, `make test` runs every test.
# Both set up what they need on a fresh machine (a virtual environment in .venv).
SHELL := /bin/bash
# No built-in rules: make would otherwise look for a way to remake each of the hundreds of inputs
# below (from RCS, SCCS, .c, …), most of the time `make edition` takes when nothing changed.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: edition test docs clean packages editor-assets FORCE

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# setuptools warns on every editable install of a package with folders outside src/ (xslt/, schema/).
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# `make edition` is a graph of steps, each a stamp in build/.make/ made after its inputs (the TEI,
# the seeds, the schema, the stylesheets and teikit's code): with nothing changed, make runs none.
# A step whose output was deleted runs again (FORCE when its main output is missing).
TEI_FILES := $(wildcard tei/*.xml)
DOCUMENTS := $(filter-out tei/register.xml,$(TEI_FILES))
SEEDS := $(wildcard seeds/*)
SCHEMA_FILES := $(wildcard schema/*)
CODE := pyproject.toml $(shell find src -name '*.py' -not -path '*/__pycache__/*' 2>/dev/null)
STAMP := build/.make
EDITION_INPUTS := $(STAMP)/validate $(TEI_FILES) $(SCHEMA_FILES) $(CODE)
EXPORTS := csv epub docx markdown rdf tei-publisher text
# Each folder listed once (a prerequisite list is expanded for every rule that names it).
PRINT_XSLT := $(shell find xslt/print -type f)
EXPORT_XSLT := $(shell find xslt/export -type f)
WEB_XSLT := $(shell find xslt/web -type f)
missing = $(if $(wildcard $(1)),,FORCE)

edition: $(STAMP)/release

$(STAMP)/convert: $(INSTALLED) $(SEEDS) $(CODE) | $(STAMP)/.folder
	$(BIN)/teikit convert seeds/ --skip-existing
	@touch $@

$(STAMP)/validate: $(STAMP)/convert $(TEI_FILES) $(SCHEMA_FILES) $(CODE)
	$(BIN)/teikit validate tei/
	@touch $@

$(STAMP)/print: $(EDITION_INPUTS) $(PRINT_XSLT) $(call missing,build/print/edition.pdf)
	$(BIN)/teikit build print
	@touch $@

$(STAMP)/export-%: $(EDITION_INPUTS) $(EXPORT_XSLT)
	$(BIN)/teikit export $* tei/ -o build/export/$*
	@touch $@

$(STAMP)/export-text: $(EDITION_INPUTS) $(EXPORT_XSLT) $(call missing,build/export/text)
	$(BIN)/teikit export text $(filter-out tei/register.xml,$(wildcard tei/*.xml)) -o build/export/text/
	@touch $@

$(foreach format,$(filter-out text,$(EXPORTS)),$(eval $(STAMP)/export-$(format): $(call missing,build/export/$(format))))

# After the book and the exports, so that each page links the PDF and the other outputs (--downloads build/).
$(STAMP)/web: $(EDITION_INPUTS) $(STAMP)/print $(EXPORTS:%=$(STAMP)/export-%) $(WEB_XSLT) \
		$(call missing,build/web/index.html)
	$(BIN)/teikit build web --with-release
	@# The DTS API as static files inside the site (the version just published).
	$(BIN)/teikit export dts tei/ -o build/web/dts
	@touch $@

# The release holds the site and then goes into it, where the home page offers it.
$(STAMP)/release: $(STAMP)/web $(call missing,build/release) $(call missing,build/web/downloads/release.zip)
	$(BIN)/teikit release tei/ -o build/release
	@touch $@

$(STAMP)/.folder:
	@mkdir -p $(STAMP) && touch $@

FORCE:

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
