# `make` builds every leaflet into output/; `make test` runs every test.
# Both create the virtual environment first, from the pins in pyproject.toml.
#
# One leaflet (or a few), by id, the file name without .yaml:
#   make leaflet ID=knie          build it (the others stay as they are)
#   make lint ID="knie heup"      check their texts
#   make new ID=knie              start a new leaflet, sources/leaflets/knie.yaml
#   make new ID=knee LANGUAGE_TAG=en

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ID     ?=
LANGUAGE_TAG ?=

# Debian packages the tests use: Chromium (the build report is tested in a real
# browser). Installed when running as root (as CI does); otherwise `make test`
# says what to install. Spelling needs none: Hunspell and its dictionaries are
# pinned Python packages.
SYSTEM_PACKAGES := chromium

.PHONY: all leaflets leaflet new needs-id test snapshots lint docs bench bytecode system-packages clean distclean

all: leaflets

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $(STAMP)

leaflets: $(STAMP) bytecode
	$(BIN)/python make_leaflets.py build $(ID)

leaflet: needs-id $(STAMP) bytecode
	$(BIN)/python make_leaflets.py build $(ID)

# The package compiled to bytecode once, and again only where a module changed:
# every command then starts without compiling it, also where the environment
# keeps Python from writing bytecode itself (PYTHONDONTWRITEBYTECODE).
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q leaflets make_leaflets.py benchmarks >/dev/null

new: needs-id $(STAMP)
	$(BIN)/python make_leaflets.py new $(ID) $(if $(LANGUAGE_TAG),--language $(LANGUAGE_TAG))

needs-id:
	@if [ -z "$(ID)" ]; then echo "name the leaflet: make $(MAKECMDGOALS) ID=<id> (its file" \
	  "name in sources/leaflets/ without .yaml, such as ID=knie)" >&2; exit 2; fi

# Static checks first (ruff's rules and mypy's settings are in pyproject.toml),
# then the specifications, then the page texts against their snapshots. The
# specifications run in parallel, one worker per core, each test file on one
# worker (so a file's module-wide build is made once), with a line per test as
# it finishes; the build of sources/ that several files read is made once per run
# (tests/conftest.py, project_build).
test: $(STAMP) system-packages bytecode
	$(BIN)/ruff check .
	$(BIN)/mypy --strict leaflets
	$(BIN)/python -m pytest -n auto --dist loadfile -v
	$(BIN)/python make_leaflets.py check --output $(VENV)/check-output

# After an intended text change: rewrite tests/snapshots/ and review the diff.
snapshots: $(STAMP)
	$(BIN)/python make_leaflets.py check --update --output $(VENV)/check-output

# The editorial checks alone, without building PDFs.
lint: $(STAMP)
	$(BIN)/python make_leaflets.py lint $(ID)

# docs/problems.md and the field table of docs/source-format.md, from the code.
docs: $(STAMP)
	$(BIN)/python -m leaflets.docs

# Speed and memory at catalogue scale: writes benchmarks/RESULTS.md (not run by the tests).
bench: $(STAMP) system-packages bytecode
	$(BIN)/python benchmarks/run.py

system-packages:
	@missing=""; for package in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages:$$missing; run: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf output

distclean: clean
	rm -rf $(VENV)
