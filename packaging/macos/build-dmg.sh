#!/usr/bin/env bash
# macOS: the .app (PyInstaller's BUNDLE in packaging/fazhi-review.spec) and a .dmg to drag it
# from. Run on a Mac from the repository root with Python 3.11+ (python.org or Homebrew):
#
#   packaging/macos/build-dmg.sh
#
# Produces dist/Fazhi Review.app and dist/fazhi-review-VERSION-macos-ARCH.dmg (ARCH is the
# build machine's: arm64 or x86_64; build on each for both). Set SIGN_IDENTITY to a
# "Developer ID Application: ..." identity to sign for distribution (see packaging/README.md
# for notarisation); without it the app is signed ad hoc and runs on the building Mac, and
# elsewhere after right-click > Open.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-python3}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/__init__.py)"
ARCH="$(uname -m)"
APP="dist/Fazhi Review.app"
DMG="dist/fazhi-review-$VERSION-macos-$ARCH.dmg"

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dist]'
rm -rf "$APP" dist/fazhi-review build/pyinstaller
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/fazhi-review.spec
"$APP/Contents/MacOS/fazhi-review" --self-test

if [ -n "${SIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$SIGN_IDENTITY" "$APP"
else
    codesign --force --deep --sign - "$APP"
fi
codesign --verify --deep --strict "$APP"

STAGE="build/dmg"
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Fazhi Review" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
rm -rf "$STAGE"
[ -n "${SIGN_IDENTITY:-}" ] && codesign --sign "$SIGN_IDENTITY" --timestamp "$DMG"
du -h "$DMG"
