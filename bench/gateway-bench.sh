#!/usr/bin/env bash
# gateway-bench.sh: throughput of the trace access gateway on a cached trace fetch, and the
# latency it adds over asking Jaeger directly. Loopback only, bounded in time; starts its own
# Jaeger (in memory) and gateway on free ports and stops them on exit. Results: docs/performance.md
# section "Gateway overhead".
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/gateway-bench.sh [--duration SECONDS] [--connections N] [--jar PATH] [--jaeger PATH]

Measures, with wrk, GET /api/traces/<id> of one stored order trace (3 spans):
  1. straight from Jaeger's query API (the baseline),
  2. through the gateway as a developer (authenticate, policy, proxy, audit line fsync'd),
  3. through the gateway as Support (as 2, plus parsing the trace to check its order.id),
  4. as 2, with the audit log on stdout (flushed, no fsync): what the disk sync costs,
after warming the gateways' JIT up (8 s per gateway and role), and prints requests per second and latency percentiles, and the latency the gateway adds.

  --duration SECONDS   measured time per target, 1-120 (default 10; plus a 5 s warm-up)
  --connections N      concurrent keep-alive connections, 1-64 (default 8)
  --jar PATH           the gateway jar (default gateway/target/ordertrace-gateway.jar;
                       build it with ./mvnw -B -q -pl gateway -am -DskipTests package)
  --jaeger PATH        the Jaeger binary (default: the one tools/otel-binaries.sh caches)
  --help               this text

Needs: java 17, wrk, curl, python3 (free ports). Everything listens on 127.0.0.1 only.
USAGE
}

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=10
WARMUP=5
CONNECTIONS=8
JAR="$REPO_ROOT/gateway/target/ordertrace-gateway.jar"
JAEGER=""

