"""A folder per running Houqin for the temporary files of long work (xlsxwriter's
``constant_memory`` rows), so a process killed in the middle of an export leaves its files in
one known place, and the next start removes them.

``scratch_dir()`` is ``<temp>/houqin-scratch/<pid>``; ``clean_stale()`` (called when the
program starts) removes the folders of processes that no longer run (on Windows, where a
process cannot be probed as cheaply, those untouched for ``STALE_HOURS``; a file still open
by a live process cannot be deleted there anyway).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

STALE_HOURS = 12


def root() -> Path:
    return Path(tempfile.gettempdir()) / "houqin-scratch"


def scratch_dir() -> Path:
    folder = root() / str(os.getpid())
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - exercised on Windows desktops
        return True  # decided by age below
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def clean_stale() -> list[Path]:
    """Remove the scratch folders left by processes that ended; return what was removed."""
    removed = []
    base = root()
    if not base.is_dir():
        return removed
    for folder in base.iterdir():
        if not folder.is_dir() or not folder.name.isdigit():
            continue
        pid = int(folder.name)
        old = time.time() - folder.stat().st_mtime > STALE_HOURS * 3600
        if not _alive(pid) or (os.name == "nt" and old and pid != os.getpid()):
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                removed.append(folder)
    return removed
