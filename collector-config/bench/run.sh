#!/usr/bin/env bash
# Collector benchmark (issue 12, requirement P1): spans per CPU-second of otelcol-ordertrace for
# the no-processor floor, the scrub processor alone, the old OTTL scrub chain, and the full
# gateway (collector-config/otelcol.yaml), each at a fixed offered load and at saturation.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: collector-config/bench/run.sh [options]

Starts otelcol-ordertrace once per configuration and run, offers OTLP/HTTP trace load from a
small Go generator (collector-config/bench/loadgen), and counts from the collector's OWN
metrics (its Prometheus endpoint, :8888 style) what it accepted, refused and exported; the CPU
time is read from /proc/<pid>/stat (user + system) over the load window plus the drain.
Loopback only; every run is bounded by --duration (+ up to 15 s of drain).

Options:
  --configs LIST     comma-separated, from: floor, scrub, legacy, gateway
                     (default: floor,scrub,legacy,gateway)
  --rate N           spans/s offered in the fixed-load runs (default 2000)
  --duration SECS    seconds of load per run (default 20)
  --no-saturation    skip the saturation runs (load offered as fast as it is taken)
  --pii-every N      every N-th span carries PII (default 10; 0 = none)
  --batch N          spans per OTLP request the generator sends, 1..5000 (default 50; the
                     agents' batch span processor sends up to 512 under load)
  --otelcol PATH     the collector binary (default: tools/otel-binaries.sh --print-paths)
  --collector-env F  the collector's process environment, KEY=VALUE lines (default
                     collector-config/otelcol.env: GOGC, GOMEMLIMIT, as every deployment
                     starts it; 'none' = Go's defaults). A variable already set in this
                     environment wins, so GOGC=200 run.sh ... measures a variant.
  --out FILE         write the Markdown results there (default: print only)
  --update-doc       also replace the table between the collector-bench markers in
                     docs/performance.md
  -h, --help         this help

Numbers are only comparable within one run on one machine: the table states the date, CPU,
core count and load average. Run it on a quiet machine for figures to quote.
EOF
}

die() { printf 'collector-bench: %s\n' "$*" >&2; exit 1; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
CONFIGS="floor,scrub,legacy,gateway"
RATE=2000
DURATION=20
SATURATION=1
PII_EVERY=10
BATCH=50
OTELCOL=""
COLLECTOR_ENV="$REPO_ROOT/collector-config/otelcol.env"
OUT=""
UPDATE_DOC=0

while [ $# -gt 0 ]; do
  case "$1" in
    --configs) [ $# -ge 2 ] || die "--configs needs a value"; CONFIGS="$2"; shift 2 ;;
    --rate) [ $# -ge 2 ] || die "--rate needs a value"; RATE="$2"; shift 2 ;;
    --duration) [ $# -ge 2 ] || die "--duration needs a value"; DURATION="$2"; shift 2 ;;
    --no-saturation) SATURATION=0; shift ;;
    --pii-every) [ $# -ge 2 ] || die "--pii-every needs a value"; PII_EVERY="$2"; shift 2 ;;
    --batch) [ $# -ge 2 ] || die "--batch needs a value"; BATCH="$2"; shift 2 ;;
    --otelcol) [ $# -ge 2 ] || die "--otelcol needs a path"; OTELCOL="$2"; shift 2 ;;
    --collector-env) [ $# -ge 2 ] || die "--collector-env needs a file or 'none'"; COLLECTOR_ENV="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a file"; OUT="$2"; shift 2 ;;
    --update-doc) UPDATE_DOC=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

