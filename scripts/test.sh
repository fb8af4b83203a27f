#!/usr/bin/env bash
# Run the test suite: system packages (as root on Debian), .venv with ".[test]", then pytest.
# Arguments go to pytest:  scripts/test.sh -q tests/models -k S6
set -euo pipefail
# shellcheck source=scripts/_setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"

houqin_system_packages test
houqin_venv test

cd "$HOUQIN_ROOT"
# Offscreen always: tests must not depend on (or pop up windows on) the developer's display.
export QT_QPA_PLATFORM=offscreen
exec "$HOUQIN_VENV_PY" -m pytest "$@"
