#!/usr/bin/env bash
# Build the one-folder program: dist/houqin/houqin and dist/houqin/_internal/ (PyInstaller,
# packaging/houqin.spec). System packages (as root on Debian) and .venv with ".[build]"
# first, as run.sh does. The folder runs on a Linux PC without Python; for Windows run
# scripts\build.ps1 on a Windows PC (PyInstaller does not cross-compile).
#   bash scripts/build.sh            # then: dist/houqin/houqin --version
set -euo pipefail
# shellcheck source=scripts/_setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"

houqin_system_packages app
houqin_venv build

cd "$HOUQIN_ROOT"
started=$SECONDS
"$HOUQIN_VENV_PY" -m PyInstaller --noconfirm --clean \
    --distpath dist --workpath build/pyinstaller packaging/houqin.spec
houqin_log "built in $((SECONDS - started)) s: $(du -sh dist/houqin | cut -f1) in dist/houqin"

# What must never be in it, and the one check that needs no database.
if find dist/houqin -iname '*QtWebEngine*' | grep -q .; then
    houqin_die "dist/houqin contains QtWebEngine: see the excludes in packaging/houqin.spec"
fi
dist/houqin/houqin --version
