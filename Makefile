# The two commands of the README: `make site` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Reproducible builds: the same commit builds byte-identical pages (dates in sitemap, gzip).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check schema clean messages

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

check: $(INSTALLED)
	$(BIN)/ccm-ica check

# Every language is built beside the last good site, which is replaced only when all succeed.
site: check
	$(BIN)/ccm-ica build

serve: $(INSTALLED)
	$(BIN)/mkdocs serve

test: $(INSTALLED)
	$(BIN)/python -m pytest

schema: $(INSTALLED)
	$(BIN)/ccm-ica schema

clean:
	rm -rf $(VENV) site

# The interface's words: extract _(), N_(), ngettext(), phrase() and phrase_plural() from generator/ and templates/ into
# locale/messages.pot, then merge it into each language's catalog (created when missing). New
# strings arrive empty or fuzzy; tests/test_i18n_catalogs.py lists them until they are translated.
LOCALES := fr es
messages: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k phrase -k phrase_plural:1,2 --add-location=file \
		--project=ccm-ica --copyright-holder="ccm-ica contributors" \
		--msgid-bugs-address=https://github.com/ccm-ica/ccm-ica/issues --version=$(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml) -o locale/messages.pot .
	for lang in $(LOCALES); do \
		$(BIN)/pybabel update -i locale/messages.pot -d locale -l $$lang --init-missing --ignore-obsolete; \
	done

# bench: `ccm-ica build` of every language against MkDocs alone building the same Markdown, on the
# real content and at scale 10, 5 runs each (about 10 minutes on a quiet 2-core machine; not run by
# CI). bench-serve: how long `mkdocs serve` takes to show a one-line YAML edit (under a minute).
# bench-weight: what a phone downloads (a first visit, the next page), Lighthouse mobile per kind of
# page and the site's size, against issue 23's budget (about 15 minutes; Lighthouse, pinned in
# benchmarks/package.json, and Debian's chromium). `make bench` runs both.
# Each writes its section of benchmarks/results.md.
.PHONY: bench bench-serve bench-weight
bench: $(INSTALLED)
	$(BIN)/python benchmarks/run.py
	$(MAKE) bench-weight

bench-weight: $(INSTALLED)
	npm ci --prefix benchmarks --no-audit --no-fund
	$(BIN)/python benchmarks/weight.py

bench-serve: $(INSTALLED)
	$(BIN)/python benchmarks/serve_latency.py
