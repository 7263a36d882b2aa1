#!/usr/bin/env bash
# Linux packages from the PyInstaller folder (make dist runs this after pyinstaller):
#   DIST/fazhi-review-VERSION-linux-ARCH.tar.gz   the app folder, unpack anywhere and run
#   DIST/fazhi-review_VERSION_ARCH.deb            /opt/fazhi-review, /usr/bin/fazhi-review,
#                                                 a .desktop entry and the icon
# Usage: packaging/linux/build-packages.sh [DIST]   (default: dist)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIST="$(cd "${1:-$ROOT/dist}" && pwd)"
APP="$DIST/fazhi-review"
[ -x "$APP/fazhi-review" ] || { echo "no frozen app at $APP: run pyinstaller first (make dist)" >&2; exit 1; }
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/desktop/__init__.py")"
DEB_ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
ARCH="$(uname -m)"
ICONS="$ROOT/resources/icons"
# Reproducible archives: every file dated to the last commit (or a fixed date outside git).
EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 1700000000)}"

# ---------------------------------------------------------------- tarball
TARBALL="$DIST/fazhi-review-$VERSION-linux-$ARCH.tar.gz"
cp "$ROOT/packaging/linux/fazhi-review.desktop" "$APP/fazhi-review.desktop"
cp "$ICONS/fazhi-review-256.png" "$APP/fazhi-review.png"
tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner \
    -C "$DIST" -cf - fazhi-review | gzip -n -6 > "$TARBALL"

# ---------------------------------------------------------------- .deb
STAGE="$DIST/deb-root"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/doc/fazhi-review" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a "$APP" "$STAGE/opt/fazhi-review"
rm -f "$STAGE/opt/fazhi-review/fazhi-review.desktop" "$STAGE/opt/fazhi-review/fazhi-review.png"
# relative, so that the command also works in a folder the package was unpacked into (dpkg-deb -x)
ln -s ../../opt/fazhi-review/fazhi-review "$STAGE/usr/bin/fazhi-review"
install -m 0644 "$ROOT/packaging/linux/fazhi-review.desktop" "$STAGE/usr/share/applications/"
for size in 48 128 256; do
    mkdir -p "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps"
    install -m 0644 "$ICONS/fazhi-review-$size.png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/fazhi-review.png"
done
install -m 0644 "$ICONS/fazhi-review.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/fazhi-review.svg"
cat > "$STAGE/usr/share/doc/fazhi-review/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: fazhi-review
License: MIT
Comment: /opt/fazhi-review bundles Python 3.11, Qt 6 (LGPLv3) through PySide6, OpenCC
 (Apache-2.0), jieba (MIT), SQLAlchemy and Alembic (MIT) and the other libraries listed in
 pyproject.toml, each under its own license.
COPYRIGHT
find "$STAGE" -type d -exec chmod 0755 {} +
INSTALLED_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: fazhi-review
Version: $VERSION
Architecture: $DEB_ARCH
Section: science
Priority: optional
Maintainer: Fazhi Review developers <fazhi-review@users.noreply.invalid>
Installed-Size: $INSTALLED_KB
Depends: libc6 (>= 2.36), libgl1, libegl1, libxcb1
Recommends: fonts-noto-cjk | fonts-wqy-microhei
Description: review workbench for rule-of-law annual reports
 Fazhi Review turns Chinese local governments' rule-of-law annual reports
 (法治政府建设年度报告) into a curated research dataset: import a folder of
 reports, let the app extract everything it can, review and correct it,
 export a clean dataset. Self-contained: Python, Qt and the dictionaries
 are inside /opt/fazhi-review.
CONTROL
cat > "$STAGE/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
POSTINST
cp "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
sed -i 's/= configure/= remove/' "$STAGE/DEBIAN/postrm"
chmod 0755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
find "$STAGE" -newermt "@$EPOCH" -exec touch -h -d "@$EPOCH" {} + 2>/dev/null || true
DEB="$DIST/fazhi-review_${VERSION}_${DEB_ARCH}.deb"
SOURCE_DATE_EPOCH="$EPOCH" dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
rm -rf "$STAGE"

for file in "$TARBALL" "$DEB"; do
    printf '%s  %s\n' "$(du -h "$file" | cut -f1)" "$file"
done