die() { echo "gateway-bench: $*" >&2; exit 2; }
is_int() { [[ "$1" =~ ^[0-9]+$ ]]; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --duration) [[ $# -ge 2 ]] || die "--duration needs a value"; DURATION="$2"; shift 2 ;;
    --connections) [[ $# -ge 2 ]] || die "--connections needs a value"; CONNECTIONS="$2"; shift 2 ;;
    --jar) [[ $# -ge 2 ]] || die "--jar needs a value"; JAR="$2"; shift 2 ;;
    --jaeger) [[ $# -ge 2 ]] || die "--jaeger needs a value"; JAEGER="$2"; shift 2 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

# ---- validate everything before starting anything ----
is_int "$DURATION" && (( DURATION >= 1 && DURATION <= 120 )) || die "--duration must be 1-120 seconds, got '$DURATION'"
is_int "$CONNECTIONS" && (( CONNECTIONS >= 1 && CONNECTIONS <= 64 )) || die "--connections must be 1-64, got '$CONNECTIONS'"
for tool in java wrk curl python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install $tool)"
done
[[ -f "$JAR" ]] || die "no gateway jar at $JAR; build it: ./mvnw -B -q -pl gateway -am -DskipTests package"
if [[ -z "$JAEGER" ]]; then
  source "$REPO_ROOT/tools/versions.env"
  JAEGER="$HOME/.cache/ordertrace/bin/jaeger-${JAEGER_VERSION}/jaeger"
fi
[[ -x "$JAEGER" ]] || die "no Jaeger binary at $JAEGER; build it: tools/otel-binaries.sh"
JAEGER_CONFIG="$REPO_ROOT/jaeger/jaeger-memory.yaml"
[[ -f "$JAEGER_CONFIG" ]] || die "missing $JAEGER_CONFIG"

# ---- set up ----
WORK="$(mktemp -d -t gateway-bench.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

read -r P_QUERY P_GRPC P_OTLP_GRPC P_OTLP_HTTP P_METRICS P_HEALTH P_GATEWAY P_NOSYNC < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(8)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()')

wait_for() { # url, what, seconds, [curl args...]
  local url="$1" what="$2" seconds="$3"; shift 3
  for _ in $(seq 1 $((seconds * 5))); do
    if curl -fsS -o /dev/null "$@" "$url" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  die "$what did not answer at $url within ${seconds}s (logs in $WORK)"
}

echo "gateway-bench: starting Jaeger (memory) on 127.0.0.1:$P_QUERY" >&2
JAEGER_HOST=127.0.0.1 JAEGER_QUERY_HTTP_PORT=$P_QUERY JAEGER_QUERY_GRPC_PORT=$P_GRPC \
  JAEGER_OTLP_GRPC_PORT=$P_OTLP_GRPC JAEGER_OTLP_HTTP_PORT=$P_OTLP_HTTP JAEGER_METRICS_PORT=$P_METRICS \
  JAEGER_HEALTH_PORT=$P_HEALTH JAEGER_LOG_LEVEL=warn \
  "$JAEGER" --config="$JAEGER_CONFIG" >"$WORK/jaeger.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$P_QUERY/api/services" "Jaeger" 60

TRACE_ID="5b8efff798038103d269b633813fc60c"
NOW_NS="$(date +%s%N)"
span() { # span id, parent, name, service-less attributes json
  printf '{"traceId":"%s","spanId":"%s",%s"name":"%s","kind":2,"startTimeUnixNano":"%s","endTimeUnixNano":"%s","attributes":%s}' \
    "$TRACE_ID" "$1" "${2:+\"parentSpanId\":\"$2\",}" "$3" "$NOW_NS" "$((NOW_NS + 5000000))" "$4"
}
ORDER_ATTR='[{"key":"order.id","value":{"stringValue":"BENCH-1"}},{"key":"order.stage","value":{"stringValue":"created"}}]'
BODY="{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"shop-api\"}}]},\"scopeSpans\":[{\"spans\":[$(span 1000000000000001 "" "POST /api/orders" "$ORDER_ATTR"),$(span 1000000000000002 1000000000000001 "SELECT orders" '[{"key":"db.system","value":{"stringValue":"postgresql"}}]'),$(span 1000000000000003 1000000000000001 "publish order.created" "$ORDER_ATTR")]}]}]}"
curl -fsS -o /dev/null -H 'Content-Type: application/json' --data "$BODY" "http://127.0.0.1:$P_OTLP_HTTP/v1/traces" \
  || die "Jaeger refused the OTLP trace"
wait_for "http://127.0.0.1:$P_QUERY/api/traces/$TRACE_ID" "the stored trace" 30

SECRET="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# The secret stays off every command line (ps, /proc/<pid>/cmdline): the gateway reads it from a
# file, curl its headers with -H @file, wrk from a Lua script that reads the same file.
( umask 077
  printf '%s' "$SECRET" >"$WORK/secret"
  for role in developer support; do
    printf 'X-Ordertrace-Gateway-Secret: %s\nX-Grafana-User: bench\nX-Ordertrace-Role: %s\n' "$SECRET" "$role" >"$WORK/headers-$role"
  done
  cat >"$WORK/headers.lua" <<'LUA'
for line in io.lines(os.getenv("BENCH_HEADERS")) do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end
LUA
)
echo "gateway-bench: starting the gateway on 127.0.0.1:$P_GATEWAY" >&2
GATEWAY_LISTEN="127.0.0.1:$P_GATEWAY" GATEWAY_JAEGER_URL="http://127.0.0.1:$P_QUERY" \
  GATEWAY_SHARED_SECRET_FILE="$WORK/secret" GATEWAY_AUDIT_LOG="$WORK/audit.log" \
  java -jar "$JAR" >"$WORK/gateway.out" 2>"$WORK/gateway.err" &
PIDS+=($!)
wait_for "http://127.0.0.1:$P_GATEWAY/api/services" "the gateway" 60 -H "@$WORK/headers-developer"
GATEWAY_LISTEN="127.0.0.1:$P_NOSYNC" GATEWAY_JAEGER_URL="http://127.0.0.1:$P_QUERY" \
  GATEWAY_SHARED_SECRET_FILE="$WORK/secret" \
  java -jar "$JAR" >"$WORK/audit-stdout.log" 2>"$WORK/gateway-nosync.err" &
PIDS+=($!)
wait_for "http://127.0.0.1:$P_NOSYNC/api/services" "the second gateway" 60 -H "@$WORK/headers-developer"

# ---- measure ----
run() { # label, url, [role]
  local label="$1" url="$2" role="${3:-}" args=()
  if [[ -n "$role" ]]; then
    args=(-s "$WORK/headers.lua")
  fi
  BENCH_HEADERS="$WORK/headers-${role:-developer}" \
    wrk -t 2 -c "$CONNECTIONS" -d "${WARMUP}s" "${args[@]}" "$url" >/dev/null    # warm-up (JIT)
  BENCH_HEADERS="$WORK/headers-${role:-developer}" \
    wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --latency "${args[@]}" "$url" >"$WORK/$label.wrk"
  local rps p50 p90 p99 errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$WORK/$label.wrk")"
  p50="$(awk '$1=="50%" {print $2}' "$WORK/$label.wrk")"
  p90="$(awk '$1=="90%" {print $2}' "$WORK/$label.wrk")"
  p99="$(awk '$1=="99%" {print $2}' "$WORK/$label.wrk")"
  errors="$(awk '/Non-2xx/ {print $5}' "$WORK/$label.wrk")"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p90" "$p99" "${errors:-0}"
}

# The gateway's JIT needs longer than one target's warm-up: the first target measured would
# otherwise pay for it. Both roles on both gateways, 8 s each, before anything is measured.
for port in "$P_GATEWAY" "$P_NOSYNC"; do
  for role in developer support; do
    BENCH_HEADERS="$WORK/headers-$role" wrk -t 2 -c "$CONNECTIONS" -d 8s -s "$WORK/headers.lua" \
      "http://127.0.0.1:$port/api/traces/$TRACE_ID" >/dev/null
  done
done

echo
echo "wrk, $CONNECTIONS connections, ${DURATION}s per target, GET /api/traces/<3-span order trace>, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| target | requests/s | p50 | p90 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|"
run "Jaeger directly" "http://127.0.0.1:$P_QUERY/api/traces/$TRACE_ID"
run "gateway, developer" "http://127.0.0.1:$P_GATEWAY/api/traces/$TRACE_ID" developer
run "gateway, support (order.id check)" "http://127.0.0.1:$P_GATEWAY/api/traces/$TRACE_ID" support
run "gateway, developer, audit on stdout" "http://127.0.0.1:$P_NOSYNC/api/traces/$TRACE_ID" developer
echo
echo "audit lines written: $(wc -l <"$WORK/audit.log")"
