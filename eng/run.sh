#!/usr/bin/env bash
# THE run command: installs what is missing, then runs the whole platform through the .NET Aspire AppHost, and
# prints where to go once the gateway and every service behind it answer (the first start builds, creates the
# databases and loads the demo city: a few minutes). Ctrl+C (or SIGTERM) stops everything: the AppHost's
# children go with it (DCP removes them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
restore_sigint "$@" # so Ctrl+C reaches us even when a script started us in the background
cd "$REPO_ROOT"

"$REPO_ROOT/eng/install.sh"

gateway_port=5080
log "UnionPlatform is starting: building, then PostgreSQL, RabbitMQ and the services (the first run takes a few minutes)"

apphost=''
stop() {
  trap '' INT TERM HUP
  if [[ -n $apphost ]] && process_alive "$apphost"; then
    log "stopping (the AppHost removes every resource it started)"
    kill -INT -- "-$apphost" 2>/dev/null || true
    local deadline=$((SECONDS + 60))
    while process_alive "$apphost" && ((SECONDS < deadline)); do sleep 0.5; done
    kill -KILL -- "-$apphost" 2>/dev/null || true
    wait "$apphost" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A session of its own (so the terminal's Ctrl+C reaches only us and we stop it in order), SIGINT not ignored
# although it runs in the background, and its whole process group (dotnet run and the AppHost) stopped together.
setsid env --default-signal=INT dotnet run --project AppHost/AppHost.csproj --launch-profile http </dev/null &
apphost=$!

# Up means a service answers through the gateway, not that a port is open (DCP's proxies accept early).
up() { [[ $(http_status "$gateway_port" "/$1/health") == 200 ]]; }
portal_up() { [[ $(http_status "$gateway_port" /account/signed-out) == 200 ]]; }
until up membership && up hardship && portal_up; do
  process_alive "$apphost" || { wait "$apphost" || true; die "the AppHost exited before the platform was up"; }
  sleep 2
done

cat >&2 <<EOT

UnionPlatform is up:
  Staff portal (people)     http://localhost:$gateway_port/   (demo accounts: README, "Signing in")
  APIs (Scalar reference)   http://localhost:$gateway_port/scalar   (every API: /membership/..., /hardship/..., /identity/...)
  Aspire dashboard          http://localhost:18888
  RabbitMQ management       http://localhost:15672  (guest / guest)
Press Ctrl+C to stop.
EOT
wait "$apphost"
