#!/usr/bin/env bash
# A throw-away S3-compatible store on loopback for the archive tests (collector-config/
# otelcol-archive.yaml, bin/ordertrace find --archive): moto's server (PyPI `moto[server]`, pinned
# below), in its own virtualenv under the ordertrace cache. NOT for production: it keeps objects
# in memory and checks no credentials.
set -euo pipefail

MOTO_VERSION=5.1.22
venv="${XDG_CACHE_HOME:-$HOME/.cache}/ordertrace/moto-${MOTO_VERSION}"

usage() {
  cat <<USAGE
Usage: deploy/local/s3-test-server.sh --install | PORT | --help

  --install   create the virtualenv with moto[server]==${MOTO_VERSION} if missing
              (in ${venv}) and print moto_server's path
  PORT        install if needed, then run the S3 API on 127.0.0.1:PORT in the foreground
  --help      this text
USAGE
}

# Arguments first, before anything is installed.
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  --install) mode=install ;;
  '') usage >&2; exit 2 ;;
  *)
    [[ "$1" =~ ^[0-9]+$ ]] && (( $1 >= 1 && $1 <= 65535 )) \
      || { echo "s3-test-server.sh: '$1' is not a port (1-65535); see --help" >&2; exit 2; }
    mode=run; port="$1" ;;
esac
[[ $# -le 1 ]] || { echo "s3-test-server.sh: one argument expected, got $#; see --help" >&2; exit 2; }

if [[ ! -f "$venv/.installed" ]]; then
  py=$(command -v python3) || { echo "s3-test-server.sh: python3 not found (apt-get install python3 python3-venv)" >&2; exit 1; }
  echo "s3-test-server.sh: installing moto[server]==${MOTO_VERSION} into $venv (once)..." >&2
  rm -rf "$venv"
  "$py" -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check "moto[server]==${MOTO_VERSION}" >&2 \
    || { rm -rf "$venv"; echo "s3-test-server.sh: pip install moto[server]==${MOTO_VERSION} failed" >&2; exit 1; }
  touch "$venv/.installed"
fi
if [[ "$mode" == install ]]; then
  echo "$venv/bin/moto_server"
  exit 0
fi
exec "$venv/bin/moto_server" -H 127.0.0.1 -p "$port"
