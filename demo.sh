#!/usr/bin/env bash
# The ordertrace demo, end to end, on this machine: build, infrastructure, telemetry pipeline,
# the order-flow services with the agent, some orders (a few of them faulty), and their traces.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: ./demo.sh [start] [--orders N]
       ./demo.sh stop
       ./demo.sh status

start (default)
  1. builds the services and the one-jar agent (./mvnw package, tests skipped)
  2. starts RabbitMQ and PostgreSQL on loopback (installed from Debian on first use)
  3. starts Jaeger (the trace store, Badger on local disk) and the ordertrace collector
     (both built from source on first use, ~15 min)
  4. starts Shop, CRM, MES, Calculation Service and the 3D file store with the agent
  5. places N orders (default 10) through the public Shop API and pushes them towards
     shipping; orders whose id ends in 1 fail in CRM, in 2 are nacked by MES, in 3 are
     dropped by MES, in 4 meet a MES database timeout, in 5 a slow calculation, in 6 are
     acked by MES and silently dropped: lost orders on purpose
  6. prints every order's traces and one latency waterfall with bin/ordertrace
  The stack keeps running so you can explore:  bin/ordertrace find --order <id>

stop     stops everything the demo started (services, collector, Jaeger, RabbitMQ, PostgreSQL)
status   shows what runs

Logs: deploy/local/run/ (services) and deploy/local/run/pipeline/ (collector, Jaeger).
USAGE
}

cd "$(dirname "${BASH_SOURCE[0]}")"
# ten orders in a row end in every digit once, so each injected fault shows up
ORDERS=10
COMMAND=start
STEPS=6

step() { printf '\n[%s/%s] %s\n' "$1" "$STEPS" "$2"; }
fail() { printf 'demo.sh: %s\n' "$*" >&2; exit 1; }

while (( $# > 0 )); do
  case "$1" in
    start|stop|status) COMMAND="$1" ;;
    --orders)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || fail "--orders needs a positive number, e.g. --orders 10"
      ORDERS="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown argument '$1' (see ./demo.sh --help)" ;;
  esac
  shift
done

case "$COMMAND" in
  stop)
    deploy/local/stop-demo.sh
    deploy/local/pipeline.sh stop
    deploy/local/infra.sh stop
    exit 0 ;;
  status)
    deploy/local/infra.sh status || true
    deploy/local/pipeline.sh status || true
    ls deploy/local/run/*.pid >/dev/null 2>&1 && echo "demo services: running (pid files in deploy/local/run/)" \
      || echo "demo services: not running"
    exit 0 ;;
esac

command -v java >/dev/null 2>&1 || fail "java not found: install a JDK 17 (apt-get install openjdk-17-jdk-headless)."
command -v go >/dev/null 2>&1 || fail "go not found: the collector and Jaeger are built from source; install Go 1.26 or newer."

step 1 "Building the services and the one-jar agent (./mvnw package, tests skipped)"
./mvnw -B -q -ntp -DskipTests package || fail "the build failed (output above)."

step 2 "Starting RabbitMQ and PostgreSQL"
deploy/local/infra.sh start

step 3 "Starting Jaeger and the collector"
deploy/local/pipeline.sh start

step 4 "Starting the order-flow services with the agent"
if ls deploy/local/run/*.pid >/dev/null 2>&1; then
  echo "demo services already run; restarting them so the fault settings below apply"
  deploy/local/stop-demo.sh
fi
# lost orders on purpose, keyed on the last digit of the order id
# (the same layout as the tests' DemoStack.faultsByLastDigit)
export CRM_FAIL_ORDER_IDS='\d*1' MES_NACK_ORDER_IDS='\d*2' MES_DROP_ORDER_IDS='\d*3' MES_DB_TIMEOUT_ORDER_IDS='\d*4' \
  CALC_SLOW_ORDER_IDS='\d*5' MES_SILENT_DROP_ORDER_IDS='\d*6' CALC_SLOW_MS=2500
deploy/local/start-demo.sh

step 5 "Placing $ORDERS orders through the Shop API"
driver_out="deploy/local/run/order-driver.txt"
set +e
# faulty orders never reach production: 20 s each is plenty on loopback (the default is 60)
java -jar demo/order-driver/target/order-driver.jar --orders "$ORDERS" --timeout-seconds 20 | tee "$driver_out"
driver_status=${PIPESTATUS[0]}
set -e
case "$driver_status" in
  0) echo "all orders shipped" ;;
  1) echo "some orders did not ship: those are the faulty ones, find out where they stopped below" ;;
  *) fail "the order driver could not run (exit $driver_status); see the message above." ;;
esac
mapfile -t order_ids < <(awk '$1 ~ /^[0-9]+$/ && $2 ~ /^[0-9]+$/ {print $2}' "$driver_out")
(( ${#order_ids[@]} > 0 )) || fail "no order ids in the driver's output ($driver_out)."

step 6 "Each order's traces and journey, from Jaeger"
echo "waiting for the collector's tail sampling and Jaeger to show the last order..."
last="${order_ids[-1]}"
for _ in $(seq 1 60); do
  bin/ordertrace find --order "$last" --since 1h >/dev/null 2>&1 && break
  sleep 2
done
waterfall_trace=""
for id in "${order_ids[@]}"; do
  echo
  echo "=== order $id"
  if out="$(bin/ordertrace find --order "$id" --since 1h 2>&1)"; then
    printf '%s\n' "$out"
    # show the waterfall of the trace that crosses the most services (the approval, usually)
    [[ -n "$waterfall_trace" ]] || waterfall_trace="$(awk '$2 ~ /^[0-9a-f]+$/ && length($2) == 32 {n = gsub(/ > /, "&"); if (n > best) {best = n; id = $2}} END {print id}' <<< "$out")"
  else
    printf '%s\n' "$out"
  fi
done
if [[ -n "$waterfall_trace" ]]; then
  echo
  echo "=== latency waterfall of trace $waterfall_trace"
  bin/ordertrace show "$waterfall_trace" || true
fi

cat <<EOF

The demo keeps running. Try:
  bin/ordertrace find --order ${order_ids[0]}
  bin/ordertrace show <trace id>
  curl -s 'http://127.0.0.1:16686/api/traces?service=shop-api&tags=%7B%22order.id%22%3A%22${order_ids[0]}%22%7D'
Service logs: deploy/local/run/   Pipeline logs: deploy/local/run/pipeline/
Stop everything: ./demo.sh stop
EOF
