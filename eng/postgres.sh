#!/usr/bin/env bash
# Runs a private PostgreSQL in the foreground for dev/test: eng/postgres.sh DATA_DIR PORT
#   - initdb on first use (superuser postgres, password $POSTGRES_PASSWORD, default "unionplatform";
#     scram-sha-256 over TCP, trust on the unix socket, which lives in DATA_DIR and only its owner can reach);
#   - listens on 127.0.0.1:PORT only; logs go to stderr (the supervisor keeps them);
#   - SIGTERM/SIGINT/SIGHUP, or the death of our parent, stop it with a fast shutdown and we exit.
# The password is applied at initdb only: an existing DATA_DIR keeps the password it was created with.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
restore_sigint "$@"

[[ $# -eq 2 ]] || die "usage: $0 DATA_DIR PORT"
data_dir=$(realpath -m -- "$1")
port=$2
valid_port "$port" || die "invalid port: $port"
password=${POSTGRES_PASSWORD:-unionplatform}
pg_bin=$(pg_bin_dir) || die "no PostgreSQL server under /usr/lib/postgresql/*/bin: run eng/install.sh"
set_as_postgres

# Our cwd may be a folder the postgres user cannot enter (e.g. /root); postgres and initdb complain about that.
cd /

mkdir -p -- "$data_dir"
if [[ $EUID -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "no 'postgres' user: install the postgresql package (eng/install.sh)"
  make_ancestors_traversable postgres "$data_dir"
  # Re-own recursively only when needed (e.g. a root-made empty folder), not on every start.
  [[ $(stat -c %U "$data_dir") == postgres ]] || chown -R postgres:postgres "$data_dir"
fi
chmod 0700 "$data_dir" # postgres refuses a data folder others can read

if [[ ! -f $data_dir/PG_VERSION ]]; then
  [[ -z $(ls -A "$data_dir") ]] || die "$data_dir is neither empty nor a PostgreSQL data folder"
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$password" >"$pwfile"
  [[ $EUID -ne 0 ]] || chown postgres:postgres "$pwfile"
  log "initdb $data_dir"
  # C.UTF-8 ships with glibc, so this works on machines without generated locales.
  if ! out=$("${AS_POSTGRES[@]}" -- "$pg_bin/initdb" -D "$data_dir" -U postgres --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 2>&1); then
    printf '%s\n' "$out" >&2
    die "initdb failed"
  fi
  rm -f "$pwfile"
  trap - EXIT
fi

# The socket path must fit in sockaddr_un (107 bytes); past that, serve TCP only rather than fail.
socket_dir=$data_dir
if ((${#data_dir} + ${#port} + 12 > 107)); then
  log "data folder path too long for a unix socket: TCP only"
  socket_dir=''
fi

# Settings on the command line override postgresql.conf, so a restart with another PORT just works.
# log_error_verbosity=terse: the default prints a unique violation's DETAIL, "Key (national_id)=(...)", i.e.
# personal data, into the server log. Production servers need the same setting (README, "Personal data").
# fsync=off: a crash may corrupt the data. Acceptable only because this is throwaway dev/test data;
# never use this script for anything that must survive a power cut.
"${AS_POSTGRES[@]}" --pdeathsig=INT -- "$pg_bin/postgres" -D "$data_dir" \
  -c listen_addresses=127.0.0.1 -c port="$port" -c unix_socket_directories="$socket_dir" \
  -c fsync=off -c max_connections=300 -c shared_buffers=256MB -c log_error_verbosity=terse &
pg_pid=$!

# SIGINT to the postmaster is a fast shutdown: it ends open sessions (SIGTERM, "smart", would wait for
# pooled connections to close) and still writes a clean checkpoint.
stopping=0
stop() {
  ((stopping)) && return 0
  stopping=1
  log "stopping PostgreSQL (pid $pg_pid)"
  kill -INT "$pg_pid" 2>/dev/null || true
}
trap stop TERM INT HUP

# Supervise: return when postgres exits; stop it when signalled or when our parent dies (we get reparented).
parent=$(current_ppid)
deadline=''
while process_alive "$pg_pid"; do
  if ((!stopping)) && [[ $(current_ppid) != "$parent" ]]; then log "parent $parent is gone"; stop; fi
  if ((stopping)); then
    # Escalate if the fast shutdown hangs: SIGQUIT is PostgreSQL's immediate shutdown.
    if [[ -z $deadline ]]; then deadline=$((SECONDS + 30)); elif ((SECONDS > deadline)); then kill -QUIT "$pg_pid" 2>/dev/null || true; fi
  fi
  sleep 1 &
  wait $! 2>/dev/null || true # a trapped signal interrupts this wait at once
done
rc=0
wait "$pg_pid" || rc=$?
((stopping)) && exit 0
log "PostgreSQL exited with code $rc"
exit "$rc"
