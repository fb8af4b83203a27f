# shellcheck shell=bash
# Shared set-up for scripts/run.sh and scripts/test.sh (sourced, not run).
#
#   houqin_system_packages app|test   install (as root on Debian) or list missing packages
#   houqin_venv ""|test               create .venv, pip install -e ".[extra]" when needed
#
# Why a stamp: `pip install -e .` takes seconds even when nothing changed, so it runs only
# when setup.cfg / pyproject.toml (or the extra asked for) differ from the last install.
set -euo pipefail

HOUQIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOUQIN_VENV="$HOUQIN_ROOT/.venv"
HOUQIN_VENV_PY="$HOUQIN_VENV/bin/python"

# Qt offscreen needs EGL/GL/xkbcommon/fontconfig/dbus/glib; a real X window also needs the
# xcb helpers (Qt blames libxcb-cursor0 for any of them missing); Chinese needs a font.
HOUQIN_APP_PACKAGES=(
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
    libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 fonts-wqy-microhei
)
# Tests: a private MariaDB server, pdftotext for reading PDFs back, Xvfb for real windows,
# binutils (objdump) for PyInstaller's build of the frozen program.
HOUQIN_TEST_PACKAGES=(mariadb-server poppler-utils xvfb binutils)

HOUQIN_MIN_PYTHON="3.11"

houqin_log() { printf '[houqin] %s\n' "$*" >&2; }
houqin_die() {
    printf '[houqin] error: %s\n' "$*" >&2
    exit 1
}

# Echo the first Python >= 3.11: $HOUQIN_PYTHON if set, else python3, then newer names.
houqin_find_python() {
    local candidate
    if [[ -n "${HOUQIN_PYTHON:-}" ]]; then
        if "$HOUQIN_PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            printf '%s\n' "$HOUQIN_PYTHON"
            return 0
        fi
        houqin_die "HOUQIN_PYTHON=$HOUQIN_PYTHON is not a Python >= $HOUQIN_MIN_PYTHON"
    fi
    for candidate in python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

# Echo the packages of "$@" that dpkg does not report as installed.
houqin_missing_debs() {
    local pkg status
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        [[ "$status" == "install ok installed" ]] || printf '%s\n' "$pkg"
    done
}

# houqin_system_packages app|test
# Linux only (Windows/macOS Qt wheels bring what they need).  As root on Debian: apt-get
# install what is missing (apt-get update once, only if something is missing).  Otherwise:
# say what is missing and carry on, since the user may know better (or lack sudo).
houqin_system_packages() {
    local kind="${1:-app}"
    [[ "$(uname -s)" == "Linux" ]] || return 0

    local -a wanted=("${HOUQIN_APP_PACKAGES[@]}")
    [[ "$kind" == "test" ]] && wanted+=("${HOUQIN_TEST_PACKAGES[@]}")

    # python3 -m venv needs ensurepip, which Debian ships separately (python3.X-venv).
    # Only relevant when .venv still has to be created.
    local py
    if [[ ! -x "$HOUQIN_VENV_PY" ]]; then
        if py="$(houqin_find_python)"; then
            if ! "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; then
                if [[ "$py" == "python3" ]]; then
                    wanted+=(python3-venv)
                else
                    wanted+=("${py}-venv")
                fi
            fi
        else
            wanted+=(python3 python3-venv) # Debian 12's python3 is 3.11
        fi
    fi

    if ! command -v dpkg-query >/dev/null 2>&1; then
        houqin_log "not a Debian system: make sure the equivalents of these Debian packages" \
            "are installed: ${wanted[*]}"
        return 0
    fi

    local -a missing=()
    local pkg
    while IFS= read -r pkg; do
        [[ -n "$pkg" ]] && missing+=("$pkg")
    done < <(houqin_missing_debs "${wanted[@]}")
    ((${#missing[@]} == 0)) && return 0

    if [[ "$(id -u)" != "0" ]] || ! command -v apt-get >/dev/null 2>&1; then
        houqin_log "missing system packages (continuing anyway): ${missing[*]}"
        houqin_log "  install them with: sudo apt-get install ${missing[*]}"
        return 0
    fi

    houqin_log "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Wait for another apt/dpkg run instead of failing on its lock.
    local -a apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
    apt-get "${apt_opts[@]}" update -q </dev/null
    apt-get "${apt_opts[@]}" install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

# Hash of setup.cfg + pyproject.toml + the extra: what the stamp records.
houqin_install_hash() {
    local extra="$1"
    "$HOUQIN_VENV_PY" - "$HOUQIN_ROOT" "$extra" <<'PY'
import hashlib, os, sys
root, extra = sys.argv[1], sys.argv[2]
digest = hashlib.sha256()
for name in ("setup.cfg", "pyproject.toml"):
    digest.update(name.encode() + b"\0")
    try:
        with open(os.path.join(root, name), "rb") as handle:
            digest.update(handle.read())
    except FileNotFoundError:
        digest.update(b"<missing>")
    digest.update(b"\0")
digest.update(b"extra=" + extra.encode())
print(digest.hexdigest())
PY
}

# houqin_venv [extra]
# Create .venv with a Python >= 3.11 when missing (or broken), then pip install -e
# ".[extra]" (or -e . without an extra) when the stamp for that extra is stale.
houqin_venv() {
    local extra="${1:-}"

    if [[ -e "$HOUQIN_VENV" ]] && ! "$HOUQIN_VENV_PY" -c '' >/dev/null 2>&1; then
        # E.g. the Python it was made from was upgraded or removed.
        houqin_log "$HOUQIN_VENV is broken; recreating it"
        rm -rf "$HOUQIN_VENV"
    fi
    if [[ ! -x "$HOUQIN_VENV_PY" ]]; then
        local py
        py="$(houqin_find_python)" ||
            houqin_die "Python >= $HOUQIN_MIN_PYTHON is required but was not found" \
                "(tried python3, python3.13, python3.12, python3.11; set HOUQIN_PYTHON=/path/to/python)"
        houqin_log "creating $HOUQIN_VENV with $py ($("$py" -c 'import sys; print(sys.version.split()[0])'))"
        "$py" -m venv "$HOUQIN_VENV" ||
            houqin_die "'$py -m venv' failed (on Debian/Ubuntu: apt-get install python3-venv)"
    fi
    "$HOUQIN_VENV_PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
        houqin_die "$HOUQIN_VENV uses Python $("$HOUQIN_VENV_PY" -c 'import sys; print(sys.version.split()[0])');" \
            "Houqin needs >= $HOUQIN_MIN_PYTHON: remove .venv and run again"

    [[ -f "$HOUQIN_ROOT/setup.cfg" || -f "$HOUQIN_ROOT/pyproject.toml" ]] ||
        houqin_die "no setup.cfg or pyproject.toml in $HOUQIN_ROOT"

    # One stamp per extra, so run.sh and test.sh do not reinstall each other's state.
    local stamp="$HOUQIN_VENV/.houqin-install-${extra:-app}.sha256"
    local want have=""
    want="$(houqin_install_hash "$extra")"
    [[ -f "$stamp" ]] && have="$(<"$stamp")"
    if [[ "$want" == "$have" ]]; then
        return 0
    fi

    local target="."
    [[ -n "$extra" ]] && target=".[$extra]"
    houqin_log "installing Houqin into .venv: pip install -e \"$target\""
    (cd "$HOUQIN_ROOT" && "$HOUQIN_VENV_PY" -m pip install --disable-pip-version-check -q -e "$target")
    printf '%s\n' "$want" >"$stamp"
}
