# The two commands a new user needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: setup run test score bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## run: set up, then show what the extractor finds in the bundled seeds
run: setup
	$(VENV)/bin/fazhi-review summary seeds

## test: set up, then run the whole test suite (includes the import-layer contract)
test: setup
	$(PY) -m pytest

## score: extraction scores on the shared gold set (needs ../shared)
score: setup
	$(VENV)/bin/fazhi-review extract $(SHARED)/seeds --format json > $(VENV)/pred.json
	$(PY) $(SHARED)/eval/score.py $(VENV)/pred.json --gold $(SHARED)/gold --texts $(SHARED)/seeds

## bench: the benchmarks behind the README's table
bench: setup
	$(PY) benchmarks/bench_read_normalise_metadata.py
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_store_edits.py
	$(PY) benchmarks/bench_store_import_export.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
