#!/usr/bin/env bash
# Trace store benchmark: ingest rate and order-lookup latency with >= 1 million spans stored,
# on Jaeger v2 + Badger and Jaeger v2 + OpenSearch. Results: docs/performance.md.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$REPO/bench/store-lookup/target/store-lookup.jar"

usage() {
  cat <<'EOF'
Usage: bench/store-lookup.sh [options]

Loads order traces through OTLP/HTTP straight into Jaeger v2 (Badger, OpenSearch or both; each
started from the repository's jaeger/*.yaml on 127.0.0.1), reports the ingest rate, then times
order lookups with bin/ordertrace's own code (store-client: /api/services, then /api/traces?
service=S&tags={"order.id":"X"} per service, 4 at a time, merged) and prints p50/p95/p99. Goal: p95 < 100 ms.
Every lookup's answer is checked (2 traces, 20 spans); the exit code is 1 if any was wrong.

  --store S            badger, opensearch or both (default both)
  --spans N            spans to load per store, 20 per order (default 1000000; 1000-10000000)
  --lookups N          timed lookups of stored orders (default 300; 10-100000); a tenth as many
                       lookups of unknown orders are timed separately
  --senders N          concurrent OTLP senders during the load (default 4; 1-32)
  --work-dir DIR       data of the stores (default bench/store-lookup/target/work), deleted after
  --max-minutes N      give up a store's load after N minutes (default 60; 1-600)
  --opensearch-heap H  heap of the OpenSearch node, e.g. 1g (default 1g)
  --keep               keep the stores' data after the run
  --help               this text

Needs: a JDK 17, the Jaeger binary (tools/otel-binaries.sh builds it). The script builds the
benchmark and the OpenSearch node with Maven when their jars are missing or older than the sources.
A million spans take a few minutes per store and about 1-2 GB of disk each.
EOF
}

die() { echo "store-lookup.sh: $*" >&2; exit 2; }

# Validate every argument before building or starting anything (the Java side checks them again).
args=("$@")
i=0
while (( i < ${#args[@]} )); do
  arg="${args[i]}"
  case "$arg" in
    --help|-h) usage; exit 0 ;;
    --keep) ;;
    --store|--spans|--lookups|--senders|--work-dir|--max-minutes|--opensearch-heap)
      (( i + 1 < ${#args[@]} )) || die "$arg needs a value (see --help)"
      value="${args[i+1]}"
      case "$arg" in
        --store) [[ "$value" =~ ^(badger|opensearch|both)$ ]] || die "--store '$value': expected badger, opensearch or both" ;;
        --spans) [[ "$value" =~ ^[0-9]{4,8}$ ]] && (( value >= 1000 && value <= 10000000 )) || die "--spans '$value': expected 1000-10000000" ;;
        --lookups) [[ "$value" =~ ^[0-9]{2,6}$ ]] && (( value >= 10 && value <= 100000 )) || die "--lookups '$value': expected 10-100000" ;;
        --senders) [[ "$value" =~ ^[0-9]{1,2}$ ]] && (( value >= 1 && value <= 32 )) || die "--senders '$value': expected 1-32" ;;
        --max-minutes) [[ "$value" =~ ^[0-9]{1,3}$ ]] && (( value >= 1 && value <= 600 )) || die "--max-minutes '$value': expected 1-600" ;;
        --opensearch-heap) [[ "$value" =~ ^[1-9][0-9]{0,4}[mg]$ ]] || die "--opensearch-heap '$value': expected e.g. 512m or 1g" ;;
        --work-dir) [[ -n "$value" ]] || die "--work-dir must not be empty" ;;
      esac
      i=$((i + 1)) ;;
    *) die "unknown argument '$arg' (see --help)" ;;
  esac
  i=$((i + 1))
done
command -v java >/dev/null || die "java not found: install a JDK 17"

# Build when a jar is missing or a source is newer (quietly; Maven's own errors show on failure).
stale() { [[ ! -f "$1" ]] || [[ -n "$(find "${@:2}" -newer "$1" -type f -print -quit 2>/dev/null)" ]]; }
NODE_JAR="$REPO/jaeger/opensearch-node/target/opensearch-node.jar"
if stale "$JAR" "$REPO/bench/store-lookup/src/main" "$REPO/bench/store-lookup/pom.xml" "$REPO/test-support/src/main" "$REPO/store-client/src/main" \
   || stale "$NODE_JAR" "$REPO/jaeger/opensearch-node/src/main/java"; then
  echo "building the benchmark and the OpenSearch node (Maven, about a minute)..." >&2
  (cd "$REPO" && ./mvnw -B -ntp -q -pl bench/store-lookup -am -DskipTests package) \
    || die "the Maven build failed (see above)"
fi

exec java -Xmx512m -Dordertrace.repo.root="$REPO" -jar "$JAR" "$@"
