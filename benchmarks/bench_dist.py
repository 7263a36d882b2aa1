"""The standalone Linux app's size and start-up, measured on what ``make dist`` built.

1. Sizes: the .tar.gz and the .deb (compressed; goal <= 150 MB each) and the unpacked app folder.
2. Cold start of the frozen app to a shown window: a new process of the frozen
   ``fazhi-review gui --exit-when-ready`` on the seeds' library (imported by the frozen app
   itself), from launch to a usable window: shown, the library's rows and the report's text
   painted, a widget focused (``desktop/ui/startup.py``; the window prints "ready after X s",
   measured from FAZHI_LAUNCHED_AT). On a real X
   server (Xvfb) when there is one, else Qt's offscreen platform. The app runs from the
   tarball unpacked into a fresh folder; the first run after unpacking is reported apart
   from the median of the next ``--rounds`` runs. Goal <= 2.5 s.

    .venv/bin/python benchmarks/bench_dist.py [--dist dist] [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir())


def start_xvfb() -> tuple[subprocess.Popen, str] | None:
    """A private X server on a free display (-displayfd), or None without Xvfb."""
    if not shutil.which("Xvfb"):
        return None
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        return None
    return server, f":{number}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    tarballs = sorted(args.dist.glob("fazhi-review-*-linux-*.tar.gz"))
    debs = sorted(args.dist.glob("fazhi-review_*.deb"))
    if not tarballs:
        print(f"no tarball in {args.dist}: run make dist first", file=sys.stderr)
        return 1
    for package in [*tarballs[-1:], *debs[-1:]]:
        size = package.stat().st_size
        print(f"{package.name}: {size / MB:.1f} MB (goal <= 150 MB)")

    with tempfile.TemporaryDirectory(prefix="fazhi-bench-dist-") as tmp:
        folder = Path(tmp)
        with tarfile.open(tarballs[-1]) as archive:
            archive.extractall(folder / "install", filter="tar")
        app = folder / "install" / "fazhi-review"
        print(f"unpacked app folder: {folder_size(app) / MB:.1f} MB")
        program = app / "fazhi-review"
        home = folder / "home"
        home.mkdir()
        env = {
            "HOME": str(home),
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "TMPDIR": tmp,
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_STATE_HOME": str(home / ".local/state"),
            "XDG_CACHE_HOME": str(home / ".cache"),
        }
        library = folder / "seeds.sqlite3"
        out = subprocess.run(
            [str(program), "import", str(app / "_internal" / "seeds"), "--db", str(library), "--workers", "1"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        imported = [line.split("\t") for line in out.splitlines() if line.startswith("imported")]
        largest = max(imported, key=lambda row: Path(row[2]).stat().st_size)[1]

        xvfb = start_xvfb()
        if xvfb:
            env.update(DISPLAY=xvfb[1], QT_QPA_PLATFORM="xcb")
            where = f"Xvfb {xvfb[1]}"
        else:
            env.update(QT_QPA_PLATFORM="offscreen")
            where = "offscreen (no Xvfb)"
        try:
            ready, total = [], []
            for n in range(args.rounds + 1):
                launch_env = {**env, "FAZHI_LAUNCHED_AT": repr(time.time())}
                start = time.perf_counter()
                result = subprocess.run(
                    [
                        str(program),
                        "gui",
                        "--db",
                        str(library),
                        "--report",
                        largest,
                        "--settings",
                        str(folder / f"start-{n}.ini"),
                        "--lang",
                        "zh",
                        "--exit-when-ready",
                    ],
                    env=launch_env,
                    capture_output=True,
                    text=True,
                    check=True,
                    cwd=home,
                )
                total.append(time.perf_counter() - start)
                ready.append(float(result.stdout.split("ready after ")[1].split()[0]))
        finally:
            if xvfb:
                xvfb[0].kill()
                xvfb[0].wait()
    first, rest = ready[0], ready[1:]
    print(
        f"frozen app, cold start to a shown window ({where}): median {statistics.median(rest):.2f} s "
        f"(min {min(rest):.2f}, max {max(rest):.2f}, {len(rest)} runs; goal <= 2.5 s); "
        f"first run after unpacking {first:.2f} s; launch to exit median {statistics.median(total[1:]):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