[[ "$RATE" =~ ^[1-9][0-9]*$ ]] || die "--rate must be a positive integer, not '$RATE'"
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] && [ "$DURATION" -le 600 ] || die "--duration must be 1..600 seconds, not '$DURATION'"
[[ "$PII_EVERY" =~ ^[0-9]+$ ]] || die "--pii-every must be a non-negative integer, not '$PII_EVERY'"
[[ "$BATCH" =~ ^[1-9][0-9]*$ ]] && [ "$BATCH" -le 5000 ] || die "--batch must be 1..5000, not '$BATCH'"
# the generator cycles through pre-built requests: ~20,000 distinct spans whatever the batch size
BODIES=$(( 20000 / BATCH )); [ "$BODIES" -ge 8 ] || BODIES=8
IFS=',' read -r -a CONFIG_LIST <<< "$CONFIGS"
[ "${#CONFIG_LIST[@]}" -gt 0 ] || die "--configs is empty"
for c in "${CONFIG_LIST[@]}"; do
  case "$c" in floor|scrub|legacy|gateway) ;; *) die "unknown config '$c' (floor, scrub, legacy, gateway)" ;; esac
done
if [ "$COLLECTOR_ENV" = none ]; then COLLECTOR_ENV=""
else [ -r "$COLLECTOR_ENV" ] || die "--collector-env: cannot read '$COLLECTOR_ENV'"; fi
command -v go >/dev/null || die "Go is needed to build the load generator (see tools/README.md)"
command -v curl >/dev/null || die "curl is needed to read the collector's metrics"
if [ -z "$OTELCOL" ]; then
  OTELCOL="$("$REPO_ROOT/tools/otel-binaries.sh" --print-paths 2>/dev/null | sed -n 1p || true)"
  [ -n "$OTELCOL" ] || die "no collector binary: build it with tools/otel-binaries.sh --build --only collector, or pass --otelcol"
fi
[ -x "$OTELCOL" ] || die "not an executable: $OTELCOL"
"$OTELCOL" components 2>/dev/null | grep -qw scrub \
  || die "$OTELCOL has no scrub processor: rebuild it (tools/otel-binaries.sh --build --only collector)"

# the collector's process environment, loaded as deploy/local/pipeline.sh loads it: every
# KEY=VALUE line whose KEY the caller has not set
ENV_APPLIED=""
if [ -n "$COLLECTOR_ENV" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] || continue
    key="${BASH_REMATCH[1]}"
    [ -n "${!key+set}" ] || export "$key=${BASH_REMATCH[2]}"
  done < "$COLLECTOR_ENV"
