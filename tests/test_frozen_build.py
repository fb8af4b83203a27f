"""The frozen program (PyInstaller, packaging/houqin.spec) runs without the sources: one
build per set of sources, every check against it.

The build is kept in ``$HOUQIN_BUILD_CACHE`` (default: the system temp folder), one per
checkout, beside a hash of everything that goes into it (the sources, the spec, the data
files, the Python, Qt and PyInstaller versions): a second run with the same sources reuses
it (here, on 2 shared cores: 15-35 s instead of 65-80 s), a changed file builds again.
Each check runs the built program in a fresh process, from a temp folder, with its own
HOME and no PYTHONPATH, so nothing can come from the checkout.

A build that forgot something fails here: the folder check names the data files that must
be in it (and that nothing of WebEngine is), the PDF check reads the Chinese back and
wants the font embedded, the window check starts the desktop in English, which needs the
translation file, and signs in through the login dialog (desktop.smoke).

Skipped, with the reason, where PyInstaller is not installed or not on Linux; under CI
(``CI`` set) a missing PyInstaller fails instead. ``-m "not build"`` leaves it out.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "houqin.spec"
SOURCES = ("models", "forms", "desktop", "resources", "packaging")
PASSWORD = "Frozen-Check-2026"


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"the frozen build must be checked in CI: {reason}")
    pytest.skip(reason)


def sources_hash() -> str:
    """Every input of the build: a change to any of them builds again."""
    import PyInstaller
    import PySide6

    digest = hashlib.sha256()
    for version in (sys.version, PyInstaller.__version__, PySide6.__version__):
        digest.update(version.encode() + b"\0")
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Frozen:
    folder: Path  # dist/houqin
    program: Path
    home: Path

    def run(self, *args: str, stdin: str = "", env: dict | None = None, timeout: float = 300):
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "HOUQIN_"))}
        environ.update(
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / "config"),
            XDG_DATA_HOME=str(self.home / "data"),
            QT_QPA_PLATFORM="offscreen",
        )
        environ.update(env or {})
        return subprocess.run(
            [str(self.program), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=self.home,
            env=environ,
            timeout=timeout,
        )


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Frozen:
    _need(sys.platform.startswith("linux"), "the build test runs on Linux (Windows: build.ps1)")
    _need(
        importlib.util.find_spec("PyInstaller") is not None,
        "PyInstaller is not installed (it is in the build and test extras: pip install -e .[test])",
    )
    cache = Path(os.environ.get("HOUQIN_BUILD_CACHE") or tempfile.gettempdir())
    # One build per checkout (its path in the name), rebuilt in place when its sources
    # changed: repeated runs reuse it, and edits do not pile up builds of 230 MB each.
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]
    where = cache / f"houqin-frozen-{checkout}"
    program = where / "dist" / "houqin" / "houqin"
    stamp = where / "sources.sha256"
    wanted = sources_hash()
    if not (stamp.is_file() and stamp.read_text().strip() == wanted and program.is_file()):
        shutil.rmtree(where, ignore_errors=True)
        paths = ["--distpath", str(where / "dist"), "--workpath", str(where / "work"), str(SPEC)]
        built = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", *paths],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=1200,
        )
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
        shutil.rmtree(where / "work", ignore_errors=True)
        stamp.write_text(wanted + "\n")
    return Frozen(program.parent, program, tmp_path_factory.mktemp("frozen-home"))


@pytest.fixture(scope="module")
def office(frozen) -> str:
    """``init`` and ``demo`` on a new SQLite file; the ``--db`` URL."""
    url = f"sqlite:///{frozen.home / 'office.db'}"
    done = frozen.run("--db", url, "init", "--password", PASSWORD)
    assert done.returncode == 0, done.stderr
    assert "administrator admin created" in done.stdout
    done = frozen.run("--db", url, "demo")
    assert done.returncode == 0, done.stderr
    assert re.search(r"vehicles \d+", done.stdout), done.stdout
    return url


def test_the_frozen_program_says_its_version(frozen):
    from desktop.cli import VERSION

    done = frozen.run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"houqin {VERSION}"


def test_the_folder_carries_its_data_files_and_nothing_of_webengine(frozen):
    inside = frozen.folder / "_internal"
    qt = inside / "PySide6" / "Qt"
    wanted = [
        inside / "resources" / "i18n" / "houqin_en.qm",
        inside / "resources" / "icons" / "app.svg",
        qt / "translations" / "qtbase_zh_CN.qm",
        qt / "plugins" / "platforms" / "libqoffscreen.so",
        qt / "plugins" / "platforms" / "libqxcb.so",
        qt / "plugins" / "platforms" / "libqwayland.so",
        qt / "plugins" / "imageformats" / "libqsvg.so",
        qt / "plugins" / "iconengines" / "libqsvgicon.so",
        qt / "lib" / "libQt6Charts.so.6",
        qt / "lib" / "libQt6Pdf.so.6",
        inside / "reportlab" / "fonts",
    ]
    missing = [str(p.relative_to(frozen.folder)) for p in wanted if not p.exists()]
    assert not missing, f"missing from the build: {missing}"
    icons = {p.name for p in (inside / "resources" / "icons").glob("*.svg")}
    assert icons == {p.name for p in (ROOT / "resources" / "icons").glob("*.svg")}
    fonts = list((inside / "resources" / "fonts").glob("*.tt[cf]"))
    assert fonts, "no CJK font in resources/fonts: PDFs would depend on the PC's fonts"
    webengine = [p.name for p in frozen.folder.rglob("*") if "webengine" in p.name.lower()]
    assert not webengine, webengine


def test_print_repair_writes_a_pdf_whose_chinese_reads_back(frozen, office):
    _need(bool(shutil.which("pdftotext") and shutil.which("pdffonts")), "poppler-utils missing")
    out = frozen.home / "repair.pdf"
    done = frozen.run("--db", office, "print", "repair", "1", str(out))
    assert done.returncode == 0, done.stderr
    assert "RuntimeWarning" not in done.stderr, done.stderr  # the STSong-Light fallback
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "车辆维修保修单" in text and "车牌号" in text, text[:500]
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    embedded = [line for line in fonts.splitlines() if "TrueType" in line and " yes " in line]
    assert embedded, f"the Chinese font is not embedded:\n{fonts}"


def test_export_writes_a_register_that_openpyxl_reads_back(frozen, office):
    import openpyxl

    out = frozen.home / "vehicles.xlsx"
    done = frozen.run("--db", office, "export", "vehicles", str(out))
    assert done.returncode == 0, done.stderr
    exported = int(re.search(r"(\d+) rows exported", done.stdout).group(1))
    assert exported > 0
    rows = list(openpyxl.load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][0] == "车辆登记表"
    header = next(i for i, row in enumerate(rows) if row[0] == "车牌号")
    plates = [row[0] for row in rows[header + 1 : header + 1 + exported]]
    assert all(re.fullmatch(r"京\w·?\w{5,6}", str(p)) for p in plates), plates


def test_the_main_window_starts_offscreen_in_english_and_closes_cleanly(frozen, office):
    ini = frozen.home / "config" / "Houqin" / "Houqin.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text("[ui]\nlanguage=en\n", encoding="utf-8")
    done = frozen.run(
        "--db",
        office,
        stdin=PASSWORD + "\n",
        env={"HOUQIN_SMOKE_USER": "admin", "HOUQIN_SMOKE_TIMEOUT": "120"},
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert "smoke: main window painted" in done.stderr, done.stderr
    # The display name is translated: English shows resources/i18n/houqin_en.qm was found.
    assert "Houqin Office Administration" in done.stderr, done.stderr
