#!/usr/bin/env bash
# Starts Debian's docker-registry on 127.0.0.1 (default port 5000) for the image build, unless one already answers.
#   operator/src/image/registry.sh [PORT]      -> prints the registry's address, e.g. 127.0.0.1:5000
# Its storage and log go below ${VEER_IMAGE_WORK:-/tmp/veer-image}/registry-PORT; stop it with the PID in registry.pid.
set -euo pipefail
port=${1:-5000}
work=${VEER_IMAGE_WORK:-/tmp/veer-image}/registry-$port
if curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1; then
  echo "127.0.0.1:$port"
  exit 0
fi
mkdir -p "$work/storage"
cat > "$work/config.yml" <<CONFIG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
CONFIG
setsid docker-registry serve "$work/config.yml" >"$work/registry.log" 2>&1 < /dev/null &
echo $! > "$work/registry.pid"
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1; then
    echo "127.0.0.1:$port"
    exit 0
  fi
  sleep 0.1
done
echo "docker-registry did not answer on 127.0.0.1:$port; see $work/registry.log" >&2
exit 1
