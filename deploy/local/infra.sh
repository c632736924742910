#!/usr/bin/env bash
# Local infrastructure for the ordertrace demo: PostgreSQL and RabbitMQ on loopback.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

usage() {
  cat <<EOF
Usage: deploy/local/infra.sh start|stop|status

Runs the infrastructure the ordertrace demo services need, on this machine only
(bound to 127.0.0.1):

  start   install postgresql and rabbitmq-server from Debian if missing (needs root and
          apt), start them, wait until they answer, and create - idempotently - the
          RabbitMQ vhost/user/permissions and the PostgreSQL roles and databases
          'crm' and 'mes' (each role owns only its own database).
  stop    stop RabbitMQ and the PostgreSQL cluster.
  status  show whether both are up and reachable.

Settings (ports, vhost, users, local-dev passwords) come from deploy/local/services.env;
an environment variable of the same name overrides the file.
Safe to run repeatedly and from any directory.
EOF
}

RABBIT_CONF=/etc/rabbitmq/rabbitmq.conf
RABBIT_LOG=/var/log/rabbitmq/ordertrace-start.log
START_TIMEOUT="${INFRA_START_TIMEOUT:-120}"

need_root() {
  [[ "$(id -u)" == 0 ]] || die "'$1' needs root (it installs packages and runs services as their system users). Re-run with sudo."
}

apt_install() {
  need_root "installing $*"
  command -v apt-get >/dev/null || die "apt-get not found: this script supports Debian/Ubuntu. Install $* yourself, then re-run."
  info "installing $* from Debian (apt-get update + install, a few minutes on a fresh machine)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q || die "apt-get update failed: check network access to the Debian mirrors."
  apt-get install -y -q --no-install-recommends "$@" || die "apt-get install $* failed (see the output above)."
}

# ---------------------------------------------------------------- PostgreSQL
pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n1; }

