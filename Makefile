# The two commands of the README: `make site` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: site test serve check schema clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

check: $(INSTALLED)
	$(BIN)/ccm-ica check

site: check

test: $(INSTALLED)
	$(BIN)/python -m pytest

schema: $(INSTALLED)
	$(BIN)/ccm-ica schema

clean:
	rm -rf $(VENV) site
