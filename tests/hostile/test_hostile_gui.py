"""A --db URL's password: never in the window's log, never in what `ps` shows."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from waiting import wait_until

URL = "postgresql+psycopg://someone:s3cret-pw@localhost:notaport/library"


@pytest.mark.parametrize("url", [URL, "postgresql+psycopg://someone:s3cret-pw@/nowhere?host=/nonexistent&port=1"])
def test_a_failed_gui_start_keeps_the_password_out_of_the_log_folder(tmp_path, url):
    env = {
        **os.environ,
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.launch", "gui", "--db", url],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log_folder = tmp_path / "state" / "fazhi-review" / "log"
    try:
        # the error dialog waits for a click: poll the log until the failure is written

        def failure_logged() -> bool:
            logs = list(log_folder.glob("*.log*")) if log_folder.is_dir() else []
            return proc.poll() is not None or any("cannot open library" in p.read_text(encoding="utf-8") for p in logs)

        wait_until(failure_logged, timeout=60)
    finally:
        proc.kill()
        proc.wait()
    logs = list(log_folder.glob("*"))
    assert logs and any(
        "cannot open library postgresql+psycopg://someone:***@" in p.read_text(encoding="utf-8") for p in logs
    )
    assert not any(b"s3cret-pw" in p.read_bytes() for p in logs)
    assert stat.S_IMODE(log_folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in logs)


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc")
def test_ps_shows_the_url_with_its_password_masked():
    code = (
        "import sys; from desktop.launch import hide_passwords_from_ps; "
        "hide_passwords_from_ps(sys.argv[1:]); print(open('/proc/self/cmdline', 'rb').read())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "stats", "--db", URL], capture_output=True, text=True, check=True
    ).stdout
    assert "s3cret-pw" not in out and "someone:***@localhost" in out


def test_the_log_masks_passwords_in_tracebacks_too():
    import logging

    from desktop.ui.app import MaskingFormatter

    try:
        raise ValueError(f"cannot connect to {URL}")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "opening %s", (URL,), sys.exc_info())
    text = MaskingFormatter("%(message)s").format(record)
    assert "s3cret-pw" not in text and text.count("someone:***@") == 2
