# Shared helpers for the eng/ scripts. Source it; it defines functions and REPO_ROOT only.
# shellcheck shell=bash

# shellcheck disable=SC2034 # used by the scripts that source this file
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# Background jobs of a non-interactive shell start with SIGINT ignored, and bash cannot trap a signal that was
# ignored when it started. Servers call this first ("$@" = their arguments): it re-execs the script once with
# SIGINT back to default, so their INT trap works however they were launched.
restore_sigint() {
  local key value
  while read -r key value; do
    [[ $key == SigIgn: ]] || continue
    if (((16#$value & 2) && ${_ENG_SIGINT_RESTORED:-0} == 0)); then
      _ENG_SIGINT_RESTORED=1 exec env --default-signal=INT "$BASH" "$0" "$@"
    fi
  done </proc/$$/status
  unset _ENG_SIGINT_RESTORED
}

# True when a Docker engine answers. The CLI alone is not enough (it exists on machines without a daemon);
# the timeout guards against a socket that accepts but never replies.
docker_engine_available() {
  command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1
}

# Prints the bin folder of the newest PostgreSQL server installed the Debian way (/usr/lib/postgresql/N/bin).
# PG_BIN overrides it. Fails when none is installed.
pg_bin_dir() {
  if [[ -n ${PG_BIN:-} ]]; then
    [[ -x $PG_BIN/postgres ]] || return 1
    printf '%s\n' "$PG_BIN"
    return 0
  fi
  local best='' best_version=0 dir version
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x $dir/postgres ]] || continue
    version=${dir#/usr/lib/postgresql/}
    version=${version%%/*}
    [[ $version =~ ^[0-9]+$ ]] || continue
    if ((version > best_version)); then best=$dir best_version=$version; fi
  done
  [[ -n $best ]] || return 1
  printf '%s\n' "$best"
}

# Sets AS_POSTGRES to a command prefix that runs a program as the postgres user when we are root (postgres
# refuses to run as root), else as ourselves. Use it as "${AS_POSTGRES[@]}" [--pdeathsig=SIG] -- program args.
# It is an array, not a function, on purpose: a function run with & forks a bash subshell that would sit between
# us and the server (signals and --pdeathsig would then hit the subshell). setpriv execs in place, without PAM.
set_as_postgres() {
  AS_POSTGRES=(setpriv)
  if [[ $EUID -eq 0 ]]; then AS_POSTGRES+=(--reuid=postgres --regid=postgres --init-groups); fi
}

# Makes every ancestor of DIR searchable by USER (o+x only, no listing) where it is not already:
# mktemp -d folders and some checkouts are 0700 root, which would lock the postgres user out.
make_ancestors_traversable() {
  local user=$1 dir=$2 path='' part
  local -a parts
  IFS=/ read -r -a parts <<<"${dir#/}"
  for part in "${parts[@]:0:${#parts[@]}-1}"; do
    path+=/$part
    if ! setpriv --reuid="$user" --regid="$user" --init-groups -- test -x "$path" 2>/dev/null; then
      log "granting others search (o+x) on $path so $user can reach $dir"
      chmod o+x "$path"
    fi
  done
}

# True while PID exists and is not a zombie (kill -0 succeeds on zombies, which a poll loop must not mistake for life).
process_alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# Parent pid as the kernel sees it now ($PPID is frozen at shell start, so it cannot notice a reparenting).
current_ppid() {
  local stat ppid
  stat=$(cat /proc/$$/stat)
  stat=${stat##*) }
  read -r _ ppid _ <<<"$stat"
  printf '%s\n' "$ppid"
}

# Prints a TCP port that nothing uses now, picked at random outside the kernel's ephemeral range (outgoing
# connections take ports from there, so a port chosen inside it could be grabbed between our pick and the
# server's bind). Ports given as arguments are excluded too. Still a pick-then-bind race: callers that can
# should retry on "address in use".
free_port() {
  local -A used=()
  local p eph_lo eph_hi lo hi file local_addr candidate _
  for p in "$@"; do used[$p]=1; done
  for file in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $file ]] || continue
    while read -r _ local_addr _; do
      [[ $local_addr == *:* ]] || continue
      used[$((16#${local_addr##*:}))]=1
    done <"$file"
  done
  read -r eph_lo eph_hi </proc/sys/net/ipv4/ip_local_port_range
  lo=10000 hi=$((eph_lo - 1))
  if ((hi - lo < 1000)); then lo=$((eph_hi + 1)) hi=65535; fi
  for _ in $(seq 200); do
    candidate=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1)))
    if [[ -z ${used[$candidate]:-} ]]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

valid_port() { [[ $1 =~ ^[0-9]+$ ]] && (($1 > 0 && $1 < 65536)); }

# True when an AMQP 0-9-1 broker answers on 127.0.0.1:PORT: we send the protocol header and expect the
# Connection.Start method frame (type 1, channel 0, class 10 method 10) a ready broker replies with.
# A TCP connect alone proves nothing (proxies accept before the server is up).
amqp_ready() {
  local port=$1 reply
  # shellcheck disable=SC2016 # expanded by the inner bash
  reply=$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "AMQP\x00\x00\x09\x01" >&3
    head -c 11 <&3 | od -An -tx1' _ "$port" 2>/dev/null) || return 1
  reply=${reply//[[:space:]]/}
  [[ $reply == 010000* && ${reply:14:8} == 000a000a ]]
}

# Prints the HTTP status code of GET http://127.0.0.1:PORT/PATH (optional basic-auth USER:PASSWORD), using only
# bash's /dev/tcp, so no curl is needed on a fresh machine.
http_status() {
  local port=$1 path=$2 auth=${3:-} header=''
  [[ -z $auth ]] || header="Authorization: Basic $(printf %s "$auth" | base64 -w0)"$'\r\n'
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n%s\r\n" "$2" "$3" >&3
    IFS=" " read -r _ status _ <&3 && printf "%s\n" "$status"' _ "$port" "$path" "$header" 2>/dev/null
}