fi
for key in GOGC GOMEMLIMIT OTELCOL_MEMORY_LIMIT_MIB OTELCOL_MEMORY_SPIKE_MIB; do
  [ -n "${!key:-}" ] && ENV_APPLIED="$ENV_APPLIED${ENV_APPLIED:+ }$key=${!key}"
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/collector-bench.XXXXXX")"
COLLECTOR_PID=""
cleanup() {
  if [ -n "$COLLECTOR_PID" ] && kill -0 "$COLLECTOR_PID" 2>/dev/null; then
    kill "$COLLECTOR_PID" 2>/dev/null || true
    wait "$COLLECTOR_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # so that EXIT cleans up on Ctrl-C and kill too

say() { printf '[collector-bench] %s\n' "$*" >&2; }

say "building the load generator"
(cd "$HERE/loadgen" && nice go build -o "$WORK/loadgen" .) || die "could not build collector-config/bench/loadgen"

CLK_TCK="$(getconf CLK_TCK)"
cpu_ticks() { # utime + stime of a pid, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
peak_rss_mib() { # the process's peak resident set size so far
  awk '/^VmHWM:/ { printf "%d\n", $2 / 1024 }' "/proc/$1/status"
}

free_port() {
  python3 - <<'PY'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# metric NAME LABEL-FILTER: the sum of the collector's own counter (all series matching)
metric() {
  curl -fsS "http://127.0.0.1:$METRICS_PORT/metrics" 2>/dev/null \
    | awk -v name="$1" -v filter="$2" '
        index($0, name) == 1 && (filter == "" || index($0, filter) > 0) { sum += $NF }
        END { printf "%d\n", sum }'
}

start_collector() { # config-name
  local name="$1" args=()
  HTTP_PORT="$(free_port)"; METRICS_PORT="$(free_port)"
  export BENCH_OTLP_HTTP_PORT="$HTTP_PORT" BENCH_METRICS_PORT="$METRICS_PORT"
  case "$name" in
    floor) args=(--config="$HERE/floor.yaml") ;;
    scrub) args=(--config="$HERE/scrub.yaml") ;;
    legacy) args=(--config="$HERE/legacy-scrub.yaml") ;;
    gateway)
      export OTELCOL_OTLP_HTTP_ENDPOINT="127.0.0.1:$HTTP_PORT"
      export OTELCOL_OTLP_GRPC_ENDPOINT="127.0.0.1:$(free_port)"
      export OTELCOL_STAGE2_ENDPOINT="127.0.0.1:$(free_port)"
      export OTELCOL_HEALTH_ENDPOINT="127.0.0.1:$(free_port)"
      export OTELCOL_PROMETHEUS_ENDPOINT="127.0.0.1:$(free_port)"
      export OTELCOL_SELF_METRICS_PORT="$METRICS_PORT"
      export OTELCOL_STORAGE_DIR="$WORK/queue-$RANDOM"
      export OTELCOL_LOG_LEVEL=warn
      args=(--config="$REPO_ROOT/collector-config/otelcol.yaml" --config="$HERE/gateway-sink.yaml") ;;
  esac
  "$OTELCOL" "${args[@]}" > "$WORK/collector.log" 2>&1 &
  COLLECTOR_PID=$!
  local i
  for i in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$METRICS_PORT/metrics" >/dev/null 2>&1; then return 0; fi
    kill -0 "$COLLECTOR_PID" 2>/dev/null || { tail -20 "$WORK/collector.log" >&2; die "the collector exited ($name)"; }
    sleep 0.2
  done
  tail -20 "$WORK/collector.log" >&2
  die "the collector did not come up ($name)"
}

stop_collector() {
  kill "$COLLECTOR_PID" 2>/dev/null || true
  wait "$COLLECTOR_PID" 2>/dev/null || true
  COLLECTOR_PID=""
}

exported_metric() { # the sink's count: the debug exporter in every config
  metric otelcol_exporter_sent_spans 'exporter="debug"'
}

RESULTS="$WORK/results.tsv"
: > "$RESULTS"

run_one() { # config mode(rate|saturation)
  local name="$1" mode="$2" rate
  rate=$([ "$mode" = saturation ] && echo 0 || echo "$RATE")
  start_collector "$name"
  local t0 c0 gen t1 cm prev now waited c1 acc ref exp rss
  c0="$(cpu_ticks "$COLLECTOR_PID")"; t0="$(date +%s.%N)"
  gen="$("$WORK/loadgen" -url "http://127.0.0.1:$HTTP_PORT/v1/traces" -rate "$rate" \
    -duration "${DURATION}s" -pii-every "$PII_EVERY" -batch "$BATCH" -bodies "$BODIES")"
  t1="$(date +%s.%N)"; cm="$(cpu_ticks "$COLLECTOR_PID")"
  # drain: until the sink stops moving (tail sampling holds undecided traces up to 10 s)
  prev=-1; waited=0
  while [ "$waited" -lt 15 ]; do
    now="$(exported_metric)"
    [ "$now" = "$prev" ] && [ "$name" != gateway ] && break
    [ "$now" = "$prev" ] && [ "$waited" -ge 11 ] && break
    prev="$now"; sleep 1; waited=$((waited + 1))
  done
  c1="$(cpu_ticks "$COLLECTOR_PID")"
  acc="$(metric otelcol_receiver_accepted_spans 'receiver="otlp"')"
  ref="$(metric otelcol_receiver_refused_spans 'receiver="otlp"')"
  exp="$(exported_metric)"
  rss="$(peak_rss_mib "$COLLECTOR_PID")"
  stop_collector
  local cpu cpuload wall
  cpu="$(awk -v a="$c0" -v b="$c1" -v t="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / t }')"
  cpuload="$(awk -v a="$c0" -v b="$cm" -v t="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / t }')"
  wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$mode" "$wall" "$gen" "$acc" "$ref" "$exp" "$cpu" "$cpuload" "$rss" >> "$RESULTS"
  say "$name/$mode: wall ${wall}s, loadgen: $gen; collector: accepted=$acc refused=$ref exported=$exp cpu=${cpu}s (${cpuload}s while loaded) peak RSS ${rss} MiB"
}

