#!/usr/bin/env bash
# Find or start a Docker engine for tests and benchmarks (see docs: engine.md).
#
#   scripts/engine.sh ensure         prints shell lines to eval, e.g.
#                                      export DOCKER_HOST=unix:///tmp/dockerdeployer-engine.X/docker.sock
#                                      export DD_ENGINE_DIR=/tmp/dockerdeployer-engine.X   (empty when reused)
#   scripts/engine.sh stop [DIR]     stops the private engine recorded in DIR (default $DD_ENGINE_DIR);
#                                    does nothing for a reused engine.
#
# Order of preference for `ensure`:
#   1. $DOCKER_HOST, when an engine answers there;
#   2. /var/run/docker.sock, when an engine answers there;
#   3. a dockerd that is already running, at one of its -H sockets (a second engine with default
#      settings would clash with it over docker0); refuse if none of its sockets answers;
#   4. as root only: install Debian's docker.io (+ docker-compose) if missing and start a private
#      dockerd in a fresh mktemp dir. The same lines are written to DIR/env.
# It also makes sure a static busybox exists (tests build a FROM-scratch image from it).
#
# Messages go to stderr; stdout carries only the export lines.
# Knobs: DD_BUSYBOX (default /bin/busybox), DD_ENGINE_TIMEOUT (default 60 s),
#        DD_DOCKERD_EXTRA_ARGS (extra dockerd flags, word-split; default none),
#        DD_ENGINE_ADDRESS_POOL (the private engine's networks, default 10.213.0.0/16 in /24s).
#
# Networks: a bridge network is a host interface (br-<id>) that dockerd does not delete when it
# stops, and a new engine skips every address range such an interface still holds. Engines
# killed or stopped with networks left behind used up Docker's 31 default ranges on a machine
# that runs the suite often ("could not find an available, non-overlapping IPv4 address pool",
# every deploy failing). So the private engine takes its networks from a range of its own,
# removes its networks before it stops, and any bridge left in that range (no other engine runs
# when a private one starts or stops) is deleted at start and stop.

set -euo pipefail

BUSYBOX="${DD_BUSYBOX:-/bin/busybox}"
ENGINE_TIMEOUT="${DD_ENGINE_TIMEOUT:-60}"
ADDRESS_POOL="${DD_ENGINE_ADDRESS_POOL:-10.213.0.0/16}"
MARKER=".dockerdeployer-engine"   # file in a dir this script created

