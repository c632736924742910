#!/usr/bin/env bash
# Load benchmark (issue 12, requirement P1): the demo's calculation-service and shop-api with no
# agent, with the upstream OpenTelemetry Java agent of the same version, and with the ordertrace
# one-jar agent (its real configuration, exporting over OTLP to a real collector), side by side
# in interleaved, rotated rounds.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/load/run.sh [options]

For each service and round, starts one JVM per variant in rotated order (round 1: none,
upstream, ordertrace; round 2: upstream, ordertrace, none; ...), warms it up with wrk until
its JIT compilers are quiet (steady state: see --jit-quiet), then measures a fixed-concurrency
wrk run: throughput, p50/p99 latency, CPU microseconds per request
(the JVM's user+system time from /proc/<pid>/stat over the measured window), start-up time (launch
to first healthy answer) and RSS after the run. Prints a table per service with the median
and the spread (min-max) of the per-round ratios ordertrace/upstream and upstream/none.
Everything binds to 127.0.0.1; every run is bounded by the durations below.

Options:
  --services LIST    comma-separated: calculation-service, shop-api (default: both)
  --rounds N         rounds per service (default 3)
  --warmup SECS      minimum wrk warm-up per JVM (default 15)
  --max-warmup SECS  longest warm-up per JVM (default 120); it goes on in 5 s slices after
                     --warmup until the JIT compiler threads used less than --jit-quiet per
                     cent of the JVM's CPU in the last slice. The seconds it took and the JIT
                     share of the measured window are in the table: a JVM that was still
                     compiling would count one-time compilation as per-request cost.
  --jit-quiet PCT    the JIT share that counts as steady state (default 3)
  --duration SECS    measured wrk run per JVM (default 20)
  --connections N    wrk connections (default 8; threads: 2)
  --start-timeout S  seconds a JVM may take to answer its health check (default 600; a
                     Spring Boot JVM with an agent took over 3 minutes on a saturated machine)
  --out FILE         write the Markdown results there
  --update-doc       replace the table between the load-bench markers in docs/performance.md
  --no-build         do not build missing jars (fail instead)
  --ordertrace-jar PATH
                     measure another build of the one-jar agent (e.g. before a change)
  -h, --help         this help

Needs: JDK 17, wrk (Debian package; installed with apt-get when missing and running as root),
the jars (built with ./mvnw when missing), the upstream agent jar (from the local Maven
repository or Maven Central through ./mvnw), and otelcol-ordertrace (tools/otel-binaries.sh).
Numbers compare only within one run: the table states date, CPU, cores and load average.
EOF
}

die() { printf 'load-bench: %s\n' "$*" >&2; exit 1; }
say() { printf '[load-bench] %s\n' "$*" >&2; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
SERVICES="calculation-service,shop-api"
ROUNDS=3
WARMUP=15
MAX_WARMUP=120
JIT_QUIET=3
DURATION=20
CONNECTIONS=8
START_TIMEOUT=600
OUT=""
UPDATE_DOC=0
BUILD=1
ORDERTRACE_JAR_ARG=""

while [ $# -gt 0 ]; do
  case "$1" in
    --services) [ $# -ge 2 ] || die "--services needs a value"; SERVICES="$2"; shift 2 ;;
    --rounds) [ $# -ge 2 ] || die "--rounds needs a value"; ROUNDS="$2"; shift 2 ;;
    --warmup) [ $# -ge 2 ] || die "--warmup needs a value"; WARMUP="$2"; shift 2 ;;
    --max-warmup) [ $# -ge 2 ] || die "--max-warmup needs a value"; MAX_WARMUP="$2"; shift 2 ;;
    --jit-quiet) [ $# -ge 2 ] || die "--jit-quiet needs a value"; JIT_QUIET="$2"; shift 2 ;;
    --duration) [ $# -ge 2 ] || die "--duration needs a value"; DURATION="$2"; shift 2 ;;
    --connections) [ $# -ge 2 ] || die "--connections needs a value"; CONNECTIONS="$2"; shift 2 ;;
    --start-timeout) [ $# -ge 2 ] || die "--start-timeout needs a value"; START_TIMEOUT="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a file"; OUT="$2"; shift 2 ;;
    --update-doc) UPDATE_DOC=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --ordertrace-jar) [ $# -ge 2 ] || die "--ordertrace-jar needs a path"; ORDERTRACE_JAR_ARG="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] && [ "$2" -le "$3" ] || die "$1 must be an integer 1..$3, not '$2'"; }
positive --rounds "$ROUNDS" 20
positive --warmup "$WARMUP" 300
positive --max-warmup "$MAX_WARMUP" 600
positive --jit-quiet "$JIT_QUIET" 100
[ "$MAX_WARMUP" -ge "$WARMUP" ] || die "--max-warmup ($MAX_WARMUP) must not be below --warmup ($WARMUP)"
positive --duration "$DURATION" 300
positive --connections "$CONNECTIONS" 256
positive --start-timeout "$START_TIMEOUT" 3600
IFS=',' read -r -a SERVICE_LIST <<< "$SERVICES"
[ "${#SERVICE_LIST[@]}" -gt 0 ] || die "--services is empty"
for s in "${SERVICE_LIST[@]}"; do
  case "$s" in calculation-service|shop-api) ;; *) die "unknown service '$s' (calculation-service, shop-api)" ;; esac
