#!/usr/bin/env bash
# shellcheck disable=SC2317 # functions reached only through trap handlers and "${name}_healthy"/"launch_$name"
# THE test command (README and CI call it): eng/test.sh [extra dotnet test arguments, e.g. --filter X]
# - Installs what is missing (eng/install.sh).
# - Without a Docker engine it starts a private PostgreSQL and RabbitMQ on free loopback ports, data in a fresh
#   temp folder, and exports for the tests:
#     UNIONPLATFORM_TEST_POSTGRES             Host=127.0.0.1;Port=P;Username=postgres;Password=...
#     UNIONPLATFORM_TEST_RABBITMQ             amqp://guest:guest@127.0.0.1:P/
#     UNIONPLATFORM_TEST_RABBITMQ_MANAGEMENT  http://127.0.0.1:M/
#     UNIONPLATFORM_TEST_POSTGRES_LOG         the PostgreSQL server's log file
#   With Docker it starts and exports nothing: the tests use Testcontainers.
# - Builds once, runs dotnet test with TRX output, and prints "N passed, N failed, N skipped" as its last line.
# - Exits non-zero when the build or dotnet test fails, a test fails, or no test ran.
# Environment: TEST_TARGET (default UnionPlatform.sln), CONFIGURATION (default Release),
#   TEST_RESULTS_DIR (default TestResults; server logs are copied to its servers/ folder, the portal's screenshots
#   and accessibility scans' pages are in its portal/ folder),
#   UNIONPLATFORM_SERVER_TIMEOUT (seconds to wait for each server, default 180), POSTGRES_PASSWORD.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
restore_sigint "$@" # so Ctrl+C reaches our trap even when a script started us in the background
cd "$REPO_ROOT"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

target=${TEST_TARGET:-UnionPlatform.sln}
configuration=${CONFIGURATION:-Release}
results=$(realpath -m -- "${TEST_RESULTS_DIR:-$REPO_ROOT/TestResults}")
server_timeout=${UNIONPLATFORM_SERVER_TIMEOUT:-180}
export POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-unionplatform}

"$REPO_ROOT/eng/install.sh"

work=''
postgres_pid='' pg_port=''
rabbitmq_pid='' mq_port='' mq_management_port=''

