#!/usr/bin/env bash
# Runs every test of ordertrace on a fresh machine: it installs and starts what the tests need,
# then runs the Maven build with unit and integration tests.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: ./test.sh [--help] [MAVEN_ARGS...]

Runs all tests: unit tests, then integration tests that start real JVMs with the
one-jar agent and real servers (RabbitMQ, PostgreSQL, collector, Jaeger, OpenSearch,
Prometheus, an S3 API) on loopback.
Missing pieces are installed first (Debian packages, Go-built binaries, cached by version).

Extra arguments go to Maven (only options: -pl/-am/-rf/-D.../-P.../-q/-e/-X/-o/-fae/-ff/-T),
e.g.  ./test.sh -pl agent-extension -am
USAGE
}

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  usage
  exit 0
fi

# Arguments are checked before anything is installed or started: only Maven options that select
# or tune tests are passed on (a typo must not cost a package install first).
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    -D?*|-P?*|-T?*|-q|-e|-X|-o|-B|-am|-amd|-fae|-ff|-ntp|--also-make|--fail-at-end|--fail-fast|--offline|--quiet) ;;
    -pl|-rf|-T|--projects|--resume-from)
      (( i + 1 < ${#args[@]} )) || { printf 'test.sh: %s needs a value (see ./test.sh --help)\n' "${args[i]}" >&2; exit 2; }
      i=$((i + 1)) ;;
    *) printf "test.sh: unknown argument '%s'. Pass Maven options such as -pl MODULE -am or -Dit.test=NAME (see ./test.sh --help).\n" "${args[i]}" >&2
       exit 2 ;;
  esac
done

cd "$(dirname "${BASH_SOURCE[0]}")"

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null 2>&1 || fail "java not found. Install a JDK 17 (apt-get install openjdk-17-jdk-headless) and retry."
java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
[[ "${java_major%%.*}" -ge 17 ]] 2>/dev/null || fail "java ${java_major} found; the build needs JDK 17 or newer (set JAVA_HOME or PATH)."

command -v python3 >/dev/null 2>&1 || fail "python3 not found: the S3 test store and the dashboard generator need it (apt-get install python3 python3-venv)."

step "Starting RabbitMQ and PostgreSQL on loopback (installed from Debian on first use)"
deploy/local/infra.sh start

step "Installing Prometheus from Debian if missing (the tests start their own instances)"
deploy/prometheus/install.sh >/dev/null

step "Building the collector and Jaeger from their Go modules (cached by version; ~15 min the first time)"
command -v go >/dev/null 2>&1 || fail "go not found: the collector and Jaeger are built from source. Install Go 1.26 or newer and retry."
tools/otel-binaries.sh --build

step "Go tests of the collector's scrub processor (tables, corpus, fuzz seeds)"
(cd collector-config/processor/scrubprocessor && nice go test ./...)

step "Building and testing with Maven (unit tests, then integration tests)"
./mvnw -B -ntp verify "$@"
