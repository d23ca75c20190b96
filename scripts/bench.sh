#!/usr/bin/env bash
# Run the benchmarks (python -m bench.run_all) against a real Docker engine, found or
# started like scripts/test.sh does; a private engine is stopped on every exit.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV=.venv

if [ ! -f bench/run_all.py ] && [ ! -f bench/run_all/__main__.py ]; then
    echo "bench.sh: bench/run_all.py does not exist yet; nothing to run" >&2
    exit 0
fi

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.requirements.sha256"
want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements-dev.txt
    echo "$want" >"$stamp"
fi

DD_ENGINE_DIR=""
cleanup() {
    if [ -n "$DD_ENGINE_DIR" ]; then
        bash scripts/engine.sh stop "$DD_ENGINE_DIR" || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

engine_env=$(bash scripts/engine.sh ensure)
eval "$engine_env"                             # sets DOCKER_HOST and DD_ENGINE_DIR
export DOCKER_HOST

export DD_BENCH_VIA="${DD_BENCH_VIA:-scripts/bench.sh}"   # named in docs/benchmarks.md as the command
set +e
"$VENV/bin/python" -m bench.run_all "$@"
rc=$?
set -e
exit "$rc"
