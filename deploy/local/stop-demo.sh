#!/usr/bin/env bash
# Stops the demo services started by start-demo.sh (by their pid files).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

case "${1:-}" in
  -h|--help)
    cat <<EOF2
Usage: deploy/local/stop-demo.sh

Stops the demo services started by deploy/local/start-demo.sh, using the pid files in
deploy/local/run/ (SIGTERM, then SIGKILL after 20 s). Infrastructure keeps running;
stop it with deploy/local/infra.sh stop.
EOF2
    exit 0 ;;
  "") ;;
  *) die "unknown option '$1' (see --help)" ;;
esac

shopt -s nullglob
pids=("$RUN_DIR"/*.pid)
if (( ${#pids[@]} == 0 )); then
  info "no demo services running (no pid files in deploy/local/run/)"
  exit 0
fi
for f in "${pids[@]}"; do
  svc="$(basename "$f" .pid)"; pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    info "stopping $svc (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
  fi
done
for f in "${pids[@]}"; do
  svc="$(basename "$f" .pid)"; pid="$(cat "$f")"
  waited=0
  while kill -0 "$pid" 2>/dev/null && (( waited < 20 )); do sleep 1; waited=$((waited + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$svc (pid $pid) did not stop in 20s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
done
info "demo services stopped"
