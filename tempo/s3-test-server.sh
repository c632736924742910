#!/usr/bin/env bash
# A throw-away S3-compatible store on loopback for the tempo-s3.yaml tests: moto's server
# (PyPI `moto[server]`, pinned below), in its own virtualenv under the ordertrace cache.
# NOT for production: it keeps objects in memory.
#
#   tempo/s3-test-server.sh --install        # create the venv if missing, print moto_server's path
#   tempo/s3-test-server.sh PORT             # install if needed, then run on 127.0.0.1:PORT (foreground)
set -euo pipefail
MOTO_VERSION=5.1.22
venv="${XDG_CACHE_HOME:-$HOME/.cache}/ordertrace/moto-${MOTO_VERSION}"
if [[ ! -f "$venv/.installed" ]]; then
  py=$(command -v python3) || { echo "s3-test-server.sh: python3 not found" >&2; exit 1; }
  rm -rf "$venv"
  "$py" -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check "moto[server]==${MOTO_VERSION}" >&2 \
    || { rm -rf "$venv"; echo "s3-test-server.sh: pip install moto[server]==${MOTO_VERSION} failed" >&2; exit 1; }
  touch "$venv/.installed"
fi
if [[ "${1:-}" == "--install" ]]; then
  echo "$venv/bin/moto_server"
  exit 0
fi
port="${1:?usage: s3-test-server.sh PORT | --install}"
exec "$venv/bin/moto_server" -H 127.0.0.1 -p "$port"
