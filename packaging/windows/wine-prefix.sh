#!/usr/bin/env bash
# A 64-bit wine prefix that can load Qt 6: packaging/windows/wine-prefix.sh PREFIX
#
# Creates PREFIX (wineboot) when it does not exist yet, then puts the icuuc.dll stand-in
# (wine/icuuc-standin.c, built with mingw-w64) into its System32: Qt6Core.dll imports ICU's
# converter functions from Windows 10's icuuc.dll, which wine 8.0 lacks. Only wine prefixes get
# it (the build's and the tests'); the installer never carries it (the spec drops any icuuc.dll).
# The prefix's user profile is named after $USER (the tests pass a Chinese name).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${1:?usage: wine-prefix.sh PREFIX}
export WINEPREFIX=$PREFIX WINEARCH=win64 WINEDEBUG=${WINEDEBUG:--all}
# no Mono/Gecko installers: nothing may be downloaded, and nothing here needs them
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-"mscoree,mshtml="}
if [ ! -f "$PREFIX/system.reg" ]; then
  mkdir -p "$PREFIX"
  DISPLAY= wineboot -i 2>&1 | cat
  # wine 8 presents itself as Windows 7 to 32-bit programs such as Setup, which then refuses
  # to run (MinVersion=10.0): the installer is for Windows 10 and 11
  DISPLAY= wine winecfg -v win10 2>&1 | cat
  wineserver -w
fi
dll=$PREFIX/drive_c/windows/system32/icuuc.dll
if [ ! -f "$dll" ] || [ "$HERE/wine/icuuc-standin.c" -nt "$dll" ]; then
  command -v x86_64-w64-mingw32-gcc >/dev/null || { echo "missing x86_64-w64-mingw32-gcc (gcc-mingw-w64-x86-64)" >&2; exit 1; }
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dll" "$HERE/wine/icuuc-standin.c"
fi