pg_ensure_installed() {
  if [[ -z "$(pg_version)" ]] || ! command -v pg_ctlcluster >/dev/null; then
    apt_install postgresql postgresql-contrib
  fi
  [[ -n "$(pg_version)" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql after install."
}

pg_ready() { "/usr/lib/postgresql/$(pg_version)/bin/pg_isready" -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT"; }

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$POSTGRES_PORT" "$@"; }

pg_start() {
  pg_ensure_installed
  local ver; ver="$(pg_version)"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$ver main"; then
    info "creating PostgreSQL $ver cluster 'main'..."
    pg_createcluster "$ver" main --port "$POSTGRES_PORT" >/dev/null
  fi
  # Loopback only, on the configured port (idempotent; takes effect on (re)start).
  # (a conf.d file: pg_conftool mangles quoting of address values)
  pg_conftool "$ver" main remove listen_addresses 2>/dev/null || true
  printf "# Managed by ordertrace deploy/local/infra.sh\nlisten_addresses = '%s'\n" "$POSTGRES_HOST" \
    > "/etc/postgresql/$ver/main/conf.d/ordertrace.conf"
  pg_conftool "$ver" main set port "$POSTGRES_PORT"
  if pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
    info "PostgreSQL $ver/main already running"
  else
    info "starting PostgreSQL $ver/main on $POSTGRES_HOST:$POSTGRES_PORT..."
    pg_ctlcluster "$ver" main start \
      || die "PostgreSQL did not start. Look at /var/log/postgresql/postgresql-$ver-main.log (port $POSTGRES_PORT taken?)."
  fi
  wait_until "$START_TIMEOUT" "PostgreSQL on $POSTGRES_HOST:$POSTGRES_PORT" pg_ready \
    || die "PostgreSQL is not accepting connections on $POSTGRES_HOST:$POSTGRES_PORT after ${START_TIMEOUT}s. See /var/log/postgresql/postgresql-$ver-main.log."
  pg_provision
  info "PostgreSQL ready: databases crm (role $CRM_DB_USER) and mes (role $MES_DB_USER) on $POSTGRES_HOST:$POSTGRES_PORT"
}

pg_provision_db() {
  local db="$1" role="$2" password="$3" local_pw
  # psql reads the file as the postgres user: feed it on stdin, the checkout may not be readable.
  # The password reaches psql on stdin (\set), not as -v on its command line (ps).
  local_pw="${password//\\/\\\\}"; local_pw="${local_pw//\'/\'\'}"
  { printf "\\set pw '%s'\n" "$local_pw"; cat "$LOCAL_DIR/provision-postgres.sql"; } \
    | psql_admin -v db="$db" -v role="$role"
}

pg_provision() {
  pg_provision_db crm "$CRM_DB_USER" "$CRM_DB_PASSWORD"
  pg_provision_db mes "$MES_DB_USER" "$MES_DB_PASSWORD"
}

pg_stop() {
  local ver; ver="$(pg_version)"
  if [[ -z "$ver" ]]; then info "PostgreSQL is not installed"; return; fi
  if pg_lsclusters -h 2>/dev/null | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
    info "stopping PostgreSQL $ver/main..."
    pg_ctlcluster "$ver" main stop
  else
    info "PostgreSQL $ver/main is not running"
  fi
}

# ---------------------------------------------------------------- RabbitMQ
rabbit_running() { rabbitmqctl -q status >/dev/null 2>&1; }

rabbit_configure() {
  mkdir -p /etc/rabbitmq
  local want
  want="# Managed by ordertrace deploy/local/infra.sh: loopback only.
listeners.tcp.default = $RABBITMQ_HOST:$RABBITMQ_PORT
distribution.listener.interface = 127.0.0.1
loopback_users.guest = true
log.file.level = warning"
  if [[ -f "$RABBIT_CONF" ]] && ! grep -q 'Managed by ordertrace' "$RABBIT_CONF"; then
    cp "$RABBIT_CONF" "$RABBIT_CONF.before-ordertrace"
    warn "existing $RABBIT_CONF saved as $RABBIT_CONF.before-ordertrace"
  fi
  if [[ "$(cat "$RABBIT_CONF" 2>/dev/null)" != "$want" ]]; then
    printf '%s\n' "$want" > "$RABBIT_CONF"
    RABBIT_CONF_CHANGED=1
  fi
}

rabbit_start() {
  if ! command -v rabbitmq-server >/dev/null || ! command -v rabbitmqctl >/dev/null; then
    apt_install rabbitmq-server
  fi
  need_root "starting RabbitMQ"
  RABBIT_CONF_CHANGED=0
  rabbit_configure
  # epmd (Erlang port mapper) listens on loopback too.
  export ERL_EPMD_ADDRESS=127.0.0.1
  if rabbit_running && [[ "$RABBIT_CONF_CHANGED" == 1 ]]; then
    info "RabbitMQ configuration changed; restarting it"
    rabbitmqctl -q stop >/dev/null 2>&1 || true
    wait_until 30 "RabbitMQ to stop" bash -c '! rabbitmqctl -q status' || true
  fi
  if rabbit_running; then
    info "RabbitMQ already running"
  else
    info "starting RabbitMQ on $RABBITMQ_HOST:$RABBITMQ_PORT (first start takes ~10-20s; log: $RABBIT_LOG)..."
    mkdir -p "$(dirname "$RABBIT_LOG")"
    # No systemd here: run the server directly, detached from this shell.
    setsid nohup rabbitmq-server >"$RABBIT_LOG" 2>&1 < /dev/null &
  fi
  wait_until "$START_TIMEOUT" "RabbitMQ" rabbit_running \
    || die "RabbitMQ did not come up within ${START_TIMEOUT}s. See $RABBIT_LOG and /var/log/rabbitmq/. Is port $RABBITMQ_PORT taken? (ss -ltnp | grep $RABBITMQ_PORT)"
  wait_until 30 "RabbitMQ AMQP port $RABBITMQ_PORT" port_open "$RABBITMQ_HOST" "$RABBITMQ_PORT" \
    || die "RabbitMQ runs but nothing listens on $RABBITMQ_HOST:$RABBITMQ_PORT. See $RABBIT_LOG."
  rabbit_provision
  info "RabbitMQ ready: amqp://$RABBITMQ_USER@$RABBITMQ_HOST:$RABBITMQ_PORT/$RABBITMQ_VHOST"
}

rabbit_provision() {
  if ! rabbitmqctl -q list_vhosts | grep -qx "$RABBITMQ_VHOST"; then
    rabbitmqctl -q add_vhost "$RABBITMQ_VHOST" >/dev/null
  fi
  # The password goes on rabbitmqctl's stdin (it reads it there when the argument is left out),
  # not on its command line (ps).
  if rabbitmqctl -q list_users | awk '{print $1}' | grep -qx "$RABBITMQ_USER"; then
    printf '%s\n' "$RABBITMQ_PASSWORD" | rabbitmqctl -q change_password "$RABBITMQ_USER" >/dev/null
  else
    printf '%s\n' "$RABBITMQ_PASSWORD" | rabbitmqctl -q add_user "$RABBITMQ_USER" >/dev/null
  fi
  # Least privilege: only the demo's exchanges/queues, only in the demo vhost.
  local names='^(orders(\..*)?|mes\.orders(\..*)?)$'
  rabbitmqctl -q set_permissions -p "$RABBITMQ_VHOST" "$RABBITMQ_USER" "$names" "$names" "$names" >/dev/null
}

rabbit_stop() {
  if ! command -v rabbitmqctl >/dev/null; then info "RabbitMQ is not installed"; return; fi
  if rabbit_running; then
    info "stopping RabbitMQ..."
    rabbitmqctl -q stop >/dev/null
  else
    info "RabbitMQ is not running"
  fi
}

status() {
  local rc=0
  if pg_ready 2>/dev/null; then
    info "PostgreSQL: up on $POSTGRES_HOST:$POSTGRES_PORT"
  else
    info "PostgreSQL: DOWN (run: deploy/local/infra.sh start)"; rc=1
  fi
  if port_open "$RABBITMQ_HOST" "$RABBITMQ_PORT"; then
    info "RabbitMQ:   up on $RABBITMQ_HOST:$RABBITMQ_PORT (vhost $RABBITMQ_VHOST)"
  else
    info "RabbitMQ:   DOWN (run: deploy/local/infra.sh start)"; rc=1
  fi
  return "$rc"
}

main() {
  case "${1:-}" in
    -h|--help|help) usage; exit 0 ;;
    start|stop|status) ;;
    "") die "a command is needed: start, stop or status (see --help)" ;;
    *) die "unknown command '$1' (expected start, stop or status; see --help)" ;;
  esac
  [[ $# -eq 1 ]] || die "one command expected, got $# arguments (see --help)"
  load_services_env
  case "$1" in
    start) need_root start; pg_start; rabbit_start; info "infrastructure is up" ;;
    stop) need_root stop; rabbit_stop; pg_stop ;;
    status) status ;;
  esac
}

main "$@"
