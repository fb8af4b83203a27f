#!/usr/bin/env bash
# Start Houqin: system packages (as root on Debian), .venv with the app, demo data into an
# empty default database, then the GUI.  Arguments go to `houqin`.
set -euo pipefail
# shellcheck source=scripts/_setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"

houqin_system_packages app
houqin_venv ""

cd "$HOUQIN_ROOT"
HOUQIN_BIN="$HOUQIN_VENV/bin/houqin"
[[ -x "$HOUQIN_BIN" ]] || houqin_die "$HOUQIN_BIN is missing: is the console script declared in setup.cfg?"

if [[ "$(uname -s)" == "Linux" && -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" &&
    "${QT_QPA_PLATFORM:-}" != "offscreen" ]]; then
    houqin_log "no DISPLAY or WAYLAND_DISPLAY: the GUI needs a display" \
        "(on a server: xvfb-run -a scripts/run.sh, or ssh -X); trying anyway"
fi

# Demo data only when the default database is empty; a failure here should not keep the
# user from the GUI, which reports database problems itself.
if ! "$HOUQIN_BIN" demo --if-empty; then
    houqin_log "warning: 'houqin demo --if-empty' failed; starting the GUI anyway"
fi

exec "$HOUQIN_BIN" "$@"
