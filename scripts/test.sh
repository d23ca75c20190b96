#!/usr/bin/env bash
# Run the test suite against a real Docker engine.
#   1. .venv with requirements-dev.txt (reinstalled when the requirements files change)
#   2. a Docker engine: reuse one that answers, else (root) start a private one, always stopped on exit
#   3. a Chromium for the browser tests (Playwright's own, else Debian's /usr/bin/chromium)
#   4. pytest; its exit code is this script's exit code
# Extra arguments are passed to pytest (default: -q tests).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV=.venv

is_root() { [ "$(id -u)" -eq 0 ]; }
apt_install() {
    echo "test.sh: installing with apt-get: $*" >&2
    if [ -z "${APT_UPDATED:-}" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null </dev/null
}

# --- 1. Python environment -------------------------------------------------------------
ensure_venv() {
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
        echo "test.sh: ERROR: $PYTHON (3.10 or newer) is required" >&2
        exit 1
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        # Debian ships venv/ensurepip separately (python3-venv).
        if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
            rm -rf "$VENV"
            is_root && command -v apt-get >/dev/null 2>&1 || {
                echo "test.sh: ERROR: '$PYTHON -m venv' failed; install python3-venv" >&2; exit 1; }
            apt_install python3-venv
            "$PYTHON" -m venv "$VENV"
        fi
    fi
    local stamp="$VENV/.requirements.sha256" want
    want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        echo "test.sh: installing requirements-dev.txt into $VENV" >&2
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements-dev.txt
        echo "$want" >"$stamp"
    fi
}

# --- 3. browser --------------------------------------------------------------------------
has_deb() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]; }

playwright_has_own_chromium() {
    [ "$("$VENV/bin/python" - 2>/dev/null <<'EOF'
import os
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    print('yes' if os.path.exists(p.chromium.executable_path) else 'no')
EOF
)" = yes ]
}

ensure_browser() {
    local can_apt=""
    is_root && command -v apt-get >/dev/null 2>&1 && can_apt=1
    # Playwright's bundled node needs libatomic.so.1, which minimal Debian images lack.
    if [ -n "$can_apt" ] && ! has_deb libatomic1; then
        apt_install libatomic1
    fi
    playwright_has_own_chromium && return 0
    [ -x /usr/bin/chromium ] && return 0
    if [ -n "$can_apt" ]; then
        apt_install chromium
    else
        echo "test.sh: WARNING: no Chromium for browser tests (install 'chromium' or run" \
             "'$VENV/bin/playwright install chromium'); browser tests will fail" >&2
    fi
}

# --- 3b. a registry on 127.0.0.1 for the image pull and update tests -----------------------
# A daemon's Debian package, installed stopped: Debian starts the daemons it installs, and a
# policy-rc.d that says no keeps it from doing so (the tests start their own, on their own
# addresses). Arguments: the file that shows it is there, the package, what fails without it.
ensure_daemon_package() {
    [ -x "$1" ] && return 0
    if is_root && command -v apt-get >/dev/null 2>&1; then
        local policy=/usr/sbin/policy-rc.d made=""
        if [ ! -e "$policy" ]; then
            printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && made=1
        fi
        apt_install --no-install-recommends "$2"
        if [ -n "$made" ]; then rm -f "$policy"; fi   # (a bare '[ ] &&' would be this function's failing status)
    else
        echo "test.sh: WARNING: no $1 (Debian: apt-get install $2); $3 will fail" >&2
    fi
}

# the image pull and update tests run Debian's docker-registry on a free 127.0.0.1 port; the
# ssh:// engine tests run Debian's sshd in a network namespace of their own
ensure_registry() { ensure_daemon_package /usr/bin/docker-registry docker-registry "the image pull tests"; }
ensure_sshd() { ensure_daemon_package /usr/sbin/sshd openssh-server "the ssh:// engine tests"; }

# --- 2. engine, stopped on every exit ----------------------------------------------------
DD_ENGINE_DIR=""
cleanup() {
    if [ -n "$DD_ENGINE_DIR" ]; then
        bash scripts/engine.sh stop "$DD_ENGINE_DIR" || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_venv
engine_env=$(bash scripts/engine.sh ensure)   # fails the script if no engine can be had
eval "$engine_env"                             # sets DOCKER_HOST and DD_ENGINE_DIR
export DOCKER_HOST DD_ENGINE_DIR   # DD_ENGINE_DIR: the outage tests may restart a private engine
ensure_browser
ensure_registry
ensure_sshd

echo "test.sh: running pytest with DOCKER_HOST=$DOCKER_HOST" >&2
set +e
if [ $# -gt 0 ]; then
    "$VENV/bin/python" -m pytest "$@"
else
    "$VENV/bin/python" -m pytest -q --durations=25 tests
fi
rc=$?
set -e
exit "$rc"