done
[ -z "$ORDERTRACE_JAR_ARG" ] || [ -f "$ORDERTRACE_JAR_ARG" ] || die "--ordertrace-jar: no such file $ORDERTRACE_JAR_ARG"
command -v java >/dev/null || die "java (JDK 17) is not on PATH"
command -v curl >/dev/null || die "curl is needed"
command -v python3 >/dev/null || die "python3 is needed (free ports, statistics)"

# ------------------------------------------------------------------ prerequisites
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" -eq 0 ] || die "wrk is missing: sudo apt-get install -y wrk"
  say "installing wrk (Debian package)"
  apt-get install -y -q wrk >/dev/null || die "apt-get install wrk failed"
fi

AGENT_VERSION="$(sed -n 's:.*<otel.agent.version>\(.*\)</otel.agent.version>.*:\1:p' "$REPO_ROOT/pom.xml" | head -1)"
[ -n "$AGENT_VERSION" ] || die "no otel.agent.version in the root pom.xml"
M2="${MAVEN_REPO:-$HOME/.m2/repository}"
UPSTREAM_JAR="$M2/io/opentelemetry/javaagent/opentelemetry-javaagent/$AGENT_VERSION/opentelemetry-javaagent-$AGENT_VERSION.jar"
ORDERTRACE_JAR="${ORDERTRACE_JAR_ARG:-$REPO_ROOT/agent-extension/target/ordertrace-javaagent.jar}"
CALC_JAR="$REPO_ROOT/demo/calculation-service/target/calculation-service.jar"
SHOP_JAR="$REPO_ROOT/demo/shop-api/target/shop-api.jar"

