"""X3: an export killed in the middle leaves its temporary files in the program's scratch
folder, and the next start removes them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from desktop.cli import main
from forms import scratch

ROOT = Path(__file__).resolve().parents[2]

_EXPORT = r"""
import sys, time
from forms.excel_export import Section, write_registers
from forms.kinds import get_kind
import forms.people  # registers the kinds

spec = get_kind("departments").spec

def rows():
    for i in range(1_000_000):
        if i == 20_000:
            print("writing", flush=True)
            time.sleep(60)  # killed here, in the middle of the export
        yield {"name": f"科室{i:07d}" * 4, "kind": "科室"}

write_registers([Section(spec, rows())], sys.argv[1])
"""


def test_X3_temporary_files_of_a_killed_export_are_removed_at_the_next_start(tmp_path):
    child = subprocess.Popen(
        [sys.executable, "-c", _EXPORT, str(tmp_path / "big.xlsx")],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "writing"
    left = scratch.root() / str(child.pid)
    assert left.is_dir() and any(left.iterdir())  # the rows written so far
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert left.is_dir()
    url = f"sqlite:///{tmp_path / 'h.db'}"
    assert main(["--db", url, "init", "--password", "Admin-pass-1"]) == 0
    assert not left.exists()
    assert scratch.scratch_dir().is_dir()  # this process's own folder stays