# what the machine was doing when the measurements began (the report is written at the end)
STARTED_UTC="$(date -u '+%Y-%m-%d %H:%M')"; LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
for c in "${CONFIG_LIST[@]}"; do
  run_one "$c" rate
  if [ "$SATURATION" -eq 1 ]; then run_one "$c" saturation; fi
done

label() {
  case "$1" in
    floor) echo "floor: receiver → sink, no processor" ;;
    scrub) echo "scrub processor alone" ;;
    legacy) echo "old OTTL chain (transform/scrub + redaction/keys)" ;;
    gateway) echo "full gateway (otelcol.yaml: filter, scrub, persistent queue, tail sampling, span metrics)" ;;
  esac
}

TABLE="$WORK/table.md"
{
  printf 'Run %s-%s on %s, %s cores, load average %s at the start and %s at the end; otelcol-ordertrace %s; %s s per run; every %s-th span with PII; %s spans per request; collector environment: %s.\n\n' \
    "$STARTED_UTC" "$(date -u '+%H:%M UTC')" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" "$(nproc)" \
    "$LOAD_AT_START" "$(cut -d' ' -f1-3 /proc/loadavg)" "$("$OTELCOL" --version 2>/dev/null | awk '{print $NF}')" "$DURATION" "$PII_EVERY" "$BATCH" \
    "${ENV_APPLIED:-Go defaults}"
  echo '| configuration | load | offered spans/s | accepted | refused | exported | collector CPU s (while loaded) | **spans per CPU-second** (while loaded) | accepted spans/s | peak RSS MiB |'
  echo '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|'
  while IFS=$'\t' read -r name mode wall gen acc ref exp cpu cpuload rss; do
    sent="$(sed -n 's/.*sent_spans=\([0-9]*\).*/\1/p' <<< "$gen")"
    awk -v l="$(label "$name")" -v m="$mode" -v w="$wall" -v s="$sent" -v a="$acc" -v r="$ref" -v e="$exp" -v c="$cpu" -v cl="$cpuload" -v rate="$RATE" -v rss="$rss" 'BEGIN {
      offered = (m == "rate") ? rate : sprintf("max (%d)", s / w)
      per = (c > 0) ? sprintf("%d", a / c) : "n/a"
      perl = (cl > 0) ? sprintf("%d", a / cl) : "n/a"
      printf "| %s | %s | %s | %d | %d | %d | %.1f (%.1f) | **%s** (%s) | %d | %d |\n", l, (m == "rate" ? "fixed" : "saturation"), offered, a, r, e, c, cl, per, perl, a / w, rss
    }'
  done < "$RESULTS"
  echo
  echo 'accepted/refused: the OTLP receiver'"'"'s own counters; exported: spans the sink (debug exporter) got (the gateway keeps only what tail sampling keeps). CPU: user+system of the collector from the first offered span until the sink stops moving (tail sampling holds undecided traces up to 10 s), in brackets only while the load was offered.'
} > "$TABLE"

cat "$TABLE"
if [ -n "$OUT" ]; then cp "$TABLE" "$OUT"; say "wrote $OUT"; fi
if [ "$UPDATE_DOC" -eq 1 ]; then
  # shellcheck source=tools/lib/doc-table.sh
  source "$REPO_ROOT/tools/lib/doc-table.sh"
  replace_doc_table "$REPO_ROOT/docs/performance.md" collector-bench "$TABLE" || exit 1
  say "updated docs/performance.md"
fi
