#!/usr/bin/env bash
# deploy/certs.sh -- a LOCAL CA and the TLS certificates of the ordertrace hops (S6), for a
# development/test machine or the Compose bundle. Production uses the company PKI instead;
# the file names below are what the configs expect either way.
#
#   deploy/certs/ca.crt, ca.key                 the local CA (keep ca.key private)
#   deploy/certs/grafana.crt, grafana.key       Grafana's HTTPS server (users -> Grafana)
#   deploy/certs/gateway.crt, gateway.key       the trace access gateway's HTTPS server
#   deploy/certs/grafana-client.crt, .key       Grafana's CLIENT certificate for mTLS to the gateway
#   deploy/certs/jaeger.crt, jaeger.key         Jaeger (collector -> Jaeger OTLP, jaeger/jaeger-tls.yaml)
#   deploy/certs/collector.crt, collector.key   the collector's OTLP receivers (agents -> collector)
#
# Server certificates name the Compose service, localhost and 127.0.0.1 (subjectAltName).
# Idempotent: existing files are kept (a certificate is re-issued only when missing or when
# it expires within 30 days); --force re-issues all but the CA. deploy/certs/ is git-ignored.
#
# Usage: deploy/certs.sh [--help] [--force] [--dir DIR] [--days N]
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
DIR="$HERE/certs"
DAYS=397
FORCE=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --force) FORCE=true; shift ;;
    --dir|--days)
      [[ $# -ge 2 && -n "$2" ]] || { echo "certs.sh: $1 needs a value (see --help)" >&2; exit 2; }
      if [[ "$1" == --dir ]]; then DIR="$2"; else DAYS="$2"; fi
      shift 2 ;;
    *) echo "certs.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$DAYS" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "certs.sh: --days '$DAYS': expected 1-9999" >&2; exit 2; }
command -v openssl >/dev/null || { echo "certs.sh: openssl is required" >&2; exit 1; }

mkdir -p "$DIR"
# 711: containers' users may open the files they are given, nobody may list the directory
chmod 711 "$DIR"
umask 077

valid() { # cert still valid for 30 days and signed by our CA
  [[ -f "$1.crt" && -f "$1.key" ]] &&
    openssl x509 -checkend $((30 * 86400)) -noout -in "$1.crt" >/dev/null 2>&1 &&
    openssl verify -CAfile "$DIR/ca.crt" "$1.crt" >/dev/null 2>&1
}

if [[ ! -f "$DIR/ca.crt" || ! -f "$DIR/ca.key" ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "/O=ordertrace/CN=ordertrace local CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$DIR/ca.key" -out "$DIR/ca.crt" 2>/dev/null
  echo "certs.sh: CA created: $DIR/ca.crt"
fi
chmod 644 "$DIR/ca.crt"

# issue NAME USAGE(server|client) SAN
issue() {
  local name="$1" usage="$2" san="$3" base="$DIR/$1" ext
  if [[ "$FORCE" != true ]] && valid "$base"; then
    echo "certs.sh: $name.crt kept (valid)"
    return
  fi
  ext="$(mktemp)"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [[ "$usage" == server ]]; then echo "extendedKeyUsage=serverAuth"; else echo "extendedKeyUsage=clientAuth"; fi
    [[ -n "$san" ]] && echo "subjectAltName=$san"
  } >"$ext"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
    -subj "/O=ordertrace/CN=$name" -keyout "$base.key" -out "$base.csr" 2>/dev/null
  openssl x509 -req -in "$base.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial \
    -days "$DAYS" -sha256 -extfile "$ext" -out "$base.crt" 2>/dev/null
  rm -f "$base.csr" "$ext"
  chmod 644 "$base.crt"
  chmod 600 "$base.key"
  # Grafana's container runs as uid 472 (GRAFANA_UID): it must read its own keys, no one else's
  if [[ "$name" == grafana* && "$(id -u)" == 0 ]]; then
    chown "${GRAFANA_UID:-472}" "$base.key"
  fi
  echo "certs.sh: $name.crt issued ($usage, $san)"
}

LOCAL="DNS:localhost,IP:127.0.0.1"
issue grafana server "DNS:grafana,$LOCAL${GRAFANA_DOMAIN:+,DNS:$GRAFANA_DOMAIN}"
issue gateway server "DNS:gateway,$LOCAL"
issue grafana-client client ""
issue jaeger server "DNS:jaeger,$LOCAL"
issue collector server "DNS:collector,$LOCAL"
echo "certs.sh: certificates in $DIR"
