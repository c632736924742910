#!/usr/bin/env bash
# The telemetry pipeline on this machine: Jaeger (the trace store) and the ordertrace collector, on loopback.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

usage() {
  cat <<EOF
Usage: deploy/local/pipeline.sh start|stop|status

Runs the telemetry pipeline of the demo on this machine, bound to 127.0.0.1:

  Jaeger     jaeger/jaeger-local.yaml (Badger)  query API  http://127.0.0.1:\${JAEGER_QUERY_HTTP_PORT:-16686}
  collector  collector-config/otelcol.yaml      OTLP in    127.0.0.1:4317 (gRPC), 127.0.0.1:4318 (HTTP)

  start   builds the binaries if they are not cached yet (tools/otel-binaries.sh: about
          15 minutes the first time, instant afterwards), starts Jaeger, then the collector,
          and waits until both answer.
  stop    stops the collector (it flushes its queue to disk), then Jaeger.
  status  shows what runs and where.

The collector's process environment (GOGC, GOMEMLIMIT) comes from
collector-config/otelcol.env, as in every deployment; a variable already set here wins.

Environment: JAEGER_RETENTION (how long Jaeger keeps spans, default 336h = 14 days; P3 asks
for 7-30 days: 168h-720h), JAEGER_QUERY_HTTP_PORT (default 16686).

Data, logs and pid files: deploy/local/run/pipeline/. Jaeger keeps its data there across
restarts; delete the directory to start empty.
EOF
}

PIPELINE_DIR="$RUN_DIR/pipeline"
JAEGER_QUERY_HTTP_PORT="${JAEGER_QUERY_HTTP_PORT:-16686}"
COLLECTOR_HEALTH_PORT="${COLLECTOR_HEALTH_PORT:-13133}"

binaries() {
  "$REPO_ROOT/tools/otel-binaries.sh" --build >&2 || die "building the collector or Jaeger failed (see above)."
  mapfile -t paths < <("$REPO_ROOT/tools/otel-binaries.sh" --print-paths)
  OTELCOL_BIN="${paths[0]}"
  JAEGER_BIN="${paths[1]}"
}

ensure_port_free() {
  if port_open 127.0.0.1 "$1"; then
    die "port $1 (needed by $2) is already in use (see: ss -ltnp | grep :$1). Stop what uses it, or run 'deploy/local/pipeline.sh stop' if it is an earlier pipeline."
  fi
}

start_jaeger() {
  if pid_alive "$PIPELINE_DIR/jaeger.pid"; then
    info "Jaeger already runs (pid $(cat "$PIPELINE_DIR/jaeger.pid"))"
    return
  fi
  # query HTTP and gRPC, OTLP gRPC and HTTP, own metrics, health
  for port in "$JAEGER_QUERY_HTTP_PORT" 16685 4417 4418 8887 13134; do ensure_port_free "$port" Jaeger; done
  mkdir -p "$PIPELINE_DIR/jaeger-data"
  (
    cd "$PIPELINE_DIR"
    export JAEGER_DATA_DIR="$PIPELINE_DIR/jaeger-data" JAEGER_QUERY_HTTP_PORT
    exec nohup "$JAEGER_BIN" --config="$REPO_ROOT/jaeger/jaeger-local.yaml" \
      > "$PIPELINE_DIR/jaeger.log" 2>&1 < /dev/null
  ) &
  echo $! > "$PIPELINE_DIR/jaeger.pid"
  info "starting Jaeger (pid $!, retention ${JAEGER_RETENTION:-336h}), log: $PIPELINE_DIR/jaeger.log"
  wait_until 90 "Jaeger to be ready" http_ok 127.0.0.1 "$JAEGER_QUERY_HTTP_PORT" /api/services \
    || die "Jaeger did not become ready within 90s; see $PIPELINE_DIR/jaeger.log"
}

# collector_env_defaults FILE: exports each KEY=VALUE line of FILE (collector-config/otelcol.env)
# whose KEY is not set in this environment yet: what the caller sets wins.
collector_env_defaults() {
  local line key
  [ -r "$1" ] || die "$1 is missing: the collector's process environment"
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] || continue
    key="${BASH_REMATCH[1]}"
    [ -n "${!key+set}" ] || export "$key=${BASH_REMATCH[2]}"
  done < "$1"
}

start_collector() {
  if pid_alive "$PIPELINE_DIR/collector.pid"; then
    info "collector already runs (pid $(cat "$PIPELINE_DIR/collector.pid"))"
    return
  fi
  # OTLP in, the internal stage-2 hop, health, RED metrics, own metrics
  for port in 4317 4318 4319 "$COLLECTOR_HEALTH_PORT" 8889 8888; do ensure_port_free "$port" "the collector"; done
  [ -r "$REPO_ROOT/collector-config/otelcol.env" ] || die "collector-config/otelcol.env is missing (the collector's process environment)"
  mkdir -p "$PIPELINE_DIR/collector-queue"
  (
    cd "$PIPELINE_DIR"
    export OTELCOL_STORAGE_DIR="$PIPELINE_DIR/collector-queue"
    # the collector's process environment (GOGC, GOMEMLIMIT), as in every deployment
    collector_env_defaults "$REPO_ROOT/collector-config/otelcol.env"
    exec nohup "$OTELCOL_BIN" --config="$REPO_ROOT/collector-config/otelcol.yaml" \
      > "$PIPELINE_DIR/collector.log" 2>&1 < /dev/null
  ) &
  echo $! > "$PIPELINE_DIR/collector.pid"
  info "starting the collector (pid $!), log: $PIPELINE_DIR/collector.log"
  wait_until 60 "the collector to be ready" http_ok 127.0.0.1 "$COLLECTOR_HEALTH_PORT" / \
    || die "the collector did not become ready within 60s; see $PIPELINE_DIR/collector.log"
}

# stop_process <name> <grace-seconds>: SIGTERM, then SIGKILL after the grace period.
stop_process() {
  local name="$1" grace="$2" pidfile="$PIPELINE_DIR/$1.pid" pid waited=0
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return
  fi
  pid="$(cat "$pidfile")"
  info "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && (( waited < grace )); do sleep 1; waited=$((waited + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    info "$name did not exit after ${grace}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

status() {
  local name port path
  for entry in "Jaeger:jaeger:$JAEGER_QUERY_HTTP_PORT:/api/services" "collector:collector:$COLLECTOR_HEALTH_PORT:/"; do
    IFS=: read -r name file port path <<< "$entry"
    if pid_alive "$PIPELINE_DIR/$file.pid" && http_ok 127.0.0.1 "$port" "$path"; then
      info "$name: up (pid $(cat "$PIPELINE_DIR/$file.pid")), log $PIPELINE_DIR/$file.log"
    else
      info "$name: down"
    fi
  done
}

case "${1:-}" in
  start)
    mkdir -p "$PIPELINE_DIR"
    binaries
    start_jaeger
    start_collector
    info "Jaeger:    http://127.0.0.1:$JAEGER_QUERY_HTTP_PORT (query API: /api/services, /api/traces?service=..&tags=.., /api/traces/<id>)"
    info "collector: OTLP 127.0.0.1:4317 (gRPC), http://127.0.0.1:4318 (HTTP); RED metrics http://127.0.0.1:8889/metrics"
    ;;
  stop)
    stop_process collector 20
    stop_process jaeger 15
    info "pipeline stopped"
    ;;
  status) status ;;
  -h|--help) usage ;;
  "") usage >&2; exit 2 ;;
  *) die "unknown command '$1' (expected start, stop or status; see --help)" ;;
esac
