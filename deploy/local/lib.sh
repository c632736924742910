# Shared helpers for deploy/local/*.sh. Sourced, not executed.
# shellcheck shell=bash

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"
RUN_DIR="$LOCAL_DIR/run"
SERVICES_ENV="$LOCAL_DIR/services.env"

info() { printf '[%s] %s\n' "$(basename "$0")" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$(basename "$0")" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# Loads deploy/local/services.env into exported shell variables. A variable that is
# already set in the environment wins over the file (same rule as the Java harness).
# ${NAME} references are expanded against what has been loaded so far.
load_services_env() {
  [[ -r "$SERVICES_ENV" ]] || die "cannot read $SERVICES_ENV (is the checkout complete?)"
  local line key value ref
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    [[ "$line" =~ ^([A-Z][A-Z0-9_]*)=(.*)$ ]] || die "$SERVICES_ENV: cannot parse line: $line"
    key="${BASH_REMATCH[1]}"
    value="${BASH_REMATCH[2]}"
    if [[ -n "${!key+x}" ]]; then
      export "${key?}"
      continue
    fi
    while [[ "$value" =~ \$\{([A-Z][A-Z0-9_]*)\} ]]; do
      ref="${BASH_REMATCH[1]}"
      value="${value//\$\{$ref\}/${!ref-}}"
    done
    export "$key=$value"
  done < "$SERVICES_ENV"
}

# service-name -> variable prefix: crm-api -> CRM_API
svc_id() { local s="${1^^}"; printf '%s' "${s//-/_}"; }

# wait_until <timeout-seconds> <description> <command...>: polls once a second, prints progress.
wait_until() {
  local timeout="$1" what="$2"; shift 2
  local waited=0
  until "$@" >/dev/null 2>&1; do
    if (( waited >= timeout )); then
      return 1
    fi
    if (( waited > 0 && waited % 5 == 0 )); then
      info "still waiting for $what (${waited}s of ${timeout}s)..."
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# http_ok <host> <port> <path>: true when GET answers 200 (bash only, no curl needed).
http_ok() {
  local host="$1" port="$2" path="$3" status
  exec 3<>"/dev/tcp/$host/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$path" "$host" "$port" >&3
  IFS= read -r -t 5 status <&3 || true
  # Drain the response so the server is not cut off mid-write.
  while IFS= read -r -t 5 _ <&3; do :; done
  exec 3<&- 3>&- || true
  [[ "$status" == *" 200"* ]]
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
