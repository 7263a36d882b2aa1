"""The Windows installer that ``make dist-windows`` builds, installed and run under wine.

Run with ``make test-dist-windows`` (FAZHI_WINDOWS=1, FAZHI_DIST names the folder with
``fazhi-review-*-win64-setup.exe``); skipped otherwise, so ``make test`` never needs wine.

Everything happens in a fresh wine prefix in a temporary folder whose Windows user is 张三
(``C:\\users\\张三``), with HOME in the same temporary folder, on a private Xvfb screen:

1. the installer, silently and in Chinese (``/LANG=zh_CN``): per user, no administrator;
2. ``fazhi-review.exe --self-test`` from the installed folder;
3. ``fazhi-review.exe import`` of the bundled seeds copied to a folder whose name has Chinese
   characters and spaces, into the default library in ``%LOCALAPPDATA%\\fazhi-review``, then
   ``export`` to CSV and XLSX in another such folder;
4. the window (``Fazhi Review.exe``, the program without a console) in Chinese, rendered to a
   PNG (``docs/screenshot-windows.png`` when FAZHI_WINDOWS_SCREENSHOTS=docs, as make sets it;
   the Chinese wizard, before the install, as ``screenshot-windows-installer-zh.png``);
5. the uninstaller, silently: the program folder and the Start-menu entry are gone, the
   user's library is kept.

Wine-only workarounds live in the test prefix and never in the installer: the icuuc.dll
stand-in that lets Qt6Core load (packaging/windows/wine-prefix.sh), Windows 10 as the reported
version, and Debian's Noto CJK fonts linked into the prefix's Fonts folder with the Chinese
system fonts' names mapped to them (a Windows 10/11 has Microsoft YaHei and SimSun).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
DIST = Path(os.environ["FAZHI_DIST"]) if os.environ.get("FAZHI_DIST") else None
SETUPS = sorted(DIST.glob("fazhi-review-*-win64-setup.exe")) if DIST else []
MAX_COMPRESSED = 150 * 1024 * 1024
USER = "张三"
APP_NAME_ZH = "法治报告审核"  # the Start-menu entry's name in the Chinese installer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Windows installer is tested under wine"),
    # Asked for (make test-dist-windows), a missing installer, wine or Xvfb is a failure, not a skip.
    pytest.mark.skipif(os.environ.get("FAZHI_WINDOWS") != "1", reason="make test-dist-windows runs these"),
]


@pytest.fixture(scope="module", autouse=True)
def _installer_and_tools():
    assert SETUPS, f"no fazhi-review-*-win64-setup.exe in {DIST} (make dist-windows)"
    for tool in ("wine", "wineserver", "Xvfb", "x86_64-w64-mingw32-gcc"):
        assert shutil.which(tool), f"{tool} is not installed (make system-deps-windows)"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


class Wine:
    """A fresh wine prefix for user 张三 on its own Xvfb screen."""

    def __init__(self, base: Path):
        self.base = base
        self.prefix = base / "prefix"
        self.home = base / "home"
        self.home.mkdir(parents=True)
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        display = self.xvfb.stdout.readline().decode().strip()
        self.xvfb.stdout.close()
        assert display, "Xvfb did not start"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "USER": USER,
            "LOGNAME": USER,
            "LANG": "C.UTF-8",
            "DISPLAY": f":{display}",
            "WINEPREFIX": str(self.prefix),
            "WINEARCH": "win64",
            "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml=",
            "TMPDIR": str(base),
        }
        subprocess.run(
            [str(ROOT / "packaging/windows/wine-prefix.sh"), str(self.prefix)],
            env=self.env,
            check=True,
            capture_output=True,
            timeout=300,
        )
        self.drive_c = self.prefix / "drive_c"
        self.profile = self.drive_c / "users" / USER
        assert self.profile.is_dir(), f"the prefix has no profile folder for {USER}"
        self._fonts()

    def _fonts(self) -> None:
        """Test prefix only: Chinese fonts where Qt looks for them on Windows."""
        fonts = self.drive_c / "windows" / "Fonts"
        found = sorted(Path("/usr/share/fonts/opentype/noto").glob("NotoSansCJK-*.ttc"))
        assert found, "fonts-noto-cjk is not installed (make system-deps-windows)"
        for font in found:
            target = fonts / font.name
            if not target.exists():
                target.symlink_to(font)
        reg = self.base / "fonts.reg"
        lines = [
            "Windows Registry Editor Version 5.00",
            "",
            r"[HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion\Fonts]",
        ]
        lines += [f'"{font.stem} (TrueType)"="{font.name}"' for font in found]
        lines += ["", r"[HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion\FontSubstitutes]"]
        lines += [
            f'"{name}"="Noto Sans CJK SC"'
            for name in (
                "Microsoft YaHei",
                "Microsoft YaHei UI",
                "SimSun",
                "NSimSun",
                "SimHei",
                "MS Shell Dlg",
                "MS Shell Dlg 2",
            )
        ]
        reg.write_text("\r\n".join(lines) + "\r\n", encoding="utf-16")
        self.run(["regedit", "/S", self.windows(reg)], check=True)

    @staticmethod
    def windows(path: Path) -> str:
        """A Linux path as the prefix sees it (the Z: drive), without starting wine."""
        return "Z:" + str(Path(path).resolve()).replace("/", "\\")

    def c(self, path: Path) -> str:
        """A path inside drive_c as Windows writes it (C:\\users\\张三\\...)."""
        return "C:\\" + str(path.relative_to(self.drive_c)).replace("/", "\\")

    def run(self, args: list[str], *, timeout: float = 300, check: bool = False) -> subprocess.CompletedProcess:
        # always through pipes: wine 8 cannot hand a console program a redirected file
        result = subprocess.run(
            ["wine", *args], env=self.env, cwd=self.base, capture_output=True, timeout=timeout, check=False
        )
        self.wait()
        result.stdout = result.stdout.decode("utf-8", "replace")
        result.stderr = result.stderr.decode("utf-8", "replace")
        if check:
            assert result.returncode == 0, f"{args}: {result.returncode}\n{result.stdout}\n{result.stderr}"
        return result

    def wait(self) -> None:
        subprocess.run(["wineserver", "-w"], env=self.env, check=False, timeout=300)

    def close(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, check=False, timeout=60)
        self.xvfb.terminate()
        self.xvfb.wait(timeout=30)
        # the prefix's Z: drive links to /: nothing that walks temporary folders should meet it
        shutil.rmtree(self.prefix, ignore_errors=True)


def snapshot(folder: Path) -> dict[str, tuple]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def wine(tmp_path_factory):
    # a space in the prefix's own path too
    box = Wine(tmp_path_factory.mktemp("wine") / "fazhi windows")
    yield box
    box.close()


def _save_picture(name: str, data: bytes) -> None:
    """FAZHI_WINDOWS_SCREENSHOTS (docs/ from make) keeps the pictures the README shows."""
    folder = os.environ.get("FAZHI_WINDOWS_SCREENSHOTS")
    if folder:
        (Path(folder) / name).write_bytes(data)


@pytest.fixture(scope="module")
def installed(wine) -> Path:
    """The installer run silently, in Chinese, as 张三: the installed program folder."""
    log = wine.drive_c / "setup.log"
    result = wine.run(
        [
            wine.windows(SETUPS[-1]),
            "/VERYSILENT",
            "/SUPPRESSMSGBOXES",
            "/NORESTART",
            "/LANG=zh_CN",
            f"/LOG={wine.c(log)}",
        ],
        timeout=600,
    )
    text = log.read_text(encoding="utf-8-sig", errors="replace") if log.exists() else ""
    assert result.returncode == 0 and "Installation process succeeded." in text, f"{result.stderr}\n{text[-3000:]}"
    assert "Administrative install mode: No" in text and "Install mode root key: HKEY_CURRENT_USER" in text
    app = wine.profile / "AppData/Local/Programs/Fazhi Review"
    assert app.is_dir(), f"not installed where expected: {sorted(p.name for p in (app.parent).iterdir())}"
    return app


def test_installer_fits_the_size_budget():
    size = SETUPS[-1].stat().st_size
    assert size <= MAX_COMPRESSED, f"{SETUPS[-1].name} is {size / 2**20:.0f} MB (budget 150 MB)"


def test_chinese_messages_cover_every_english_message():
    """ChineseSimplified.isl (ours) against the compiler's Default.isl, when a build left one."""
    default = ROOT / "build/windows/innosetup/bin/Default.isl"
    if not default.is_file():
        pytest.skip("no Inno Setup unpacked in build/windows (make dist-windows)")

    def keys(path: Path) -> set[str]:
        text = path.read_text(encoding="utf-8-sig")
        body = text.split("[Messages]", 1)[1]
        return {line.split("=", 1)[0] for line in body.splitlines() if "=" in line and not line.startswith(";")}

    assert keys(ROOT / "packaging/windows/ChineseSimplified.isl") == keys(default)


