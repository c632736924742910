#!/usr/bin/env bash
# Installs Debian's `prometheus` package if the binary is missing (idempotent; needs root + apt).
#
# The pipeline tests (e2e, io.ordertrace.e2e.pipeline.*IT) start their OWN Prometheus on a free
# loopback port with deploy/prometheus/prometheus.yml; the package's system service is not used.
# Debian's postinst would start that service on 0.0.0.0:9090, so we forbid service starts during
# the install (policy-rc.d) and leave it stopped.
#
# From test.sh:   deploy/prometheus/install.sh
# Prints the binary's path on success.
set -euo pipefail

case "${1:-}" in
  -h|--help)
    echo "Usage: deploy/prometheus/install.sh [--help]"
    echo "Installs Debian's prometheus package if the binary is missing (root + apt; the package's"
    echo "service is not started), then prints the binary's path. Takes no other arguments."
    exit 0 ;;
  "") ;;
  *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac

if command -v prometheus >/dev/null 2>&1; then
  command -v prometheus
  exit 0
fi
[[ "$(id -u)" == 0 ]] || { echo "install.sh: prometheus is missing and installing it needs root (apt-get install prometheus)" >&2; exit 1; }
command -v apt-get >/dev/null || { echo "install.sh: apt-get not found; install Prometheus yourself and put it on PATH" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
created_policy=false
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\n# temporary, deploy/prometheus/install.sh: no service starts during install\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  created_policy=true
fi
cleanup() { if $created_policy; then rm -f "$policy"; fi; }
trap cleanup EXIT

# A stale package list finds nothing or an old version: refresh it once per run.
apt-get update -q >&2
apt-get install -y -q --no-install-recommends prometheus >&2
command -v prometheus
