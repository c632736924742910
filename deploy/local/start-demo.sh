#!/usr/bin/env bash
# Starts the demo order-flow services, each as its own JVM, with the ordertrace agent.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

usage() {
  cat <<EOF2
Usage: deploy/local/start-demo.sh [--no-agent] [--help]

Starts the demo services (payment stub, file store, calculation service, CRM, MES, shop)
as background JVMs, waits until each answers its health check, and prints where each one
listens and where its log is. Logs and pid files: deploy/local/run/. Stop with
deploy/local/stop-demo.sh.

Before: deploy/local/infra.sh start          (PostgreSQL + RabbitMQ)
        ./mvnw -B -DskipTests package         (service jars and the agent)

Options:
  --no-agent   run without -javaagent (no tracing)
  --help       this text

Ports, jars and settings come from deploy/local/services.env; any of them can be
overridden by an environment variable of the same name, e.g.
  OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318 deploy/local/start-demo.sh
  CRM_FAIL_ORDER_IDS='\d*7' deploy/local/start-demo.sh
EOF2
}

USE_AGENT=1
for arg in "$@"; do
  case "$arg" in
    --no-agent) USE_AGENT=0 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$arg' (see --help)" ;;
  esac
done

load_services_env
command -v java >/dev/null || die "java not found on PATH. Install a JDK 17 (apt-get install openjdk-17-jdk-headless) or set PATH."

read -r -a SERVICES <<< "$DEMO_SERVICES"
missing=()
for svc in "${SERVICES[@]}"; do
  id="$(svc_id "$svc")"; jar_var="${id}_JAR"
  [[ -f "$REPO_ROOT/${!jar_var}" ]] || missing+=("${!jar_var}")
done
if (( ${#missing[@]} > 0 )); then
  die "service jar(s) missing: ${missing[*]}. Build them first: (cd $REPO_ROOT && ./mvnw -B -DskipTests package)"
fi
AGENT_PATH="$REPO_ROOT/$AGENT_JAR"
if (( USE_AGENT )) && [[ ! -f "$AGENT_PATH" ]]; then
  die "agent jar missing: $AGENT_JAR. Build it with: (cd $REPO_ROOT && ./mvnw -B -DskipTests package), or start without tracing: $0 --no-agent"
fi

port_open "$POSTGRES_HOST" "$POSTGRES_PORT" || die "PostgreSQL is not reachable on $POSTGRES_HOST:$POSTGRES_PORT. Run: deploy/local/infra.sh start"
port_open "$RABBITMQ_HOST" "$RABBITMQ_PORT" || die "RabbitMQ is not reachable on $RABBITMQ_HOST:$RABBITMQ_PORT. Run: deploy/local/infra.sh start"

mkdir -p "$RUN_DIR/files"
# The payment provider looks external; only these JVMs resolve its name, to loopback. The file
# replaces name resolution for them, so it names this machine too (else no host.name on spans).
HOSTS_FILE="$RUN_DIR/hosts"
printf '127.0.0.1 localhost %s %s\n' "$PAYMENT_HOST" "$(hostname)" > "$HOSTS_FILE"
export FILE_STORE_DIR="${FILE_STORE_DIR:-$RUN_DIR/files}"

# Refuse to start over a running demo or on a taken port, before starting anything.
for svc in "${SERVICES[@]}"; do
  id="$(svc_id "$svc")"; port_var="${id}_PORT"
  if pid_alive "$RUN_DIR/$svc.pid"; then
    die "$svc is already running (pid $(cat "$RUN_DIR/$svc.pid")). Stop the demo first: deploy/local/stop-demo.sh"
  fi
  if port_open 127.0.0.1 "${!port_var}"; then
    die "port ${!port_var} for $svc is already taken by another process (see: ss -ltnp | grep :${!port_var}). Free it or set $port_var to another port."
  fi
done

start_service() {
  local svc="$1" id jar_var port_var jvm_var otel_var
  id="$(svc_id "$svc")"; jar_var="${id}_JAR"; port_var="${id}_PORT"; jvm_var="${id}_JVM_ARGS"; otel_var="${id}_OTEL_NAME"
  local -a cmd=(java)
  read -r -a extra <<< "${!jvm_var:-}"
  cmd+=("${extra[@]}" "-Djdk.net.hosts.file=$HOSTS_FILE")
  local otel_name="${!otel_var:-}"
  if (( USE_AGENT )) && [[ -n "$otel_name" ]]; then
    cmd+=("-javaagent:$AGENT_PATH")
  fi
  cmd+=(-jar "$REPO_ROOT/${!jar_var}")
  (
    cd "$RUN_DIR"
    export OTEL_SERVICE_NAME="${otel_name:-$svc}"
    exec nohup "${cmd[@]}" > "$RUN_DIR/$svc.log" 2>&1 < /dev/null
  ) &
  echo $! > "$RUN_DIR/$svc.pid"
  info "started $svc (pid $!)$( (( USE_AGENT )) && [[ -n "$otel_name" ]] && echo ", traced as $otel_name")"
}

wait_ready() {
  local svc="$1" id port_var health_var waited=0 timeout="${DEMO_START_TIMEOUT:-120}"
  id="$(svc_id "$svc")"; port_var="${id}_PORT"; health_var="${id}_HEALTH"
  until http_ok 127.0.0.1 "${!port_var}" "${!health_var}" 2>/dev/null; do
    if ! pid_alive "$RUN_DIR/$svc.pid"; then
      echo "----- last lines of $RUN_DIR/$svc.log -----" >&2
      tail -n 30 "$RUN_DIR/$svc.log" >&2 || true
      die "$svc exited during start-up (log above). Other services may still run: deploy/local/stop-demo.sh"
    fi
    if (( waited >= timeout )); then
      die "$svc did not become healthy on port ${!port_var} within ${timeout}s; see $RUN_DIR/$svc.log. Stop with deploy/local/stop-demo.sh"
    fi
    if (( waited > 0 && waited % 10 == 0 )); then info "waiting for $svc (${waited}s)..."; fi
    sleep 1; waited=$((waited + 1))
  done
}

export OTEL_RESOURCE_ATTRIBUTES OTEL_EXPORTER_OTLP_ENDPOINT ORDERTRACE_ORDER_ID_SOURCES
if (( USE_AGENT )); then
  info "tracing on: agent $AGENT_JAR, exporting to $OTEL_EXPORTER_OTLP_ENDPOINT"
else
  info "tracing off (--no-agent)"
fi
# Leaf services first; start all, then wait (JVM start-ups overlap).
for svc in "${SERVICES[@]}"; do start_service "$svc"; done
for svc in "${SERVICES[@]}"; do wait_ready "$svc"; done

echo
printf '%-20s %-28s %s\n' SERVICE URL LOG
for svc in "${SERVICES[@]}"; do
  id="$(svc_id "$svc")"; port_var="${id}_PORT"
  printf '%-20s %-28s %s\n' "$svc" "http://127.0.0.1:${!port_var}" "deploy/local/run/$svc.log"
done
echo
info "demo is up. Place orders: java -jar demo/order-driver/target/order-driver.jar --orders 5"
info "stop it with: deploy/local/stop-demo.sh"
