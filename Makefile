# The two commands of teikit: `make edition` builds the whole edition, `make test` runs every test.
# Both set up what they need on a fresh machine (a virtual environment in .venv).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: edition test docs clean

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

edition: $(INSTALLED)
	$(BIN)/teikit convert seeds/ --skip-existing

test: $(INSTALLED)
	$(BIN)/python -m pytest

# Regenerate the README's examples and docs/cli.md from the commands themselves.
docs: $(INSTALLED)
	$(BIN)/cog -r -I docs README.md docs/cli.md

clean:
	rm -rf build
