"""The standalone Linux packages that ``make dist`` builds, installed into a clean folder.

Run with ``make test-dist`` (FAZHI_DIST names the folder with the .deb and the tarball; by
default ``dist/`` beside the repo). Skipped when no packages were built.

Each check runs the frozen program as an installed copy would run: unpacked from the .deb
(``dpkg-deb -x``) or the tarball into a temporary folder made read-only, with a PATH that
holds no Python, and a HOME whose XDG folders are the only place it may write. As root
(CI, the dev machines) it also runs in its own network and mount namespaces (``unshare``):
no network at all, the Python installations and this source tree hidden behind empty
folders, the install folder mounted read-only.
"""

from __future__ import annotations

import os
import shutil
import stat
import struct
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Only when asked (make test-dist): a dist/ left from an older build must not fail `make test`.
DIST = Path(os.environ["FAZHI_DIST"]) if os.environ.get("FAZHI_DIST") else None
DEBS = sorted(DIST.glob("fazhi-review_*.deb")) if DIST else []
TARBALLS = sorted(DIST.glob("fazhi-review-*-linux-*.tar.gz")) if DIST else []
MAX_COMPRESSED = 150 * 1024 * 1024

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux packages are tested on Linux"),
    pytest.mark.skipif(not DEBS and not TARBALLS, reason="FAZHI_DIST names no built packages (make dist test-dist)"),
]


# ---------------------------------------------------------------- isolation


def _namespaces_work() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("mount"):
        return False
    return subprocess.run(["unshare", "--net", "--mount", "true"], capture_output=True, check=False).returncode == 0


ISOLATED = _namespaces_work()


def _python_folders() -> list[Path]:
    """Every Python installation this machine has, to hide from the frozen program."""
    folders = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix)}
    for base in (Path("/usr/lib"), Path("/usr/local/lib"), Path("/usr/share")):
        folders.update(p for p in base.glob("python3*") if p.is_dir())
    system = {Path("/"), Path("/usr"), Path("/usr/local")}
    return sorted(p for p in folders if p.is_dir() and p not in system)


def isolate(cmd: list[str], *, readonly: list[Path] = (), keep: list[Path] = ()) -> list[str]:
    """``cmd`` with no network and no Python: a new network namespace (only a loopback that
    is down) and a new mount namespace where the Python installations and the source tree
    are empty and ``readonly`` folders are mounted read-only. Without root, ``cmd`` as is
    (PATH and the environment still hold no Python)."""
    if not ISOLATED:
        return cmd
    mount = shutil.which("mount")
    hide = [*_python_folders(), ROOT]
    hide = [p for p in hide if not any(k == p or p in k.parents for k in keep)]
    lines = ["set -e"]
    for folder in hide:
        lines.append(f"{mount} -t tmpfs -o ro,size=4k fazhi-hidden '{folder}'")
    for folder in readonly:
        lines.append(f"{mount} --bind '{folder}' '{folder}'")
        lines.append(f"{mount} -o remount,bind,ro '{folder}' '{folder}'")
    lines.append('exec "$@"')
    return [shutil.which("unshare"), "--net", "--mount", "/bin/sh", "-c", "\n".join(lines), "fazhi-isolated", *cmd]