def test_wizard_speaks_chinese(wine):
    """The installer's first page with /LANG=zh_CN, on the screen, before the silent install.
    Only that a window was drawn is checked here; docs/screenshot-windows-installer-zh.png
    shows the Chinese (packaging/windows/ChineseSimplified.isl)."""
    image_grab = pytest.importorskip("PIL.ImageGrab")
    setup = subprocess.Popen(
        ["wine", wine.windows(SETUPS[-1]), "/LANG=zh_CN"],
        env=wine.env,
        cwd=wine.base,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def grab():
        return image_grab.grab(xdisplay=wine.env["DISPLAY"]).convert("RGB")

    def drawn(picture) -> bool:
        return len(picture.getcolors(1 << 16) or range(1 << 16)) > 30

    shown: list = []

    def wizard_drawn_and_still():
        # the wizard needs a few seconds to unpack itself and appear; it is drawn when two
        # grabs in a row show it and are the same
        picture = grab()
        still = bool(shown) and drawn(picture) and picture.tobytes() == shown[-1].tobytes()
        shown.append(picture)
        return picture if still else None

    try:
        picture = wait_until(wizard_drawn_and_still, timeout=90, interval=1)
    finally:
        subprocess.run(["wineserver", "-k"], env=wine.env, check=False, timeout=60)
        setup.wait(timeout=60)
    box = picture.getbbox() or (0, 0, picture.width, picture.height)  # the screen is black around it
    out = io.BytesIO()
    picture.crop(box).save(out, format="PNG")
    _save_picture("screenshot-windows-installer-zh.png", out.getvalue())


def test_installs_per_user_with_both_programs_and_a_start_menu_entry(wine, installed):
    for name in (
        "Fazhi Review.exe",
        "fazhi-review.exe",
        "unins000.exe",
        "_internal/resources/indicators.toml",
        "_internal/resources/gazetteer",
        "_internal/seeds",
        "_internal/desktop/store/migrations/env.py",
        "_internal/PySide6/plugins/platforms/qwindows.dll",
        "_internal/PySide6/translations/qtbase_zh_CN.qm",
    ):
        assert (installed / name).exists(), f"{name} is not installed"
    names = {p.name.lower() for p in installed.rglob("*")}
    for unwanted in ("icuuc.dll", "opengl32sw.dll", "_wmi.pyd", "_tkinter.pyd", "qt6network.dll", "qt6qml.dll"):
        assert unwanted not in names, f"{unwanted} should not be installed"
    start_menu = wine.profile / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
    assert (start_menu / f"{APP_NAME_ZH}.lnk").is_file(), sorted(p.name for p in start_menu.rglob("*"))
    assert not (wine.drive_c / "Program Files" / "Fazhi Review").exists()


def test_self_test_from_the_installed_folder(wine, installed):
    before = snapshot(installed)
    result = wine.run([wine.c(installed / "fazhi-review.exe"), "--self-test"])
    print(result.stdout)
    assert result.returncode == 0, f"self-test failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("OK"), result.stdout
    assert "frozen" in lines[0] and USER in lines[0], lines[0]  # ran from C:\users\张三\...
    assert "migrated to" in result.stdout and "offscreen platform started" in result.stdout
    assert "qwindows" in result.stdout
    assert snapshot(installed) == before, "the self-test wrote into the install folder"


def test_import_and_export_with_chinese_paths(wine, installed):
    seeds = sorted((installed / "_internal/seeds").glob("*.txt"))
    reports = wine.profile / "Documents" / "法治 报告 2024"
    reports.mkdir(parents=True)
    for seed in seeds:
        shutil.copy(seed, reports / f"报告 {seed.name}")
    exe = wine.c(installed / "fazhi-review.exe")
    result = wine.run([exe, "import", wine.c(reports)], timeout=600)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert f"{len(seeds)} imported, 0 duplicates skipped, 0 unreadable" in result.stdout + result.stderr
    library = wine.profile / "AppData/Local/fazhi-review/library.sqlite3"
    assert library.is_file(), "the default library is not in %LOCALAPPDATA%\\fazhi-review"

    out = wine.profile / "Documents" / "导出 数据"
    out.mkdir()
    result = wine.run([exe, "export", "--format", "csv", "--out", wine.c(out / "数据集")])
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    with open(out / "数据集.reports.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(seeds)
    assert any("法治" in (row.get("title") or "") for row in rows), rows[0]
    assert all(row["file"].replace("\\", "/").rsplit("/", 1)[-1].startswith("报告 ") for row in rows), rows[0]["file"]
    result = wine.run([exe, "export", "--format", "xlsx", "--out", wine.c(out / "数据集.xlsx")])
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert (out / "数据集.xlsx").read_bytes()[:2] == b"PK"


def test_extract_keeps_its_compiled_patterns_in_the_user_cache(wine, installed):
    """In %LOCALAPPDATA% of a profile named in Chinese: the second command reuses what the
    first compiled and says exactly the same."""
    seed = sorted((installed / "_internal/seeds").glob("*.txt"))[-1]
    exe = wine.c(installed / "fazhi-review.exe")
    cache = wine.profile / "AppData/Local/fazhi-review/Cache"
    shutil.rmtree(cache, ignore_errors=True)
    first = wine.run([exe, "extract", wine.c(seed)])
    assert first.returncode == 0, f"{first.stdout}\n{first.stderr}"
    saved = sorted(cache.glob("regex-*.marshal"))
    assert len(saved) == 1, f"no compiled patterns in {cache}"
    written = saved[0].stat().st_mtime_ns
    second = wine.run([exe, "extract", wine.c(seed)])
    assert second.returncode == 0, f"{second.stdout}\n{second.stderr}"
    assert second.stdout == first.stdout
    assert saved[0].stat().st_mtime_ns == written, "the second run compiled patterns the first had saved"


def test_window_in_chinese(wine, installed):
    """The program without a console, on the library the import filled, rendered to a PNG."""
    before = snapshot(installed)
    shot = wine.profile / "Documents" / "窗口 截图.png"
    started = time.monotonic()
    result = wine.run(
        [wine.c(installed / "Fazhi Review.exe"), "gui", "--lang", "zh", "--report", "1", "--screenshot", wine.c(shot)],
        timeout=300,
    )
    print(f"window: {time.monotonic() - started:.1f} s to start, render and exit")
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    data = shot.read_bytes()
    width, height = _png_size(data)
    assert width >= 800 and height >= 500 and len(data) > 20_000, (width, height, len(data))
    _save_picture("screenshot-windows.png", data)
    # platformdirs on Windows: settings beside the library, the log in its Logs folder
    user_data = wine.profile / "AppData/Local/fazhi-review"
    assert (user_data / "settings.ini").is_file(), sorted(p.name for p in user_data.iterdir())
    assert (user_data / "Logs").is_dir(), sorted(p.name for p in user_data.iterdir())
    assert snapshot(installed) == before, "the window wrote into the install folder"


def test_uninstall_leaves_only_the_user_data(wine, installed):
    result = wine.run([wine.c(installed / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"])
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"

    # the uninstaller runs from a copy in %TEMP% and removes the folder after the original exits
    def removed() -> bool:
        wine.wait()
        return not installed.exists()

    wait_until(removed, timeout=60, interval=1)
    programs = wine.profile / "AppData/Local/Programs"
    assert not programs.exists() or not any(programs.iterdir()), sorted(p.name for p in programs.iterdir())
    start_menu = wine.profile / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
    assert not (start_menu / f"{APP_NAME_ZH}.lnk").exists()
    # the user's work stays
    assert (wine.profile / "AppData/Local/fazhi-review/library.sqlite3").is_file()