# Stops both servers (their scripts stop epmd too) and removes the temp data. Idempotent, and quiet so the
# summary line stays last. Servers stop in parallel: RabbitMQ needs a few seconds for a clean shutdown.
stop_servers() {
  local pid pids=() deadline
  for pid in "$rabbitmq_pid" "$postgres_pid"; do
    [[ -n $pid ]] || continue
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid")
  done
  deadline=$((SECONDS + 90))
  for pid in "${pids[@]}"; do
    while process_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    # Last resort; --pdeathsig in the scripts takes the servers and epmd down with them.
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rabbitmq_pid='' postgres_pid=''
  if [[ -n $work ]]; then
    if [[ -d $work ]]; then
      mkdir -p "$results/servers"
      cp -f "$work"/*.log "$results/servers/" 2>/dev/null || true
      rm -rf -- "$work"
    fi
    work=''
  fi
}
trap 'trap "" INT TERM HUP; stop_servers' EXIT
# Turn signals into a normal exit so the EXIT trap runs (bash defers them until a foreground child ends).
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Starts a server script in its own session, so a Ctrl+C on the terminal reaches only us and we stop it in order.
launch() { # log-file script args...
  local log=$1
  shift
  setsid "$@" >"$log" 2>&1 </dev/null &
}
launch_postgres() {
  pg_port=$(free_port ${mq_port:+"$mq_port"} ${mq_management_port:+"$mq_management_port"}) || die "no free port"
  rm -rf -- "$work/postgres"
  launch "$work/postgres.log" "$REPO_ROOT/eng/postgres.sh" "$work/postgres" "$pg_port"
  postgres_pid=$!
}
launch_rabbitmq() {
  local epmd_port dist_port
  mq_port=$(free_port ${pg_port:+"$pg_port"}) || die "no free port"
  mq_management_port=$(free_port ${pg_port:+"$pg_port"} "$mq_port") || die "no free port"
  epmd_port=$(free_port ${pg_port:+"$pg_port"} "$mq_port" "$mq_management_port") || die "no free port"
  dist_port=$(free_port ${pg_port:+"$pg_port"} "$mq_port" "$mq_management_port" "$epmd_port") || die "no free port"
  rm -rf -- "$work/rabbitmq"
  # We pick epmd and distribution ports too, so none of the four collides with PostgreSQL's; a node name
  # inherited from the caller's environment would defeat the per-data-folder default.
  launch "$work/rabbitmq.log" env -u RABBITMQ_NODENAME RABBITMQ_EPMD_PORT="$epmd_port" RABBITMQ_DIST_PORT="$dist_port" \
    "$REPO_ROOT/eng/rabbitmq.sh" "$work/rabbitmq" "$mq_port" "$mq_management_port"
  rabbitmq_pid=$!
}
# Healthy means the real protocol works: a query over TCP with the password, an AMQP handshake plus an
# authenticated management API call (the management listener starts last).
postgres_healthy() {
  [[ $(PGPASSWORD=$POSTGRES_PASSWORD PGCONNECT_TIMEOUT=3 "$pg_bin/psql" -w -X -q -h 127.0.0.1 -p "$pg_port" \
    -U postgres -d postgres -tAc 'select 1' 2>/dev/null) == 1 ]]
}
rabbitmq_healthy() {
  amqp_ready "$mq_port" && [[ $(http_status "$mq_management_port" /api/overview guest:guest) == 200 ]]
}
elapsed() { printf '%d.%d s' $((($(date +%s%N) - $1) / 1000000000)) $((($(date +%s%N) - $1) / 100000000 % 10)); }

# Waits until NAME is healthy. If its script dies because a port was taken between our pick and its bind,
# it relaunches on new ports (twice at most); anything else fails loudly with the log's tail.
await() { # name label
  local name=$1 label=$2 attempt started pid_var="${1}_pid" log="$work/$1.log" deadline
  for attempt in 1 2 3; do
    started=$launch_time
    deadline=$((SECONDS + server_timeout))
    while ! "${name}_healthy"; do
      if ! process_alive "${!pid_var}"; then
        if ((attempt < 3)) && grep -qiE 'address already in use|eaddrinuse' "$log"; then
          log "$label: port already taken, retrying on other ports"
          wait "${!pid_var}" 2>/dev/null || true
          launch_time=$(date +%s%N)
          "launch_$name"
          continue 2
        fi
        server_failed "$label" "exited before it became healthy" "$log"
      fi
      ((SECONDS < deadline)) || server_failed "$label" "not healthy after ${server_timeout} s" "$log"
      sleep 0.2
    done
    # Measured from launch; we only look after the build, so a fast server shows the build's duration.
    log "$label healthy, $(elapsed "$started") after launch"
    return 0
  done
}
server_failed() { # label reason log
  {
    printf '\n=================== ERROR: %s %s ===================\n' "$1" "$2"
    printf -- '--- last lines of %s (the whole log is kept in %s/servers/):\n' "$3" "$results"
    tail -n 60 "$3" 2>/dev/null || true
    printf '=================================================================\n'
  } >&2
  exit 1
}

if docker_engine_available; then
  log "Docker engine answers: tests will start their own containers (Testcontainers)"
else
  pg_bin=$(pg_bin_dir) || die "PostgreSQL not installed"
  work=$(mktemp -d "${TMPDIR:-/tmp}/unionplatform-test.XXXXXX")
  chmod 0711 "$work" # the postgres user must be able to reach its data folder inside
  launch_time=$(date +%s%N)
  launch_postgres
  launch_rabbitmq
  log "starting PostgreSQL (127.0.0.1:$pg_port) and RabbitMQ (127.0.0.1:$mq_port, management $mq_management_port); logs in $work"
fi

summary() { printf '%s passed, %s failed, %s skipped\n' "$1" "$2" "$3"; }

# Build while the servers boot; the tests then run without building again.
build_rc=0
dotnet build "$target" -c "$configuration" --nologo || build_rc=$?
if ((build_rc != 0)); then
  stop_servers
  printf '[%s] ERROR: build failed (exit code %s)\n' "$(basename "$0")" "$build_rc" >&2
  summary 0 0 0
  exit "$build_rc"
fi

if [[ -n $work ]]; then
  await postgres PostgreSQL
  await rabbitmq RabbitMQ
  export UNIONPLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$POSTGRES_PASSWORD"
  export UNIONPLATFORM_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$mq_port/"
  export UNIONPLATFORM_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:$mq_management_port/"
  export UNIONPLATFORM_TEST_POSTGRES_LOG="$work/postgres.log" # tests scan it for personal data
fi

# Only this run's TRX files may be counted. The browser tests put their screenshots under it too.
mkdir -p "$results"
export UNIONPLATFORM_TEST_RESULTS="$results"
find "$results" -name '*.trx' -type f -delete
test_rc=0
dotnet test "$target" -c "$configuration" --no-build --nologo --logger trx --results-directory "$results" "$@" || test_rc=$?

stop_servers

# Sum the <Counters .../> of every TRX (one per test project). Failed covers errors, timeouts and aborts;
# skipped is whatever neither passed nor failed (NotExecuted: xunit skips; inconclusive, not runnable...).
passed=0 failed=0 skipped=0 total=0 files=0
counter() { # attribute-name counters-element
  if [[ $2 =~ [[:space:]]$1=\"([0-9]+)\" ]]; then printf '%s\n' "${BASH_REMATCH[1]}"; else echo 0; fi
}
while IFS= read -r -d '' trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  [[ -n $counters ]] || { log "no <Counters> in $trx"; continue; }
  files=$((files + 1))
  t=$(counter total "$counters")
  p=$(counter passed "$counters")
  f=$(($(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters")))
  s=$((t - p - f))
  ((s >= 0)) || s=0
  total=$((total + t)) passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done < <(find "$results" -name '*.trx' -type f -print0)

rc=0
if ((test_rc != 0)); then
  log "ERROR: dotnet test failed (exit code $test_rc)"
  rc=$test_rc
fi
if ((failed > 0)); then
  log "ERROR: $failed test(s) failed"
  rc=1
fi
if ((total == 0)); then
  log "ERROR: no tests ran ($files TRX file(s) in $results)"
  rc=1
fi
summary "$passed" "$failed" "$skipped"
exit "$rc"
