# `make` builds every leaflet into output/; `make test` runs every test.
# Both create the virtual environment first, from the pins in pyproject.toml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: all leaflets test check snapshots clean distclean

all: leaflets

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $(STAMP)

leaflets: $(STAMP)
	$(BIN)/python make_leaflets.py

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/python make_leaflets.py check --output $(VENV)/check-output

# After an intended text change: rewrite tests/snapshots/ and review the diff.
snapshots: $(STAMP)
	$(BIN)/python make_leaflets.py check --update --output $(VENV)/check-output

clean:
	rm -rf output

distclean: clean
	rm -rf $(VENV)