log() { echo "engine: $*" >&2; }
die() { echo "engine: ERROR: $*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# Does an engine answer at the given DOCKER_HOST value?
answers() {
    if command -v docker >/dev/null 2>&1; then
        DOCKER_HOST="$1" timeout 10 docker version >/dev/null 2>&1
    else
        DOCKER_HOST="$1" timeout 10 python3 -c 'import docker; docker.from_env().ping()' >/dev/null 2>&1
    fi
}

# apt-get install (root only); arguments are passed through: [flags] packages.
apt_install() {
    log "installing with apt-get: $* ..."
    if [ -z "${APT_UPDATED:-}" ]; then   # once per run; fresh machines have no package lists
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null </dev/null \
        || die "apt-get install $* failed"
}

is_static_busybox() {
    [ -x "$BUSYBOX" ] || return 1
    # ldd (libc-bin, always present on Debian) says so for static executables.
    command -v ldd >/dev/null 2>&1 || return 0   # cannot tell (not glibc): trust it
    local out
    out=$(LC_ALL=C ldd "$BUSYBOX" 2>&1 || true)
    [[ "$out" == *"not a dynamic executable"* ]]
}

ensure_busybox() {
    is_static_busybox && return 0
    if is_root && [ "$BUSYBOX" = /bin/busybox ] && command -v apt-get >/dev/null 2>&1; then
        # busybox-static replaces Debian's dynamic busybox package if that one is installed.
        apt_install busybox-static
        is_static_busybox && return 0
    fi
    die "$BUSYBOX is missing or not statically linked. Tests build a FROM-scratch image from it.
  Debian/Ubuntu: sudo apt-get install busybox-static
  elsewhere: point DD_BUSYBOX at a static busybox binary."
}

print_env() {   # $1 = DOCKER_HOST, $2 = private engine dir or ""
    printf 'export DOCKER_HOST=%q\nexport DD_ENGINE_DIR=%q\n' "$1" "$2"
}

start_private_engine() {
    command -v apt-get >/dev/null 2>&1 || die "no engine answers and this is not a Debian-like system; start Docker and set DOCKER_HOST."
    command -v dockerd >/dev/null 2>&1 || apt_install docker.io
    command -v docker-compose >/dev/null 2>&1 || apt_install --no-install-recommends docker-compose
    # On a machine with systemd, installing docker.io starts the system engine: use that one
    # (a second engine with default settings would clash with it over the docker0 bridge).
    reuse_system_engine && return 0

    local dir sock pid waited=0
    dir=$(mktemp -d "${TMPDIR:-/tmp}/dockerdeployer-engine.XXXXXX")
    touch "$dir/$MARKER"
    sock="unix://$dir/docker.sock"
    remove_stale_bridges
    log "starting a private dockerd in $dir"
    # shellcheck disable=SC2086  # DD_DOCKERD_EXTRA_ARGS is deliberately word-split
    # --live-restore: containers keep running while the engine is stopped, so the outage tests
    # can stop and start this engine under a running app (tests/reliability/test_outage.py).
    setsid dockerd --data-root "$dir/data" --exec-root "$dir/exec" \
        -H "$sock" --pidfile "$dir/docker.pid" --live-restore \
        --default-address-pool "base=$ADDRESS_POOL,size=24" ${DD_DOCKERD_EXTRA_ARGS:-} \
        </dev/null >"$dir/dockerd.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/launcher.pid"
    trap 'stop_engine "$dir"; exit 130' INT TERM   # interrupted while waiting: clean up

    until answers "$sock"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$dir/dockerd.log" >&2 || true
            stop_engine "$dir"
            die "dockerd exited during startup (its log is above)"
        fi
        if [ "$waited" -ge $((ENGINE_TIMEOUT * 2)) ]; then
            tail -n 30 "$dir/dockerd.log" >&2 || true
            stop_engine "$dir"
            die "dockerd did not answer within ${ENGINE_TIMEOUT}s (log above)"
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    trap - INT TERM
    log "private engine ready after ~$((waited / 2))s: $sock"
    print_env "$sock" "$dir" | tee "$dir/env"
}

reuse_system_engine() {
    [ -S /var/run/docker.sock ] && answers unix:///var/run/docker.sock || return 1
    log "reusing the engine at /var/run/docker.sock"
    print_env unix:///var/run/docker.sock ""
}

# Another dockerd already running (not at $DOCKER_HOST or /var/run/docker.sock)? Reuse it when one
# of its -H sockets answers; starting a second engine with default settings would clash with it
# over the docker0 bridge (same container IPs, each wiping the other's port rules).
reuse_running_dockerd() {
    local proc pid host found=""
    for proc in /proc/[0-9]*; do
        pid=${proc#/proc/}
        dockerd_alive "$pid" || continue
        # an engine the tests run in a network namespace of its own (devtools/netns_engine.py): its
        # ports and addresses are not this machine's, and it has no docker0 here to clash over
        [ "$(readlink "$proc/ns/net" 2>/dev/null)" = "$(readlink /proc/self/ns/net)" ] || continue
        found="$found $pid"
        for host in $(tr '\0' '\n' <"$proc/cmdline" 2>/dev/null \
                      | awk '/^(-H|--host)=/ { sub(/^[^=]*=/, ""); print } prev == "-H" || prev == "--host" { print } { prev = $0 }'); do
            if answers "$host"; then
                log "reusing the running dockerd (pid $pid) at $host"
                print_env "$host" ""
                return 0
            fi
        done
    done
    [ -z "$found" ] && return 1
    die "a dockerd is already running (pid$found) but none of its sockets answers here.
  A second engine would clash with it over the docker0 bridge: set DOCKER_HOST to that engine."
}

ensure() {
    ensure_busybox
    if [ -n "${DOCKER_HOST:-}" ]; then
        if answers "$DOCKER_HOST"; then
            log "reusing the engine at DOCKER_HOST=$DOCKER_HOST"
            print_env "$DOCKER_HOST" ""
            return 0
        fi
        log "no engine answers at DOCKER_HOST=$DOCKER_HOST; looking elsewhere"
    fi
    reuse_system_engine && return 0
    if ! is_root; then
        die "no Docker engine answers (checked \$DOCKER_HOST and /var/run/docker.sock).
  Start Docker (Docker Desktop, or 'sudo systemctl start docker'), add yourself to the 'docker'
  group or set DOCKER_HOST to an engine you can use, then rerun.
  Alternatively run as root: this script then installs docker.io and starts a private engine."
    fi
    reuse_running_dockerd && return 0
    start_private_engine
}

# Is $1 a running dockerd? (not a recycled pid, not a zombie waiting to be reaped)
dockerd_alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    [[ "$stat" == "$1 (dockerd) "* && "$stat" != "$1 (dockerd) Z"* ]]
}

# Delete the bridge interfaces holding an address in ADDRESS_POOL: left by a private engine that
# was killed. Called only when no dockerd of ours runs (before starting one, after stopping it).
remove_stale_bridges() {
    command -v ip >/dev/null 2>&1 || return 0
    local link
    for link in $(ip -o -4 addr show 2>/dev/null | POOL="$ADDRESS_POOL" python3 -c '
import ipaddress, os, sys
pool = ipaddress.ip_network(os.environ["POOL"], strict=False)
for line in sys.stdin:
    fields = line.split()   # "7: br-1a2b3c inet 10.213.0.1/24 brd ..."
    name, address = fields[1], fields[3]
    if name.startswith("br-") and ipaddress.ip_interface(address).ip in pool:
        print(name)' 2>/dev/null); do
        log "deleting $link, a bridge a stopped engine left in $ADDRESS_POOL"
        ip link delete "$link" 2>/dev/null || true
    done
}

stop_engine() {
    local dir="${1:-${DD_ENGINE_DIR:-}}" pid i
    if [ -z "$dir" ]; then
        log "no private engine recorded; nothing to stop"
        return 0
    fi
    [ -f "$dir/$MARKER" ] || die "$dir was not created by this script; refusing to stop anything"
    pid=$(cat "$dir/docker.pid" 2>/dev/null || cat "$dir/launcher.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && dockerd_alive "$pid"; then
        # with --live-restore, containers outlive dockerd: kill them first; then remove them and
        # the networks, whose bridges would otherwise outlive the engine (see the top)
        if command -v docker >/dev/null 2>&1; then
            DOCKER_HOST="unix://$dir/docker.sock" timeout 120 sh -c \
                'docker ps -q | xargs -r docker kill >/dev/null 2>&1;
                 docker ps -aq | xargs -r docker rm -f >/dev/null 2>&1;
                 docker network prune -f >/dev/null 2>&1' || true
        fi
        log "stopping private dockerd (pid $pid, $dir)"
        kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 1 60); do   # dockerd stops its containers first (up to ~15 s)
            dockerd_alive "$pid" || break
            sleep 0.5
        done
        if dockerd_alive "$pid"; then
            log "dockerd did not exit in 30s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    remove_stale_bridges
    # dockerd may leave its data-root bind-mounted on itself (seen when / is not a shared
    # mount); unmount what is left inside our dir, deepest first, then remove the dir.
    local mnt
    for mnt in $(awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r); do
        umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
    done
    if grep -q " $dir/" /proc/self/mounts 2>/dev/null; then
        log "mounts remain under $dir; leaving it in place"
    else
        rm -rf "$dir" 2>/dev/null || log "could not remove $dir completely"
    fi
}

case "${1:-}" in
    ensure) ensure ;;
    stop) stop_engine "${2:-}" ;;
    busybox) ensure_busybox ;;
    *) echo "usage: $0 ensure|stop [DIR]|busybox" >&2; exit 2 ;;
esac
