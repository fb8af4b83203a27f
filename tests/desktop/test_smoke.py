"""The start-up check (desktop.smoke) from the sources: the same run the frozen build test
makes against the built program, so a broken driver shows here without PyInstaller.

Each run is a fresh ``python -m desktop.cli`` process, offscreen, with its own settings
folder: the real login dialog, the real main window, the process's exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Smoke-Check-2026"


def _houqin(home: Path, *args: str, stdin: str = "", **env: str):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("HOUQIN_")}
    environ.update(
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        APPDATA=str(home / "config"),
        LOCALAPPDATA=str(home / "data"),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=home,
        env=environ,
        timeout=180,
    )


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("smoke")
    url = f"sqlite:///{home / 'office.db'}"
    done = _houqin(home, "--db", url, "init", "--password", PASSWORD)
    assert done.returncode == 0, done.stderr
    return home, url


def test_the_smoke_run_signs_in_paints_the_main_window_and_exits_0(office):
    home, url = office
    done = _houqin(home, "--db", url, stdin=PASSWORD + "\n", HOUQIN_SMOKE_USER="admin")
    assert done.returncode == 0, done.stderr
    assert "smoke: main window painted: 系统管理员 - 后勤综合管理系统" in done.stderr, done.stderr


def test_the_smoke_run_with_a_wrong_password_never_opens_the_main_window(office):
    home, url = office
    done = _houqin(home, "--db", url, stdin="wrong\n", HOUQIN_SMOKE_USER="admin")
    assert done.returncode == 1, done.stderr
    assert "smoke: login refused: 用户名或密码错误" in done.stderr, done.stderr
    assert "main window painted" not in done.stderr
