#!/usr/bin/env bash
# shellcheck disable=SC2317 # functions reached only through trap handlers
# Runs a private RabbitMQ broker (Debian's 3.10, management plugin on) in the foreground for dev/test:
#   eng/rabbitmq.sh DATA_DIR AMQP_PORT MANAGEMENT_PORT
# Everything lives under DATA_DIR (HOME, Erlang cookie, config, mnesia, logs); AMQP and the management
# HTTP API listen on 127.0.0.1 only; the default guest/guest user works because guest is loopback-only.
# The broker gets its own epmd, node name and distribution port (both on loopback), so several brokers can
# run at once and none touches the system's epmd on 4369. SIGTERM/SIGINT/SIGHUP, or the death of our parent,
# stop the broker and then its epmd: nothing outlives this script (not even a SIGKILL of it: --pdeathsig).
# Optional environment: RABBITMQ_EPMD_PORT, RABBITMQ_DIST_PORT (default: free ports), RABBITMQ_NODENAME
# (default: derived from DATA_DIR, so it is stable across restarts and mnesia finds its data again).
# DATA_DIR/node.env records the node name and ports for rabbitmqctl/rabbitmq-diagnostics.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
restore_sigint "$@"

[[ $# -eq 3 ]] || die "usage: $0 DATA_DIR AMQP_PORT MANAGEMENT_PORT"
data_dir=$(realpath -m -- "$1")
amqp_port=$2
management_port=$3
valid_port "$amqp_port" || die "invalid AMQP port: $amqp_port"
valid_port "$management_port" || die "invalid management port: $management_port"

rabbitmq_server=/usr/lib/rabbitmq/bin/rabbitmq-server
[[ -x $rabbitmq_server ]] || die "$rabbitmq_server is missing: run eng/install.sh"
epmd=$(command -v epmd || true)
[[ -n $epmd ]] || epmd=$(compgen -G '/usr/lib/erlang/erts-*/bin/epmd' | head -n 1 || true)
[[ -x $epmd ]] || die "epmd not found (package erlang-base): run eng/install.sh"

cd /
mkdir -p -- "$data_dir"/{log,mnesia,conf.d}
chmod 0700 "$data_dir" # it holds the Erlang cookie

epmd_port=${RABBITMQ_EPMD_PORT:-$(free_port "$amqp_port" "$management_port")}
dist_port=${RABBITMQ_DIST_PORT:-$(free_port "$amqp_port" "$management_port" "$epmd_port")}
node=${RABBITMQ_NODENAME:-rabbit_$(printf %s "$data_dir" | cksum | cut -d' ' -f1)@localhost}

# The cookie is read from $HOME; a private one keeps other nodes (and other test runs) out.
cookie=$data_dir/.erlang.cookie
if [[ ! -s $cookie ]]; then
  (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F >"$cookie")
  chmod 0400 "$cookie"
fi

# Rewritten on every start so the ports follow the arguments.
cat >"$data_dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$amqp_port
management.tcp.ip = 127.0.0.1
management.tcp.port = $management_port
loopback_users.guest = true
log.file.level = info
log.console = true
log.console.level = info
EOF
# Without this the distribution port listens on 0.0.0.0.
echo '[{kernel, [{inet_dist_use_interface, {127,0,0,1}}]}].' >"$data_dir/advanced.config"
echo '[rabbitmq_management].' >"$data_dir/enabled_plugins"
: >"$data_dir/rabbitmq-env.conf"
cat >"$data_dir/node.env" <<EOF
HOME=$data_dir
RABBITMQ_NODENAME=$node
ERL_EPMD_PORT=$epmd_port
RABBITMQ_DIST_PORT=$dist_port
EOF

export HOME=$data_dir ERL_EPMD_PORT=$epmd_port
export RABBITMQ_NODENAME=$node RABBITMQ_DIST_PORT=$dist_port
# Point every file rabbitmq-env/rabbit_env would otherwise look up under /etc/rabbitmq or /var/lib/rabbitmq here.
export RABBITMQ_CONF_ENV_FILE=$data_dir/rabbitmq-env.conf
export RABBITMQ_CONFIG_FILE=$data_dir/rabbitmq.conf
export RABBITMQ_CONFIG_FILES=$data_dir/conf.d
export RABBITMQ_ADVANCED_CONFIG_FILE=$data_dir/advanced.config
export RABBITMQ_ENABLED_PLUGINS_FILE=$data_dir/enabled_plugins
export RABBITMQ_MNESIA_BASE=$data_dir/mnesia
export RABBITMQ_LOG_BASE=$data_dir/log
export RABBITMQ_PID_FILE=$data_dir/rabbitmq.pid
# The listeners come from rabbitmq.conf; inherited values would fight it.
unset RABBITMQ_NODE_PORT RABBITMQ_NODE_IP_ADDRESS RABBITMQ_USE_LONGNAME NOTIFY_SOCKET
# Make rabbitmq-server exec the Erlang VM instead of staying as a sh wrapper around it: the broker then has
# the pid we started (our signals and --pdeathsig reach it). "+B i": the VM ignores SIGINT (a Ctrl+C on the
# terminal's process group); we turn our INT into a clean TERM ourselves.
export RUNNING_UNDER_SYSTEMD=true
export RABBITMQ_SERVER_START_ARGS="+B i"

stopping=0
broker_pid=''
epmd_pid=''
stop() {
  ((stopping)) && return 0
  stopping=1
  if [[ -n $broker_pid ]] && process_alive "$broker_pid"; then
    log "stopping RabbitMQ node $node (pid $broker_pid)"
    kill -TERM "$broker_pid" 2>/dev/null || true # the VM's SIGTERM handler shuts the broker down cleanly
  fi
}
# Whatever way we leave, the epmd we started goes too (it would otherwise live forever).
finish() {
  if [[ -n $broker_pid ]] && process_alive "$broker_pid"; then kill -KILL "$broker_pid" 2>/dev/null || true; fi
  if [[ -n $epmd_pid ]]; then kill -TERM "$epmd_pid" 2>/dev/null || true; wait "$epmd_pid" 2>/dev/null || true; fi
}
trap stop TERM INT HUP
trap finish EXIT

# A private epmd, a child of ours (not "-daemon"); KILL on our death since it holds no state.
setpriv --pdeathsig=KILL -- "$epmd" -port "$epmd_port" -address 127.0.0.1 &
epmd_pid=$!
for _ in $(seq 100); do
  process_alive "$epmd_pid" || die "epmd did not start on port $epmd_port"
  "$epmd" -port "$epmd_port" -names >/dev/null 2>&1 && break
  sleep 0.1
done
"$epmd" -port "$epmd_port" -names >/dev/null 2>&1 || die "epmd does not answer on port $epmd_port"
((stopping)) && exit 0

log "starting RabbitMQ node $node: amqp 127.0.0.1:$amqp_port, management 127.0.0.1:$management_port, epmd $epmd_port, dist $dist_port"
setpriv --pdeathsig=TERM -- "$rabbitmq_server" &
broker_pid=$!

# Supervise: leave when the broker exits; stop it when signalled, when our parent dies or when epmd dies.
parent=$(current_ppid)
deadline=''
while process_alive "$broker_pid"; do
  if ((!stopping)); then
    if [[ $(current_ppid) != "$parent" ]]; then log "parent $parent is gone"; stop; fi
    if ! process_alive "$epmd_pid"; then log "epmd died"; stop; fi
  else
    # A clean stop takes a few seconds; do not let a wedged VM outlive us.
    if [[ -z $deadline ]]; then deadline=$((SECONDS + 60)); elif ((SECONDS > deadline)); then kill -KILL "$broker_pid" 2>/dev/null || true; fi
  fi
  sleep 1 &
  wait $! 2>/dev/null || true # a trapped signal interrupts this wait at once
done
rc=0
wait "$broker_pid" || rc=$?
((stopping)) && exit 0
log "RabbitMQ exited with code $rc"
exit "$rc"
