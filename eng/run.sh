#!/usr/bin/env bash
# THE run command: installs what is missing, then runs the whole platform through the .NET Aspire AppHost.
# Ctrl+C stops everything (DCP removes the AppHost's children).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

"$REPO_ROOT/eng/install.sh"

cat <<'EOT'
UnionPlatform is starting (first run restores packages and takes a while):
  Aspire dashboard     http://localhost:18888
  Gateway              http://localhost:5080
  RabbitMQ management  http://localhost:15672  (guest / guest)
Press Ctrl+C to stop.
EOT
exec dotnet run --project AppHost/AppHost.csproj --launch-profile http