if [ ! -f "$UPSTREAM_JAR" ]; then
  [ "$BUILD" -eq 1 ] || die "missing $UPSTREAM_JAR"
  say "fetching io.opentelemetry.javaagent:opentelemetry-javaagent:$AGENT_VERSION"
  (cd "$REPO_ROOT" && ./mvnw -B -q -ntp dependency:get \
    -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$AGENT_VERSION") || die "could not fetch the upstream agent"
fi
missing=()
for jar in "$ORDERTRACE_JAR" "$CALC_JAR" "$SHOP_JAR"; do [ -f "$jar" ] || missing+=("$jar"); done
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$BUILD" -eq 1 ] || die "missing: ${missing[*]} (build: ./mvnw -B -pl agent-extension,demo/calculation-service,demo/shop-api -am -DskipTests package)"
  say "building the agent and the two services (./mvnw package, tests skipped)"
  (cd "$REPO_ROOT" && nice ./mvnw -B -q -ntp -pl agent-extension,demo/calculation-service,demo/shop-api -am -DskipTests package) \
    || die "the Maven build failed"
fi

OTELCOL="$("$REPO_ROOT/tools/otel-binaries.sh" --print-paths 2>/dev/null | sed -n 1p || true)"
if [ -z "$OTELCOL" ] || [ ! -x "$OTELCOL" ]; then
  [ "$BUILD" -eq 1 ] || die "no collector binary (tools/otel-binaries.sh --build --only collector)"
  "$REPO_ROOT/tools/otel-binaries.sh" --build --only collector >&2 || die "could not build the collector"
  OTELCOL="$("$REPO_ROOT/tools/otel-binaries.sh" --print-paths | sed -n 1p)"
fi

# ------------------------------------------------------------------ helpers
WORK="$(mktemp -d "${TMPDIR:-/tmp}/load-bench.XXXXXX")"
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do
    if kill -0 "$p" 2>/dev/null; then kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # so that EXIT cleans up on Ctrl-C and kill too

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
CLK_TCK="$(getconf CLK_TCK)"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
jit_ticks() { # user+system ticks of the JVM's C1/C2 compiler threads
  local t sum=0 comm
  for t in /proc/"$1"/task/*; do
    comm="$(cat "$t/comm" 2>/dev/null)" || continue
    case "$comm" in
      C1\ Compiler*|C2\ Compiler*) sum=$(( sum + $(awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null || echo 0) )) ;;
    esac
  done
  echo "$sum"
}
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
now_ms() { date +%s%3N; }

wait_http() { # pid url timeout-seconds
  local deadline=$(( $(date +%s) + $3 ))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    kill -0 "$1" 2>/dev/null || return 1
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}

stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# ------------------------------------------------------------------ the sink and the stub
SINK_PORT="$(free_port)"
export SINK_OTLP_HTTP_PORT="$SINK_PORT" SINK_METRICS_PORT="$(free_port)"
"$OTELCOL" --config="$HERE/collector-sink.yaml" > "$WORK/sink.log" 2>&1 &
SINK_PID=$!; PIDS+=("$SINK_PID")
wait_http "$SINK_PID" "http://127.0.0.1:$SINK_METRICS_PORT/metrics" 30 || { tail "$WORK/sink.log" >&2; die "the collector sink did not start"; }

CRM_PORT="$(free_port)"
java -Xmx64m "$HERE/CrmStub.java" "$CRM_PORT" > "$WORK/crm.log" 2>&1 &
CRM_PID=$!; PIDS+=("$CRM_PID")
wait_http "$CRM_PID" "http://127.0.0.1:$CRM_PORT/health" 60 || { tail "$WORK/crm.log" >&2; die "the CRM stub did not start"; }

HOSTS_FILE="$WORK/hosts"
echo "127.0.0.1 localhost" > "$HOSTS_FILE"

# ------------------------------------------------------------------ one measurement
RESULTS="$WORK/results.tsv"
: > "$RESULTS"

run_variant() { # service variant round
  local service="$1" variant="$2" round="$3" port jar health url body heap
  port="$(free_port)"
  case "$service" in
    calculation-service)
      jar="$CALC_JAR"; health="/health"; url="http://127.0.0.1:$port/calc/estimate"; heap=-Xmx128m
      body='{"orderId":"100042","items":[{"sku":"RING-001","quantity":1,"unitPrice":12990.00},{"sku":"CHAIN-002","quantity":2,"unitPrice":4500.00}]}' ;;
    shop-api)
      jar="$SHOP_JAR"; health="/actuator/health"; url="http://127.0.0.1:$port/api/orders/100042"; heap=-Xmx256m
      body="" ;;
  esac
  local -a cmd=(java "$heap" -Xms64m "-Djdk.net.hosts.file=$HOSTS_FILE")
  local -a env=(SHOP_API_PORT="$port" CALCULATION_SERVICE_PORT="$port" BIND_HOST=127.0.0.1
    CRM_URL="http://127.0.0.1:$CRM_PORT" CALC_LATENCY_MS=0
    OTEL_SERVICE_NAME="$service" OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT"
    OTEL_RESOURCE_ATTRIBUTES="deployment.environment.name=bench,tenant.id=alexandrite")
  case "$variant" in
    none) ;;
    upstream) cmd+=("-javaagent:$UPSTREAM_JAR") ;;
    ordertrace)
      cmd+=("-javaagent:$ORDERTRACE_JAR")
      # the demo's real configuration (deploy/local/services.env)
      [ "$service" = shop-api ] && cmd+=(-Dordertrace.edge=true)
      env+=(ORDERTRACE_ORDER_ID_SOURCES="path:/api/orders/{id},path:/crm/orders/{id},path:/mes/orders/{id},query:orderId,header:X-Order-Id,message-header:order_id,response-header:X-Order-Id") ;;
  esac
  cmd+=(-jar "$jar")
  local t0 pid
  t0="$(now_ms)"
  env "${env[@]}" "${cmd[@]}" > "$WORK/$service-$variant-$round.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  if ! wait_http "$pid" "http://127.0.0.1:$port$health" "$START_TIMEOUT"; then
    tail -20 "$WORK/$service-$variant-$round.log" >&2
    die "$service ($variant) did not start"
  fi
  local startup=$(( $(now_ms) - t0 ))
  WRK_BODY="$body" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HERE/report.lua" "$url" > /dev/null 2>&1 || true
  # steady state: go on warming up while the JIT compilers take more than JIT_QUIET % of the CPU
  local warmed="$WARMUP" slice_c slice_j c j
  while [ "$warmed" -lt "$MAX_WARMUP" ]; do
    slice_c="$(cpu_ticks "$pid")"; slice_j="$(jit_ticks "$pid")"
    WRK_BODY="$body" wrk -t2 -c"$CONNECTIONS" -d5s -s "$HERE/report.lua" "$url" > /dev/null 2>&1 || true
    warmed=$(( warmed + 5 ))
    c="$(cpu_ticks "$pid")"; j="$(jit_ticks "$pid")"
    [ $(( (j - slice_j) * 100 )) -ge $(( JIT_QUIET * (c - slice_c) )) ] || break
  done
  local c0 c1 j0 j1 out
  c0="$(cpu_ticks "$pid")"; j0="$(jit_ticks "$pid")"
  out="$(WRK_BODY="$body" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$HERE/report.lua" "$url" 2>&1 | grep '^RESULT' || true)"
  c1="$(cpu_ticks "$pid")"; j1="$(jit_ticks "$pid")"
  local rss; rss="$(rss_kib "$pid")"
  stop_pid "$pid"
  [ -n "$out" ] || die "wrk produced no result for $service ($variant)"
  local requests=0 errors=0 non2xx=0 duration_us=0 p50_us=0 p99_us=0
  eval "$(sed 's/^RESULT //' <<< "$out" | tr ' ' '\n' | grep -E '^[a-z0-9_]+=[0-9]+$')"
  requests="${requests:?}"; [ "$requests" -gt 0 ] || die "$service ($variant): no requests completed"
  local bad=$(( errors + non2xx ))
  awk -v s="$service" -v v="$variant" -v r="$round" -v n="$requests" -v bad="$bad" -v d="$duration_us" \
      -v p50="$p50_us" -v p99="$p99_us" -v c="$(( c1 - c0 ))" -v jit="$(( j1 - j0 ))" -v tck="$CLK_TCK" \
      -v st="$startup" -v rss="$rss" -v w="$warmed" 'BEGIN {
    printf "%s\t%s\t%s\t%.1f\t%.3f\t%.3f\t%.1f\t%d\t%d\t%d\t%d\t%.1f\n", s, v, r, n / (d / 1e6), p50 / 1000, p99 / 1000,
      (c / tck) * 1e6 / n, st, rss / 1024, bad, w, (c > 0 ? 100 * jit / c : 0)
  }' >> "$RESULTS"
  say "$service round $round $variant: $(tail -1 "$RESULTS" | cut -f4-12 | tr '\t' ' ') (rps p50ms p99ms cpu_us/req startup_ms rss_mib errors warmup_s jit_pct)"
}

# what the machine was doing when the measurements began (the report is written at the end)
STARTED_UTC="$(date -u '+%Y-%m-%d %H:%M')"; LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
VARIANTS=(none upstream ordertrace)
for service in "${SERVICE_LIST[@]}"; do
  for round in $(seq 1 "$ROUNDS"); do
    for i in 0 1 2; do
      run_variant "$service" "${VARIANTS[$(( (round - 1 + i) % 3 ))]}" "$round"
    done
  done
done

# ------------------------------------------------------------------ report
TABLE="$WORK/table.md"
{
  printf 'Run %s-%s on %s, %s cores, load average %s at the start and %s at the end. JDK %s; agent %s; %s round(s), wrk -t2 -c%s, %s-%ss warm-up (until the JIT took under %s %% of the CPU for 5 s) + %ss measured per JVM.\n\n' \
    "$STARTED_UTC" "$(date -u '+%H:%M UTC')" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" "$(nproc)" \
    "$LOAD_AT_START" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(java -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/')" "$AGENT_VERSION" \
    "$ROUNDS" "$CONNECTIONS" "$WARMUP" "$MAX_WARMUP" "$JIT_QUIET" "$DURATION"
  python3 - "$RESULTS" <<'PY'
import sys, statistics as st
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
data = {}
for s, v, r, rps, p50, p99, cpu, startup, rss, bad, warm, jit in rows:
    data.setdefault(s, {}).setdefault(v, {})[int(r)] = dict(rps=float(rps), p50=float(p50), p99=float(p99),
        cpu=float(cpu), startup=int(startup), rss=int(rss), bad=int(bad), warm=int(warm), jit=float(jit))
def med(xs): return st.median(xs) if xs else float("nan")
for s, variants in data.items():
    print(f"#### {s}\n")
    print("| variant | throughput req/s | p50 ms | p99 ms | CPU µs/request | start-up ms | warm-up s | JIT % of CPU measured | RSS MiB | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for v in ("none", "upstream", "ordertrace"):
        rs = variants.get(v, {}).values()
        if not rs: continue
        f = lambda k: med([x[k] for x in rs])
        print(f"| {v} | {f('rps'):,.0f} | {f('p50'):.2f} | {f('p99'):.2f} | {f('cpu'):.0f} | {f('startup'):,.0f} | {f('warm'):.0f} | {f('jit'):.1f} | {f('rss'):.0f} | {sum(x['bad'] for x in rs)} |")
    print("\nmedians over the rounds; warm-up: seconds of wrk load until the JIT compilers were quiet.\n")
    print("| ratio (per round, then median [min-max]) | throughput | CPU/request | p50 | p99 |")
    print("|---|---|---|---|---|")
    for a, b in (("ordertrace", "upstream"), ("upstream", "none"), ("ordertrace", "none")):
        common = sorted(set(variants.get(a, {})) & set(variants.get(b, {})))
        if not common: continue
        cells = []
        for k in ("rps", "cpu", "p50", "p99"):
            rat = [variants[a][r][k] / variants[b][r][k] for r in common if variants[b][r][k] > 0]
            cells.append(f"**{med(rat):.3f}** [{min(rat):.3f}-{max(rat):.3f}]" if rat else "n/a")
        print(f"| {a} / {b} | " + " | ".join(cells) + " |")
    print()
PY
} > "$TABLE"

cat "$TABLE"
if [ -n "$OUT" ]; then cp "$TABLE" "$OUT"; say "wrote $OUT"; fi
if [ "$UPDATE_DOC" -eq 1 ]; then
  # shellcheck source=tools/lib/doc-table.sh
  source "$REPO_ROOT/tools/lib/doc-table.sh"
  replace_doc_table "$REPO_ROOT/docs/performance.md" load-bench "$TABLE" || exit 1
  say "updated docs/performance.md"
fi
