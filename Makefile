# The two commands a new user needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared

# Debian packages the window and its tests need: Qt's runtime libraries, a virtual screen
# for screenshots, a CJK font so that Chinese text renders, and PostgreSQL's server for the
# store tests' second backend (tools/postgres_for_tests.sh starts a throwaway one).
DEBS := xvfb xauth fonts-noto-cjk libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libxkbcommon0 \
        libxkbcommon-x11-0 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
        libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 \
        postgresql
LIBRARY ?= var/library.sqlite3
LANGS   := zh_CN

LOCK   := requirements/lock-linux.txt

.PHONY: setup system-deps run test score bench screenshots translations clean snapshots lint lock mutation

# The exact versions in $(LOCK) (every dependency, the test and lint tools too), then the app
# itself without letting pip choose anything: a build today installs what was tested. Then the
# app's own bytecode, as an installed package has it: with PYTHONDONTWRITEBYTECODE set (as on
# our machines) every command would otherwise compile desktop/ from source before it starts.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m compileall -q desktop
	touch $(STAMP)

setup: $(STAMP)

## system-deps: the Debian packages above (installed only when some are missing)
system-deps:
	@missing=$$(for p in $(DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then echo "install these packages: $$missing" >&2; exit 1; fi; \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing $$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## run: set up, then open the review window on a local library with the bundled seeds imported
run: setup system-deps
	$(VENV)/bin/fazhi-review gui --db $(LIBRARY) --import seeds

## test: set up, then run the whole test suite (window tests offscreen; import-layer contract)
test: setup system-deps
	$(PY) -m pytest

## lint: ruff (lint rules and formatting) and mypy (settings in pyproject.toml)
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## lock: refresh $(LOCK) from pyproject.toml; run it on Linux x86_64 (CI, make test and make dist run there)
lock: setup
	$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra lint --extra dist \
	  --python-version 3.11 --custom-compile-command "make lock" --annotation-style line \
	  -o $(LOCK)

## mutation: mutate the extraction rules and the store's edit rules, report the share of mutants killed
mutation: setup
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 2 > $(VENV)/mutmut.log 2>&1 || (tail -20 $(VENV)/mutmut.log; exit 1)
	$(PY) tools/mutation_score.py

## screenshots: the README's pictures, rendered under Xvfb with a CJK font
screenshots: setup system-deps
	rm -f var/screenshots.sqlite3*
	for lang in zh en; do \
	  for grab in window library metrics; do \
	    rm -f var/screenshots.ini; \
	    xvfb-run -a -s "-screen 0 1600x1000x24" $(VENV)/bin/fazhi-review gui --db var/screenshots.sqlite3 \
	      --import seeds --report 4 --panel metrics --settings var/screenshots.ini --lang $$lang \
	      --grab $$grab --screenshot docs/screenshot-$$grab-$$lang.png || exit 1; \
	  done; \
	done
	for lang in zh en; do \
	  for size in 1366x768 1920x1080; do \
	    rm -f var/screenshots.ini; \
	    xvfb-run -a -s "-screen 0 $${size}x24" $(VENV)/bin/fazhi-review gui --db var/screenshots.sqlite3 \
	      --report 4 --panel metrics --settings var/screenshots.ini --lang $$lang \
	      --grab window --screenshot docs/screenshot-window-$$size-$$lang.png || exit 1; \
	  done; \
	done
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) tools/dataset_screenshots.py --out docs

## translations: refresh the .ts files from the code, then build the .qm files the app loads
translations: setup
	for lang in $(LANGS); do \
	  $(VENV)/bin/pyside6-lupdate $$(find desktop/ui -name '*.py' | sort) -ts resources/translations/fazhi_review_$$lang.ts -no-obsolete && \
	  $(PY) tools/fill_translations.py resources/translations/fazhi_review_$$lang.ts resources/translations/$$lang.tsv && \
	  $(VENV)/bin/pyside6-lrelease resources/translations/fazhi_review_$$lang.ts -qm resources/translations/fazhi_review_$$lang.qm || exit 1; \
	done

## score: extraction scores on the shared gold set (needs ../shared)
score: setup
	$(VENV)/bin/fazhi-review extract $(SHARED)/seeds --format json > $(VENV)/pred.json
	$(PY) $(SHARED)/eval/score.py $(VENV)/pred.json --gold $(SHARED)/gold --texts $(SHARED)/seeds
	$(VENV)/bin/fazhi-review extract $(SHARED)/dev/raw --format json > $(VENV)/pred-dev.json
	$(PY) $(SHARED)/eval/score.py $(VENV)/pred-dev.json --gold $(SHARED)/dev/gold --texts $(SHARED)/dev/raw

## snapshots: refresh the extractor's reviewed output on the seeds and the dev openings
snapshots: setup
	$(PY) tools/snapshot_extraction.py

## bench: the benchmarks behind the README's table
bench: setup
	$(PY) benchmarks/bench_read_normalise_metadata.py
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_store_edits.py
	$(PY) benchmarks/bench_store_import_export.py
	$(PY) benchmarks/bench_library.py
	$(PY) benchmarks/bench_gui.py
	$(PY) benchmarks/bench_startup.py
	$(PY) benchmarks/bench_import_ratio.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache var mutants

## dist: the standalone app (PyInstaller, packaging/fazhi-review.spec) in $(DIST)/fazhi-review, then
## on Linux its tarball and .deb (packaging/linux/build-packages.sh). test-dist: unpacks them into a
## clean folder and runs the self-test (no Python on PATH, no network) and a window screenshot under
## Xvfb (tests/packaging). Windows and macOS: packaging/README.md.
DIST ?= dist
DIST_STAMP := $(VENV)/.dist-stamp

.PHONY: dist test-dist

# PyInstaller is in $(LOCK) already; the stamp stays so that dist's rule reads the same.
$(DIST_STAMP): $(STAMP)
	touch $(DIST_STAMP)

dist: $(DIST_STAMP) system-deps
	rm -rf $(DIST)/fazhi-review build/pyinstaller
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath $(DIST) \
	  --workpath build/pyinstaller packaging/fazhi-review.spec
	packaging/linux/build-packages.sh $(DIST)

test-dist: setup system-deps
	FAZHI_DIST=$(abspath $(DIST)) $(PY) -m pytest tests/packaging

## dist-windows: the Windows installer $(DIST)/fazhi-review-<version>-win64-setup.exe, built here with
## wine (packaging/windows/build-windows.sh: the embeddable Windows Python, the win_amd64 wheels of
## packaging/windows/requirements-win64.txt, PyInstaller with the same spec, Inno Setup's ISCC).
## test-dist-windows: installs it silently into a fresh wine prefix whose user is 张三 and checks it
## (tests/packaging/test_dist_windows.py). system-deps-windows: wine with its 32-bit half (ISCC is a
## 32-bit program) from Debian's i386 architecture, mingw-w64, osslsigncode, npm.
WINDOWS_DEBS := wine wine64 wine32:i386 gcc-mingw-w64-x86-64 osslsigncode unzip xvfb xauth fonts-noto-cjk

.PHONY: system-deps-windows dist-windows test-dist-windows

system-deps-windows:
	@sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	missing=$$(for p in $(WINDOWS_DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then echo "install these packages: $$missing" >&2; exit 1; fi; \
	  dpkg --print-foreign-architectures | grep -qx i386 || $$sudo dpkg --add-architecture i386; \
	  echo "installing $$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

dist-windows: system-deps-windows
	packaging/windows/build-windows.sh $(DIST)

test-dist-windows: setup system-deps-windows
	FAZHI_DIST=$(abspath $(DIST)) FAZHI_WINDOWS=1 FAZHI_WINDOWS_SCREENSHOTS=$(abspath docs) \
	  $(PY) -m pytest -p no:cacheprovider -rP tests/packaging/test_dist_windows.py