def user_env(home: Path) -> dict[str, str]:
    """A fresh user: HOME and its XDG folders under ``home``, a PATH without Python."""
    empty_bin = home / "bin"
    for sub in ("bin", "tmp", ".local/share", ".config", ".local/state", ".cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(home),
        "PATH": str(empty_bin),
        "LANG": "C.UTF-8",
        "TMPDIR": str(home / "tmp"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    assert shutil.which("python3", path=env["PATH"]) is None and shutil.which("python", path=env["PATH"]) is None
    return env


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every file and folder under ``folder`` with its size, mode and modification time."""
    result = {}
    for path in [folder, *folder.rglob("*")]:
        st = path.lstat()
        result[str(path.relative_to(folder))] = (st.st_size, st.st_mode, st.st_mtime_ns)
    return result


def make_read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(stat.S_IMODE(path.lstat().st_mode) & ~0o222)


def run(cmd: list[str], env: dict[str, str], cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)


# ---------------------------------------------------------------- installs


@pytest.fixture(scope="module")
def deb_root(tmp_path_factory) -> Path:
    """The .deb unpacked into a clean folder, as ``dpkg -i`` would lay it under /."""
    if not DEBS:
        pytest.skip("no .deb was built")
    if not shutil.which("dpkg-deb"):
        pytest.skip("dpkg-deb is not installed")
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(DEBS[-1]), str(root)], check=True)
    make_read_only(root / "opt" / "fazhi-review")
    return root


@pytest.fixture(scope="module")
def tar_app(tmp_path_factory) -> Path:
    """The tarball unpacked into a clean folder, then made read-only."""
    if not TARBALLS:
        pytest.skip("no tarball was built")
    root = tmp_path_factory.mktemp("tar-root")
    with tarfile.open(TARBALLS[-1]) as archive:
        archive.extractall(root, filter="tar")
    app = root / "fazhi-review"
    make_read_only(app)
    return app


def test_packages_fit_the_size_budget():
    for package in [*DEBS, *TARBALLS]:
        size = package.stat().st_size
        assert size <= MAX_COMPRESSED, f"{package.name} is {size / 2**20:.0f} MB (budget 150 MB)"


def test_deb_lays_out_the_app_the_command_the_menu_entry_and_the_icon(deb_root):
    info = subprocess.run(
        ["dpkg-deb", "-f", str(DEBS[-1]), "Package", "Version", "Architecture", "Depends"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Package: fazhi-review" in info and "Depends:" in info
    app = deb_root / "opt" / "fazhi-review"
    assert os.access(app / "fazhi-review", os.X_OK)
    command = deb_root / "usr" / "bin" / "fazhi-review"
    assert command.is_symlink() and command.resolve() == (app / "fazhi-review").resolve()
    desktop = (deb_root / "usr/share/applications/fazhi-review.desktop").read_text(encoding="utf-8")
    assert "Exec=fazhi-review" in desktop and "Icon=fazhi-review" in desktop and "Name[zh_CN]=" in desktop
    if shutil.which("desktop-file-validate"):
        subprocess.run(
            ["desktop-file-validate", str(deb_root / "usr/share/applications/fazhi-review.desktop")], check=True
        )
    icon = deb_root / "usr/share/icons/hicolor/256x256/apps/fazhi-review.png"
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (deb_root / "usr/share/icons/hicolor/scalable/apps/fazhi-review.svg").is_file()


def test_the_bundle_holds_the_data_and_leaves_out_what_the_app_does_not_use(deb_root):
    inside = deb_root / "opt" / "fazhi-review" / "_internal"
    for needed in (
        "resources/indicators.toml",
        "resources/char_frequency.tsv",
        "resources/gbk_pinyin.tsv",
        "resources/gazetteer",
        "resources/translations/fazhi_review_zh_CN.qm",
        "desktop/store/migrations/env.py",
        "desktop/store/migrations/script.py.mako",
        "desktop/store/migrations/head_sqlite.sql",
        "resources/metrics/label_words.marisa",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
    ):
        assert (inside / needed).exists(), f"{needed} is missing from the bundle"
    revisions = sorted(p.name for p in (inside / "desktop/store/migrations/versions").glob("0*.py"))
    assert revisions == sorted(p.name for p in (ROOT / "desktop/store/migrations/versions").glob("0*.py"))
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(p.name for p in (inside / "seeds").glob("*.txt")) == seeds
    assert list(inside.glob("opencc/**/t2s.json")), "OpenCC's t2s configuration is missing"
    assert not (inside / "jieba").exists(), "jieba is a build-time source of the label words, not needed at run time"
    names = {p.name for p in inside.rglob("*")}
    for unwanted in (
        "libQt6Qml.so.6",
        "libQt6Quick.so.6",
        "libQt6Network.so.6",
        "libQt6Pdf.so.6",
        "libQt6WebEngineCore.so.6",
        "libQt63DCore.so.6",
        "QtNetwork.abi3.so",
        "QtQml.abi3.so",
        "_tkinter.cpython-311-x86_64-linux-gnu.so",
        "pytest",
        "_pytest",
        "hypothesis",
        "reportlab",
        "openpyxl",
        "qtbase_de.qm",
        "qtdeclarative_zh_CN.qm",
    ):
        assert unwanted not in names, f"{unwanted} should not be in the bundle"
    translations = [p.name for p in (inside / "PySide6/Qt/translations").iterdir()]
    assert translations == ["qtbase_zh_CN.qm"]


def _check_self_test(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, f"self-test failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    assert result.stdout.rstrip().splitlines()[-1].startswith("OK"), result.stdout
    for step in ("frozen", "migrated to", "offscreen platform started"):
        assert step in result.stdout


def test_self_test_from_the_deb_without_python_or_network(deb_root, tmp_path):
    app = deb_root / "opt" / "fazhi-review"
    before = snapshot(app)
    env = user_env(tmp_path / "home")
    result = run(
        isolate([str(deb_root / "usr/bin/fazhi-review"), "--self-test"], readonly=[app], keep=[deb_root]),
        env,
        cwd=tmp_path / "home",
    )
    _check_self_test(result)
    assert snapshot(app) == before, "the self-test wrote into the install folder"
    if not ISOLATED:
        print("(not root: ran without network and mount namespaces; PATH and environment without Python)")


def test_self_test_from_a_read_only_tarball_install(tar_app, tmp_path):
    before = snapshot(tar_app)
    env = user_env(tmp_path / "home")
    result = run(
        isolate([str(tar_app / "fazhi-review"), "--self-test"], readonly=[tar_app], keep=[tar_app]),
        env,
        cwd=tmp_path / "home",
    )
    _check_self_test(result)
    assert snapshot(tar_app) == before, "the self-test wrote into the install folder"


def test_the_installed_command_keeps_its_compiled_patterns_in_the_user_cache(deb_root, tmp_path):
    """The second ``extract`` finds what the first compiled in ~/.cache/fazhi-review (never in
    the install folder), compiles nothing, and says exactly the same."""
    app = deb_root / "opt" / "fazhi-review"
    seed = sorted((app / "_internal" / "seeds").glob("*.txt"))[-1]
    env = user_env(tmp_path / "home")
    command = isolate([str(deb_root / "usr/bin/fazhi-review"), "extract", str(seed)], readonly=[app], keep=[deb_root])
    cache = tmp_path / "home" / ".cache" / "fazhi-review"
    first = run(command, env, cwd=tmp_path / "home")
    assert first.returncode == 0, first.stderr
    saved = sorted(cache.glob("regex-*.marshal"))
    assert len(saved) == 1, f"no compiled patterns in {cache}: {sorted(cache.parent.rglob('*'))}"
    written = saved[0].stat().st_mtime_ns
    second = run(command, env, cwd=tmp_path / "home")
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert saved[0].stat().st_mtime_ns == written, "the second run compiled patterns the first had saved"


def test_import_on_worker_processes_in_the_frozen_app(deb_root, tmp_path):
    """Ten files go to the process pool (spawn/forkserver from the frozen executable)."""
    app = deb_root / "opt" / "fazhi-review"
    files = tmp_path / "reports"
    files.mkdir()
    for n in (1, 2):
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            (files / f"{seed.stem}-{n}.txt").write_text(
                seed.read_text(encoding="utf-8") + f"\n附件{n}\n", encoding="utf-8"
            )
    env = user_env(tmp_path / "home")
    library = tmp_path / "home" / "pool.sqlite3"
    result = run(
        isolate(
            [str(app / "fazhi-review"), "import", str(files), "--db", str(library), "--workers", "2"],
            readonly=[app],
            keep=[deb_root, tmp_path],
        ),
        env,
        cwd=tmp_path / "home",
    )
    assert result.returncode == 0, result.stderr
    assert "10 imported, 0 duplicates skipped, 0 unreadable" in result.stdout + result.stderr


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="xvfb-run is not installed (make system-deps)")
def test_window_screenshot_under_xvfb_writes_only_to_user_folders(deb_root, tmp_path):
    """The installed command opens the window on a real X server with everything at its
    defaults (library, settings, log in the user's folders), imports the bundled seeds and
    saves a screenshot."""
    app = deb_root / "opt" / "fazhi-review"
    before = snapshot(app)
    home = tmp_path / "home"
    env = user_env(home)
    shot = home / "window.png"
    inner = isolate(
        [
            str(deb_root / "usr/bin/fazhi-review"),
            "gui",
            "--import",
            str(app / "_internal" / "seeds"),
            "--lang",
            "zh",
            "--screenshot",
            str(shot),
        ],
        readonly=[app],
        keep=[deb_root],
    )
    # xvfb-run itself needs the system PATH; the app gets the clean environment and the display.
    clean = " ".join(f"{k}='{v}'" for k, v in env.items())
    script = f'exec env -i {clean} DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" "$@"'
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", "/bin/sh", "-c", script, "fazhi", *inner]
    result = subprocess.run(
        cmd,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "TMPDIR": env["TMPDIR"]},
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    data = shot.read_bytes()
    assert len(data) > 20_000 and _png_size(data) == (1400, 900)
    assert snapshot(app) == before, "the window wrote into the install folder"
    # what it wrote: the library in the data folder, settings in the config folder, the log in the state folder
    assert (home / ".local/share/fazhi-review/library.sqlite3").is_file()
    assert (home / ".config/fazhi-review/settings.ini").is_file()
    assert (home / ".local/state/fazhi-review/log/fazhi-review.log").is_file()
    assert sorted(p.name for p in home.iterdir()) == sorted([".cache", ".config", ".local", "bin", "tmp", "window.png"])
    assert not any((home / "bin").iterdir())
