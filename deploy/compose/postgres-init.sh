#!/usr/bin/env bash
# First start of the Compose PostgreSQL: the crm and mes databases with their own least-privilege
# roles, from the same SQL file deploy/local/infra.sh uses natively.
set -euo pipefail
# Executed by the image (mode 755, no arguments). Were it sourced (a checkout without the x bit),
# "$@" would be the entrypoint's, so arguments are only checked when executed.
[[ "${BASH_SOURCE[0]}" == "$0" ]] && case "${1:-}" in
  -h|--help)
    echo "Usage: (run by the postgres image on its first start, from /docker-entrypoint-initdb.d)"
    echo "Needs POSTGRES_USER, CRM_DB_USER, CRM_DB_PASSWORD, MES_DB_USER, MES_DB_PASSWORD in the environment."
    exit 0 ;;
  "") ;;
  *) echo "postgres-init.sh: takes no arguments, got '$1' (see --help)" >&2; exit 2 ;;
esac
for var in POSTGRES_USER CRM_DB_USER CRM_DB_PASSWORD MES_DB_USER MES_DB_PASSWORD; do
  [[ -n "${!var:-}" ]] || { echo "postgres-init.sh: $var is not set" >&2; exit 1; }
done
for entry in "crm:$CRM_DB_USER:$CRM_DB_PASSWORD" "mes:$MES_DB_USER:$MES_DB_PASSWORD"; do
  IFS=: read -r db role password <<< "$entry"
  # the password reaches psql on stdin (\set), not as -v on its command line (ps)
  local_pw="${password//\\/\\\\}"; local_pw="${local_pw//\'/\'\'}"
  { printf "\\set pw '%s'\n" "$local_pw"; cat /provision/provision-postgres.sql; } \
    | psql -v ON_ERROR_STOP=1 -X -q --username "$POSTGRES_USER" --dbname postgres -v db="$db" -v role="$role"
done
