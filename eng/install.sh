#!/usr/bin/env bash
# Installs what this repo needs on Debian 12 beyond the .NET SDK, then restores the repo's dotnet tools.
# Idempotent and quiet: it says something only when it installs or fails.
#   - No Docker engine answering: PostgreSQL and RabbitMQ run as local processes (eng/postgres.sh,
#     eng/rabbitmq.sh), so their packages must be there. With Docker, tests and the AppHost use containers.
#   - Always: Chromium and a Chinese font, for the portal's browser tests (tests/Portal.Tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

packages=()
# The portal's browser tests drive Debian's Chromium (Playwright's own download needs the internet), and its pages
# are Chinese: without a CJK font every character is a box in the screenshots.
[[ -x /usr/bin/chromium ]] || packages+=(chromium)
[[ -n $(fc-list :lang=zh 2>/dev/null || true) ]] || packages+=(fonts-wqy-microhei)
if ! docker_engine_available; then
  [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || packages+=(rabbitmq-server)
  pg_bin_dir >/dev/null || packages+=(postgresql)
fi

if ((${#packages[@]})); then
  sudo=()
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to install: ${packages[*]}"
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_log=$(mktemp)
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  cleanup() {
    ((created_policy)) && "${sudo[@]}" rm -f "$policy"
    rm -f "$apt_log"
  }
  trap cleanup EXIT
  apt_failed() {
    tail -n 40 "$apt_log" >&2
    die "$1"
  }
  # Debian starts a package's service on install: a system RabbitMQ on 5672/15672/25672 + epmd 4369 and a
  # PostgreSQL cluster on 5432 would take ports the dev setup uses. A policy-rc.d that says 101 ("action
  # forbidden") keeps them stopped; we only add one if the machine has none.
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 0755 "$policy"
    created_policy=1
  fi
  # Configuring rabbitmq-server starts an epmd (as the rabbitmq user) that listens on 0.0.0.0:4369 for good. Our
  # scripts run a private epmd on loopback; one that apt started, and nobody will stop, is stopped again below.
  epmd_before=$(pgrep -x -u rabbitmq epmd 2>/dev/null || true)
  log "installing with apt: ${packages[*]}"
  started=$SECONDS
  "${sudo[@]}" apt-get update -qq >"$apt_log" 2>&1 || apt_failed "apt-get update failed"
  # Prefer the exact major version this repo was measured with; Debian's "postgresql" metapackage otherwise.
  for i in "${!packages[@]}"; do
    if [[ ${packages[i]} == postgresql ]] && apt-cache show postgresql-15 >/dev/null 2>&1; then
      packages[i]=postgresql-15 # depends on postgresql-client-15 (psql, pg_isready)
    fi
  done
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >>"$apt_log" 2>&1 ||
    apt_failed "apt-get install ${packages[*]} failed"
  # On a systemd host the units are still enabled and would start at the next boot: we never use them.
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    "${sudo[@]}" systemctl disable --now rabbitmq-server.service postgresql.service >/dev/null 2>&1 || true
  fi
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    "${sudo[@]}" systemctl disable --now epmd.socket epmd.service >/dev/null 2>&1 || true
  fi
  for pid in $(pgrep -x -u rabbitmq epmd 2>/dev/null || true); do
    [[ " $epmd_before " == *" $pid "* ]] || "${sudo[@]}" kill "$pid" 2>/dev/null || true
  done
  docker_engine_available || [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || die "rabbitmq-server still missing after apt"
  docker_engine_available || pg_bin_dir >/dev/null || die "PostgreSQL server still missing after apt"
  [[ -x /usr/bin/chromium ]] || die "chromium still missing after apt"
  log "installed ${packages[*]} in $((SECONDS - started)) s"
fi

# Tools pinned in .config/dotnet-tools.json (dotnet-ef). Output only on failure.
if ! out=$(cd "$REPO_ROOT" && DOTNET_NOLOGO=1 dotnet tool restore 2>&1); then
  printf '%s\n' "$out" >&2
  die "dotnet tool restore failed"
fi
