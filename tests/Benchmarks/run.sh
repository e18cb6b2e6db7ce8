#!/usr/bin/env bash
# Runs the benchmarks: tests/Benchmarks/run.sh [--quick] [other benchmark arguments, see README.md]
# Uses the servers in UNIONPLATFORM_TEST_POSTGRES / _RABBITMQ / _RABBITMQ_MANAGEMENT when all three are set;
# otherwise starts a private PostgreSQL and RabbitMQ (eng/postgres.sh, eng/rabbitmq.sh) on free loopback ports
# with data in a temp folder, and stops them (and their epmd) on exit, whatever way we leave.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../../eng/lib.sh"
restore_sigint "$@"
export POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-unionplatform} DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

work='' pids=()
stop() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 300); do process_alive "$pid" || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
  [[ -z $work ]] || rm -rf -- "$work"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z ${UNIONPLATFORM_TEST_POSTGRES:-} || -z ${UNIONPLATFORM_TEST_RABBITMQ:-} || -z ${UNIONPLATFORM_TEST_RABBITMQ_MANAGEMENT:-} ]]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/unionplatform-bench.XXXXXX")
  chmod 0711 "$work" # the postgres user must reach its data folder inside
  pg_port=$(free_port) && mq_port=$(free_port "$pg_port") && mgmt_port=$(free_port "$pg_port" "$mq_port") || die "no free port"
  setsid "$here/../../eng/postgres.sh" "$work/postgres" "$pg_port" >"$work/postgres.log" 2>&1 </dev/null &
  pids+=($!)
  setsid env -u RABBITMQ_NODENAME "$here/../../eng/rabbitmq.sh" "$work/rabbitmq" "$mq_port" "$mgmt_port" >"$work/rabbitmq.log" 2>&1 </dev/null &
  pids+=($!)
  log "starting PostgreSQL (127.0.0.1:$pg_port) and RabbitMQ (127.0.0.1:$mq_port, management $mgmt_port); logs in $work"
  export UNIONPLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$POSTGRES_PASSWORD"
  export UNIONPLATFORM_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$mq_port/"
  export UNIONPLATFORM_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:$mgmt_port/"
fi

# Build while the servers boot.
dotnet build "$here/Benchmarks.csproj" -c Release --nologo -v q

if [[ -n $work ]]; then
  pg_bin=$(pg_bin_dir) || die "PostgreSQL not installed: run eng/install.sh"
  for _ in $(seq 900); do
    PGPASSWORD=$POSTGRES_PASSWORD PGCONNECT_TIMEOUT=3 "$pg_bin/psql" -w -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
      -tAc 'select 1' >/dev/null 2>&1 && amqp_ready "$mq_port" && [[ $(http_status "$mgmt_port" /api/overview guest:guest) == 200 ]] && break
    for pid in "${pids[@]}"; do process_alive "$pid" || die "a server exited; see $work/*.log"; done
    sleep 0.2
  done
fi

dotnet "$here/bin/Release/net10.0/UnionPlatform.Benchmarks.dll" "$@"
