# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test eval bench clean setup browser train

setup: $(STAMP)

$(STAMP): setup.cfg pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build data/articles -o out --export trig,ttl,html

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# Headless Chromium for tests/browser (Debian packages; the tests skip, saying why, if it cannot be installed).
browser:
	-sh tools/install_browser.sh

eval: $(STAMP)
	$(BIN)/kg eval all

# The relation classifier's weights, from KnowledgeNet folds 1-2 (same data, same bytes; fold 3 stays held out).
train: $(STAMP)
	$(BIN)/kg train relations --folds 1,2 -o data/models/relations_en.json

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf out build *.egg-info
